#!/usr/bin/env bash
# Benchmark: time to a deploy verdict, `ecs-gate deploy` against the classic pipeline
# (`aws ecs update-service --force-new-deployment` then `aws ecs wait services-stable`), in one run.
# Each scenario runs on two fresh simulators (one per contender) at TIME_SCALE: 0.05 runs 20 times
# faster than real time (at 50x, 100 ms of real work per poll already costs 5 simulated seconds).
# The awscli waiter reads botocore's own waiter definition with its 15 s delay scaled the same way
# (40 attempts kept); the gate polls every 5 s and times out after 15 min, both scaled. Prints
# verdicts (RIGHT/WRONG against the scenario's expected one), simulated seconds and ratios. Not a
# test: numbers vary with the machine; compare the ratios. Outputs go to bench/out/verdict-latency/.
#
# usage: bench/verdict-latency/run.sh [TIME_SCALE=0.05]
#        bench/verdict-latency/run.sh --report-only [TIME_SCALE]   (re-prints the last run's report)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
source "$here/../args.sh"
report_only=false
scale=""
for arg in "$@"; do
  case "$arg" in
    -h | --help) bench_help ;;
    --report-only) report_only=true ;;
    -*) bench_usage_error "unknown option '$arg'" ;;
    *) [[ -z "$scale" ]] || bench_usage_error "one TIME_SCALE at most, not also '$arg'"; scale="$arg" ;;
  esac
done
scale="${scale:-0.05}"
[[ "$scale" =~ ^([0-9]+\.?[0-9]*|\.[0-9]+)$ ]] && awk -v s="$scale" 'BEGIN { exit !(s > 0) }' \
  || bench_usage_error "TIME_SCALE is a number above 0 (0.05 runs 20x real time), not '$scale'"
out="$root/bench/out/verdict-latency"
jar="$root/gate-cli/target/ecs-gate.jar"
cluster=bench
service=web
# scenario:expected verdict (stable, failed, not-gated)
scenarios=(healthy:stable crash-loop:failed image-pull:failed oom:failed elb-health-check:failed
  circuit-breaker-rollback:failed transient-failure:stable placement-failure:failed classic-load-balancer:stable
  breaker-threshold-1:failed early-success:stable blue-green:stable blue-green-alarm-rollback:failed linear:stable
  canary-crash:failed missing-service:not-gated)

ms() { awk -v s="$scale" -v sec="$1" 'BEGIN { v = sec * 1000 * s; if (v < 1) exit 1; printf "%d", v + 0.5 }'; }
poll_ms=$(ms 5) || bench_usage_error "TIME_SCALE $scale is too small: 5 s would be under 1 ms"
timeout_ms=$(ms 900)
grace_ms=$(ms 60)

if ! $report_only; then
rm -rf "$out"
mkdir -p "$out"
"$root/ecs-gate" --version >/dev/null   # builds the jar if needed, outside the timing

# Dummy credentials, no config files: nothing a developer configured leaks in, nothing real is called.
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1
export AWS_EC2_METADATA_DISABLED=true AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null
unset AWS_PROFILE AWS_SESSION_TOKEN AWS_REGION

# botocore's ServicesStable waiter with its delay scaled like the simulator's clock.
export AWS_DATA_PATH="$out/aws-data"
python3 - "$scale" "$AWS_DATA_PATH/ecs/2014-11-13/waiters-2.json" \
  "$root/ecs-sim/src/test/resources/awscli/ecs-waiters-2.json" <<'PY'
import json, os, sys
scale, target, fallback = float(sys.argv[1]), sys.argv[2], sys.argv[3]
try:
    import botocore
    source = os.path.join(os.path.dirname(botocore.__file__), "data", "ecs", "2014-11-13", "waiters-2.json")
except ImportError:
    source = fallback
waiters = json.load(open(source))
stable = waiters["waiters"]["ServicesStable"]
assert (stable["delay"], stable["maxAttempts"]) == (15, 40), f"{source}: {stable['delay']} s x {stable['maxAttempts']}"
stable["delay"] = 15 * scale
os.makedirs(os.path.dirname(target), exist_ok=True)
json.dump(waiters, open(target, "w"))
PY

sim_pid=""
endpoint=""
stop_sim() {
  if [[ -n "$sim_pid" ]]; then
    kill "$sim_pid" 2>/dev/null || true
    wait "$sim_pid" 2>/dev/null || true
    sim_pid=""
  fi
}
trap stop_sim EXIT
trap 'exit 130' INT TERM

start_sim() {  # scenario, log file: sets sim_pid and endpoint
  : >"$2"
  java -cp "$jar" io.ecsgate.sim.EcsSimulatorMain --port 0 --scenario "$1" --cluster "$cluster" \
    --service "$service" --time-scale "$scale" >"$2" 2>&1 &
  sim_pid=$!
  local deadline=$((SECONDS + 30))
  endpoint=""
  while [[ -z "$endpoint" ]]; do
    if ! kill -0 "$sim_pid" 2>/dev/null || ((SECONDS > deadline)); then
      echo "the simulator did not start: $(cat "$2")" >&2
      exit 1
    fi
    sleep 0.02
    endpoint=$(sed -n 's/^endpoint=//p' "$2")
  done
}

awsjson() { aws "$@" --endpoint-url "$endpoint" --region us-east-1 --output json; }

# One (real epoch, simulated epoch) pair: a RegisterTaskDefinition's registeredAt is the simulator's
# clock when it answered. Its clock runs 1/TIME_SCALE times as fast from there, so any real instant
# converts to simulated time. The fastest of five calls bounds the error to a few simulated ms.
probe_clock() {
  python3 - "$endpoint" <<'PY'
import json, sys, time, urllib.request
body = json.dumps({"family": "bench-clock-probe",
                   "containerDefinitions": [{"name": "probe", "image": "probe:1"}]}).encode()
best = None
for _ in range(5):
    request = urllib.request.Request(sys.argv[1], data=body, headers={
        "X-Amz-Target": "AmazonEC2ContainerServiceV20141113.RegisterTaskDefinition",
        "Content-Type": "application/x-amz-json-1.1",
        "Authorization": "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/ecs/aws4_request"})
    t0 = time.time()
    with urllib.request.urlopen(request) as response:
        answer = json.load(response)
    t1 = time.time()
    if best is None or t1 - t0 < best[0]:
        best = (t1 - t0, (t0 + t1) / 2, answer["taskDefinition"]["registeredAt"])
print(f"{best[1]:.6f} {best[2]}")
PY
}

rows="$out/rows.tsv"
: >"$rows"
for entry in "${scenarios[@]}"; do
  scenario="${entry%%:*}"
  expected="${entry#*:}"
  dir="$out/$scenario"
  mkdir -p "$dir"
  echo "$scenario ..." >&2

  # (a) the classic pipeline: update-service, then the waiter (a failed update-service ends it).
  start_sim "$scenario" "$dir/sim-awscli.log"
  aws_note=""
  aws_rc=0
  a0=$EPOCHREALTIME
  if awsjson ecs update-service --cluster "$cluster" --service "$service" --force-new-deployment \
    >"$dir/update-service.json" 2>"$dir/update-service.err"; then
    awsjson ecs wait services-stable --cluster "$cluster" --services "$service" 2>"$dir/wait.err" || aws_rc=$?
  else
    aws_rc=$?
    aws_note="update-service failed"
  fi
  a1=$EPOCHREALTIME
  if [[ -z "$aws_note" && $aws_rc -ne 0 ]]; then
    if grep -q "Max attempts exceeded" "$dir/wait.err"; then aws_note="max attempts"
    elif grep -q "terminal failure state" "$dir/wait.err"; then aws_note="terminal state"
    else aws_note="error"; fi
  fi
  read -r aws_probe_real aws_probe_sim < <(probe_clock)
  stop_sim

  # (b) ecs-gate deploy on a fresh simulator of the same scenario.
  start_sim "$scenario" "$dir/sim-gate.log"
  gate_rc=0
  g0=$EPOCHREALTIME
  java -jar "$jar" deploy --cluster "$cluster" --service "$service" --endpoint-url "$endpoint" \
    --region us-east-1 --poll-interval "${poll_ms}ms" --timeout "${timeout_ms}ms" --placement-grace "${grace_ms}ms" \
    >"$dir/gate.out" 2>"$dir/gate.err" || gate_rc=$?
  g1=$EPOCHREALTIME
  read -r gate_probe_real gate_probe_sim < <(probe_clock)

  # Afterwards, what the gate's simulator holds: the service and its tasks (ListTasks STOPPED and
  # RUNNING, DescribeTasks in batches of 100). The report finds the gate's deployment (the one that
  # started the first task after the gate did) and the stoppedAt of its failed tasks.
  if [[ "$expected" != not-gated ]]; then
    awsjson ecs describe-services --cluster "$cluster" --services "$service" >"$dir/describe-services.json"
    for status in STOPPED RUNNING; do
      awsjson ecs list-tasks --cluster "$cluster" --service-name "$service" --desired-status "$status"
    done | jq -r '.taskArns[]' >"$dir/task-arns.txt"
    mapfile -t arns <"$dir/task-arns.txt"
    for ((i = 0; i < ${#arns[@]}; i += 100)); do
      awsjson ecs describe-tasks --cluster "$cluster" --tasks "${arns[@]:i:100}"
    done | jq -s '[.[].tasks[]]' >"$dir/tasks.json"
    # The ServiceDeployments: when ours succeeded (finishedAt) or started rolling back (rollback.startedAt).
    mapfile -t sds < <(awsjson ecs list-service-deployments --cluster "$cluster" --service "$service" \
      | jq -r '.serviceDeployments[].serviceDeploymentArn')
    if ((${#sds[@]})); then
      awsjson ecs describe-service-deployments --service-deployment-arns "${sds[@]:0:20}" >"$dir/service-deployments.json"
    fi
  fi
  stop_sim

  aws_note="${aws_note// /_}"
  echo "$scenario $expected $aws_rc ${aws_note:--} $a0 $a1 $aws_probe_real $aws_probe_sim" \
    "$gate_rc $g0 $g1 $gate_probe_real $gate_probe_sim" >>"$rows"
done
fi

python3 - "$scale" "$out" <<'PY'
import json, os, sys

scale, out = float(sys.argv[1]), sys.argv[2]
GATE = {0: "stable", 1: "failed", 2: "timed out", 3: "not-gated"}
FAILED_TASKS = ("crash-loop", "oom", "elb-health-check", "canary-crash")  # the gate counts to its threshold
FIRST_TASK = ("image-pull",)  # a failure retrying cannot fix: decided at the first task
GRACE = 60  # --placement-grace, simulated seconds


def load(scenario, name):
    path = os.path.join(out, scenario, name)
    return json.load(open(path)) if os.path.exists(path) and os.path.getsize(path) > 0 else None


class Clock:
    """Converts real epoch instants to the simulator's clock, from one probed pair."""
    def __init__(self, real, simulated):
        self.real, self.simulated = float(real), float(simulated)

    def __call__(self, real):
        return self.simulated + (float(real) - self.real) / scale


def gate_deployment(scenario, started):
    """The gate's deployment (id, createdAt or None) and its tasks: the deployment whose task was
    created first after the gate started (the gate's UpdateService comes before any other)."""
    services, tasks = load(scenario, "describe-services.json"), load(scenario, "tasks.json")
    if not services or not services["services"] or tasks is None:
        return None, None, []
    service = services["services"][0]
    new = sorted((t for t in tasks if t["createdAt"] >= started), key=lambda t: t["createdAt"])
    if not new:
        # No task of it was ever placed: the deployment created after the gate started, if listed.
        fresh = [d for d in service["deployments"] if d["createdAt"] >= started]
        return (service, min(d["createdAt"] for d in fresh), []) if fresh else (None, None, [])
    ours = new[0]["startedBy"]
    created = next((d["createdAt"] for d in service["deployments"] if d["id"] == ours), None)
    return service, created, [t for t in tasks if t["startedBy"] == ours]


def ours_sd(scenario, started):
    """Our ServiceDeployment: the newest created after the gate started."""
    sds = load(scenario, "service-deployments.json")
    if not sds:
        return None
    mine = [d for d in sds["serviceDeployments"] if d["createdAt"] >= started]
    return max(mine, key=lambda d: d["createdAt"]) if mine else None


def target(scenario, r, service, created, ours, started):
    """(what the verdict waits on, when it happened (simulated, from createdAt), the allowance) or None."""
    if created is None:
        return None
    stopped = sorted(t["stoppedAt"] for t in ours if "stoppedAt" in t)
    if scenario in FIRST_TASK and stopped:
        return ("1st failed task stopped", stopped[0] - created, 10)
    if scenario == "placement-failure" and service:
        placed = sorted(e["createdAt"] for e in service["events"] if "was unable to place a task" in e["message"]
                        and e["createdAt"] >= started)
        if placed:
            return ("placement event + grace", placed[0] - created + GRACE, 10)
    sd = ours_sd(scenario, started)
    if sd and sd.get("rollback", {}).get("startedAt"):
        return ("rollback requested", sd["rollback"]["startedAt"] - created, 10)
    if sd and sd["status"] == "SUCCESSFUL" and sd.get("finishedAt"):
        return ("SUCCESSFUL", sd["finishedAt"] - created, 10)
    return None


results = []
for line in open(os.path.join(out, "rows.tsv")):
    (scenario, expected, aws_rc, aws_note, a0, a1, apr, aps, gate_rc, g0, g1, gpr, gps) = line.split()
    aws_clock, gate_clock = Clock(apr, aps), Clock(gpr, gps)
    aws_rc, gate_rc = int(aws_rc), int(gate_rc)
    aws_verdict = "success" if aws_rc == 0 else "failure"
    gate_verdict = GATE.get(gate_rc, f"exit {gate_rc}")
    r = dict(scenario=scenario, expected=expected,
             aws=aws_verdict + ("" if aws_note == "-" else f" ({aws_note.replace('_', ' ')})"),
             aws_s=(float(a1) - float(a0)) / scale, aws_right=(aws_verdict == "success") == (expected == "stable"),
             gate=gate_verdict, gate_s=(float(g1) - float(g0)) / scale, gate_right=gate_verdict == expected,
             aws_net=None, aws_startup=None, gate_net=None, gate_startup=None, threshold=None, nth=None)
    update = load(scenario, "update-service.json")
    if update:
        created = next(d["createdAt"] for d in update["service"]["deployments"] if d["status"] == "PRIMARY")
        r["aws_net"], r["aws_startup"] = aws_clock(a1) - created, created - aws_clock(a0)
    service, created, ours = gate_deployment(scenario, gate_clock(g0))
    if created is not None:
        r["gate_net"], r["gate_startup"] = gate_clock(g1) - created, created - gate_clock(g0)
        if scenario in FAILED_TASKS:
            r["threshold"] = max(3, min(200, (service["desiredCount"] + 1) // 2))
            stopped = sorted(t["stoppedAt"] for t in ours if "stoppedAt" in t)
            if len(stopped) >= r["threshold"]:
                r["nth"] = stopped[r["threshold"] - 1] - created
    r["target"] = target(scenario, r, service, created, ours, gate_clock(g0))
    results.append(r)

mark = lambda ok: "RIGHT" if ok else "WRONG"
secs = lambda v: "-" if v is None else f"{v:.0f} s"
print(f"time to a deploy verdict, in simulated seconds (time scale {scale:g}: {1 / scale:g}x faster than real"
      " time; ecs-gate polls every 5 s, the awscli waiter every 15 s, 40 times)")
print("\nwall time from before update-service / deploy to exit (process start-up included)")
print(f"{'scenario':<26}{'expected':<11}{'awscli pipeline':<31}{'':<14}{'ecs-gate deploy':<25}{'awscli/gate':>11}")
for r in results:
    print(f"{r['scenario']:<26}{r['expected']:<11}{r['aws']:<31}{r['aws_s']:>6.0f} s  {mark(r['aws_right'])}  "
          f"{r['gate']:<10}{r['gate_s']:>6.0f} s  {mark(r['gate_right'])}  {r['aws_s'] / r['gate_s']:>9.1f}x")
print(f"right verdicts: ecs-gate {sum(r['gate_right'] for r in results)}/{len(results)},"
      f" awscli pipeline {sum(r['aws_right'] for r in results)}/{len(results)}"
      " (the awscli by exit code: 'max attempts' is its 10-minute limit)")

print("\nfrom the deployment's createdAt to exit (process start-up excluded); beside it, what the verdict waits on"
      " and how long\nafter it the gate exited: the threshold-th failed task (ListTasks STOPPED + DescribeTasks"
      " stoppedAt), the first one for\na failure retrying cannot fix, the placement event plus the grace, the"
      " ServiceDeployment's rollback or SUCCESSFUL")
print(f"{'scenario':<26}{'awscli':>8}{'ecs-gate':>10}{'awscli/gate':>13}   {'what it waits on':<38}"
      f"{'gate exit after it':<20}{'within 2 polls (10 s)'}")
for r in results:
    ratio = "-" if r["aws_net"] is None or r["gate_net"] is None else f"{r['aws_net'] / r['gate_net']:.1f}x"
    line = f"{r['scenario']:<26}{secs(r['aws_net']):>8}{secs(r['gate_net']):>10}{ratio:>13}"
    if r["nth"] is not None:
        gap = r["gate_net"] - r["nth"]
        line += f"   {'#%d failed task at %.1f s' % (r['threshold'], r['nth']):<38}{'%.1f s' % gap:<20}{'yes' if gap <= 10 else 'NO'}"
    elif r["target"] is not None and r["gate_net"] is not None:
        what, at, allowed = r["target"]
        gap = r["gate_net"] - at
        line += f"   {what + ' at %.1f s' % at:<38}{'%.1f s' % gap:<20}{'yes' if gap <= allowed else 'NO'}"
    elif r["scenario"] in FAILED_TASKS:
        line += "   threshold-th failure not found"
    elif r["gate_net"] is None and r["expected"] != "not-gated":
        line += "   (the gate's deployment is gone: ECS removed it after the rollback)"
    print(line)

if any(r["nth"] is not None and r["gate_net"] < r["nth"] for r in results):
    print("a negative gap: the gate counts a task once ECS has set it to stop (desiredStatus STOPPED), before"
          " its stoppedAt")
gate_startups = [r["gate_startup"] for r in results if r["gate_startup"] is not None]
aws_startups = [r["aws_startup"] for r in results if r["aws_startup"] is not None]
if gate_startups and aws_startups:
    print(f"\nprocess start-up to UpdateService, simulated (1 real second = {1 / scale:g} s): ecs-gate's JVM"
          f" {min(gate_startups):.0f}-{max(gate_startups):.0f} s, awscli update-service"
          f" {min(aws_startups):.0f}-{max(aws_startups):.0f} s")
PY
