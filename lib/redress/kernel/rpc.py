"""The gRPC edge every service shares: authentication, call context, error statuses.

`@unary(scope)` and `@streaming(scope)` wrap servicer methods: they resolve the
caller, check the scope, bind request/correlation ids to the logs, and turn a
domain Rejected into a status whose message names the problem.
"""
from __future__ import annotations

import asyncio
import functools
import uuid
from dataclasses import dataclass

import grpc
import structlog
from aiokafka.errors import KafkaError
from google.protobuf import any_pb2
from google.rpc import error_details_pb2, status_pb2
from grpc_status import rpc_status

from redress.kernel.auth import Credentials, Principal
from redress.kernel.sender import CommandTimeout
from redress.kernel.rejections import Rejected

log = structlog.get_logger(__name__)
ERROR_DOMAIN = "redress.io"


@dataclass(frozen=True)
class Caller:
    principal: Principal
    correlation_id: str
    actor: str


def service_caller(client_id: str, organisation: str) -> Caller:
    """The service acting on its own (a clock, a watch, a feed, a connector) for an organisation."""
    return Caller(Principal(client_id, organisation, frozenset(), frozenset()), str(uuid.uuid4()), client_id)


def _status(rejected: Rejected) -> grpc.Status:
    info = error_details_pb2.ErrorInfo(
        reason=rejected.code.name, domain=ERROR_DOMAIN, metadata={"field": rejected.field} if rejected.field else {})
    details = [info]
    if rejected.field and rejected.code.name == "INVALID_ARGUMENT":
        details.append(error_details_pb2.BadRequest(field_violations=[
            error_details_pb2.BadRequest.FieldViolation(field=rejected.field, description=rejected.message)]))
    packed = []
    for detail in details:
        holder = any_pb2.Any()
        holder.Pack(detail)
        packed.append(holder)
    status = status_pb2.Status(code=rejected.code.value[0], message=rejected.message, details=packed)
    return rpc_status.to_status(status)


async def _caller(servicer, context: grpc.aio.ServicerContext, scope: str) -> Caller:
    metadata = {k: v for k, v in (context.invocation_metadata() or ()) if isinstance(v, str)}
    header = metadata.get("authorization", "")
    if not header.lower().startswith("bearer ") or not header[7:].strip():
        await context.abort(grpc.StatusCode.UNAUTHENTICATED, "missing credentials: send 'authorization: Bearer <token>'")
    principal = servicer.credentials.authenticate(header[7:].strip())
    if principal is None:
        await context.abort(grpc.StatusCode.UNAUTHENTICATED, "the bearer token is not valid")
    if not principal.can(scope):
        await context.abort(grpc.StatusCode.PERMISSION_DENIED,
                            f"client {principal.client_id} lacks scope {scope}")
    correlation = metadata.get("x-correlation-id", "")[:128] or str(uuid.uuid4())
    actor = metadata.get("x-redress-actor", "")[:200] or principal.client_id
    return Caller(principal, correlation, actor)


def _bind(method: str, caller: Caller, request) -> None:
    structlog.contextvars.clear_contextvars()
    ids = {k: getattr(request, k) for k in ("request_id", "complaint_id") if getattr(request, k, "")}
    structlog.contextvars.bind_contextvars(
        rpc=method, client=caller.principal.client_id, organisation=caller.principal.organisation,
        correlation_id=caller.correlation_id, **ids)


# Failures of the platform, not of the caller: worth a retry with the same request_id.
UNAVAILABLE = (CommandTimeout, asyncio.TimeoutError, KafkaError)


async def _abort(context: grpc.aio.ServicerContext, error: Exception) -> None:
    if isinstance(error, Rejected):
        log.info("refused", reason=error.message, field=error.field, code=error.code.name)
        await context.abort_with_status(_status(error))
    log.warning("unavailable", error=repr(error))
    await context.abort(grpc.StatusCode.UNAVAILABLE,
                        "the event log did not answer in time; the change may still be applied: "
                        "retry with the same request_id")


def unary(scope: str):
    def wrap(fn):
        @functools.wraps(fn)
        async def handler(self, request, context):
            caller = await _caller(self, context, scope)
            _bind(fn.__name__, caller, request)
            try:
                return await fn(self, request, caller)
            except (Rejected, *UNAVAILABLE) as error:
                await _abort(context, error)
        return handler
    return wrap


def streaming(scope: str):
    def wrap(fn):
        @functools.wraps(fn)
        async def handler(self, request, context):
            caller = await _caller(self, context, scope)
            _bind(fn.__name__, caller, request)
            try:
                async for item in fn(self, request, caller, context):
                    yield item
            except (Rejected, *UNAVAILABLE) as error:
                await _abort(context, error)
        return handler
    return wrap


class Authenticated:
    """Base for servicers: holds the credentials the decorators check against."""

    def __init__(self, credentials: Credentials):
        self.credentials = credentials


