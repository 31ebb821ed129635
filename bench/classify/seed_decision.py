#!/usr/bin/env python3
"""Seed 000's decision alone, the stricter baseline: one json.loads per line, its two EventBridge
rules and its Lambda's exclusions (the same code as seed_filter.py), a counter, and no print per
event. seed_filter.py also prints every event the rules let through, as the seed's Lambda logs it;
that print costs about a fifth of its time and is not part of deciding.

usage: seed_decision.py FILE   (prints one line: how many events, how many it would alert on)
"""
import json
import sys

from seed_filter import lambda_handler, rule_matches


def main():
    alerts = events = 0
    loads = json.loads
    with open(sys.argv[1]) as f:
        for line in f:
            event = loads(line)
            events += 1
            if event.get("source") == "aws.ecs" and event.get("detail-type") == "ECS Task State Change":
                if rule_matches(event["detail"]) and lambda_handler(event):
                    alerts += 1
    print(f"{events} events, {alerts} alerts")


if __name__ == "__main__":
    main()
