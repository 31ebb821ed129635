#!/usr/bin/env python3
"""The seeds' filter, as one program over an archive: seed 000's two EventBridge rules
(containers.exitCode anything-but 0 / exists false, stoppedReason anything-but prefix "Scaling
activity initiated by") followed by its Lambda's exclusions ("container instance is in DRAINING
state", "ECS is performing maintenance on the underlying infrastructure hosting the task").
EventBridge's array semantics are reproduced: a rule matches if ANY container's exitCode matches.

Like the seed's Lambda, it prints every event it receives as JSON (its `print("イベント詳細:",
json.dumps(event))` line, which runs in both branches), so both programs write a line per item.

usage: seed_filter.py FILE   (the last line says how many events it would alert on)
"""
import json
import sys

EXCLUDED = ("container instance is in DRAINING state",
            "ECS is performing maintenance on the underlying infrastructure hosting the task")


def rule_matches(detail):
    if detail.get("desiredStatus") != "STOPPED" or detail.get("lastStatus") != "STOPPED":
        return False
    reason = detail.get("stoppedReason", "")
    if reason.startswith("Scaling activity initiated by"):
        return False
    containers = detail.get("containers", [])
    nonzero = any("exitCode" in c and c["exitCode"] != 0 for c in containers)   # rule 1
    missing = not any("exitCode" in c for c in containers)                       # rule 2: exists false
    return nonzero or missing


def lambda_handler(event):
    stopped_reason = event["detail"]["stoppedReason"]
    return all(x not in stopped_reason for x in EXCLUDED)


def main():
    alerts = events = 0
    with open(sys.argv[1]) as f:
        for line in f:
            event = json.loads(line)
            events += 1
            if event.get("source") == "aws.ecs" and event.get("detail-type") == "ECS Task State Change":
                if rule_matches(event["detail"]):          # EventBridge invokes the Lambda
                    print("イベント詳細:", json.dumps(event, ensure_ascii=False))
                    if lambda_handler(event):
                        alerts += 1
    print(f"{events} events, {alerts} alerts")


if __name__ == "__main__":
    main()
