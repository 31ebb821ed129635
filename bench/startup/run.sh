#!/usr/bin/env bash
# Benchmark: how fast ecs-gate starts, beside `aws --version` (the awscli v1 on this machine) in the
# same run. Three invocations, each the median of RUNS fresh processes, each through the ./ecs-gate
# launcher (its start-up archive and per-verb JVM flags) and through plain `java -jar` (no archive,
# JVM defaults) for comparison:
#   --help                       the CLI's own start-up
#   classify of one event        start-up plus the classifier
#   deploy until its first call  start-up, option parsing, the AWS SDK's client, up to the first
#                                DescribeServices, answered with {} by a local server (the gate then
#                                says it cannot gate: exit 3)
# Not a test: numbers vary with the machine; compare the ratios. Target: <= 1.00x the awscli.
#
# usage: bench/startup/run.sh [RUNS=11]   (fresh processes per measure, the median is shown)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/../args.sh"
bench_count_arg runs RUNS 11 1 runs "$@"
root="$(cd "$here/../.." && pwd)"
jar="$root/gate-cli/target/ecs-gate.jar"
event="$root/gate-cli/src/main/resources/io/ecsgate/cli/training-event.json"
"$root/ecs-gate" --version >/dev/null   # builds the jar and the archive if needed, outside the timing

# A local endpoint that answers every AWS call with {}: the deploy's first call is its last.
port_file="$(mktemp)"
python3 - "$port_file" <<'PY' &
import http.server, sys
class Empty(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(200)
        self.send_header("Content-Type", "application/x-amz-json-1.1")
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"{}")
    def log_message(self, *args):
        pass
server = http.server.HTTPServer(("127.0.0.1", 0), Empty)
open(sys.argv[1], "w").write(str(server.server_address[1]))
server.serve_forever()
PY
server=$!
trap 'kill $server 2>/dev/null; rm -f "$port_file"' EXIT
for _ in $(seq 100); do [[ -s "$port_file" ]] && break; sleep 0.05; done
endpoint="http://127.0.0.1:$(cat "$port_file")"
export AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench AWS_REGION=us-east-1
deploy=(deploy --cluster bench --service web --endpoint-url "$endpoint" --timeout 30s)

median_ms() {  # expected exit code, command...: median wall time in ms of $runs fresh processes
  local want="$1"; shift
  local times=() start end code
  for _ in $(seq "$runs"); do
    start=$(date +%s%N)
    code=0; "$@" >/dev/null 2>&1 || code=$?
    end=$(date +%s%N)
    [[ "$code" == "$want" ]] || { echo "exit $code, not $want, from: $*" >&2; exit 1; }
    times+=($(( (end - start) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

aws_ms=$(median_ms 0 aws --version)
declare -A launcher plain
launcher[help]=$(median_ms 0 "$root/ecs-gate" --help)
plain[help]=$(median_ms 0 java -jar "$jar" --help)
launcher[classify]=$(median_ms 0 "$root/ecs-gate" classify "$event")
plain[classify]=$(median_ms 0 java -jar "$jar" classify "$event")
launcher[deploy]=$(median_ms 3 "$root/ecs-gate" "${deploy[@]}")
plain[deploy]=$(median_ms 3 java -jar "$jar" "${deploy[@]}")
aws_ms_after=$(median_ms 0 aws --version)

echo "start-up, median of $runs fresh processes each, same run ($(nproc) cores, $(java -version 2>&1 | head -1))"
echo "aws --version: ${aws_ms} ms before, ${aws_ms_after} ms after the ecs-gate runs"
printf '%-30s %12s %8s %16s %8s\n' "" "./ecs-gate" "vs aws" "java -jar (plain)" "vs aws"
for k in help classify deploy; do
  label=$(case $k in help) echo "--help";; classify) echo "classify, one event";; deploy) echo "deploy, to its first AWS call";; esac)
  awk -v l="$label" -v a="${launcher[$k]}" -v p="${plain[$k]}" -v b="$aws_ms" \
    'BEGIN {printf "%-30s %9d ms %7.2fx %13d ms %7.2fx\n", l, a, a / b, p, p / b}'
done
