"""The single writer of one partition, while this replica owns it.

It decides the partition's commands one batch at a time, in arrival order, and appends
each batch's events in one Kafka transaction. Its transactional ids belong to the
partition (`<namespace>.<service>.writer.p<n>.<k>`), so the replica that is given the
partition next fences every producer of the previous owner when it starts its own: a
replica that lost the partition without noticing (stalled past its session timeout)
can append nothing, and tells no caller "done". The events are applied to this
replica's read model as soon as they are committed, so the caller's answer needs no
round trip through the feed.
"""
from __future__ import annotations

import asyncio
import dataclasses
from collections import deque
from typing import Callable

import structlog
from aiokafka import AIOKafkaProducer
from aiokafka.errors import ProducerFenced
from google.protobuf.message import Message

from redress.kernel.envelope import MAX_COMMAND_BYTES, Envelope
from redress.kernel.eventlog import append_commands
from redress.kernel.settings import KafkaSettings
from redress.kernel.kafka_auth import client_options

log = structlog.get_logger(__name__)
RETRY_AFTER_S = 0.5


class NotOwner(Exception):
    """This replica does not (or no longer) write the partition: send the command to its owner."""


@dataclasses.dataclass
class Item:
    command: Message
    done: asyncio.Future  # the Outcome, once its events are committed


def transactional_producer(bootstrap: str, settings: KafkaSettings, transactional_id: str) -> AIOKafkaProducer:
    return AIOKafkaProducer(
        **client_options(),
        bootstrap_servers=bootstrap,
        client_id=transactional_id,
        transactional_id=transactional_id,
        enable_idempotence=True,
        acks="all",
        linger_ms=0,
        retry_backoff_ms=5,
        transaction_timeout_ms=max(10000, 3 * settings.session_timeout_ms),
        max_batch_size=MAX_COMMAND_BYTES + 64 * 1024,
        request_timeout_ms=30000,
    )


class PartitionWriter:
    def __init__(self, partition: int, bootstrap: str, settings: KafkaSettings, transactional_prefix: str,
                 events_topic: str, decider, caught_up: Callable, apply_committed: Callable):
        """`caught_up(partition)` waits until the read model has every event of the partition
        in the log; `apply_committed(envelopes)` applies this writer's own events to it."""
        self.partition = partition
        self._events_topic = events_topic
        self._decider = decider
        self._caught_up = caught_up
        self._apply_committed = apply_committed
        self._bootstrap = bootstrap
        self._settings = settings
        self._names = [f"{transactional_prefix}.p{partition}.{k}" for k in range(max(1, settings.writer_producers))]
        self._producers: list[AIOKafkaProducer] = []
        self._turn = 0
        self._queue: deque[Item] = deque()
        self._wake = asyncio.Event()
        self._task: asyncio.Task | None = None
        self._writing = False
        self.closed = False
        # Its read model has every event of the partition: nothing is written there but by it.
        self.ready = False

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name=f"writer:p{self.partition}")

    async def close(self) -> None:
        """Stops after the batch in hand; what is still queued is refused with NotOwner."""
        self.closed, self.ready = True, False
        self._wake.set()
        if self._task and not self._writing:
            self._task.cancel()  # waiting for work, or still opening: nothing to finish
        if self._task:
            try:
                await self._task
            except BaseException as exc:
                log.info("writer stopped", partition=self.partition, error=repr(exc))
        self._refuse_queued()
        await self._stop_producers()

    async def _stop_producers(self) -> None:
        producers, self._producers = self._producers, []
        for producer in producers:
            try:
                await producer.stop()
            except Exception as exc:  # a fenced producer may refuse to stop cleanly
                log.info("stopping a producer", partition=self.partition, error=repr(exc))

    def submit(self, command: Message) -> asyncio.Future:
        """The command's Outcome, once decided and (if it has events) committed."""
        if self.closed:
            raise NotOwner(self.partition)
        item = Item(command, asyncio.get_running_loop().create_future())
        self._queue.append(item)
        self._wake.set()
        return item.done

    async def _run(self) -> None:
        while not self.closed:
            try:
                await self._open()
                await self._serve()
            except ProducerFenced:
                log.warning("this replica lost the partition: another replica writes it now; nothing more is "
                            "appended here", partition=self.partition)
                self.closed, self.ready = True, False
                self._refuse_queued()
            except Exception as exc:  # the broker, most likely: start again with new producers
                self.ready = False
                log.warning("the partition's writer failed; it starts again", partition=self.partition,
                            error=repr(exc))
                await self._stop_producers()
                await asyncio.sleep(RETRY_AFTER_S)

    async def _open(self) -> None:
        # Starting the producers fences the previous owner's (same transactional ids) and
        # aborts its open transaction; then everything it committed is in the log.
        self._producers = [transactional_producer(self._bootstrap, self._settings, name) for name in self._names]
        self.ready = False
        await asyncio.gather(*(p.start() for p in self._producers))
        await self._caught_up(self.partition)
        self.ready = True

    async def _serve(self) -> None:
        while not self.closed:
            if not self._queue:
                self._wake.clear()
                await self._wake.wait()
                continue
            batch = list(self._queue)
            self._queue.clear()
            self._writing = True
            try:
                await self._write(batch)
            except ProducerFenced:
                self._fail(batch, NotOwner(self.partition))
                raise
            except BaseException as exc:  # nothing is known to be appended: the callers retry
                self._fail(batch, exc if isinstance(exc, Exception) else NotOwner(self.partition))
                raise
            finally:
                self._writing = False

    async def _write(self, batch: list[Item]) -> None:
        outcomes = self._decider.decide_batch([item.command for item in batch])
        if any(o.events for o in outcomes):
            producer = self._producers[self._turn]
            self._turn = (self._turn + 1) % len(self._producers)
            async with producer.transaction():
                after = await append_commands(producer, self._events_topic, self.partition,
                                              [o.events for o in outcomes])
            self._apply_committed([env for o, end in zip(outcomes, after)
                                   for env in placed(o.events, self.partition, end)])
        else:
            after = [-1] * len(outcomes)
        for item, outcome, end in zip(batch, outcomes, after):
            self._decider.finish(outcome, end)
            if not item.done.done():
                item.done.set_result(outcome)

    def _fail(self, batch: list[Item], error: Exception) -> None:
        for item in batch:
            if not item.done.done():
                item.done.set_exception(error)

    def _refuse_queued(self) -> None:
        queued, self._queue = list(self._queue), deque()
        self._fail(queued, NotOwner(self.partition))


def placed(events: list[Envelope], partition: int, end: int) -> list[Envelope]:
    """The events where they were appended (`end`: the offset after the last)."""
    first = end - len(events)
    return [dataclasses.replace(env, partition=partition, offset=first + i) for i, env in enumerate(events)]
