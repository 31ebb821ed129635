#!/usr/bin/env bash
# Benchmark: `ecs-gate classify --only-alerts` against seed 000's Python decision on the same
# archive of N events, in one run. The anchor is seed_decision.py: one json.loads per line, the
# seed's two EventBridge rules and its Lambda's exclusions, a counter, no print per event;
# seed_filter.py (the same decision plus the print of each event the seed's Lambda logs) is shown
# beside it. ecs-gate runs as plain `java -jar` with the JVM's default flags, and as shipped (the
# ./ecs-gate launcher, which picks classify's JVM flags; its output must be the same). Prints times
# (wall and CPU: ecs-gate reads a large file on every core, the seed on one), peak memory (max RSS)
# at N and at N/5, the ratios, and the machine's load before and after.
# Then checks the verdicts: the file read in blocks on every core must give what the same bytes give
# read line by line on stdin through the classifier's full path (each line gets a \u-escaped extra
# field, which the fast path leaves to the full path): the two outputs of `-o json --only-alerts`
# must be identical, line for line (the source's file name aside); exit 1 if not.
# Not a test: times vary with the machine and its load; compare the ratios.
#
# usage: bench/classify/run.sh [N=1000000]   (N events, 10 or more)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
source "$here/../args.sh"
bench_count_arg n N 1000000 10 events "$@"
out="$root/bench/out"
mkdir -p "$out"
events="$out/archive-$n.jsonl"
small="$out/archive-$((n / 5)).jsonl"

[[ -f "$events" ]] || { echo "generating $n events ..." >&2; python3 "$here/gen_events.py" "$n" "$events"; }
[[ -f "$small" ]] || python3 "$here/gen_events.py" "$((n / 5))" "$small"
"$root/ecs-gate" --version >/dev/null   # builds the jar if needed, outside the timing

measure() {  # label, command...: prints "seconds maxrss_kb cpu_seconds"
  local label="$1"; shift
  /usr/bin/time -f "%e %M %U %S" -o "$out/time.$label" "$@" > "$out/stdout.$label"
  awk '{printf "%s %s %.2f\n", $1, $2, $3 + $4}' "$out/time.$label"
}

jar="$root/gate-cli/target/ecs-gate.jar"
cat "$events" "$small" > /dev/null   # in the page cache for every program alike
load_before=$(cut -d' ' -f1 /proc/loadavg)
read -r gate_s gate_kb gate_cpu < <(measure gate java -jar "$jar" classify --only-alerts "$events")
read -r decision_s decision_kb decision_cpu < <(measure decision python3 "$here/seed_decision.py" "$events")
read -r filter_s filter_kb filter_cpu < <(measure filter python3 "$here/seed_filter.py" "$events")
read -r gate_small_s gate_small_kb _ < <(measure gate_small java -jar "$jar" classify --only-alerts "$small")
# As shipped: the ./ecs-gate launcher (and the job image's wrapper) picks classify's JVM flags.
read -r launcher_s launcher_kb _ < <(measure launcher "$root/ecs-gate" classify --only-alerts "$events")
read -r launcher_small_s launcher_small_kb _ < <(measure launcher_small "$root/ecs-gate" classify --only-alerts "$small")
cmp -s "$out/stdout.gate" "$out/stdout.launcher" \
  || { echo "bench: ./ecs-gate and java -jar printed different output for the same file" >&2; exit 1; }
load_after=$(cut -d' ' -f1 /proc/loadavg)

gate_alerts=$(sed -n 's/^[0-9]* classified: \([0-9]*\) alert.*/\1/p' "$out/stdout.gate")
seed_alerts=$(tail -n 1 "$out/stdout.decision" | awk '{print $3}')
python3 - "$n" "$gate_s" "$gate_kb" "$decision_s" "$decision_kb" "$filter_s" "$gate_small_kb" "$gate_alerts" \
  "$seed_alerts" "$load_before" "$load_after" "$launcher_s" "$launcher_kb" "$launcher_small_kb" \
  "$gate_cpu" "$decision_cpu" "$filter_cpu" <<'PY'
import sys
n, gs, gk, ds, dk, fs, gsk, ga, sa, lb, la, ls, lk, lsk, gc, dc, fc = sys.argv[1:]
n, gs, gk, ds, dk, fs, gsk = int(n), float(gs), int(gk), float(ds), int(dk), float(fs), int(gsk)
ls, lk, lsk, gc, dc, fc = float(ls), int(lk), int(lsk), float(gc), float(dc), float(fc)
print(f"classify {n:,} archived events (same file, same run; load {lb} before, {la} after, {__import__('os').cpu_count()} cores)")
print(f"{'':40}{'seconds':>9}{'CPU s':>8}{'events/s':>12}{'peak RSS':>10}{'alerts':>9}")
print(f"{'ecs-gate classify --only-alerts':40}{gs:>9.2f}{gc:>8.2f}{n/gs:>12,.0f}{gk/1024:>8.0f}MB{ga:>9}")
print(f"{'seed 000 decision (seed_decision.py)':40}{ds:>9.2f}{dc:>8.2f}{n/ds:>12,.0f}{dk/1024:>8.0f}MB{sa:>9}")
print(f"{'seed 000 with its print (seed_filter.py)':40}{fs:>9.2f}{fc:>8.2f}{n/fs:>12,.0f}")
print(f"speed ecs-gate/seed decision: {ds/gs:.2f}x; ecs-gate/seed with print: {fs/gs:.2f}x"
      f" (CPU time: ecs-gate used {gc/dc:.2f}x the decision's)")
print(f"ecs-gate peak RSS: {gsk/1024:.0f} MB at {n//5:,} events, {gk/1024:.0f} MB at {n:,}"
      f" (growth {gk/gsk:.2f}x; constant memory = ~1.0)")
print(f"as shipped, ./ecs-gate classify (the launcher's flags): {ls:.2f} s, {ds/ls:.2f}x the seed decision;"
      f" peak RSS {lsk/1024:.0f} MB at {n//5:,} events, {lk/1024:.0f} MB at {n:,} (growth {lk/lsk:.2f}x)")
print("(the alert counts differ by design: see docs/benchmarks.md)")
PY

# Same verdicts through the full path, line by line: every line carries a field the fast path does
# not take, and stdin is read one line after the other. The file itself is read in blocks on every core.
fast_json="$out/verdicts.fast.jsonl"
full_json="$out/verdicts.full.jsonl"
java -jar "$jar" classify -o json --only-alerts "$events" | sed "s|\"source\":\"$events:|\"source\":\"<stdin>:|" > "$fast_json"
sed 's/^{/{"benchFullPath":"\\u0041",/' "$events" | java -jar "$jar" classify -o json --only-alerts - > "$full_json"
fast_count=$(wc -l < "$fast_json")
full_count=$(wc -l < "$full_json")
if [[ "$fast_count" != "$gate_alerts" ]] || ! cmp -s "$fast_json" "$full_json"; then
  echo "MISMATCH: the fast path on every core alerted on $fast_count events (text run: $gate_alerts), the full path on" \
    "$full_count; first difference: $(cmp "$fast_json" "$full_json" 2>&1 | head -n 1)" >&2
  exit 1
fi
rm -f "$fast_json" "$full_json"
echo "verdicts: fast path in blocks on every core == full path line by line on all $n events ($fast_count alerts, identical JSON)"
