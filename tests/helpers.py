"""Small helpers the integration tests share."""
from __future__ import annotations

import uuid

from google.rpc import error_details_pb2
from grpc_status import rpc_status

from redress.intake.v1 import intake_service_pb2 as api
from redress.intake.v1 import intake_service_pb2_grpc as api_grpc
from redress.types.v1 import complaint_pb2 as types


def auth(token: str = "token-a", **extra) -> tuple:
    return (("authorization", f"Bearer {token}"), *extra.items())


def stub(channel) -> api_grpc.IntakeServiceStub:
    return api_grpc.IntakeServiceStub(channel)


def unique_email() -> str:
    return f"customer-{uuid.uuid4().hex[:10]}@example.com"


def filing(description: str = "The food came late and cold, and the waiter was rude.", **fields):
    fields.setdefault("channel", types.CHANNEL_EMAIL)
    fields.setdefault("contact", types.CustomerContact(email=unique_email()))
    fields.setdefault("request_id", str(uuid.uuid4()))
    return api.FileComplaintRequest(description=description, **fields)


def error_field(error) -> str:
    """The field named by a google.rpc.Status's ErrorInfo."""
    status = rpc_status.from_call(error)
    for detail in status.details:
        info = error_details_pb2.ErrorInfo()
        if detail.Unpack(info):
            return info.metadata.get("field", "")
    return ""


def resolution_stub(channel):
    from redress.resolution.v1 import resolution_service_pb2_grpc

    return resolution_service_pb2_grpc.ResolutionServiceStub(channel)


async def opened_case(channel, complaint_id: str, token: str = "token-a", timeout: float = 15.0):
    """The case intake's ComplaintFiled opens by itself, once resolution has reacted."""
    import asyncio

    import grpc

    from redress.resolution.v1 import resolution_service_pb2 as rapi

    stub = resolution_stub(channel)
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        try:
            return await stub.GetCase(rapi.GetCaseRequest(complaint_id=complaint_id), metadata=auth(token))
        except grpc.aio.AioRpcError as error:
            if error.code() != grpc.StatusCode.NOT_FOUND or loop.time() > deadline:
                raise
            await asyncio.sleep(0.1)


async def eventually(probe, timeout: float = 15.0, every: float = 0.2):
    """Calls the async probe until it returns something true; returns that."""
    import asyncio

    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        result = await probe()
        if result or loop.time() > deadline:
            return result
        await asyncio.sleep(every)


async def committed_records(bootstrap: str, topic: str) -> list:
    """Every committed record of a topic, from offset zero, as a consumer outside Redress reads it."""
    from aiokafka import AIOKafkaConsumer

    from redress.kernel.eventlog import assign_all

    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False,
                                isolation_level="read_committed")
    await consumer.start()
    try:
        tps = await assign_all(consumer, topic)
        await consumer.seek_to_beginning(*tps)
        ends = await consumer.end_offsets(tps)
        records = []
        while [tp for tp in tps if await consumer.position(tp) < ends[tp]]:
            for recs in (await consumer.getmany(timeout_ms=500)).values():
                records.extend(recs)
        return records
    finally:
        await consumer.stop()


async def intake_answers(channel, ids: list[str], md: tuple) -> list[bytes]:
    """What a client reads of these complaints (stories, pages, a filtered list), byte for byte."""
    s = stub(channel)
    stories = [await s.GetComplaint(api.GetComplaintRequest(complaint_id=i), metadata=md) for i in ids]
    listing = await s.ListComplaints(api.ListComplaintsRequest(page_size=2), metadata=md)
    rest = await s.ListComplaints(api.ListComplaintsRequest(page_size=2, page_token=listing.next_page_token),
                                  metadata=md)
    open_only = await s.ListComplaints(api.ListComplaintsRequest(status=api.COMPLAINT_STATUS_OPEN), metadata=md)
    return [m.SerializeToString(deterministic=True) for m in (*stories, listing, rest, open_only)]
