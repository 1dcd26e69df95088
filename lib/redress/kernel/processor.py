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
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Awaitable, Callable, Protocol, TypeVar

import structlog
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRebalanceListener, TopicPartition
from aiokafka.coordinator.assignors.range import RangePartitionAssignor
from aiokafka.errors import CommitFailedError, InvalidSessionTimeoutError, KafkaError
from google.protobuf.message import DecodeError, Message

from redress.kernel import metrics
from redress.kernel.deadletters import REDRIVE_TOPIC
from redress.kernel.decisions import Outcome
from redress.kernel.envelope import Envelope, UnreadableRecord, decode
from redress.kernel.eventlog import stop_task
from redress.kernel.feed import EventFeed
from redress.kernel.sender import REPLY_KEY, REPLY_TO
from redress.kernel.rejections import Invalid, NotFound, code_number
from redress.kernel.settings import KafkaSettings
from redress.kernel.topics import partition_for, processor_group
from redress.kernel.tracing import reacting
from redress.kernel.writer import PartitionWriter
from redress.kernel.kafka_auth import client_options

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
                 deadline_of: Callable[[Message], datetime | None], on_unusable: OnUnusable | None = None,
                 service: str = ""):
        self._service = service
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
            env = decode(record.value, record.headers, record.partition, record.offset)
            metrics.CONSUMED.labels(self._service, record.topic, env.type.rsplit(".", 1)[-1]).inc()
            with reacting(env.traceparent, f"react to {env.type}", **{"redress.complaint_id": env.subject}):
                message = react(env)
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
    """Reads the commands (and reactions) of the partitions this replica owns and hands
    them to each partition's writer; RPCs on this replica hand theirs to the same writers
    directly (`writer(partition)`), so both are decided in one order."""

    def __init__(self, bootstrap: str, producer: AIOKafkaProducer, service: str, commands_topic: str,
                 events_topic: str, replies_topic: str, feed: EventFeed, decider: Decider,
                 settings: KafkaSettings, deadline_of: Callable[[Message], datetime | None],
                 reactions: dict[str, React] | None = None, on_unusable: OnUnusable | None = None,
                 apply_committed: Callable[[list[Envelope]], None] = lambda envs: None):
        self._bootstrap = bootstrap
        self._settings = settings
        self._producer = producer
        self._commands_topic = commands_topic
        self._reactions = reactions or {}
        self._events_topic = events_topic
        self._replies_topic = replies_topic
        self._feed = feed
        self._decider = decider
        self._apply_committed = apply_committed
        self._transactional_prefix = f"{processor_group(service)}.writer"
        self._reader = CommandReader(decider.command_type, self._reactions, deadline_of, on_unusable, service)
        self._writers: dict[int, PartitionWriter] = {}
        # Offsets are committed off the critical path: a command redelivered because its
        # commit lagged is a duplicate, and duplicates change nothing.
        self._to_commit: dict[TopicPartition, int] = {}
        self.read_to: dict[TopicPartition, int] = {}  # the offset after the last record read (lag)
        self._commit_wanted = asyncio.Event()
        self._committer: asyncio.Task | None = None
        self.joined = asyncio.Event()  # set at the first assignment (which may be empty)
        self._consumer = AIOKafkaConsumer(
            **client_options(),
            bootstrap_servers=bootstrap,
            group_id=processor_group(service),
            enable_auto_commit=False,
            auto_offset_reset="earliest",
            isolation_level="read_committed",
            fetch_max_wait_ms=settings.fetch_max_wait_ms,
            session_timeout_ms=settings.session_timeout_ms,
            heartbeat_interval_ms=max(100, min(1000, settings.session_timeout_ms // 3)),
            partition_assignment_strategy=(RangePartitionAssignor,),
        )
        self.task: asyncio.Task | None = None

    @property
    def assigned(self) -> list[int]:
        """The partitions this replica writes now."""
        return sorted(p for p, w in self._writers.items() if not w.closed)

    def writer(self, partition: int) -> PartitionWriter | None:
        found = self._writers.get(partition)
        return found if found and not found.closed else None

    async def start(self) -> None:
        await self._consumer.start()
        self._consumer.subscribe([self._commands_topic, *self._reactions], listener=_OnRebalance(self))
        self.task = asyncio.create_task(self._run(), name="processor")
        self._committer = asyncio.create_task(self._commit_when_wanted(), name="committer")

    async def stop(self) -> None:
        await stop_task(self.task)
        await stop_task(self._committer)
        await self.close_writers()
        await self.commit_now()
        await self._consumer.stop()

    # -- the writers ----------------------------------------------------------------------------
    def positions(self) -> dict[TopicPartition, int]:
        """Where this replica has read its assigned partitions to (for the lag metric)."""
        assigned = self._consumer.assignment()
        return {tp: self.read_to.get(tp, 0) for tp in assigned}

    @property
    def consumer(self):
        return self._consumer

    def open_writers(self, partitions: list[int]) -> None:
        for p in partitions:
            writer = PartitionWriter(p, self._bootstrap, self._settings, self._transactional_prefix,
                                     self._events_topic, self._decider, self._caught_up, self._apply_committed)
            self._writers[p] = writer
            writer.start()

    async def close_writers(self) -> None:
        writers, self._writers = list(self._writers.values()), {}
        await asyncio.gather(*(w.close() for w in writers))

    async def _caught_up(self, partition: int) -> None:
        """Every event of the partition committed so far is in the read model."""
        ends = await self._feed.end_offsets()
        await self._feed.wait_for({partition: ends.get(partition, 0)}, timeout=60)

    # -- commits ----------------------------------------------------------------------------------
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

    # -- the commands of the log ------------------------------------------------------------------
    async def _run(self) -> None:
        while True:
            try:
                batches = await self._consumer.getmany(timeout_ms=1000, max_records=500)
            except InvalidSessionTimeoutError as exc:
                raise RuntimeError(
                    f"the broker refuses a session timeout of {self._settings.session_timeout_ms} ms: set "
                    "REDRESS_SESSION_TIMEOUT_MS within the broker's group.min.session.timeout.ms and "
                    "group.max.session.timeout.ms (Kafka's default minimum is 6000), or lower its minimum") from exc
            if batches:
                await self._process(batches)

    async def _process(self, batches: dict[TopicPartition, list]) -> None:
        handed: list[tuple[Command, asyncio.Future]] = []
        failed: set[int] = set()  # not committed: read again, or by the partition's next owner
        self.read_to.update({tp: records[-1].offset + 1 for tp, records in batches.items() if records})
        for tp in sorted(batches, key=lambda t: t.partition):
            if self.writer(tp.partition) is None:
                failed.add(tp.partition)
                continue
            for command in await self._reader.commands(batches[tp]):
                if done := await self._hand_over(command, tp.partition):
                    handed.append((command, done))
        results = await asyncio.gather(*(done for _, done in handed), return_exceptions=True)
        for (command, _), result in zip(handed, results):
            if isinstance(result, BaseException):
                failed.add(command.record.partition)
                continue
            await self._reader.check(command, result)
            if command.reply_to:  # nobody waits for a reaction
                await self._reply(command, result)
        for tp, records in batches.items():
            if tp.partition in failed:
                self._read_again(tp, records)
            else:
                self._to_commit[tp] = records[-1].offset + 1
        self._commit_wanted.set()

    async def _hand_over(self, command: Command, partition: int) -> asyncio.Future | None:
        if partition_for(command.message.context.complaint_id, self._settings.partitions) != partition:
            await self._reader.unusable(command.record, "the command is on another partition than its complaint's")
            return None
        return self.writer(partition).submit(command.message)

    def _read_again(self, tp: TopicPartition, records: list) -> None:
        """A batch whose append failed is read again from its first record (it is
        deduplicated); one whose partition was revoked is read by the next owner."""
        if self.writer(tp.partition) is None or tp not in self._consumer.assignment():
            return
        try:
            self._consumer.seek(tp, records[0].offset)
        except Exception as exc:  # revoked meanwhile: its next owner reads it
            log.info("could not seek back after a failed batch", partition=tp.partition, error=repr(exc))

    async def _reply(self, command: Command, outcome: Outcome) -> None:
        # Not awaited: a lost reply costs the caller a retry, which is deduplicated.
        sent = await self._producer.send(self._replies_topic, value=outcome.reply.SerializeToString(),
                                         key=command.reply_to,
                                         headers=[(REPLY_TO, command.reply_to), (REPLY_KEY, command.reply_key)])
        sent.add_done_callback(_log_lost_reply)


def _log_lost_reply(sent: asyncio.Future) -> None:
    if not sent.cancelled() and sent.exception():
        log.warning("a reply was not delivered; its caller will retry", error=repr(sent.exception()))


class _OnRebalance(ConsumerRebalanceListener):
    def __init__(self, processor: CommandProcessor):
        self._processor = processor

    async def on_partitions_revoked(self, revoked) -> None:
        # The batches in hand finish first; nothing more is decided until the next assignment.
        await self._processor.close_writers()
        await self._processor.commit_now()

    async def on_partitions_assigned(self, assigned) -> None:
        processor = self._processor
        mine = sorted(tp.partition for tp in assigned if tp.topic == processor._commands_topic)
        processor.open_writers(mine)
        processor.joined.set()
        log.info("command partitions assigned", partitions=mine)
