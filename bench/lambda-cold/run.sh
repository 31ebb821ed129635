#!/usr/bin/env bash
# Cold local invocation of the Lambda on one stopped-task event, process start to done, beside the
# seed 000 Python handler run the same way (a fresh process that imports the handler and calls it
# once). Both make their real calls to local peers: the seed its CreateLogStream and PutLogEvents
# to moto_server; ecs-gate its local entry point with --aws and STATE_TABLE, so the function's
# DynamoDB state (moto_server), its ECS tag reads for routing (moto_server) and its Slack
# chat.postMessage (a local stand-in). Each run gets a fresh event (new id, new cluster), so each
# is a new incident, as the first failure at 3 a.m. is. Also reports the shaded jar's size.
#
# usage: bench/lambda-cold/run.sh [RUNS=7]   (fresh processes per side, 1 or more)
set -euo pipefail
source "$(dirname "$0")/../args.sh"
bench_count_arg RUNS RUNS 7 1 runs "$@"
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
TABLE=ecs-gate-bench
aws dynamodb create-table --table-name "$TABLE" --billing-mode PAY_PER_REQUEST \
  --attribute-definitions AttributeName=pk,AttributeType=S AttributeName=sk,AttributeType=S \
  --key-schema AttributeName=pk,KeyType=HASH AttributeName=sk,KeyType=RANGE >/dev/null

# Slack's Web API, standing in: answers every call as Slack does, and counts them.
WORK=$(mktemp -d)
python3 - "$WORK" <<'PY' &
import http.server, json, sys, itertools
work, counter = sys.argv[1], itertools.count(1)
class Slack(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        n = next(counter)
        open(f"{work}/slack-calls", "w").write(str(n))
        body = json.dumps({"ok": True, "channel": "C0BENCH", "ts": f"1700000000.{n:06d}"}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args):
        pass
server = http.server.HTTPServer(("127.0.0.1", 0), Slack)
open(f"{work}/slack-port", "w").write(str(server.server_address[1]))
server.serve_forever()
PY
SLACK=$!
trap 'kill $MOTO $SLACK 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 100); do [[ -s "$WORK/slack-port" ]] && break; sleep 0.05; done

# One fresh event per run, made before any timing.
python3 - "$EVENT" "$WORK" "$RUNS" <<'PY'
import json, sys, uuid
event, work, runs = json.load(open(sys.argv[1])), sys.argv[2], int(sys.argv[3])
for run_set in ("train", "c1", "cds", "default", "seed"):
  for i in range(runs):
    e = json.loads(json.dumps(event))
    e["id"] = str(uuid.uuid4())
    cluster = f"bench-{run_set}-{i}"
    e["detail"]["clusterArn"] = e["detail"]["clusterArn"].rsplit("/", 1)[0] + "/" + cluster
    e["detail"]["taskArn"] = e["detail"]["taskArn"].replace("/prod/", f"/{cluster}/")
    json.dump(e, open(f"{work}/event-{run_set}-{i}.json", "w"))
PY

# Median wall time, in ms, of RUNS fresh processes of "${@:2}", where {} is the run's event file
# of set $1 (each process's stdout and stderr checked for $EXPECT).
median_ms() {
  local set="$1" times=() i start end out
  shift
  for ((i = 0; i < RUNS; i++)); do
    local args=("${@//\{\}/$WORK/event-$set-$i.json}")
    start=$(date +%s%N)
    out=$("${args[@]}" 2>&1)
    end=$(date +%s%N)
    grep -q -- "$EXPECT" <<<"$out" || { echo "unexpected output from: ${args[*]}: $out" >&2; exit 1; }
    times+=($(( (end - start) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

export STATE_TABLE="$TABLE" SLACK_BOT_TOKEN=xoxb-bench DEFAULT_SLACK_CHANNEL='#bench'
export SLACK_API_URL="http://127.0.0.1:$(cat "$WORK/slack-port")/api/"
EXPECT='slack: SENT'
JAVA_MS=$(median_ms c1 java -XX:+TieredCompilation -XX:TieredStopAtLevel=1 -jar "$JAR" --aws {})
JAVA_DEFAULT_MS=$(median_ms default java -jar "$JAR" --aws {})
# A start-up archive (AppCDS), made from the classes one training invocation of this java loads on
# the same path, as a function without SnapStart could ship one made by its runtime's JVM: a static
# archive, as the CLI's launcher makes (it also holds classes of old bytecode versions).
ARCHIVE="$WORK/lambda.jsa"
RUNS_SAVED=$RUNS; RUNS=1
median_ms train java -XX:TieredStopAtLevel=1 -XX:DumpLoadedClassList="$ARCHIVE.classes" -jar "$JAR" --aws {} >/dev/null
RUNS=$RUNS_SAVED
java -Xshare:dump -XX:SharedClassListFile="$ARCHIVE.classes" -XX:SharedArchiveFile="$ARCHIVE" -cp "$JAR" >/dev/null 2>&1
JAVA_CDS_MS=$(median_ms cds java -XX:TieredStopAtLevel=1 -XX:SharedArchiveFile="$ARCHIVE" -Xlog:cds=off -jar "$JAR" --aws {})
SLACK_CALLS=$(cat "$WORK/slack-calls")
ITEMS=$(aws dynamodb scan --table-name "$TABLE" --select COUNT --query Count)
EXPECT='^200$'
PY_MS=$(cd bench/lambda-cold && median_ms seed python3 invoke_seed.py {})
STREAMS=$(aws logs describe-log-streams --log-group-name "$LOG_GROUP_NAME" --query 'length(logStreams)')

SIZE=$(stat -c %s "$JAR")
CLI_SIZE=$( [ -f gate-cli/target/ecs-gate.jar ] && stat -c %s gate-cli/target/ecs-gate.jar || echo 0)
echo "runs: $RUNS per side (median), one stopped-task event, fresh process each, a new incident each"
echo "seed 000 python handler (CreateLogStream + PutLogEvents -> moto_server): ${PY_MS} ms  ($STREAMS log streams written)"
echo "ecs-gate lambda (--aws: DynamoDB state and ECS tags -> moto_server, chat.postMessage -> stand-in):"
echo "  Lambda's JVM flags (TieredStopAtLevel=1): ${JAVA_MS} ms"
echo "  default JVM flags: ${JAVA_DEFAULT_MS} ms"
echo "  Lambda's JVM flags and an AppCDS archive: ${JAVA_CDS_MS} ms"
echo "  over all its runs (the training one too): $SLACK_CALLS Slack calls, $ITEMS state items written"
awk -v j="$JAVA_MS" -v c="$JAVA_CDS_MS" -v p="$PY_MS" \
  'BEGIN {printf "ratio java/python: %.2fx with Lambda'"'"'s flags, %.2fx with the archive too (target: <= 1.00x)\n", j / p, c / p}'
awk -v s="$SIZE" -v c="$CLI_SIZE" 'BEGIN {printf "shaded jar: %.1f MB (the CLI jar: %.1f MB)\n", s / 1048576, c / 1048576}'
