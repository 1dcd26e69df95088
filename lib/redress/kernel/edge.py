"""Method handlers built from a protobuf ServiceDescriptor, guarding every RPC of a service.

Before the servicer sees a call: a replica that is not serving answers UNAVAILABLE (its
Readiness says why), and undecodable request bytes answer INVALID_ARGUMENT naming the
request type and the problem (grpc's generated code would answer UNKNOWN with the
parser's exception). After: an unexpected exception answers INTERNAL with a correlation
id only, and is logged with its traceback; no Python internals reach the client.
"""
from __future__ import annotations

import inspect
import uuid
import weakref
from dataclasses import dataclass

import grpc
import structlog
from google.protobuf import message_factory
from google.protobuf.descriptor import MethodDescriptor, ServiceDescriptor

from redress.kernel import metrics
from redress.kernel import wire
from redress.kernel.health import Readiness

log = structlog.get_logger(__name__)
SHAPES = {
    (False, False): grpc.unary_unary_rpc_method_handler,
    (False, True): grpc.unary_stream_rpc_method_handler,
    (True, False): grpc.stream_unary_rpc_method_handler,
    (True, True): grpc.stream_stream_rpc_method_handler,
}
_READINESS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


@dataclass(frozen=True)
class Undecodable:
    """What the deserializer returns instead of raising: the call then answers INVALID_ARGUMENT."""
    type_name: str
    problem: str

    @property
    def message(self) -> str:
        return f"the request is not a valid {self.type_name}: {self.problem}"


def gate(server: grpc.aio.Server, readiness: Readiness) -> None:
    """Services registered on `server` from now on answer only while `readiness` is serving."""
    _READINESS[server] = readiness


def register(server: grpc.aio.Server, servicer, service: ServiceDescriptor,
             readiness: Readiness | None = None) -> None:
    """Adds `servicer`'s methods for every RPC of `service` (instead of the generated add_*_to_server).

    `readiness` defaults to the one given to gate(server, ...); with neither, calls are always admitted.
    """
    readiness = readiness or _READINESS.get(server)
    handlers = {method.name: _handler(getattr(servicer, method.name), method, readiness)
                for method in service.methods}
    server.add_generic_rpc_handlers((grpc.method_handlers_generic_handler(service.full_name, handlers),))
    server.add_registered_method_handlers(service.full_name, handlers)


def _handler(behaviour, method: MethodDescriptor, readiness: Readiness | None) -> grpc.RpcMethodHandler:
    request_type = message_factory.GetMessageClass(method.input_type)
    response_type = message_factory.GetMessageClass(method.output_type)
    guard = _guard_stream if method.server_streaming else _guard_unary
    observed = metrics.observed(guard(behaviour, method, readiness), method.containing_service.full_name,
                                method.name, method.server_streaming)
    return SHAPES[method.client_streaming, method.server_streaming](
        observed,
        request_deserializer=_deserializer(request_type),
        response_serializer=response_type.SerializeToString)


def _deserializer(request_type):
    def decode(data: bytes):
        try:
            return request_type.FromString(data)
        except Exception:  # a DecodeError, or whatever else the parser makes of broken bytes
            return Undecodable(request_type.DESCRIPTOR.full_name, wire.problem(request_type.DESCRIPTOR, data))
    return decode


def _guard_unary(behaviour, method: MethodDescriptor, readiness: Readiness | None):
    async def guarded(request, context):
        request = await _admit(request, context, method, readiness)
        try:
            answer = behaviour(request, context)
            return await answer if inspect.isawaitable(answer) else answer
        except Exception as error:
            await _fail(context, method, error)
    return guarded


def _guard_stream(behaviour, method: MethodDescriptor, readiness: Readiness | None):
    async def guarded(request, context):
        request = await _admit(request, context, method, readiness)
        try:
            answers = behaviour(request, context)
            if hasattr(answers, "__aiter__"):
                async for answer in answers:
                    yield answer
            else:
                for answer in answers:
                    yield answer
        except Exception as error:
            await _fail(context, method, error)
    return guarded


async def _admit(request, context: grpc.aio.ServicerContext, method: MethodDescriptor,
                 readiness: Readiness | None):
    structlog.contextvars.clear_contextvars()
    refusal = readiness.refusal() if readiness else None
    if refusal:
        await context.abort(grpc.StatusCode.UNAVAILABLE, refusal)
    if method.client_streaming:
        return _decoded(request, context)
    if isinstance(request, Undecodable):
        await context.abort(grpc.StatusCode.INVALID_ARGUMENT, request.message)
    return request


async def _decoded(requests, context: grpc.aio.ServicerContext):
    async for request in requests:
        if isinstance(request, Undecodable):
            await context.abort(grpc.StatusCode.INVALID_ARGUMENT, request.message)
        yield request


async def _fail(context: grpc.aio.ServicerContext, method: MethodDescriptor, error: Exception) -> None:
    if isinstance(error, grpc.aio.AbortError):
        raise error
    if isinstance(error, NotImplementedError):
        await context.abort(grpc.StatusCode.UNIMPLEMENTED, f"{method.full_name} is not implemented by this server")
    correlation = structlog.contextvars.get_contextvars().get("correlation_id") or _sent_correlation(context)
    log.error("internal error", rpc=method.full_name, correlation_id=correlation, exc_info=error)
    await context.abort(grpc.StatusCode.INTERNAL,
                        f"an internal error; it has been logged with correlation id {correlation}")


def _sent_correlation(context: grpc.aio.ServicerContext) -> str:
    metadata = dict((k, v) for k, v in (context.invocation_metadata() or ()) if isinstance(v, str))
    return metadata.get("x-correlation-id", "")[:128] or str(uuid.uuid4())
