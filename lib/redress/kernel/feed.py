"""The feed: every event of a topic, from offset zero, in partition order.

It hands each event to the read model and can wait until it has read up to given
offsets. A record it cannot use (no or bad headers, an undecodable payload, an event
the read model cannot apply) is handed to `on_unusable` with the reason, and the feed
goes on: one bad record never stops a replica.
"""
from __future__ import annotations

import asyncio
from typing import Awaitable, Callable, Iterable

import structlog
from aiokafka import AIOKafkaConsumer, TopicPartition

from redress.kernel.envelope import Envelope, UnreadableRecord, decode_record
from redress.kernel.eventlog import assign_all, stop_task
from redress.kernel.settings import KafkaSettings

log = structlog.get_logger(__name__)
# Applies one event; returns the problems it met (to be dead-lettered), if any.
OnEvent = Callable[[Envelope], Iterable[str] | None]
OnUnusable = Callable[[object, str], Awaitable[None]]


async def _log_unusable(record, reason: str) -> None:
    log.error("unusable record skipped", topic=record.topic, partition=record.partition, offset=record.offset,
              reason=reason)


async def take(record, on_event: OnEvent, on_unusable: OnUnusable) -> bool:
    """Hands one record to the read model; what it cannot use goes to `on_unusable`.
    True when the event was applied."""
    try:
        problems = list(on_event(decode_record(record)) or ())
        applied = True
    except UnreadableRecord as exc:
        problems, applied = [f"unreadable event: {exc}"], False
    except Exception as exc:  # the read model failed on it: a bug, or an event it cannot hold
        problems, applied = [f"the read model could not apply it: {exc!r}"], False
    for reason in problems:
        await on_unusable(record, reason)
    return applied


class EventFeed:
    def __init__(self, bootstrap: str, topic: str, settings: KafkaSettings, on_event: OnEvent,
                 on_unusable: OnUnusable = _log_unusable):
        self.topic = topic
        self._on_event = on_event
        self._on_unusable = on_unusable
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
                    if await take(record, self._on_event, self._on_unusable):
                        self.events_read += 1
                self.positions[tp.partition] = records[-1].offset + 1
            # Gaps (transaction markers, deleted records) still move the position forward.
            for tp in self.partitions:
                pos = await self._consumer.position(tp)
                if pos > self.positions.get(tp.partition, 0):
                    self.positions[tp.partition] = pos
            async with self._advanced:
                self._advanced.notify_all()
