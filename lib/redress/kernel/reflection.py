"""Server reflection under both names clients ask for: grpc.reflection.v1 and v1alpha.

grpcio-reflection ships only v1alpha; v1 is the same protocol on the wire (same messages,
same field numbers), so the v1 method is the v1alpha servicer under another path, and a
v1 copy of the v1alpha file descriptor lets clients describe it.
"""
from __future__ import annotations

import grpc
from google.protobuf import descriptor_pb2, descriptor_pool
from grpc_reflection.v1alpha import reflection, reflection_pb2

V1_SERVICE = "grpc.reflection.v1.ServerReflection"
V1_FILE = "grpc/reflection/v1/reflection.proto"
NAMES = [V1_SERVICE, reflection.SERVICE_NAME]


def enable(server: grpc.aio.Server, service_names: list[str]) -> None:
    """Serves reflection v1 and v1alpha, listing `service_names` and both reflection services."""
    _add_v1_descriptor()
    servicer = reflection.aio.ReflectionServicer([*service_names, *NAMES])
    for name in NAMES:
        handler = grpc.stream_stream_rpc_method_handler(
            servicer.ServerReflectionInfo,
            request_deserializer=reflection_pb2.ServerReflectionRequest.FromString,
            response_serializer=reflection_pb2.ServerReflectionResponse.SerializeToString)
        server.add_generic_rpc_handlers(
            (grpc.method_handlers_generic_handler(name, {"ServerReflectionInfo": handler}),))


def _add_v1_descriptor() -> None:
    pool = descriptor_pool.Default()
    try:
        pool.FindServiceByName(V1_SERVICE)
        return  # added already (by an earlier server, or a library that ships v1)
    except KeyError:
        pass
    proto = descriptor_pb2.FileDescriptorProto()
    reflection_pb2.DESCRIPTOR.CopyToProto(proto)
    proto.name, proto.package = V1_FILE, "grpc.reflection.v1"
    proto.options.java_package = "io.grpc.reflection.v1"
    proto.options.go_package = "google.golang.org/grpc/reflection/grpc_reflection_v1"
    for field in (f for message in proto.message_type for f in message.field if f.HasField("type_name")):
        field.type_name = _v1(field.type_name)
    for method in (m for service in proto.service for m in service.method):
        method.input_type, method.output_type = _v1(method.input_type), _v1(method.output_type)
    pool.AddSerializedFile(proto.SerializeToString())


def _v1(type_name: str) -> str:
    return type_name.replace(".grpc.reflection.v1alpha.", ".grpc.reflection.v1.")
