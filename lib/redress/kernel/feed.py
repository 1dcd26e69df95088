"""The feed: every event of a topic, in partition order, from where the replica's store
left off (offset zero for a new store).

It hands each event to the read model and can wait until it has read up to given
offsets. With a store, each batch of events and the positions after it are written in
one transaction; at start the store's last event in each partition is looked up in the
log, and a store that does not match the log is rebuilt from offset zero. A record it cannot use (no or bad headers, an undecodable payload, an event
the read model cannot apply) is handed to `on_unusable` with the reason, and the feed
goes on: one bad record never stops a replica.
"""
from __future__ import annotations

import asyncio
import contextlib
import sqlite3
from typing import Awaitable, Callable, Iterable

import structlog
from aiokafka import AIOKafkaConsumer, TopicPartition

from redress.kernel.envelope import Envelope, UnreadableRecord, decode_record
from redress.kernel.eventlog import assign_all, stop_task
from redress.kernel.settings import KafkaSettings
from redress.kernel.store import Position, Store
from redress.kernel.kafka_auth import client_options

log = structlog.get_logger(__name__)
# Applies one event; returns the problems it met (to be dead-lettered), if any.
OnEvent = Callable[[Envelope], Iterable[str] | None]
OnUnusable = Callable[[object, str], Awaitable[None]]
REBUILD_BATCH = 20_000  # events in one store transaction at most, while catching up


async def _log_unusable(record, reason: str) -> None:
    log.error("unusable record skipped", topic=record.topic, partition=record.partition, offset=record.offset,
              reason=reason)


def take(record, on_event: OnEvent) -> tuple[Envelope | None, list[str]]:
    """Hands one record to the read model: the envelope if it was applied, and the problems
    to report (what the read model could not use)."""
    try:
        env = decode_record(record)
        return env, list(on_event(env) or ())
    except UnreadableRecord as exc:
        return None, [f"unreadable event: {exc}"]
    except sqlite3.Error:
        raise  # the store failed, not the record: the replica stops and is restarted
    except Exception as exc:  # the read model failed on it: a bug, or an event it cannot hold
        return None, [f"the read model could not apply it: {exc!r}"]


class EventFeed:
    def __init__(self, bootstrap: str, topic: str, settings: KafkaSettings, on_event: OnEvent,
                 on_unusable: OnUnusable = _log_unusable, store: Store | None = None):
        self.topic = topic
        self._store = store
        self._on_event = on_event
        self._on_unusable = on_unusable
        self._consumer = AIOKafkaConsumer(
            **client_options(),
            bootstrap_servers=bootstrap,
            enable_auto_commit=False,
            auto_offset_reset="earliest",
            # Events are appended in transactions: an aborted one (a fenced writer's) never counts.
            isolation_level="read_committed",
            fetch_max_wait_ms=settings.fetch_max_wait_ms,
            max_partition_fetch_bytes=4 * 1024 * 1024,
        )
        # A second connection for offset look-ups: on the fetching one they would queue
        # behind the long-polling fetch request. It asks for the high watermark, not the last
        # stable offset: a transaction acknowledged to its writer may not have its commit
        # marker yet, and the feed's position passes it only once the marker is there.
        self._offsets = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False, **client_options())
        self.positions: dict[int, int] = {}
        self._advanced = asyncio.Condition()
        self._task: asyncio.Task | None = None
        self.partitions: list[TopicPartition] = []
        self.events_read = 0
        self.resumed_from = 0  # events the store already had at start
        # Offsets of events this replica's writers applied already (the feed skips them).
        self._applied_already: dict[int, set[int]] = {}
        self._saved: dict[int, Position] = {}
        self._lookup_waiters: list[asyncio.Future] = []
        self._lookup_task: asyncio.Task | None = None

    @property
    def consumer(self) -> AIOKafkaConsumer:
        return self._consumer

    def topic_positions(self) -> dict[TopicPartition, int]:
        """Where the read model is, per partition of the topic (for the lag metric)."""
        return {TopicPartition(self.topic, p): o for p, o in self.positions.items()}

    async def start(self) -> None:
        await self._consumer.start()
        await self._offsets.start()
        self.partitions = await assign_all(self._consumer, self.topic)
        self.positions = await self._resume()
        for tp in self.partitions:
            self._consumer.seek(tp, self.positions[tp.partition])
        self.resumed_from = sum(self.positions.values())
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

    async def _resume(self) -> dict[int, int]:
        """Where to start reading each partition: where the store left off, if the log
        still holds the events it says it applied last; else offset zero, on a fresh store."""
        zero = {tp.partition: 0 for tp in self.partitions}
        if self._store is None:
            return zero
        saved = self._store.positions()
        problem = await self._mismatch(saved) if saved else None
        if problem:
            self._store.reset(problem)
            return zero
        self._saved = saved
        resumed = {**zero, **{p: pos.next_offset for p, pos in saved.items()}}
        if saved:
            log.info("the read model resumed from its store", topic=self.topic, offsets=resumed)
        return resumed

    async def _mismatch(self, saved: dict[int, Position]) -> str | None:
        known = {tp.partition for tp in self.partitions}
        if set(saved) - known:
            return f"the store has partitions {sorted(set(saved) - known)} that {self.topic} does not"
        ends = {tp.partition: o for tp, o in (await self._offsets.end_offsets(self.partitions)).items()}
        for p, pos in saved.items():
            if pos.next_offset > ends[p]:
                return f"the store has read {self.topic}:{p} up to {pos.next_offset}, but it ends at {ends[p]}"
        checks = {TopicPartition(self.topic, p): pos for p, pos in saved.items() if pos.last_offset >= 0}
        for tp, pos in checks.items():
            self._consumer.seek(tp, pos.last_offset)
        found: dict[TopicPartition, str] = {}
        deadline = asyncio.get_running_loop().time() + 30
        while len(found) < len(checks) and asyncio.get_running_loop().time() < deadline:
            batches = await self._consumer.getmany(*[tp for tp in checks if tp not in found], timeout_ms=1000)
            for tp, records in batches.items():
                first = next((r for r in records if r.offset == checks[tp].last_offset), None)
                headers = dict(first.headers or ()) if first else {}
                found.setdefault(tp, headers.get("ce_id", b"").decode("utf-8", "replace"))
        for tp, pos in checks.items():
            if found.get(tp) != pos.last_event_id:
                return (f"{self.topic}:{tp.partition} at offset {pos.last_offset} holds "
                        f"{found.get(tp) or 'no event'}, not the store's last event {pos.last_event_id}")
        return None

    async def _run(self) -> None:
        while True:
            batches = await self._consumer.getmany(timeout_ms=1000, max_records=2000)
            batches = await self._more(batches)
            # Gaps (transaction markers, deleted records) still move the position forward.
            after = {tp.partition: await self._consumer.position(tp) for tp in self.partitions}
            unusable = self._apply(batches, after)
            for record, reason in unusable:
                await self._on_unusable(record, reason)
            async with self._advanced:
                self._advanced.notify_all()

    async def _more(self, batches: dict) -> dict:
        """While records come in full batches (a rebuild, a backlog), takes more of them for
        one transaction: fewer, larger writes to the store."""
        count = sum(len(r) for r in batches.values())
        while self._store is not None and count >= 2000 and count < REBUILD_BATCH:
            more = await self._consumer.getmany(timeout_ms=0, max_records=2000)
            if not more:
                break
            for tp, records in more.items():
                batches.setdefault(tp, []).extend(records)
            count += sum(len(r) for r in more.values())
        return batches

    def _apply(self, batches: dict, after: dict[int, int]) -> list[tuple[object, str]]:
        """Applies a batch and records the positions after it, in one transaction."""
        unusable = []
        saved: dict[int, Position] = {}
        with self._store.transaction() if self._store else contextlib.nullcontext():
            for tp, records in batches.items():
                last = None
                already = self._applied_already.get(tp.partition, ())
                for record in records:
                    if record.offset in already:
                        already.discard(record.offset)
                        last = record
                        continue
                    env, problems = take(record, self._on_event)
                    if env is not None:
                        self.events_read += 1
                        last = record
                    unusable += [(record, reason) for reason in problems]
                if last is not None:
                    saved[tp.partition] = Position(0, last.offset, env_id(last))
            moved = {p: max(o, self.positions.get(p, 0)) for p, o in after.items()}
            if self._store:
                self._save(moved, saved)
        self.positions.update(moved)
        for p, already in self._applied_already.items():  # e.g. offsets of a batch that was aborted
            if already and min(already) < self.positions.get(p, 0):
                already.difference_update([o for o in already if o < self.positions[p]])
        return unusable

    def applied_already(self, envelopes: list[Envelope]) -> None:
        """These events (with their offsets) are in the read model: the feed need not decode them."""
        for env in envelopes:
            if env.offset >= self.positions.get(env.partition, 0):
                self._applied_already.setdefault(env.partition, set()).add(env.offset)

    def _save(self, moved: dict[int, int], applied: dict[int, Position]) -> None:
        positions = {}
        for p, next_offset in moved.items():
            last = applied.get(p) or self._saved.get(p) or Position(0)
            positions[p] = Position(next_offset, last.last_offset, last.last_event_id)
        changed = {p: x for p, x in positions.items() if self._saved.get(p) != x}
        if changed:
            self._store.save_positions(changed)
            self._saved.update(changed)


def env_id(record) -> str:
    return dict(record.headers or ()).get("ce_id", b"").decode("utf-8", "replace")
