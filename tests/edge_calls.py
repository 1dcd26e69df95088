"""Raw-byte calls for the edge tests: every RPC of a service, with bytes no client library would send."""
from __future__ import annotations

import grpc
from google.protobuf.descriptor import FieldDescriptor, MethodDescriptor, ServiceDescriptor

CORRUPT = b"\xff\xff\xff"  # a field key whose varint never ends
INTERNALS = ("Error(", "Traceback", "DecodeError", "Exception", "<class")


def not_utf8(method: MethodDescriptor) -> bytes:
    """The request with its first string field set to bytes that are not UTF-8."""
    field = next(f for f in method.input_type.fields if f.type == FieldDescriptor.TYPE_STRING)
    return _varint(field.number << 3 | 2) + b"\x02\xff\xfe"


def _varint(value: int) -> bytes:
    out = bytearray()
    while value > 0x7F:
        out.append(value & 0x7F | 0x80)
        value >>= 7
    out.append(value)
    return bytes(out)


async def call_raw(channel: grpc.aio.Channel, service: ServiceDescriptor, method: MethodDescriptor,
                   payload: bytes, metadata=()) -> grpc.aio.AioRpcError:
    """Calls with `payload` as the request's bytes; returns the error the call ends with."""
    path = f"/{service.full_name}/{method.name}"
    try:
        if method.client_streaming:
            make = channel.stream_stream if method.server_streaming else channel.stream_unary
            call = make(path)(iter([payload]), metadata=metadata, timeout=10)
        else:
            make = channel.unary_stream if method.server_streaming else channel.unary_unary
            call = make(path)(payload, metadata=metadata, timeout=10)
        if method.server_streaming:
            async for _ in call:
                pass
        else:
            await call
    except grpc.aio.AioRpcError as error:
        return error
    raise AssertionError(f"{path} answered bytes {payload!r} without an error")


def assert_plain(error: grpc.aio.AioRpcError) -> None:
    for internal in INTERNALS:
        assert internal not in (error.details() or ""), error.details()
