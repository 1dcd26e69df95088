"""What an operator relies on: the broker launcher, health, reflection, shutdown, replay."""
from __future__ import annotations

import asyncio
import signal
import socket
import subprocess
import sys

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection_pb2, reflection_pb2_grpc

from redress.dev.broker import BrokerError, LocalBroker
from redress.kernel.settings import KafkaSettings
from redress.dev.paths import PROJECT_ROOT
from tests.conftest import free_port
from tests.helpers import auth, filing, opened_case, stub

pytestmark = pytest.mark.kafka


def test_starting_the_broker_twice_says_so(kafka_settings, bootstrap):
    if not bootstrap.endswith(f":{kafka_settings.port}"):
        pytest.skip("the session does not use the local launcher")
    with pytest.raises(BrokerError, match="already running"):
        LocalBroker(kafka_settings).start()


def test_a_busy_port_is_refused_with_a_clear_message(tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        settings = KafkaSettings(port=busy.getsockname()[1], controller_port=free_port(), data_dir=tmp_path)
        with pytest.raises(BrokerError, match="already in use"):
            LocalBroker(settings).start()


async def test_events_survive_a_broker_restart(tmp_path):
    from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition

    settings = KafkaSettings(port=free_port(), controller_port=free_port(), data_dir=tmp_path / "kafka")
    broker = LocalBroker(settings)
    await asyncio.to_thread(broker.start)
    try:
        from redress.kernel.eventlog import ensure_topics
        from redress.kernel.topics import TopicSpec
        await ensure_topics(broker.bootstrap, [TopicSpec("kept", 1, 1, {"retention.ms": "-1"})])
        producer = AIOKafkaProducer(bootstrap_servers=broker.bootstrap, acks="all", enable_idempotence=True)
        await producer.start()
        await producer.send_and_wait("kept", "Şikâyet — παράπονο".encode(), key=b"c-1")
        await producer.stop()
        await asyncio.to_thread(broker.stop)
        await asyncio.to_thread(broker.start)
        consumer = AIOKafkaConsumer(bootstrap_servers=broker.bootstrap, auto_offset_reset="earliest")
        await consumer.start()
        consumer.assign([TopicPartition("kept", 0)])
        record = await asyncio.wait_for(consumer.getone(), 30)
        await consumer.stop()
        assert record.value.decode() == "Şikâyet — παράπονο"
    finally:
        await asyncio.to_thread(broker.stop)


async def test_health_and_reflection_answer(channel):
    health = health_pb2_grpc.HealthStub(channel)
    answer = await health.Check(health_pb2.HealthCheckRequest(service="redress.intake.v1.IntakeService"))
    assert answer.status == health_pb2.HealthCheckResponse.SERVING
    reflection = reflection_pb2_grpc.ServerReflectionStub(channel)
    call = reflection.ServerReflectionInfo(iter([reflection_pb2.ServerReflectionRequest(list_services="")]))
    async for response in call:
        names = {s.name for s in response.list_services_response.service}
        break
    assert {"redress.intake.v1.IntakeService", "grpc.health.v1.Health"} <= names


async def test_sigterm_stops_a_replica_gracefully(start_intake):
    replica = start_intake()
    async with grpc.aio.insecure_channel(replica.address) as ch:
        await stub(ch).FileComplaint(filing(), metadata=auth())
    replica.process.send_signal(signal.SIGTERM)
    assert await asyncio.to_thread(replica.process.wait, 30) == 0


@pytest.mark.parametrize("service", ["intake", "resolution"])
async def test_replay_rebuilds_from_offset_zero_and_prints_events_per_second(
        bootstrap, service, channel, resolution_channel):
    filed = (await stub(channel).FileComplaint(filing(), metadata=auth())).complaint
    await opened_case(resolution_channel, filed.complaint_id)
    done = await asyncio.to_thread(
        subprocess.run, [sys.executable, "-m", "redress.dev.cli", "replay", service], capture_output=True, text=True,
        env={"REDRESS_KAFKA_BOOTSTRAP": bootstrap, "PATH": "/usr/bin:/bin"}, cwd=PROJECT_ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "events/s" in done.stdout and f"{service}: replayed" in done.stdout
    replayed = int(done.stdout.split("replayed ")[1].split()[0])
    assert replayed > 0
