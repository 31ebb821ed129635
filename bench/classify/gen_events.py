#!/usr/bin/env python3
"""Writes N archived ECS events as JSON lines, the shape an EventBridge-to-CloudWatch-Logs archive
exports: a realistic mix of stopped tasks (deployments, drains, app exits, pull failures, OOM,
health checks, a sidecar next to an app that never started) and some service events.

usage: gen_events.py N OUT
"""
import json
import random
import sys
import uuid

REGION, ACCOUNT = "ap-northeast-1", "123456789012"
CLUSTERS = ["prod", "stg", "dev-1", "dev-2", "batch"]

# (weight, stopCode, stoppedReason, containers) - reasons are real ECS texts (see the classifier corpus).
TASKS = [
    (30, "ServiceSchedulerInitiated", "Scaling activity initiated by (deployment ecs-svc/4374651048025955904)", [("app", 143, None), ("log_router", 0, None)]),
    (10, "ServiceSchedulerInitiated", "Service web: container instance is in DRAINING state", [("app", 143, None)]),
    (5, "TerminationNotice", "ECS is performing maintenance on the underlying infrastructure hosting the task", [("app", 143, None)]),
    (15, "EssentialContainerExited", "Essential container in task exited", [("app", 1, None), ("log_router", 0, None)]),
    (8, "TaskFailedToStart", "CannotPullContainerError: pull image manifest has been retried 1 time(s): failed to resolve ref docker.io/library/hogehoge:latest: pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed", [("app", None, None)]),
    (5, "TaskFailedToStart", "Task failed to start", [("log_router", 0, None), ("app", None, "CannotPullContainerError: ref pull has been retried 5 time(s): failed to resolve reference")]),
    (5, "EssentialContainerExited", "Essential container in task exited", [("app", 137, "OutOfMemoryError: Container killed due to memory usage")]),
    (5, "ServiceSchedulerInitiated", "Task failed ELB health checks in (target-group arn:aws:elasticloadbalancing:ap-northeast-1:123456789012:targetgroup/web/0123456789abcdef)", [("app", 137, None)]),
    (5, "TaskFailedToStart", "ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve ecr registry auth: service call has been retried 3 time(s): RequestError: send request failed caused by: Post \"https://api.ecr.ap-northeast-1.amazonaws.com/\": dial tcp 3.112.64.212:443: i/o timeout. Please check your task network configuration.", [("app", None, None)]),
    (5, "UserInitiated", "Task stopped by user", [("app", 0, None)]),
    (4, "SpotInterruption", "Your Spot Task was interrupted.", [("app", 143, None)]),
    (3, "EssentialContainerExited", "Essential container in task exited", [("migrate", 0, None)]),
]
WEIGHTS = [t[0] for t in TASKS]


def task_event(rng, i):
    _, stop_code, reason, containers = rng.choices(TASKS, WEIGHTS)[0]
    cluster = rng.choice(CLUSTERS)
    task_id = uuid.UUID(int=rng.getrandbits(128)).hex
    task_arn = f"arn:aws:ecs:{REGION}:{ACCOUNT}:task/{cluster}/{task_id}"
    group = "family:migrate" if containers[0][0] == "migrate" else "service:web"
    conts = []
    for name, code, creason in containers:
        c = {"containerArn": f"arn:aws:ecs:{REGION}:{ACCOUNT}:container/{cluster}/{task_id}/{uuid.UUID(int=rng.getrandbits(128))}",
             "lastStatus": "STOPPED", "name": name, "image": f"{ACCOUNT}.dkr.ecr.{REGION}.amazonaws.com/{name}:v{i % 50}",
             "taskArn": task_arn, "cpu": "0"}
        if code is not None:
            c["exitCode"] = code
        if creason:
            c["reason"] = creason
        conts.append(c)
    return {
        "version": "0", "id": str(uuid.UUID(int=rng.getrandbits(128))), "detail-type": "ECS Task State Change",
        "source": "aws.ecs", "account": ACCOUNT, "time": "2026-11-20T03:12:44Z", "region": REGION,
        "resources": [task_arn],
        "detail": {
            "attachments": [{"id": str(uuid.UUID(int=rng.getrandbits(128))), "type": "eni", "status": "DELETED",
                             "details": [{"name": "subnetId", "value": "subnet-0bbe65b1222f92210"},
                                         {"name": "privateIPv4Address", "value": "10.0.1.72"}]}],
            "availabilityZone": "ap-northeast-1c", "clusterArn": f"arn:aws:ecs:{REGION}:{ACCOUNT}:cluster/{cluster}",
            "containers": conts, "cpu": "256", "createdAt": "2026-11-20T03:10:22.086Z", "desiredStatus": "STOPPED",
            "group": group, "launchType": "FARGATE", "lastStatus": "STOPPED", "memory": "512",
            "platformVersion": "1.4.0", "startedBy": "ecs-svc/4374651048025955904",
            "stoppingAt": "2026-11-20T03:12:40.753Z", "stoppedAt": "2026-11-20T03:12:44.681Z",
            "stoppedReason": reason, "stopCode": stop_code, "taskArn": task_arn,
            "taskDefinitionArn": f"arn:aws:ecs:{REGION}:{ACCOUNT}:task-definition/web:{i % 50}",
            "updatedAt": "2026-11-20T03:12:44.681Z", "version": 8,
        },
    }


def service_event(rng):
    name = rng.choice(["SERVICE_STEADY_STATE", "SERVICE_TASK_PLACEMENT_FAILURE", "SERVICE_TASK_START_IMPAIRED"])
    etype = "INFO" if name == "SERVICE_STEADY_STATE" else "WARN"
    cluster = rng.choice(CLUSTERS)
    return {"version": "0", "id": str(uuid.UUID(int=rng.getrandbits(128))), "detail-type": "ECS Service Action",
            "source": "aws.ecs", "account": ACCOUNT, "time": "2026-11-20T03:12:44Z", "region": REGION,
            "resources": [f"arn:aws:ecs:{REGION}:{ACCOUNT}:service/{cluster}/web"],
            "detail": {"eventType": etype, "eventName": name,
                       "clusterArn": f"arn:aws:ecs:{REGION}:{ACCOUNT}:cluster/{cluster}",
                       "createdAt": "2026-11-20T03:12:44.681Z"}}


def main():
    n, out = int(sys.argv[1]), sys.argv[2]
    rng = random.Random(42)
    with open(out, "w") as f:
        for i in range(n):
            event = service_event(rng) if i % 20 == 19 else task_event(rng, i)
            f.write(json.dumps(event, separators=(",", ":")))
            f.write("\n")


if __name__ == "__main__":
    main()
