#!/usr/bin/env python3
"""Writes the envelope corpus cases: real ECS events of the corpus wrapped in the envelopes AWS documents.

Each envelope's fields are the AWS documentation's sample event, verbatim but for the message or body
(which holds the corpus event, compact) and, for the SNS topic and SQS queue, nothing else. Run from this
directory: python3 wrap.py. The .expected files are written by hand (they name both sources).
"""
import base64, gzip, json, pathlib

CORPUS = pathlib.Path(__file__).resolve().parent.parent / "corpus"

def event(name):
    return json.dumps(json.loads((CORPUS / (name + ".json")).read_text()), separators=(",", ":"))

# https://docs.aws.amazon.com/lambda/latest/dg/with-sns.html "Example Amazon SNS message event"
def sns_lambda(message):
    return {"Records": [{
        "EventVersion": "1.0",
        "EventSubscriptionArn": "arn:aws:sns:us-east-2:123456789012:sns-lambda:21be56ed-a058-49f5-8c98-aedd2564c486",
        "EventSource": "aws:sns",
        "Sns": {
            "SignatureVersion": "1",
            "Timestamp": "2019-01-02T12:45:07.000Z",
            "Signature": "tcc6faL2yUC6dgZdmrwh1Y4cGa/ebXEkAi6RibDsvpi+tE/1+82j...65r==",
            "SigningCertUrl": "https://sns.us-east-2.amazonaws.com/SimpleNotificationService-ac565b8b1a6c5d002d285f9598aa1d9b.pem",
            "MessageId": "95df01b4-ee98-5cb9-9903-4c221d41eb5e",
            "Message": message,
            "MessageAttributes": {"Test": {"Type": "String", "Value": "TestString"},
                                  "TestBinary": {"Type": "Binary", "Value": "TestBinary"}},
            "Type": "Notification",
            "UnsubscribeUrl": "https://sns.us-east-2.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=arn:aws:sns:us-east-2:123456789012:test-lambda:21be56ed-a058-49f5-8c98-aedd2564c486",
            "TopicArn": "arn:aws:sns:us-east-2:123456789012:sns-lambda",
            "Subject": "TestInvoke"}}]}

# https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html "Example Amazon SQS message event (standard queue)", first record
def sqs_lambda(body):
    return {"Records": [{
        "messageId": "059f36b4-87a3-44ab-83d2-661975830a7d",
        "receiptHandle": "AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a...",
        "body": body,
        "attributes": {"ApproximateReceiveCount": "1", "SentTimestamp": "1545082649183",
                       "SenderId": "AIDAIENQZJOLO23YVJ4VO", "ApproximateFirstReceiveTimestamp": "1545082649185"},
        "messageAttributes": {},
        "md5OfBody": "098f6bcd4621d373cade4e832627b4f6",
        "eventSource": "aws:sqs",
        "eventSourceARN": "arn:aws:sqs:us-east-2:123456789012:my-queue",
        "awsRegion": "us-east-2"}]}

# The fields of https://docs.aws.amazon.com/sns/latest/dg/http-notification-json.html (the JSON SNS puts in an SQS
# body when raw message delivery is disabled: https://docs.aws.amazon.com/sns/latest/dg/sns-large-payload-raw-message-delivery.html);
# MessageId and TopicArn from the raw-delivery page's example, Timestamp, Signature and URLs written by us.
def sns_notification(message):
    return {
        "Type": "Notification",
        "MessageId": "dc1e94d9-56c5-5e96-808d-cc7f68faa162",
        "TopicArn": "arn:aws:sns:us-east-2:111122223333:ExampleTopic1",
        "Message": message,
        "Timestamp": "2021-02-16T21:41:19.978Z",
        "SignatureVersion": "1",
        "Signature": "EXAMPLEpH+DcEwjAPg8O9mY8dReBSwksfg2S7WKQcikcNKWLQjwu6A4VbeS0QHVCkhRS7fUQvi2egU3N858fiTDN6bkkOxYDVrY0Ad8L10Hs3zH81mtnPk5uvvolIC1CXGu43obcgFxeL3khZl8IKvO61GWB6jI9b5+gLPoBc1Q=",
        "SigningCertURL": "https://sns.us-east-2.amazonaws.com/SimpleNotificationService-EXAMPLE.pem",
        "UnsubscribeURL": "https://sns.us-east-2.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=arn:aws:sns:us-east-2:111122223333:ExampleTopic1:EXAMPLE"}

# https://docs.aws.amazon.com/lambda/latest/dg/services-cloudwatchlogs.html "Example CloudWatch Logs message data (decoded)",
# log group and stream as an EventBridge rule's CloudWatch Logs target names them
def awslogs(*messages):
    data = {
        "messageType": "DATA_MESSAGE",
        "owner": "123456789012",
        "logGroup": "/aws/events/ecs",
        "logStream": "a4fa57d9-a95b-513e-b7bf-f3067e995756",
        "subscriptionFilters": ["LambdaStream_cloudwatchlogs-node"],
        "logEvents": [{"id": "3462231609969788470654097606882285901266122014164389254" + str(i),
                       "timestamp": 1552518348220, "message": m} for i, m in enumerate(messages)]}
    raw = gzip.compress(json.dumps(data, separators=(",", ":")).encode(), mtime=0)
    return {"awslogs": {"data": base64.b64encode(raw).decode()}}

def write(name, value):
    (CORPUS / (name + ".json")).write_text(json.dumps(value, indent=2) + "\n")

write("envelope-sns-lambda-image-pull", sns_lambda(event("image-pull-dockerhub-repo-does-not-exist")))
write("envelope-sqs-raw-oom-killed", sqs_lambda(event("oom-container-killed-137")))
write("envelope-sqs-via-sns-deployment-failed",
      sqs_lambda(json.dumps(sns_notification(event("deploy-failed-circuit-breaker-event")), separators=(",", ":"))))
write("envelope-sns-notification-health-elb", sns_notification(event("health-elb-stopped-exit-143")))
write("envelope-awslogs-app-exit", awslogs(event("app-exit-1-with-log-router-exit-0")))
