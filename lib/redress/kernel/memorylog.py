"""The kernel's log without Kafka: the same interface and promises as ServiceLog, in memory.

Records are kept as Kafka would keep them (key, value, CloudEvents headers, partition,
offset), and the same pieces read them back: the feed's `take` folds events into the read
model, the processor's CommandReader turns commands and other services' events into
commands, the same StreamDecider decides them. So a use-case test on it runs in
milliseconds, and the contract suite (tests/kernel/test_log_contract.py) proves that it
and Kafka keep the same promises. Deciding is serial: one command at a time, under a lock.
"""
from __future__ import annotations

import asyncio
import uuid
from collections import defaultdict
from dataclasses import dataclass, field

from google.protobuf.message import Message

from redress.commands.v1.commands_pb2 import CommandReply
from redress.kernel.deadletters import DeadLetters, MemorySink, of_record
from redress.kernel.decisions import StreamDecider, deadline_of
from redress.kernel.envelope import encode
from redress.kernel.feed import take
from redress.kernel.health import SERVING, Readiness
from redress.kernel.processor import CommandReader, React
from redress.kernel.rejections import from_code
from redress.kernel.rpc import Caller
from redress.kernel.sender import REPLY_KEY, REPLY_TO, CommandTimeout
from redress.kernel.servicelog import applier, command_id_for, new_command
from redress.kernel.settings import ServiceSettings
from redress.kernel.topics import commands_topic, events_topic, partition_for


@dataclass(frozen=True)
class Record:
    topic: str
    partition: int
    offset: int
    key: bytes | None
    value: bytes | None
    headers: tuple = ()
    timestamp: int = 0


@dataclass
class MemoryBroker:
    """Topics as lists of records, shared by the services of one test."""
    partitions: int = 6
    topics: dict[str, list[Record]] = field(default_factory=lambda: defaultdict(list))
    logs: list["MemoryLog"] = field(default_factory=list)
    _ends: dict[tuple[str, int], int] = field(default_factory=lambda: defaultdict(int))

    def append(self, topic: str, key: bytes | None, value: bytes | None, headers=(), partition: int = 0) -> Record:
        offset = self._ends[topic, partition]
        self._ends[topic, partition] += 1
        record = Record(topic, partition, offset, key, value, tuple(headers))
        self.topics[topic].append(record)
        return record

    async def settle(self) -> None:
        """Lets every service read everything appended, until nothing new is appended."""
        while any([await log.pump() for log in self.logs]):
            pass


class MemoryLog:
    def __init__(self, service: str, broker: MemoryBroker, settings: ServiceSettings, read_model,
                 decider: StreamDecider, reactions: dict[str, React] | None = None):
        self.service = service
        self.settings = settings
        self.instance_id = f"{service}-memory-{uuid.uuid4().hex[:6]}"
        self.failed = asyncio.Event()
        self.readiness = Readiness(service)
        self.dead_letters = DeadLetters(MemorySink())
        self.events_topic = events_topic(service)
        self._broker = broker
        self._decider = decider
        self._apply = applier(read_model)
        reacting = {events_topic(other): react for other, react in (reactions or {}).items()}
        self._reader = CommandReader(decider.command_type, reacting, deadline_of, self._unusable("processor"))
        self._inputs = [commands_topic(service), *reacting]
        self._read: dict[str, int] = defaultdict(int)
        self._replies: dict[bytes, CommandReply] = {}
        self._lock = asyncio.Lock()
        self.events_read = 0
        broker.logs.append(self)

    def _unusable(self, consumer: str):
        async def report(record, reason: str) -> None:
            await self.dead_letters.report(of_record(record, f"{self.service}.{consumer}", reason))
        return report

    async def start(self) -> None:
        await self.pump()
        await self.readiness.set(SERVING)

    async def stop(self) -> None:
        self._broker.logs.remove(self)

    def supervise(self, task: asyncio.Task) -> None:
        task.add_done_callback(lambda t: None if t.cancelled() else self.failed.set())

    async def caught_up(self, complaint_id: str = "") -> None:
        await self._broker.settle()

    @property
    def partitions(self) -> int:
        return self._broker.partitions

    def owned_partitions(self) -> set[int]:
        return set(range(self._broker.partitions))

    def owns(self, complaint_id: str) -> bool:
        return True

    def command(self, command_type: type[Message], caller: Caller, request_id: str, complaint_id: str,
                etag: str = "") -> Message:
        return new_command(command_type, caller, request_id, complaint_id, etag, self.settings.command_timeout_s)

    async def send(self, command: Message) -> CommandReply:
        command.context.command_id = command_id_for(command)
        key = uuid.uuid4().hex.encode()
        complaint_id = command.context.complaint_id
        self._broker.append(commands_topic(self.service), complaint_id.encode(), command.SerializeToString(),
                            [(REPLY_TO, self.instance_id.encode()), (REPLY_KEY, key)],
                            partition_for(complaint_id, self._broker.partitions))
        await self._broker.settle()
        reply = self._replies.pop(key, None)
        if reply is None:  # not decided (expired, or its log stopped): as Kafka's would time out
            raise CommandTimeout(complaint_id)
        if reply.code:
            raise from_code(reply.code, reply.message, reply.field)
        return reply

    async def pump(self) -> bool:
        """Reads what is new on its topics: events into the read model, then commands
        (and reactions) decided one at a time. True when it read anything."""
        async with self._lock:
            read = await self._feed()
            for topic in self._inputs:
                for record in self._new(topic):
                    read = True
                    await self._decide(record)
                    await self._feed()
            return read

    def _new(self, topic: str) -> list[Record]:
        records = self._broker.topics[topic][self._read[topic]:]
        self._read[topic] += len(records)
        return records

    async def _feed(self) -> bool:
        records = self._new(self.events_topic)
        for record in records:
            env, problems = take(record, self._apply)
            self.events_read += env is not None
            for reason in problems:
                await self._unusable("feed")(record, reason)
        return bool(records)

    async def _decide(self, record: Record) -> None:
        for command in await self._reader.commands([record]):
            outcome = self._decider.decide_batch([command.message])[0]
            after = -1
            for env in outcome.events:
                after = self._broker.append(self.events_topic, *encode(env), partition=outcome.partition).offset + 1
            self._decider.finish(outcome, after)
            await self._reader.check(command, outcome)
            if command.reply_to == self.instance_id.encode():
                self._replies[command.reply_key] = outcome.reply
            elif command.reply_to:  # another replica's caller: the reply goes to it
                for log in self._broker.logs:
                    if log.instance_id.encode() == command.reply_to:
                        log._replies[command.reply_key] = outcome.reply


def in_memory(broker: MemoryBroker, settings: ServiceSettings):
    """`new_log` for redress.kernel.main.assemble: services on the in-memory log."""
    def new_log(name: str, read_model, decider, reactions) -> MemoryLog:
        return MemoryLog(name, broker, settings, read_model, decider, reactions)
    return new_log
