"""The deciding side of the command bus: owns some command partitions (the consumer
group decides which) and decides their commands, one after another.

`reactions` maps other services' event topics to a function that turns one of their
events into a command of ours (or None). Those topics are read by the same group,
partition for partition (the range assignor gives partition p of every topic to the
same replica), so a reaction is decided in the same serial order as the commands of
that complaint, and its offsets are committed with them.

A record it cannot use (an undecodable command, an event it cannot react to, a command
whose deciding fails) goes to the dead-letter topic and the processor goes on.
"""
from __future__ import annotations

import asyncio
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Awaitable, Callable, Protocol, TypeVar

import structlog
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRebalanceListener, TopicPartition
from aiokafka.coordinator.assignors.range import RangePartitionAssignor
from aiokafka.errors import CommitFailedError, KafkaError
from google.protobuf.message import DecodeError, Message

from redress.kernel.deadletters import REDRIVE_TOPIC
from redress.kernel.decisions import Outcome
from redress.kernel.envelope import Envelope, UnreadableRecord, decode
from redress.kernel.eventlog import append_commands, stop_task
from redress.kernel.feed import EventFeed
from redress.kernel.sender import REPLY_KEY, REPLY_TO
from redress.kernel.rejections import Invalid, NotFound, code_number
from redress.kernel.settings import KafkaSettings
from redress.kernel.topics import processor_group

log = structlog.get_logger(__name__)
C = TypeVar("C", bound=Message)
React = Callable[[Envelope], Message | None]
LOST_REACTIONS = (code_number(NotFound("")), code_number(Invalid("")))
OnUnusable = Callable[[object, str], Awaitable[None]]


class Decider(Protocol[C]):
    command_type: type[C]

    def decide_batch(self, commands: list[C]) -> list[Outcome]:
        """Decides commands in order; later ones see the events of earlier ones. Never raises."""

    def finish(self, outcome: Outcome, next_offset: int) -> None:
        """Fills the reply once the events are acknowledged (next_offset -1: none appended)."""


@dataclass
class Command:
    message: Message
    record: object  # the Kafka record it came from
    reply_to: bytes = b""
    reply_key: bytes = b""


class CommandReader:
    """Turns consumed records into commands: our commands, and reactions to other services'
    events (or re-driven ones). What it cannot use goes to `on_unusable`, never stops it."""

    def __init__(self, command_type: type[Message], reactions: dict[str, React],
                 deadline_of: Callable[[Message], datetime | None], on_unusable: OnUnusable | None = None):
        self._command_type = command_type
        self._reactions = reactions
        self._deadline_of = deadline_of
        self._on_unusable = on_unusable

    async def commands(self, records: list) -> list[Command]:
        now = datetime.now(timezone.utc)
        commands = []
        for record in records:
            try:
                command = await self._read(record, now)
            except Exception as exc:  # whatever is wrong with one record must not stop the others
                await self.unusable(record, f"could not read it: {exc!r}")
                continue
            if command is not None:
                commands.append(command)
        return commands

    async def _read(self, record, now: datetime) -> Command | None:
        headers = dict(record.headers or ())
        redriven = (headers.get(REDRIVE_TOPIC) or b"").decode("utf-8", "replace")
        origin = record.topic if record.topic in self._reactions else redriven
        if origin:
            return await self._react(record, origin)
        return await self._command(record, now)

    async def _command(self, record, now: datetime) -> Command | None:
        message = self._command_type()
        try:
            message.ParseFromString(record.value or b"")
        except DecodeError:
            await self.unusable(record, f"not a valid {message.DESCRIPTOR.full_name}")
            return None
        deadline = self._deadline_of(message)
        if deadline and deadline < now - timedelta(seconds=1):
            log.info("expired command dropped; nobody waits for it", partition=record.partition,
                     offset=record.offset)
            return None
        headers = dict(record.headers or ())
        return Command(message, record, headers.get(REPLY_TO, b""), headers.get(REPLY_KEY, b""))

    async def _react(self, record, origin: str) -> Command | None:
        react = self._reactions.get(origin)
        if react is None:
            await self.unusable(record, f"a re-driven record from {origin}, which this service does not react to")
            return None
        try:
            message = react(decode(record.value, record.headers, record.partition, record.offset))
        except UnreadableRecord as exc:
            await self.unusable(record, f"unreadable event: {exc}")
            return None
        except Exception as exc:  # an event we cannot react to must not stop the others
            await self.unusable(record, f"could not react to it: {exc!r}")
            return None
        return Command(message, record) if message is not None else None

    async def check(self, command: Command, outcome: Outcome) -> None:
        """A command whose deciding failed, or a reaction refused for want of what it reacts
        to (its case, say), is a dead letter: nobody else will notice it."""
        if outcome.failure:
            await self.unusable(command.record, outcome.failure)
        elif not command.reply_to and outcome.reply.code in LOST_REACTIONS:
            await self.unusable(command.record, f"the reaction was refused: {outcome.reply.message}")

    async def unusable(self, record, reason: str) -> None:
        if self._on_unusable:
            await self._on_unusable(record, reason)
        else:
            log.error("unusable record skipped", topic=record.topic, offset=record.offset, reason=reason)


class CommandProcessor:
    def __init__(self, bootstrap: str, producer: AIOKafkaProducer, service: str, commands_topic: str,
                 events_topic: str, replies_topic: str, feed: EventFeed, decider: Decider,
                 settings: KafkaSettings, deadline_of: Callable[[Message], datetime | None],
                 reactions: dict[str, React] | None = None, on_unusable: OnUnusable | None = None):
        self._producer = producer
        self._commands_topic = commands_topic
        self._reactions = reactions or {}
        self._events_topic = events_topic
        self._replies_topic = replies_topic
        self._feed = feed
        self._decider = decider
        self._reader = CommandReader(decider.command_type, self._reactions, deadline_of, on_unusable)
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
            group_id=processor_group(service),
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
                self._read_again(batches)

    def _read_again(self, batches: dict[TopicPartition, list]) -> None:
        """Seeks back to the first record of the failed batch (a partition never committed
        has no committed offset to go back to)."""
        assigned = self._consumer.assignment()
        for tp, records in batches.items():
            if tp in assigned:
                try:
                    self._consumer.seek(tp, records[0].offset)
                except Exception as exc:  # revoked meanwhile: its next owner reads it
                    log.info("could not seek back after a failed batch", partition=tp.partition, error=repr(exc))

    async def _process(self, batches: dict[TopicPartition, list]) -> None:
        if self._caught_up:
            await self._feed.wait_for(self._written, timeout=30)
        else:
            await self._feed.catch_up(timeout=30)
            self._caught_up = True
        records = [r for tp in sorted(batches, key=lambda t: t.partition) for r in batches[tp]]
        commands = await self._reader.commands(records)
        outcomes = self._decider.decide_batch([c.message for c in commands])
        for outcome, next_offset in zip(outcomes, await self._append(outcomes)):
            self._decider.finish(outcome, next_offset)
            if next_offset >= 0:
                self._written[outcome.partition] = max(next_offset, self._written.get(outcome.partition, 0))
        for command, outcome in zip(commands, outcomes):
            await self._reader.check(command, outcome)
            if command.reply_to:  # nobody waits for a reaction
                await self._reply(command, outcome)
        self._to_commit.update({tp: recs[-1].offset + 1 for tp, recs in batches.items()})
        self._commit_wanted.set()

    async def _reply(self, command: Command, outcome: Outcome) -> None:
        # Not awaited: a lost reply costs the caller a retry, which is deduplicated.
        sent = await self._producer.send(self._replies_topic, value=outcome.reply.SerializeToString(),
                                         key=command.reply_to,
                                         headers=[(REPLY_TO, command.reply_to), (REPLY_KEY, command.reply_key)])
        sent.add_done_callback(_log_lost_reply)

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
