"""The gRPC edge of real replicas: bad bytes, health, busy ports, reflection v1."""
from __future__ import annotations

import grpc
import pytest
from google.protobuf import descriptor_pb2
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection_pb2

from redress.dev.platform import ServiceFailed
from redress.intake.v1 import intake_service_pb2
from redress.resolution.v1 import resolution_service_pb2
from tests.edge_calls import CORRUPT, assert_plain, call_raw, not_utf8
from tests.helpers import auth

pytestmark = pytest.mark.kafka
INTAKE = intake_service_pb2.DESCRIPTOR.services_by_name["IntakeService"]
RESOLUTION = resolution_service_pb2.DESCRIPTOR.services_by_name["ResolutionService"]
V1_REFLECTION = "/grpc.reflection.v1.ServerReflection/ServerReflectionInfo"


@pytest.mark.parametrize("service", [INTAKE, RESOLUTION], ids=lambda s: s.name)
async def test_every_rpc_answers_undecodable_bytes_with_invalid_argument(service, channel, resolution_channel):
    on = channel if service is INTAKE else resolution_channel
    for method in service.methods:
        for payload in (CORRUPT, not_utf8(method)):
            error = await call_raw(on, service, method, payload, metadata=auth())
            assert error.code() == grpc.StatusCode.INVALID_ARGUMENT, (method.name, payload, error.details())
            assert error.details().startswith(f"the request is not a valid {method.input_type.full_name}: ")
            assert_plain(error)


async def test_health_is_serving_once_ready(channel):
    health = health_pb2_grpc.HealthStub(channel)
    for name in ("", INTAKE.full_name):
        answer = await health.Check(health_pb2.HealthCheckRequest(service=name))
        assert answer.status == health_pb2.HealthCheckResponse.SERVING, name


def test_a_second_replica_on_a_busy_port_refuses_to_start(intake, start_intake):
    port = int(intake.address.rsplit(":", 1)[1])
    with pytest.raises(ServiceFailed) as failed:
        start_intake(port=port)
    assert (f"cannot listen on 127.0.0.1:{port}: the port is in use; set REDRESS_INTAKE_PORT to a free port"
            in str(failed.value))


async def test_reflection_v1_lists_and_describes(channel):
    call = channel.stream_stream(
        V1_REFLECTION, request_serializer=reflection_pb2.ServerReflectionRequest.SerializeToString,
        response_deserializer=reflection_pb2.ServerReflectionResponse.FromString)(iter([
            reflection_pb2.ServerReflectionRequest(list_services=""),
            reflection_pb2.ServerReflectionRequest(file_containing_symbol="grpc.reflection.v1.ServerReflection"),
        ]))
    listed, described = [response async for response in call]
    names = {s.name for s in listed.list_services_response.service}
    assert {INTAKE.full_name, "grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection",
            "grpc.reflection.v1alpha.ServerReflection"} <= names
    files = [descriptor_pb2.FileDescriptorProto.FromString(f)
             for f in described.file_descriptor_response.file_descriptor_proto]
    assert [s.name for f in files if f.package == "grpc.reflection.v1" for s in f.service] == ["ServerReflection"]
