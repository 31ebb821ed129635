#!/usr/bin/env bash
# Benchmark: `ecs-gate classify` against the seeds' Python filter on the same archive of N events,
# in one run. Prints events/s, peak memory (max RSS) and the ratios. Not a test: numbers vary with
# the machine; compare the ratios.
#
# usage: bench/classify/run.sh [N=1000000]   (N events, 10 or more)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
source "$here/../args.sh"
n=""
for arg in "$@"; do
  case "$arg" in
    -h | --help) bench_help ;;
    -*) bench_usage_error "unknown option '$arg'" ;;
    *) [[ -z "$n" ]] || bench_usage_error "one N at most, not also '$arg'"; n="$arg" ;;
  esac
done
n="${n:-1000000}"
[[ "$n" =~ ^[0-9]+$ ]] && ((10#$n >= 10)) || bench_usage_error "N is a number of events, 10 or more, not '$n'"
n=$((10#$n))
out="$root/bench/out"
mkdir -p "$out"
events="$out/archive-$n.jsonl"
small="$out/archive-$((n / 10)).jsonl"

[[ -f "$events" ]] || { echo "generating $n events ..." >&2; python3 "$here/gen_events.py" "$n" "$events"; }
[[ -f "$small" ]] || python3 "$here/gen_events.py" "$((n / 10))" "$small"
"$root/ecs-gate" --version >/dev/null   # builds the jar if needed, outside the timing

measure() {  # label, command...: prints "seconds maxrss_kb"
  local label="$1"; shift
  /usr/bin/time -f "%e %M" -o "$out/time.$label" "$@" > "$out/stdout.$label"
  cat "$out/time.$label"
}

jar="$root/gate-cli/target/ecs-gate.jar"
read -r gate_s gate_kb < <(measure gate java -Xmx64m -jar "$jar" classify --output json "$events")
read -r gate_small_s gate_small_kb < <(measure gate_small java -Xmx64m -jar "$jar" classify --output json "$small")
read -r seed_s seed_kb < <(measure seed python3 "$here/seed_filter.py" "$events")
read -r seed_small_s seed_small_kb < <(measure seed_small python3 "$here/seed_filter.py" "$small")

gate_alerts=$(grep -c '"alert":true' "$out/stdout.gate" || true)
seed_alerts=$(tail -n 1 "$out/stdout.seed" | awk '{print $3}')
python3 - "$n" "$gate_s" "$gate_kb" "$seed_s" "$seed_kb" "$gate_small_kb" "$seed_small_kb" "$gate_alerts" "$seed_alerts" <<'PY'
import sys
n, gs, gk, ss, sk, gsk, ssk, ga, sa = sys.argv[1:]
n, gs, gk, ss, sk, gsk, ssk = int(n), float(gs), int(gk), float(ss), int(sk), int(gsk), int(ssk)
print(f"classify {n:,} archived events (same file, same run)")
print(f"{'':28}{'events/s':>12}{'peak RSS':>12}{'RSS at N/10':>14}{'alerts':>10}")
print(f"{'ecs-gate classify (-Xmx64m)':28}{n/gs:>12,.0f}{gk/1024:>10.0f}MB{gsk/1024:>12.0f}MB{ga:>10}")
print(f"{'seed Python filter':28}{n/ss:>12,.0f}{sk/1024:>10.0f}MB{ssk/1024:>12.0f}MB{sa:>10}")
print(f"throughput ratio ecs-gate/seed: {ss/gs:.2f}x; memory ratio ecs-gate/seed: {gk/sk:.2f}x;"
      f" ecs-gate RSS growth from N/10 to N: {gk/gsk:.2f}x (constant memory = ~1.0)")
PY
