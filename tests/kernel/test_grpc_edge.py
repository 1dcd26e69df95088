"""The gRPC edge in-process (no Kafka): readiness gate, bad bytes, internal errors, busy ports, wire diagnosis."""
from __future__ import annotations

import socket

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc

from redress.intake.v1 import intake_service_pb2 as api
from redress.intake.v1 import intake_service_pb2_grpc as api_grpc
from redress.kernel import wire
from redress.kernel.edge import register
from redress.kernel.health import SERVING, STARTING, STOPPING, Readiness
from redress.kernel.server import CannotListen, GrpcServer
from tests.edge_calls import CORRUPT, assert_plain, call_raw, not_utf8

SERVICE = api.DESCRIPTOR.services_by_name["IntakeService"]


class StubIntake(api_grpc.IntakeServiceServicer):
    async def GetComplaint(self, request, context):
        if request.complaint_id == "boom":
            raise ValueError("a secret detail")
        return api.GetComplaintResponse(complaint=api.Complaint(complaint_id=request.complaint_id))

    async def WatchComplaint(self, request, context):
        yield api.ComplaintEvent(complaint_id=request.complaint_id)
        raise KeyError("a secret key")


@pytest.fixture
async def served():
    readiness = Readiness("intake")
    server = GrpcServer("127.0.0.1:0", [SERVICE.full_name],
                        lambda s: register(s, StubIntake(), SERVICE), readiness)
    await server.start()
    async with grpc.aio.insecure_channel(server.address) as channel:
        yield readiness, channel
    await server.stop(0)


async def test_no_rpc_is_answered_until_serving(served):
    readiness, channel = served
    stub = api_grpc.IntakeServiceStub(channel)
    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await stub.GetComplaint(api.GetComplaintRequest(complaint_id="c1"))
    assert refused.value.code() == grpc.StatusCode.UNAVAILABLE
    assert refused.value.details() == Readiness("intake").refusal()
    await readiness.set(SERVING)
    assert (await stub.GetComplaint(api.GetComplaintRequest(complaint_id="c1"))).complaint.complaint_id == "c1"
    await readiness.set(STOPPING)
    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await stub.GetComplaint(api.GetComplaintRequest(complaint_id="c1"))
    assert refused.value.code() == grpc.StatusCode.UNAVAILABLE
    assert "shutting down" in refused.value.details()


async def test_health_follows_readiness(served):
    readiness, channel = served
    health = health_pb2_grpc.HealthStub(channel)

    async def status(name: str = ""):
        return (await health.Check(health_pb2.HealthCheckRequest(service=name))).status

    assert readiness.state == STARTING
    assert await status() == await status(SERVICE.full_name) == health_pb2.HealthCheckResponse.NOT_SERVING
    await readiness.set(SERVING)
    assert await status() == await status(SERVICE.full_name) == health_pb2.HealthCheckResponse.SERVING
    await readiness.set(STOPPING)
    assert await status() == await status(SERVICE.full_name) == health_pb2.HealthCheckResponse.NOT_SERVING


@pytest.mark.parametrize("method", list(SERVICE.methods), ids=lambda m: m.name)
async def test_undecodable_bytes_are_invalid_argument(served, method):
    readiness, channel = served
    await readiness.set(SERVING)
    corrupt = await call_raw(channel, SERVICE, method, CORRUPT)
    assert corrupt.code() == grpc.StatusCode.INVALID_ARGUMENT, corrupt.details()
    assert corrupt.details() == f"the request is not a valid {method.input_type.full_name}: {wire.CORRUPT}"
    bad_text = await call_raw(channel, SERVICE, method, not_utf8(method))
    assert bad_text.code() == grpc.StatusCode.INVALID_ARGUMENT, bad_text.details()
    assert "is not UTF-8" in bad_text.details() and method.input_type.full_name in bad_text.details()
    assert_plain(corrupt)
    assert_plain(bad_text)


async def test_an_unexpected_error_is_internal_and_tells_nothing(served):
    readiness, channel = served
    await readiness.set(SERVING)
    stub = api_grpc.IntakeServiceStub(channel)
    with pytest.raises(grpc.aio.AioRpcError) as failed:
        await stub.GetComplaint(api.GetComplaintRequest(complaint_id="boom"),
                                metadata=(("x-correlation-id", "corr-1"),))
    assert failed.value.code() == grpc.StatusCode.INTERNAL
    assert failed.value.details() == "an internal error; it has been logged with correlation id corr-1"
    with pytest.raises(grpc.aio.AioRpcError) as failed:
        async for _ in stub.WatchComplaint(api.WatchComplaintRequest(complaint_id="c1")):
            pass
    assert failed.value.code() == grpc.StatusCode.INTERNAL
    assert "secret" not in failed.value.details() and "KeyError" not in failed.value.details()


async def test_an_unimplemented_rpc_says_so(served):
    readiness, channel = served
    await readiness.set(SERVING)
    with pytest.raises(grpc.aio.AioRpcError) as failed:
        await api_grpc.IntakeServiceStub(channel).ListComplaints(api.ListComplaintsRequest())
    assert failed.value.code() == grpc.StatusCode.UNIMPLEMENTED
    assert failed.value.details() == "redress.intake.v1.IntakeService.ListComplaints is not implemented by this server"


async def test_a_busy_port_cannot_be_listened_on():
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        address = f"127.0.0.1:{busy.getsockname()[1]}"
        with pytest.raises(CannotListen) as refused:
            GrpcServer(address, [], lambda s: None, Readiness("intake"))
    assert str(refused.value) == f"cannot listen on {address}: the port is in use"


async def test_a_second_server_on_the_same_port_is_refused(served):
    first = GrpcServer("127.0.0.1:0", [], lambda s: None, Readiness("intake"))
    await first.start()
    try:
        with pytest.raises(CannotListen) as refused:
            GrpcServer(first.address, [], lambda s: None, Readiness("intake"))
        assert str(refused.value) == f"cannot listen on {first.address}: the port is in use"
    finally:
        await first.stop(0)


def test_wire_diagnosis_names_the_field():
    request = api.FileComplaintRequest(description="x").SerializeToString().replace(b"x", b"\xff")
    assert wire.problem(api.FileComplaintRequest.DESCRIPTOR, request) == \
        "field description is not UTF-8 text (string fields must be valid UTF-8)"
    nested = api.FileComplaintRequest(contact={"email": "x"}).SerializeToString().replace(b"x", b"\xff")
    assert wire.problem(api.FileComplaintRequest.DESCRIPTOR, nested).startswith("field contact.email ")
    assert wire.problem(api.FileComplaintRequest.DESCRIPTOR, b"\x22\x05ab") == wire.CORRUPT  # truncated
    assert wire.problem(api.FileComplaintRequest.DESCRIPTOR, b"\x0b") == wire.CORRUPT  # a group
