"""Commands travel through Kafka so that exactly one replica decides for each complaint.

A replica that receives an RPC sends the command to the service's command topic,
keyed (and partitioned) by complaint id, and waits for the reply. The consumer group
gives each command partition to exactly one replica; that replica's processor
decides every command of its partitions one after another, against state rebuilt
from the event log, appends the events, then replies. Two conflicting commands on
one complaint are therefore decided in a single, serial order.
"""
from __future__ import annotations

import asyncio
import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Callable, Generic, Protocol, TypeVar

import structlog
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRebalanceListener, TopicPartition
from aiokafka.coordinator.assignors.range import RangePartitionAssignor
from aiokafka.errors import CommitFailedError, KafkaError
from google.protobuf.message import DecodeError, Message

from redress.kernel.decisions import Outcome
from redress.kernel.envelope import Envelope, decode_record
from redress.kernel.eventlog import EventFeed, append_commands, assign_all, stop_task
from redress.kernel.settings import KafkaSettings
from redress.kernel.topics import partition_for

log = structlog.get_logger(__name__)
C = TypeVar("C", bound=Message)
R = TypeVar("R", bound=Message)
REPLY_TO, REPLY_KEY = "reply_to", "reply_key"


class CommandTimeout(Exception):
    """No reply in time; the command may still be applied. Retry with the same request_id."""


class CommandSender(Generic[R]):
    """The gRPC side: sends commands and waits for their replies."""

    def __init__(self, bootstrap: str, producer: AIOKafkaProducer, commands_topic: str, replies_topic: str,
                 reply_type: type[R], instance_id: str, partitions: int, settings: KafkaSettings):
        self._producer = producer
        self._commands_topic = commands_topic
        self._replies_topic = replies_topic
        self._reply_type = reply_type
        self.instance_id = instance_id
        self._partitions = partitions
        # One key per call, so two calls carrying the same command never share a waiter.
        self._pending: dict[bytes, asyncio.Future] = {}
        self._consumer = AIOKafkaConsumer(
            bootstrap_servers=bootstrap,
            enable_auto_commit=False,
            fetch_max_wait_ms=settings.fetch_max_wait_ms,
        )
        self.task: asyncio.Task | None = None

    async def start(self) -> None:
        await self._consumer.start()
        tps = await assign_all(self._consumer, self._replies_topic)
        await self._consumer.seek_to_end(*tps)
        for tp in tps:  # resolve the end offsets now, before any command is sent
            await self._consumer.position(tp)
        self.task = asyncio.create_task(self._read_replies(), name="replies")

    async def stop(self) -> None:
        await stop_task(self.task)
        await self._consumer.stop()

    async def send(self, command: Message, complaint_id: str, timeout: float) -> R:
        key = uuid.uuid4().hex.encode()
        future = asyncio.get_running_loop().create_future()
        self._pending[key] = future
        try:
            await asyncio.wait_for(self._producer.send_and_wait(
                self._commands_topic,
                value=command.SerializeToString(),
                key=complaint_id.encode(),
                partition=partition_for(complaint_id, self._partitions),
                headers=[(REPLY_TO, self.instance_id.encode()), (REPLY_KEY, key)],
            ), timeout)
            return await asyncio.wait_for(future, timeout)
        except asyncio.TimeoutError as exc:
            raise CommandTimeout(complaint_id) from exc
        finally:
            self._pending.pop(key, None)

    async def _read_replies(self) -> None:
        mine = self.instance_id.encode()
        while True:
            batches = await self._consumer.getmany(timeout_ms=1000)
            for records in batches.values():
                for record in records:
                    headers = dict(record.headers)
                    future = self._pending.get(headers.get(REPLY_KEY, b""))
                    if headers.get(REPLY_TO) != mine or future is None or future.done():
                        continue
                    reply = self._reply_type()
                    try:
                        reply.ParseFromString(record.value)
                    except DecodeError as exc:
                        future.set_exception(exc)
                    else:
                        future.set_result(reply)


class Decider(Protocol[C]):
    command_type: type[C]

    def decide_batch(self, commands: list[C]) -> list[Outcome]:
        """Decides commands in order; later ones see the events of earlier ones. Never raises."""

    def finish(self, outcome: Outcome, next_offset: int) -> None:
        """Fills the reply once the events are acknowledged (next_offset -1: none appended)."""


@dataclass
class Command:
    message: Message
    reply_to: bytes
    reply_key: bytes


class CommandProcessor:
    """Owns some command partitions (the consumer group decides which) and decides their commands.

    `reactions` maps other services' event topics to a function that turns one of their
    events into a command of ours (or None). Those topics are read by the same group,
    partition for partition (the range assignor gives partition p of every topic to
    the same replica), so a reaction is decided in the same serial order as the
    commands of that complaint, and its offsets are committed with them.
    """

    def __init__(self, bootstrap: str, producer: AIOKafkaProducer, service: str, commands_topic: str,
                 events_topic: str, replies_topic: str, feed: EventFeed, decider: Decider,
                 settings: KafkaSettings, deadline_of: Callable[[Message], datetime | None],
                 reactions: dict[str, Callable[[Envelope], Message | None]] | None = None):
        self._producer = producer
        self._commands_topic = commands_topic
        self._reactions = reactions or {}
        self._events_topic = events_topic
        self._replies_topic = replies_topic
        self._feed = feed
        self._decider = decider
        self._deadline_of = deadline_of
        self.assigned: list[int] = []  # the partitions this replica decides now
        # A batch is decided, appended and committed under this lock; a rebalance waits
        # for it (on_partitions_revoked), so the next owner never overlaps with us.
        self._lock = asyncio.Lock()
        # After an assignment the next decision waits for every event already in the log
        # (a previous owner's); from then on this replica is the only writer, and waiting
        # for its own appends is enough.
        self._caught_up = False
        self._written: dict[int, int] = {}
        # Offsets are committed off the critical path: a command redelivered because its
        # commit lagged is a duplicate, and duplicates change nothing.
        self._to_commit: dict[TopicPartition, int] = {}
        self._commit_wanted = asyncio.Event()
        self._committer: asyncio.Task | None = None
        self.joined = asyncio.Event()  # set at the first assignment (which may be empty)
        self._consumer = AIOKafkaConsumer(
            bootstrap_servers=bootstrap,
            group_id=f"redress.{service}.processor",
            enable_auto_commit=False,
            auto_offset_reset="earliest",
            fetch_max_wait_ms=settings.fetch_max_wait_ms,
            session_timeout_ms=10000,
            heartbeat_interval_ms=1000,
            partition_assignment_strategy=(RangePartitionAssignor,),
        )
        self.task: asyncio.Task | None = None

    async def start(self) -> None:
        await self._consumer.start()
        self._consumer.subscribe([self._commands_topic, *self._reactions], listener=_OnRebalance(self))
        self.task = asyncio.create_task(self._run(), name="processor")
        self._committer = asyncio.create_task(self._commit_when_wanted(), name="committer")

    async def stop(self) -> None:
        await stop_task(self.task)
        await stop_task(self._committer)
        await self.commit_now()
        await self._consumer.stop()

    async def _commit_when_wanted(self) -> None:
        while True:
            await self._commit_wanted.wait()
            self._commit_wanted.clear()
            await self.commit_now()

    async def commit_now(self) -> None:
        offsets, self._to_commit = self._to_commit, {}
        assigned = self._consumer.assignment()
        offsets = {tp: offset for tp, offset in offsets.items() if tp in assigned}
        if not offsets:
            return
        try:
            await self._consumer.commit(offsets)
        except CommitFailedError:
            log.info("commit refused after a rebalance; the new owner deduplicates")
        except KafkaError as exc:
            log.warning("commit failed; a later one covers it", error=repr(exc))

    async def _run(self) -> None:
        while True:
            batches = await self._consumer.getmany(timeout_ms=1000, max_records=500)
            if not batches:
                continue
            try:
                async with self._lock:
                    await self._process(batches)
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                # Nothing was committed: the same commands come again and are deduplicated.
                log.exception("command batch failed; retrying from the last commit", error=repr(exc))
                self._caught_up = False
                await asyncio.sleep(0.5)
                assigned = self._consumer.assignment()
                if assigned:
                    await self._consumer.seek_to_committed(*(tp for tp in batches if tp in assigned))

    async def _process(self, batches: dict[TopicPartition, list]) -> None:
        if self._caught_up:
            await self._feed.wait_for(self._written, timeout=30)
        else:
            await self._feed.catch_up(timeout=30)
            self._caught_up = True
        commands = self._readable([r for tp in sorted(batches, key=lambda t: t.partition) for r in batches[tp]])
        outcomes = self._decider.decide_batch([c.message for c in commands])
        for outcome, next_offset in zip(outcomes, await self._append(outcomes)):
            self._decider.finish(outcome, next_offset)
            if next_offset >= 0:
                self._written[outcome.partition] = max(next_offset, self._written.get(outcome.partition, 0))
        for command, outcome in zip(commands, outcomes):
            if not command.reply_to:  # a reaction: nobody waits
                continue
            # Not awaited: a lost reply costs the caller a retry, which is deduplicated.
            sent = await self._producer.send(self._replies_topic, value=outcome.reply.SerializeToString(),
                                             key=command.reply_to,
                                             headers=[(REPLY_TO, command.reply_to), (REPLY_KEY, command.reply_key)])
            sent.add_done_callback(_log_lost_reply)
        self._to_commit.update({tp: recs[-1].offset + 1 for tp, recs in batches.items()})
        self._commit_wanted.set()

    def _readable(self, records: list) -> list[Command]:
        now = datetime.now(timezone.utc)
        commands = []
        for record in records:
            if record.topic in self._reactions:
                reaction = self._react(record)
                if reaction is not None:
                    commands.append(Command(reaction, b"", b""))
                continue
            message = self._decider.command_type()
            try:
                message.ParseFromString(record.value)
            except DecodeError:
                log.error("unreadable command skipped", partition=record.partition, offset=record.offset)
                continue
            deadline = self._deadline_of(message)
            if deadline and deadline < now - timedelta(seconds=1):
                log.info("expired command dropped; nobody waits for it", partition=record.partition,
                         offset=record.offset)
                continue
            headers = dict(record.headers)
            commands.append(Command(message, headers.get(REPLY_TO, b""), headers.get(REPLY_KEY, b"")))
        return commands

    def _react(self, record) -> Message | None:
        try:
            return self._reactions[record.topic](decode_record(record))
        except Exception as exc:  # an event we cannot react to must not stop the others
            log.error("could not react to an event", topic=record.topic, partition=record.partition,
                      offset=record.offset, error=repr(exc))
            return None

    async def _append(self, outcomes: list[Outcome]) -> list[int]:
        """Appends every outcome's events, per partition in decision order; offsets after each."""
        by_partition: dict[int, list[int]] = defaultdict(list)
        for index, outcome in enumerate(outcomes):
            by_partition[outcome.partition].append(index)
        partitions = list(by_partition)
        appended = await asyncio.gather(*(
            append_commands(self._producer, self._events_topic, p, [outcomes[i].events for i in by_partition[p]])
            for p in partitions))
        after = [-1] * len(outcomes)
        for p, offsets in zip(partitions, appended):
            for index, offset in zip(by_partition[p], offsets):
                after[index] = offset
        return after


def _log_lost_reply(sent: asyncio.Future) -> None:
    if not sent.cancelled() and sent.exception():
        log.warning("a reply was not delivered; its caller will retry", error=repr(sent.exception()))


class _OnRebalance(ConsumerRebalanceListener):
    def __init__(self, processor: CommandProcessor):
        self._processor = processor

    async def on_partitions_revoked(self, revoked) -> None:
        async with self._processor._lock:  # let the batch in hand finish first
            self._processor._caught_up = False
            await self._processor.commit_now()

    async def on_partitions_assigned(self, assigned) -> None:
        self._processor._caught_up = False
        self._processor.joined.set()
        self._processor.assigned = sorted(tp.partition for tp in assigned)
        log.info("command partitions assigned", partitions=self._processor.assigned)
