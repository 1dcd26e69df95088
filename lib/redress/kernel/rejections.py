"""Why a command was refused. Domains raise these; the gRPC edge maps them to a status.

Each carries the message the caller sees and, where one input is at fault, its field.
"""
from __future__ import annotations

import enum


class Code(enum.Enum):
    """The gRPC status codes a refusal can carry (same names and numbers as grpc.StatusCode;
    domains must not need grpc to refuse)."""
    FAILED_PRECONDITION = (9, "failed precondition")
    INVALID_ARGUMENT = (3, "invalid argument")
    NOT_FOUND = (5, "not found")
    ABORTED = (10, "aborted")
    ALREADY_EXISTS = (6, "already exists")
    PERMISSION_DENIED = (7, "permission denied")
    RESOURCE_EXHAUSTED = (8, "resource exhausted")
    INTERNAL = (13, "internal")


class Rejected(Exception):
    code = Code.FAILED_PRECONDITION

    def __init__(self, message: str, field: str = ""):
        super().__init__(message)
        self.message = message
        self.field = field


class Invalid(Rejected):
    code = Code.INVALID_ARGUMENT


class NotFound(Rejected):
    code = Code.NOT_FOUND


class StaleEtag(Rejected):
    code = Code.ABORTED


class AlreadyExists(Rejected):
    code = Code.ALREADY_EXISTS


class Forbidden(Rejected):
    code = Code.PERMISSION_DENIED


class Exhausted(Rejected):
    code = Code.RESOURCE_EXHAUSTED


class Internal(Rejected):
    """Not the caller's fault: deciding the command failed; it changed nothing."""
    code = Code.INTERNAL


_BY_CODE = {cls.code.value[0]: cls for cls in (Rejected, Invalid, NotFound, StaleEtag, AlreadyExists, Forbidden, Exhausted, Internal)}


def code_number(rejected: Rejected) -> int:
    return rejected.code.value[0]


def from_code(code: int, message: str, field: str = "") -> Rejected:
    """Rebuilds a rejection that crossed Kafka as a reply."""
    return _BY_CODE.get(code, Rejected)(message, field)
