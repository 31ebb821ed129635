# The Lambda of seed 000 (Kokopelli's "stoppedReason" filter), copied from the CloudFormation
# ZipFile in ../../../shared/seeds/000_b970578a05bc5197.txt, only indented back into a file.
# It filters two stoppedReason texts and writes the event to a CloudWatch Logs group.
import json
import boto3
import os
import time
def lambda_handler(event, context):
    logs = boto3.client('logs')
    stopped_reason = event['detail']['stoppedReason']
    # 特定のstopped_reasonの場合を除いてログに出力する
    if ("container instance is in DRAINING state" not in stopped_reason and
    "ECS is performing maintenance on the underlying infrastructure hosting the task" not in stopped_reason):
        log_group_name = os.environ['LOG_GROUP_NAME']
        log_stream_name = context.aws_request_id
        # ログストリームを作成
        try:
            logs.create_log_stream(logGroupName=log_group_name, logStreamName=log_stream_name)
        except logs.exceptions.ResourceAlreadyExistsException:
            pass
        print("タスク停止ログをCloudWatchLogに出力します")
        print("イベント詳細:", json.dumps(event))
        # ログエントリを作成し、ログを送信
        log_entry = {
            'logGroupName': log_group_name,
            'logStreamName': log_stream_name,
            'logEvents': [
                {
                    'timestamp': int(round(time.time() * 1000)),
                    'message': json.dumps(event)
                }
            ]
        }
        logs.put_log_events(**log_entry)
    else:
        print("アラートを発生させないstopped_reasonのため、タスク停止ログをCloudWatchLogに出力しません")
        print("イベント詳細:", json.dumps(event))
    return {
        'statusCode': 200,
        'body': json.dumps('Successfully processed ECS event.')
    }
