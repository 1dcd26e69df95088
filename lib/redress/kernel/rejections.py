"""Why a command was refused. Domains raise these; the gRPC edge maps them to a status.

Each carries the message the caller sees and, where one input is at fault, its field.
"""
from __future__ import annotations

import grpc


class Rejected(Exception):
    code = grpc.StatusCode.FAILED_PRECONDITION

    def __init__(self, message: str, field: str = ""):
        super().__init__(message)
        self.message = message
        self.field = field


class Invalid(Rejected):
    code = grpc.StatusCode.INVALID_ARGUMENT


class NotFound(Rejected):
    code = grpc.StatusCode.NOT_FOUND


class StaleEtag(Rejected):
    code = grpc.StatusCode.ABORTED


class AlreadyExists(Rejected):
    code = grpc.StatusCode.ALREADY_EXISTS


class Forbidden(Rejected):
    code = grpc.StatusCode.PERMISSION_DENIED


class Exhausted(Rejected):
    code = grpc.StatusCode.RESOURCE_EXHAUSTED


class Internal(Rejected):
    """Not the caller's fault: deciding the command failed; it changed nothing."""
    code = grpc.StatusCode.INTERNAL


_BY_CODE = {cls.code.value[0]: cls for cls in (Rejected, Invalid, NotFound, StaleEtag, AlreadyExists, Forbidden, Exhausted, Internal)}


def code_number(rejected: Rejected) -> int:
    return rejected.code.value[0]


def from_code(code: int, message: str, field: str = "") -> Rejected:
    """Rebuilds a rejection that crossed Kafka as a reply."""
    return _BY_CODE.get(code, Rejected)(message, field)
