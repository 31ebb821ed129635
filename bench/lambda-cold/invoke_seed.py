"""Runs seed 000's handler once on an event file, as the Lambda runtime would: import, then call."""
import json
import sys
import uuid

import seed000_handler


class Context:
    aws_request_id = str(uuid.uuid4())


with open(sys.argv[1]) as f:
    event = json.load(f)
print(seed000_handler.lambda_handler(event, Context())["statusCode"])
