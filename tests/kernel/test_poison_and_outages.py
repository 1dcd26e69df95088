"""No record stops anything: poison records on a running platform and at start-up, and the
broker stopped and started again under a replica."""
from __future__ import annotations

import asyncio
import uuid
from datetime import datetime, timezone

import grpc
import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from grpc_health.v1 import health_pb2, health_pb2_grpc

from redress.dev.broker import LocalBroker
from redress.events.v1 import intake_pb2 as ev
from redress.intake.v1 import intake_service_pb2 as api
from redress.kernel.deadletters import from_record
from redress.kernel.envelope import Envelope, encode
from redress.kernel.settings import KafkaSettings
from redress.kernel.topics import partition_for
from tests.conftest import free_port
from tests.helpers import auth, eventually, filing, opened_case, stub

pytestmark = pytest.mark.kafka
INTAKE_EVENTS, INTAKE_COMMANDS = "redress.intake.events.v1", "redress.intake.commands.v1"
UNKNOWN = "redress.events.v1.ComplaintTeleported"


def envelope(subject: str, sequence: int, payload, org: str = "org-a") -> Envelope:
    return Envelope(event_id=str(uuid.uuid4()), source="//redress/intake", subject=subject,
                    time=datetime.now(timezone.utc), sequence=sequence, organisation=org, actor="poison",
                    client_id="poison", correlation_id="", causation_id="", request_id=str(uuid.uuid4()),
                    payload=payload)


def with_header(headers, name: str, value: bytes):
    return [(k, value if k == name else v) for k, v in headers]


def poison() -> dict[str, tuple[str, str, bytes, bytes, list]]:
    """Every kind of record a consumer cannot use: kind -> (subject, topic, key, value, headers)."""
    kinds = {}

    def add(kind, topic, subject, value, headers):
        kinds[kind] = (subject, topic, subject.encode(), value, headers)

    s = f"poison-{uuid.uuid4().hex[:6]}"
    _, value, headers = encode(envelope(s, 1, ev.ComplaintWithdrawn(complaint_id=s)))
    add("no headers", INTAKE_EVENTS, s + "-a", value, [])
    add("bad ce_time", INTAKE_EVENTS, s + "-b", value, with_header(headers, "ce_time", b"last tuesday"))
    add("undecodable payload", INTAKE_EVENTS, s + "-c", b"\xff\xff\xff",
        with_header(headers, "ce_type", b"redress.events.v1.ComplaintFiled"))
    add("cannot apply", INTAKE_EVENTS, s + "-d", value, headers)
    _, value, headers = encode(envelope(s + "-e", 3, ev.ComplaintWithdrawn(complaint_id=s + "-e")))
    add("sequence gap", INTAKE_EVENTS, s + "-e", value, headers)
    add("undecodable command", INTAKE_COMMANDS, s + "-f", b"\x0a\xff\xff\xff", [])
    return kinds


async def write(bootstrap: str, topic: str, key: bytes, value: bytes, headers) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", enable_idempotence=True)
    await producer.start()
    try:
        await producer.send_and_wait(topic, key=key, value=value, headers=headers,
                                     partition=partition_for(key.decode(), 6))
    finally:
        await producer.stop()


async def dead_letters(bootstrap: str, service: str) -> dict[str, object]:
    consumer = AIOKafkaConsumer(f"redress.{service}.deadletters.v1", bootstrap_servers=bootstrap,
                                auto_offset_reset="earliest", enable_auto_commit=False)
    await consumer.start()
    letters = {}
    try:
        for _ in range(3):
            for records in (await consumer.getmany(timeout_ms=1000)).values():
                for record in records:
                    letters[record.key.decode()] = from_record(record)
    finally:
        await consumer.stop()
    return letters


async def serving(channel) -> bool:
    health = health_pb2_grpc.HealthStub(channel)
    try:
        answer = await health.Check(health_pb2.HealthCheckRequest(), timeout=2)
    except grpc.aio.AioRpcError:
        return False
    return answer.status == health_pb2.HealthCheckResponse.SERVING


async def test_poison_records_go_to_dead_letters_and_the_platform_goes_on(
        bootstrap, intake, channel, start_resolution, start_intake):
    resolution = start_resolution()  # stopped at the end: clock tests count the replicas that watch
    try:
        await _poison_on_a_running_platform(bootstrap, intake, channel, resolution, start_intake)
    finally:
        resolution.stop()


async def _poison_on_a_running_platform(bootstrap, intake, channel, resolution, start_intake):
    kinds = poison()
    for subject, topic, key, value, headers in kinds.values():
        await write(bootstrap, topic, key, value, headers)
    future = f"future-{uuid.uuid4().hex[:6]}"  # a newer version's event, as a stream's first
    _, value, headers = encode(envelope(future, 1, ev.ComplaintWithdrawn(complaint_id=future)))
    await write(bootstrap, INTAKE_EVENTS, future.encode(), value, with_header(headers, "ce_type", UNKNOWN.encode()))

    filed = (await stub(channel).FileComplaint(filing(), metadata=auth())).complaint  # it goes on
    async with grpc.aio.insecure_channel(resolution.address) as resolution_channel:
        await opened_case(resolution_channel, filed.complaint_id)
    assert intake.process.poll() is None and resolution.process.poll() is None

    async def all_dead_lettered():
        letters = await dead_letters(bootstrap, "intake")
        by_subject = {letter.key.decode(): letter for letter in letters.values() if letter.key}
        return by_subject if all(s in by_subject for s, *_ in kinds.values()) else None

    by_subject = await eventually(all_dead_lettered, timeout=30)
    assert by_subject, "not every poison record reached redress.intake.deadletters.v1"
    reasons = {kind: by_subject[subject].reason for kind, (subject, *_) in kinds.items()}
    assert "no ce_id" in reasons["no headers"] and "ce_time" in reasons["bad ce_time"]
    assert "not a valid redress.events.v1.ComplaintFiled" in reasons["undecodable payload"]
    assert "could not apply" in reasons["cannot apply"] and "expected 1, got 3" in reasons["sequence gap"]
    assert "not a valid redress.intake.v1.IntakeCommand" in reasons["undecodable command"]
    command = by_subject[kinds["undecodable command"][0]]
    assert command.consumer == "intake.processor" and command.topic == INTAKE_COMMANDS and command.offset >= 0
    assert by_subject[kinds["no headers"][0]].consumer == "intake.feed"
    assert future not in by_subject  # kept in its stream's history, not a dead letter

    # Resolution could not react to what intake's events topic held either, and went on.
    async def resolution_set_it_aside():
        letters = (await dead_letters(bootstrap, "resolution")).values()
        return any(letter.topic == INTAKE_EVENTS and "ce_time" in letter.reason for letter in letters)

    assert await eventually(resolution_set_it_aside, timeout=30)

    # A replica started now, with all of it in the log, becomes SERVING (start_intake waits for READY).
    fresh = start_intake()
    try:
        async with grpc.aio.insecure_channel(fresh.address) as ch:
            assert await serving(ch)
            got = await stub(ch).GetComplaint(api.GetComplaintRequest(complaint_id=filed.complaint_id),
                                              metadata=auth())
            assert got.complaint.etag == "2"
    finally:
        fresh.stop()


async def test_event_streams_skip_unreadable_records_and_pass_unknown_types_on(bootstrap, channel, intake):
    subject = f"stream-{uuid.uuid4().hex[:6]}"
    _, value, headers = encode(envelope(subject, 1, ev.ComplaintWithdrawn(complaint_id=subject), "org-poison"))
    await write(bootstrap, INTAKE_EVENTS, subject.encode(), b"\xff\xff",
                with_header(headers, "ce_type", b"redress.events.v1.ComplaintFiled"))
    await write(bootstrap, INTAKE_EVENTS, (subject + "x").encode(), value,
                with_header(with_header(headers, "ce_time", b"soon"), "ce_subject", (subject + "x").encode()))
    unknown = with_header(with_header(headers, "ce_type", UNKNOWN.encode()), "ce_subject", (subject + "u").encode())
    await write(bootstrap, INTAKE_EVENTS, (subject + "u").encode(), value, unknown)
    filed = (await stub(channel).FileComplaint(filing(), metadata=auth("token-poison"))).complaint

    seen = []
    call = stub(channel).StreamEvents(api.StreamEventsRequest(from_beginning=True), metadata=auth("token-poison"))

    async def read_until_both_seen():
        async for event in call:
            seen.append(event)
            done = {(e.complaint_id, e.sequence) for e in seen}
            if (filed.complaint_id, 2) in done and (subject + "u", 1) in done:
                call.cancel()
                return

    await asyncio.wait_for(read_until_both_seen(), 30)
    types_seen = [e.type for e in seen]
    assert UNKNOWN in types_seen and "redress.events.v1.ComplaintAcknowledged" in types_seen
    teleported = next(e for e in seen if e.type == UNKNOWN)
    assert teleported.payload.type_url.endswith(UNKNOWN) and teleported.payload.value == value
    assert not [e for e in seen if e.complaint_id in (subject, subject + "x")]


async def test_the_broker_stopped_and_started_again(tmp_path, service_env, start_intake):
    settings = KafkaSettings(port=free_port(), controller_port=free_port(), data_dir=tmp_path / "kafka")
    broker = LocalBroker(settings)
    await asyncio.to_thread(broker.start)
    try:
        replica = start_intake(REDRESS_KAFKA_BOOTSTRAP=broker.bootstrap, REDRESS_BROKER_GRACE_S="2",
                               REDRESS_COMMAND_TIMEOUT_S="3")
        async with grpc.aio.insecure_channel(replica.address) as ch:
            assert await serving(ch)
            await asyncio.to_thread(broker.stop)
            assert await eventually(lambda: _not(serving(ch)), timeout=30), "still SERVING without a broker"
            with pytest.raises(grpc.aio.AioRpcError) as refused:
                await stub(ch).FileComplaint(filing(), metadata=auth(), timeout=10)
            assert refused.value.code() == grpc.StatusCode.UNAVAILABLE
            assert "Kafka" in refused.value.details()
            await asyncio.to_thread(broker.start)
            assert await eventually(lambda: serving(ch), timeout=60), "not SERVING after the broker came back"
            answer = await stub(ch).FileComplaint(filing(), metadata=auth(), timeout=30)
            assert answer.complaint.etag == "2"
        assert replica.process.poll() is None
        replica.stop()
    finally:
        await asyncio.to_thread(broker.stop)


async def _not(probe) -> bool:
    return not await probe
