"""The Kafka side of the log: topics, the idempotent producer, appends, and the feed.

Everything here is I/O. Services see three things: `append` (one command's events
as one record batch: all of them land or none do), `EventFeed` (every event of a
topic, from offset zero, in partition order, with a way to wait until it has read
up to given offsets), and `ensure_topics`.
"""
from __future__ import annotations

import asyncio
import contextlib
from typing import Awaitable, Callable, Iterable

import structlog
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient, NewTopic

from redress.kernel.envelope import Envelope, decode_record, encode
from redress.kernel.settings import KafkaSettings
from redress.kernel.topics import TopicSpec

log = structlog.get_logger(__name__)
TOPIC_ALREADY_EXISTS = 36


class TopicMismatch(RuntimeError):
    pass


async def ensure_topics(bootstrap: str, specs: Iterable[TopicSpec]) -> None:
    """Creates missing topics; refuses to run on topics whose partition count differs."""
    specs = list(specs)
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
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
        bootstrap_servers=bootstrap,
        client_id=client_id,
        enable_idempotence=True,
        acks="all",
        linger_ms=settings.linger_ms,
        max_batch_size=MAX_BATCH_BYTES + 64 * 1024,
        request_timeout_ms=30000,
    )


# One record batch stays below the broker's default message.max.bytes (1 MiB).
MAX_BATCH_BYTES = 900 * 1024
RECORD_OVERHEAD = 64


def _record_size(key: bytes, value: bytes, headers: list[tuple[str, bytes]]) -> int:
    return len(key) + len(value) + sum(len(k) + len(v) for k, v in headers) + RECORD_OVERHEAD


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
        needed = sum(_record_size(*r) for r in records)
        if chunks[-1] and size + needed > MAX_BATCH_BYTES:
            chunks.append([])
            size = 0
        chunks[-1].append(records)
        size += needed
    delivered = []
    for chunk in chunks:
        batch = producer.create_batch()
        for key, value, headers in (r for records in chunk for r in records):
            if batch.append(key=key, value=value, timestamp=None, headers=headers) is None:
                raise ValueError(f"a command's events exceed {MAX_BATCH_BYTES} bytes")
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


class EventFeed:
    """Reads every partition of a topic from offset zero and hands each event on, in order."""

    def __init__(self, bootstrap: str, topic: str, settings: KafkaSettings,
                 on_event: Callable[[Envelope], Awaitable[None] | None]):
        self.topic = topic
        self._on_event = on_event
        self._consumer = AIOKafkaConsumer(
            bootstrap_servers=bootstrap,
            enable_auto_commit=False,
            auto_offset_reset="earliest",
            fetch_max_wait_ms=settings.fetch_max_wait_ms,
            max_partition_fetch_bytes=4 * 1024 * 1024,
        )
        # A second connection for offset look-ups: on the fetching one they would queue
        # behind the long-polling fetch request.
        self._offsets = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False)
        self.positions: dict[int, int] = {}
        self._advanced = asyncio.Condition()
        self._task: asyncio.Task | None = None
        self.partitions: list[TopicPartition] = []
        self.events_read = 0
        self._lookup_waiters: list[asyncio.Future] = []
        self._lookup_task: asyncio.Task | None = None

    async def start(self) -> None:
        await self._consumer.start()
        await self._offsets.start()
        self.partitions = await assign_all(self._consumer, self.topic)
        await self._consumer.seek_to_beginning(*self.partitions)
        self.positions = {tp.partition: 0 for tp in self.partitions}
        self._task = asyncio.create_task(self._run(), name=f"feed:{self.topic}")

    async def stop(self) -> None:
        await stop_task(self._task)
        await stop_task(self._lookup_task)
        for waiter in self._lookup_waiters:
            waiter.cancel()
        await self._consumer.stop()
        await self._offsets.stop()

    @property
    def task(self) -> asyncio.Task | None:
        return self._task

    async def end_offsets(self) -> dict[int, int]:
        """The topic's end offsets, asked of the broker after this call began.

        Callers that arrive while a look-up is under way share the next one, so a
        burst of requests costs one round trip, and every caller still sees all
        the events acknowledged before it asked.
        """
        waiter = asyncio.get_running_loop().create_future()
        self._lookup_waiters.append(waiter)
        if self._lookup_task is None or self._lookup_task.done():
            self._lookup_task = asyncio.create_task(self._look_up_end_offsets())
        return await waiter

    async def _look_up_end_offsets(self) -> None:
        while self._lookup_waiters:
            waiting, self._lookup_waiters = self._lookup_waiters, []
            try:
                ends = await self._offsets.end_offsets(self.partitions)
            except Exception as exc:  # every waiter gets the error, none is left hanging
                for waiter in waiting:
                    if not waiter.done():
                        waiter.set_exception(exc)
                continue
            result = {tp.partition: offset for tp, offset in ends.items()}
            for waiter in waiting:
                if not waiter.done():
                    waiter.set_result(result)

    async def wait_for(self, targets: dict[int, int], timeout: float | None = None) -> None:
        """Returns once every partition has been read up to (excluding) its target offset."""
        async def reached() -> None:
            async with self._advanced:
                await self._advanced.wait_for(
                    lambda: all(self.positions.get(p, 0) >= o for p, o in targets.items())
                )
        await asyncio.wait_for(reached(), timeout)

    async def catch_up(self, timeout: float | None = None) -> None:
        """Waits until every event acknowledged before this call has been read."""
        async def caught_up() -> None:
            await self.wait_for(await self.end_offsets())
        await asyncio.wait_for(caught_up(), timeout)

    async def _run(self) -> None:
        while True:
            batches = await self._consumer.getmany(timeout_ms=1000, max_records=2000)
            for tp, records in batches.items():
                for record in records:
                    try:
                        env = decode_record(record)
                    except Exception as exc:  # not an event at all: nothing to apply
                        log.error("unreadable record skipped", topic=self.topic, partition=record.partition,
                                  offset=record.offset, error=repr(exc))
                        continue
                    result = self._on_event(env)
                    if asyncio.iscoroutine(result):
                        await result
                    self.events_read += 1
                self.positions[tp.partition] = records[-1].offset + 1
            # Gaps (transaction markers, deleted records) still move the position forward.
            for tp in self.partitions:
                pos = await self._consumer.position(tp)
                if pos > self.positions.get(tp.partition, 0):
                    self.positions[tp.partition] = pos
            async with self._advanced:
                self._advanced.notify_all()
