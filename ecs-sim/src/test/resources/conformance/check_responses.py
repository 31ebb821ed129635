#!/usr/bin/env python3
"""Checks captured AWS JSON 1.1 answers against the service models of the installed botocore.

Input: a JSON-lines file, one exchange a line:
  {"service": "ecs" | "logs", "operation": "DescribeServices", "status": 200,
   "body": "<raw response body>", "context": "crash-loop @ t=35s", "headers": {...optional...}}

For a 2xx answer the body is validated against the operation's output shape, recursively and
strictly: every member name exists in the shape, JSON types match the model's types, enum values,
required members, min/max lengths and ranges, patterns. For any other status, the error code
(__type) must be one the operation models or one every AWS JSON service may answer, and the body
must carry nothing but the error's members. Either way the raw answer must then parse with
botocore's own JSON parser, as the AWS CLI parses it.

Usage:
  check_responses.py EXCHANGES.jsonl [--served ecs:DescribeServices,logs:GetLogEvents,...]
                     [--known-deviation 'OPERATION PATH-REGEX WHAT-REGEX' ...]

--served lists the operations the server claims to serve. An operation outside the list that
answers UnknownOperationException is noted as not served rather than a problem; one inside it that
does is a problem. Without --served every operation counts as served.

--known-deviation excuses problems whose operation equals OPERATION and whose path and description
match the regexes (re.search); they are printed as known, not counted. A known deviation that no
longer occurs is a problem, so the list only shrinks.

Prints every problem as "context: operation: path: what", then one summary line.
Exit status: 0 no problems, 1 problems, 2 the check could not run (bad input, no botocore).
"""

import argparse
import base64
import binascii
import hashlib
import json
import re
import sys

try:
    import botocore
    import botocore.awsrequest
    import botocore.parsers
    import botocore.session
except ImportError as e:  # pragma: no cover - the caller checks for botocore first
    print(f"botocore is not importable: {e}", file=sys.stderr)
    sys.exit(2)

# Errors any AWS JSON 1.1 service may answer for any operation, whether or not the operation's
# model lists them. They come from the AWS front end rather than the service: throttling, server
# faults, authentication and authorization, and requests for operations or input the front end
# rejects before the service sees them. botocore's retry rules and the SDKs know them by name.
COMMON_ERRORS = {
    "ThrottlingException",  # rate limits (ECS answers "Rate exceeded")
    "ServiceUnavailableException",  # 503
    "InternalFailure",  # 500 from the front end
    "ServerException",  # 500 from the service
    "AccessDeniedException",  # IAM denied the action
    "UnrecognizedClientException",  # unknown access key
    "MissingAuthenticationTokenException",  # no Authorization header
    "UnknownOperationException",  # X-Amz-Target names no operation of the service
    "ValidationException",  # input failed the model's constraints
}

# The members an AWS JSON 1.1 error body carries besides the error shape's own.
ERROR_ENVELOPE = {"__type", "message", "Message"}

INT32 = (-(2**31), 2**31 - 1)
INT64 = (-(2**63), 2**63 - 1)


class DuplicateKey(ValueError):
    pass


def _no_duplicates(pairs):
    out = {}
    for key, value in pairs:
        if key in out:
            raise DuplicateKey(f"duplicate member '{key}'")
        out[key] = value
    return out


def _join(path, member):
    return member if path == "" else f"{path}.{member}"


def _show(value, limit=60):
    text = json.dumps(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


class ShapeChecker:
    """Validates decoded JSON against a botocore shape; collects (path, what) problems."""

    def __init__(self):
        self.problems = []

    def problem(self, path, what):
        self.problems.append((path or "(body)", what))

    def check(self, shape, value, path=""):
        if value is None:
            self.problem(path, f"null where the model has a {shape.type_name} ({shape.name}); "
                               "AWS leaves absent members out")
            return
        handler = getattr(self, "_" + shape.type_name, None)
        if handler is None:
            self.problem(path, f"the model's type {shape.type_name} ({shape.name}) is unknown to this checker")
            return
        handler(shape, value, path)

    # -- aggregates ------------------------------------------------------------------------------

    def _structure(self, shape, value, path):
        if shape.is_document_type:
            return
        if not isinstance(value, dict):
            self.problem(path, f"expected an object for {shape.name}, got {_show(value)}")
            return
        by_wire_name = {m.serialization.get("name", name): (name, m) for name, m in shape.members.items()}
        for key, member_value in value.items():
            if key not in by_wire_name:
                self.problem(_join(path, key), f"unknown member: {shape.name} has no '{key}'")
                continue
            self.check(by_wire_name[key][1], member_value, _join(path, key))
        for name in shape.required_members:
            wire = shape.members[name].serialization.get("name", name)
            if wire not in value:
                self.problem(_join(path, wire), f"required member of {shape.name} is missing")
        if shape.is_tagged_union and len(value) != 1:
            self.problem(path, f"a union ({shape.name}) must set exactly one member, has {len(value)}")

    def _list(self, shape, value, path):
        if not isinstance(value, list):
            self.problem(path, f"expected a list for {shape.name}, got {_show(value)}")
            return
        self._size(shape, len(value), path, "items")
        for index, item in enumerate(value):
            self.check(shape.member, item, f"{path}[{index}]")

    def _map(self, shape, value, path):
        if not isinstance(value, dict):
            self.problem(path, f"expected an object for the map {shape.name}, got {_show(value)}")
            return
        self._size(shape, len(value), path, "entries")
        for key, item in value.items():
            self.check(shape.key, key, f"{path}{{key {_show(key)}}}")
            self.check(shape.value, item, f"{path}[{_show(key)}]")

    # -- scalars ---------------------------------------------------------------------------------

    def _string(self, shape, value, path):
        if not isinstance(value, str):
            self.problem(path, f"expected a string for {shape.name}, got {_show(value)}")
            return
        enum = shape.enum
        if enum and value not in enum:
            listed = ", ".join(enum) if len(enum) <= 12 else ", ".join(enum[:12]) + ", ..."
            self.problem(path, f"{_show(value)} is not a value of the enum {shape.name} ({listed})")
        self._size(shape, len(value), path, "characters")
        pattern = shape.metadata.get("pattern")
        if pattern:
            try:
                if re.search(pattern, value) is None:
                    self.problem(path, f"{_show(value)} does not match {shape.name}'s pattern {pattern}")
            except re.error:
                pass  # a pattern Python's re cannot read (Smithy patterns are ECMA 262): not checked

    def _integer(self, shape, value, path):
        self._whole(shape, value, path, INT32)

    def _long(self, shape, value, path):
        self._whole(shape, value, path, INT64)

    def _whole(self, shape, value, path, bounds):
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem(path, f"expected a JSON integer for {shape.name} ({shape.type_name}), got {_show(value)}")
            return
        if not bounds[0] <= value <= bounds[1]:
            self.problem(path, f"{value} is out of range for a {shape.type_name}")
        self._range(shape, value, path)

    def _double(self, shape, value, path):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.problem(path, f"expected a JSON number for {shape.name} ({shape.type_name}), got {_show(value)}")
            return
        self._range(shape, value, path)

    _float = _double

    def _boolean(self, shape, value, path):
        if not isinstance(value, bool):
            self.problem(path, f"expected true or false for {shape.name}, got {_show(value)}")

    def _timestamp(self, shape, value, path):
        fmt = shape.serialization.get("timestampFormat", "unixTimestamp")
        if fmt == "unixTimestamp":
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                self.problem(path, f"expected epoch seconds as a JSON number for {shape.name}, got {_show(value)}")
        elif not isinstance(value, str):
            self.problem(path, f"expected a {fmt} string for {shape.name}, got {_show(value)}")

    def _blob(self, shape, value, path):
        if not isinstance(value, str):
            self.problem(path, f"expected a base64 string for {shape.name}, got {_show(value)}")
            return
        try:
            base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError):
            self.problem(path, f"not valid base64 ({shape.name}): {_show(value)}")

    # -- constraints -----------------------------------------------------------------------------

    def _size(self, shape, size, path, unit):
        low, high = shape.metadata.get("min"), shape.metadata.get("max")
        if low is not None and size < low:
            self.problem(path, f"{size} {unit}, below {shape.name}'s min {low}")
        if high is not None and size > high:
            self.problem(path, f"{size} {unit}, above {shape.name}'s max {high}")

    def _range(self, shape, value, path):
        low, high = shape.metadata.get("min"), shape.metadata.get("max")
        if low is not None and value < low:
            self.problem(path, f"{value} is below {shape.name}'s min {low}")
        if high is not None and value > high:
            self.problem(path, f"{value} is above {shape.name}'s max {high}")


class Models:
    """The installed botocore's service models, their raw data (for 'fault') and JSON parsers."""

    def __init__(self):
        self._session = botocore.session.get_session()
        self._models = {}
        self._raw = {}

    def model(self, service):
        if service not in self._models:
            self._models[service] = self._session.get_service_model(service)
            self._raw[service] = self._session.get_service_data(service)
        return self._models[service]

    def is_fault(self, service, shape_name):
        return bool(self._raw[service]["shapes"].get(shape_name, {}).get("fault"))


def error_code(raw_type):
    """__type as botocore reads it: 'ns#Code:uri' -> 'Code'."""
    code = raw_type.split(":", 1)[0]
    return code.rsplit("#", 1)[-1]


def check_exchange(models, exchange, served):
    """Returns (problems, notes) for one exchange; problems are (path, what)."""
    service, operation = exchange["service"], exchange["operation"]
    status, body = int(exchange["status"]), exchange["body"]
    try:
        model = models.model(service)
    except Exception as e:  # botocore raises UnknownServiceError and friends
        return [("(exchange)", f"botocore has no model for service '{service}': {e}")], []
    if operation not in model.operation_names:
        return [("(exchange)", f"'{operation}' is not an operation of {service} in botocore {botocore.__version__}")], []
    operation_model = model.operation_model(operation)
    checker = ShapeChecker()
    notes = []
    try:
        decoded = json.loads(body, object_pairs_hook=_no_duplicates) if body else None
    except ValueError as e:
        return [("(body)", f"unreadable JSON: {e}")], []
    if decoded is not None and not isinstance(decoded, dict):
        return [("(body)", f"the body must be a JSON object, got {_show(decoded)}")], []

    key = f"{service}:{operation}"
    listed = served is None or key in served
    code = None
    if 200 <= status < 300:
        if not listed:
            notes.append(f"answered {status} although not listed as served: add it to the served list")
        if operation_model.output_shape is not None:
            if decoded is None:
                checker.problem("(body)", "empty body where the model has an output")
            else:
                checker.check(operation_model.output_shape, decoded)
    else:
        if decoded is None or not isinstance(decoded.get("__type"), str):
            checker.problem("__type", f"an error answer (HTTP {status}) must name its error in __type")
        else:
            code = error_code(decoded["__type"])
            modelled = {shape.name: shape for shape in operation_model.error_shapes}
            if code == "UnknownOperationException" and not listed:
                notes.append("not served (UnknownOperationException)")
            elif code == "UnknownOperationException":
                checker.problem("__type", "UnknownOperationException for an operation listed as served")
            elif code in modelled:
                shape = modelled[code]
                fault = models.is_fault(service, code)
                if fault and status < 500:
                    checker.problem("(status)", f"{code} is a server fault in the model, answered with HTTP {status}")
                if not fault and status >= 500:
                    checker.problem("(status)", f"{code} is a client error in the model, answered with HTTP {status}")
                members = {k: v for k, v in decoded.items() if k not in ERROR_ENVELOPE or k in shape.members}
                checker.check(shape, members)
            elif code not in COMMON_ERRORS:
                checker.problem("__type", f"{code} is neither an error {operation} models "
                                          f"({', '.join(sorted(modelled)) or 'none'}) nor a common AWS JSON error")
            if code in COMMON_ERRORS and code not in modelled:
                for member in decoded:
                    if member not in ERROR_ENVELOPE:
                        checker.problem(member, f"unknown member in a {code} error body")
            for field in ("message", "Message"):
                if field in decoded and not isinstance(decoded[field], str):
                    checker.problem(field, f"an error message must be a string, got {_show(decoded[field])}")

    # The AWS CLI's view: botocore's own parser on the raw answer.
    headers = botocore.awsrequest.HeadersDict(exchange.get("headers") or {})
    parser = botocore.parsers.create_parser(model.protocol)
    try:
        parsed = parser.parse(
            {"status_code": status, "headers": headers, "body": body.encode("utf-8")},
            operation_model.output_shape,
        )
    except Exception as e:  # any exception here is what the CLI would die of
        checker.problem("(parse)", f"botocore's parser raised {type(e).__name__}: {e}")
    else:
        if not isinstance(parsed, dict):
            checker.problem("(parse)", f"botocore's parser gave {type(parsed).__name__}, not a dict")
        elif 200 <= status < 300 and "Error" in parsed:
            checker.problem("(parse)", f"botocore's parser read an error from a {status} answer")
        elif not 200 <= status < 300:
            parsed_code = parsed.get("Error", {}).get("Code")
            if code is not None and parsed_code != code:
                checker.problem("(parse)", f"botocore's parser read error code {parsed_code!r}, the body says {code!r}")
    return checker.problems, notes


class KnownDeviation:
    def __init__(self, spec):
        parts = spec.split(" ", 2)
        if len(parts) != 3:
            raise ValueError(f"--known-deviation wants 'OPERATION PATH-REGEX WHAT-REGEX', got {spec!r}")
        self.spec = spec
        self.operation = parts[0]
        self.path = re.compile(parts[1])
        self.what = re.compile(parts[2])
        self.seen = 0

    def excuses(self, operation, path, what):
        if operation == self.operation and self.path.search(path) and self.what.search(what):
            self.seen += 1
            return True
        return False


def main(argv):
    arguments = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    arguments.add_argument("exchanges", help="JSON-lines file of captured exchanges")
    arguments.add_argument("--served", help="comma-separated service:Operation the server serves")
    arguments.add_argument("--known-deviation", action="append", default=[],
                           help="'OPERATION PATH-REGEX WHAT-REGEX' to excuse (repeatable)")
    options = arguments.parse_args(argv)
    served = None if options.served is None else {s.strip() for s in options.served.split(",") if s.strip()}
    try:
        known = [KnownDeviation(spec) for spec in options.known_deviation]
    except (ValueError, re.error) as e:
        print(e, file=sys.stderr)
        return 2

    models = Models()
    problems = []  # (context, operation, path, what)
    excused = []
    notes = {}  # (service:operation, note) -> count
    operations = set()
    # Identical answers (same operation, status, body) are checked once; a problem names the first
    # context it was seen in and how many more answers repeated it.
    seen = {}  # digest -> index into results
    results = []  # [context, operation, problems, repeats]
    total = 0
    with open(options.exchanges, encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                exchange = json.loads(line)
                service, operation, context = exchange["service"], exchange["operation"], exchange.get("context", f"line {number}")
                status, body = int(exchange["status"]), exchange["body"]
            except (ValueError, KeyError, TypeError) as e:
                print(f"{options.exchanges}:{number}: not an exchange: {e}", file=sys.stderr)
                return 2
            total += 1
            operations.add(f"{service}:{operation}")
            digest = hashlib.sha256(json.dumps([service, operation, status, body]).encode("utf-8")).hexdigest()
            if digest in seen:
                results[seen[digest]][3] += 1
                continue
            found, exchange_notes = check_exchange(models, exchange, served)
            for note in exchange_notes:
                notes[(f"{service}:{operation}", note)] = notes.get((f"{service}:{operation}", note), 0) + 1
            seen[digest] = len(results)
            results.append([context, operation, found, 0])

    for context, operation, found, repeats in results:
        suffix = f" (and {repeats} identical answers)" if repeats else ""
        for path, what in found:
            line = f"{context}: {operation}: {path}: {what}{suffix}"
            if any(k.excuses(operation, path, what) for k in known):
                excused.append(line)
            else:
                problems.append(line)
    for deviation in known:
        if deviation.seen == 0:
            problems.append(f"(known deviations): {deviation.operation}: -: "
                            f"'{deviation.spec}' no longer occurs; remove it from the known deviations")

    for line in problems:
        print(line)
    for line in excused:
        print(f"known deviation: {line}")
    for (operation, note), count in sorted(notes.items()):
        print(f"note: {operation}: {note} ({count} distinct answers)")
    versions = f"botocore {botocore.__version__}"
    print(f"checked {total} exchanges ({len(results)} distinct) of {len(operations)} operations against {versions}: "
          f"{len(problems)} problems, {len(excused)} known deviations")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
