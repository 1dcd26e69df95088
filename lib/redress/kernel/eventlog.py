"""The Kafka side of the log: topics, the idempotent producer, appends.

Everything here is I/O: `append_commands` (one command's events as one record batch:
all of them land or none do), `ensure_topics`, `new_producer`. The feed that reads a
topic back is in redress.kernel.feed.
"""
from __future__ import annotations

import asyncio
import contextlib
from typing import Iterable

import structlog
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient, NewTopic

from redress.kernel.envelope import MAX_COMMAND_BYTES, Envelope, encode, record_size
from redress.kernel.settings import KafkaSettings
from redress.kernel.topics import TopicSpec
from redress.kernel.kafka_auth import client_options

log = structlog.get_logger(__name__)
TOPIC_ALREADY_EXISTS = 36


class TopicMismatch(RuntimeError):
    pass


async def ensure_topics(bootstrap: str, specs: Iterable[TopicSpec]) -> None:
    """Creates missing topics; refuses to run on topics whose partition count differs."""
    specs = list(specs)
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, **client_options())
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        missing = [
            NewTopic(s.name, num_partitions=s.partitions, replication_factor=s.replication, topic_configs=s.config)
            for s in specs
            if s.name not in existing
        ]
        if missing:
            response = await admin.create_topics(missing)
            for name, code, *rest in response.topic_errors:
                if code not in (0, TOPIC_ALREADY_EXISTS):
                    raise TopicMismatch(f"could not create topic {name}: error {code} {rest}")
            log.info("topics created", topics=[t.name for t in missing])
        for described in await _described(admin, [s.name for s in specs]):
            spec = next(s for s in specs if s.name == described["topic"])
            if len(described["partitions"]) != spec.partitions:
                raise TopicMismatch(
                    f"topic {spec.name} has {len(described['partitions'])} partitions but Redress is "
                    f"configured for {spec.partitions} (REDRESS_PARTITIONS); all event topics must agree"
                )
    finally:
        await admin.close()


async def _described(admin: AIOKafkaAdminClient, names: list[str], timeout: float = 15) -> list[dict]:
    """The topics' descriptions, once the broker's metadata shows their partitions (a topic
    created a moment ago can still show none)."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        described = await admin.describe_topics(names)
        if all(d["partitions"] for d in described) or asyncio.get_running_loop().time() > deadline:
            return described
        await asyncio.sleep(0.1)


async def stop_task(task: asyncio.Task | None) -> None:
    """Cancels a background loop and waits until it has stopped."""
    if task:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


async def assign_all(consumer: AIOKafkaConsumer, topic: str, timeout: float = 30) -> list[TopicPartition]:
    """Assigns every partition of the topic to a group-less consumer."""
    deadline = asyncio.get_running_loop().time() + timeout
    parts = consumer.partitions_for_topic(topic)
    while not parts:
        if asyncio.get_running_loop().time() > deadline:
            raise TopicMismatch(f"topic {topic} does not exist")
        await consumer._client.force_metadata_update()
        parts = consumer.partitions_for_topic(topic)
        if not parts:
            await asyncio.sleep(0.1)
    tps = [TopicPartition(topic, p) for p in sorted(parts)]
    consumer.assign(tps)
    return tps


def new_producer(bootstrap: str, settings: KafkaSettings, client_id: str) -> AIOKafkaProducer:
    return AIOKafkaProducer(
        **client_options(),
        bootstrap_servers=bootstrap,
        client_id=client_id,
        enable_idempotence=True,
        acks="all",
        linger_ms=settings.linger_ms,
        max_batch_size=MAX_COMMAND_BYTES + 64 * 1024,
        request_timeout_ms=30000,
    )



async def append_commands(producer: AIOKafkaProducer, topic: str, partition: int,
                          commands: list[list[Envelope]]) -> list[int]:
    """Appends the events of several commands to one partition, in order.

    Each command's events go in one record batch, so they land all together or not
    at all; consecutive commands share batches (fewer round trips). Returns, per
    command, the offset after its last event once all in-sync replicas have it,
    or -1 for a command without events.
    """
    chunks: list[list[list[tuple]]] = [[]]
    size = 0
    for events in commands:
        records = [encode(env) for env in events]
        needed = sum(record_size(*r) for r in records)
        if chunks[-1] and size + needed > MAX_COMMAND_BYTES:
            chunks.append([])
            size = 0
        chunks[-1].append(records)
        size += needed
    delivered = []
    for chunk in chunks:
        batch = producer.create_batch()
        for key, value, headers in (r for records in chunk for r in records):
            if batch.append(key=key, value=value, timestamp=None, headers=headers) is None:
                raise ValueError(f"a command's events exceed {MAX_COMMAND_BYTES} bytes")
        batch.close()
        delivered.append(await producer.send_batch(batch, topic, partition=partition) if batch.record_count()
                         else None)
    after: list[int] = []
    for chunk, future in zip(chunks, delivered):
        offset = (await future).offset if future else 0
        for records in chunk:
            offset += len(records)
            after.append(offset if records else -1)
    return after
