#!/usr/bin/env bash
# Cold local invocation of the Lambda on one stopped-task event, process start to payload ready,
# beside the seed 000 Python handler run the same way (a fresh process that imports the handler
# and calls it once). ecs-gate runs its local entry point with --dry-run: the payload is the
# Slack message it prints. The seed's payload is its PutLogEvents call, made to moto_server.
# Also reports the shaded jar's size.
#
# usage: bench/lambda-cold/run.sh [RUNS=7]   (fresh processes per side, 1 or more)
set -euo pipefail
source "$(dirname "$0")/../args.sh"
RUNS=""
for arg in "$@"; do
  case "$arg" in
    -h | --help) bench_help ;;
    -*) bench_usage_error "unknown option '$arg'" ;;
    *) [[ -z "$RUNS" ]] || bench_usage_error "one RUNS at most, not also '$arg'"; RUNS="$arg" ;;
  esac
done
RUNS="${RUNS:-7}"
[[ "$RUNS" =~ ^[0-9]+$ ]] && ((10#$RUNS >= 1)) || bench_usage_error "RUNS is a number of runs, 1 or more, not '$RUNS'"
RUNS=$((10#$RUNS))
cd "$(dirname "$0")/../.."
JAR=lambda/target/ecs-gate-lambda.jar
EVENT=lambda/src/test/resources/events/crash-loop-task.json
[ -f "$JAR" ] || ./mvnw -q -B -pl lambda -am package -DskipTests

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
moto_server -p "$PORT" >/dev/null 2>&1 &
MOTO=$!
trap 'kill $MOTO 2>/dev/null' EXIT
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=eu-west-1 AWS_REGION=eu-west-1
export AWS_ENDPOINT_URL="http://127.0.0.1:$PORT" LOG_GROUP_NAME=/aws/events/seed000
for _ in $(seq 50); do curl -s "$AWS_ENDPOINT_URL" >/dev/null && break; sleep 0.1; done
aws logs create-log-group --log-group-name "$LOG_GROUP_NAME"

# Median wall time, in ms, of RUNS fresh processes of "$@" (stdout checked for $EXPECT).
median_ms() {
  local times=()
  for _ in $(seq "$RUNS"); do
    local start end out
    start=$(date +%s%N)
    out=$("$@" 2>/dev/null)
    end=$(date +%s%N)
    grep -q -- "$EXPECT" <<<"$out" || { echo "unexpected output from: $*" >&2; exit 1; }
    times+=($(( (end - start) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

EXPECT='"text"'
JAVA_MS=$(median_ms java -XX:+TieredCompilation -XX:TieredStopAtLevel=1 -jar "$JAR" --dry-run "$EVENT")
JAVA_DEFAULT_MS=$(median_ms java -jar "$JAR" --dry-run "$EVENT")
EXPECT='^200$'
PY_MS=$(cd bench/lambda-cold && median_ms python3 invoke_seed.py "../../$EVENT")
STREAMS=$(aws logs describe-log-streams --log-group-name "$LOG_GROUP_NAME" --query 'length(logStreams)')

SIZE=$(stat -c %s "$JAR")
CLI_SIZE=$( [ -f gate-cli/target/ecs-gate.jar ] && stat -c %s gate-cli/target/ecs-gate.jar || echo 0)
echo "runs: $RUNS per side (median), one stopped-task event, fresh process each"
echo "seed 000 python handler (boto3 logs -> moto_server): ${PY_MS} ms  ($STREAMS log streams written)"
echo "ecs-gate lambda, Lambda's JVM flags (TieredStopAtLevel=1): ${JAVA_MS} ms"
echo "ecs-gate lambda, default JVM flags: ${JAVA_DEFAULT_MS} ms"
awk -v j="$JAVA_MS" -v p="$PY_MS" 'BEGIN {printf "ratio java/python: %.2fx (target: <= 1.00x)\n", j / p}'
awk -v s="$SIZE" -v c="$CLI_SIZE" 'BEGIN {printf "shaded jar: %.1f MB (the CLI jar: %.1f MB)\n", s / 1048576, c / 1048576}'
