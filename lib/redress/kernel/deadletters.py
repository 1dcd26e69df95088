"""Records a consumer cannot use go to its service's dead-letter topic, and it goes on.

A dead letter keeps the original record (key, value, headers) and says why it was set
aside and where it came from (topic, partition, offset, which consumer). Its key names
that origin and the consumer, and the topic is compacted, so a record reported again
(every replica's feed reads every event, and reads them again after a restart) stays one
dead letter; a re-drive writes the same key again with status "redriven".
"""
from __future__ import annotations

import asyncio
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from typing import Protocol

import structlog

from redress.kernel import metrics


log = structlog.get_logger(__name__)
DEAD, REDRIVEN = "dead", "redriven"
# Header names on a dead-letter record; the original record's own headers follow them.
REASON, CONSUMER, TOPIC, PARTITION, OFFSET, KEY, TIME, STATUS = (
    "dl_reason", "dl_consumer", "dl_topic", "dl_partition", "dl_offset", "dl_key", "dl_time", "dl_status")
OWN_HEADERS = (REASON, CONSUMER, TOPIC, PARTITION, OFFSET, KEY, TIME, STATUS)
MAX_REASON = 1000
# On a record written to a service's commands topic by a re-drive of a reaction's dead
# letter: the events topic it came from, so the processor reacts to it again.
REDRIVE_TOPIC = "redress_redrive_topic"


@dataclass(frozen=True)
class DeadLetter:
    """One record set aside: where it came from, why, and the record itself."""
    consumer: str  # e.g. "intake.feed", "resolution.processor"
    topic: str
    partition: int
    offset: int
    reason: str
    key: bytes | None = None
    value: bytes | None = None
    headers: tuple[tuple[str, bytes], ...] = ()
    time: datetime = field(default_factory=lambda: datetime.now(timezone.utc))
    status: str = DEAD

    @property
    def id(self) -> str:
        # A command decided where it was sent (never a record of its own) is named by its key.
        origin = self.offset if self.offset >= 0 else (self.key or b"").decode("utf-8", "replace")
        return f"{self.consumer}/{self.topic}/{self.partition}/{origin}"

    def record_headers(self) -> list[tuple[str, bytes]]:
        own = {REASON: self.reason[:MAX_REASON], CONSUMER: self.consumer, TOPIC: self.topic,
               PARTITION: str(self.partition), OFFSET: str(self.offset), TIME: self.time.isoformat(),
               STATUS: self.status}
        headers = [(k, v.encode()) for k, v in own.items()]
        if self.key is not None:
            headers.append((KEY, self.key))
        return headers + [(k, v) for k, v in self.headers if k not in OWN_HEADERS]


def of_record(record, consumer: str, reason: str) -> DeadLetter:
    """The dead letter of a consumed Kafka record (any object with its fields)."""
    return DeadLetter(consumer=consumer, topic=record.topic, partition=record.partition, offset=record.offset,
                      reason=reason, key=record.key, value=record.value, headers=tuple(record.headers or ()))


def of_command(command, consumer: str, reason: str, topic: str, partition: int) -> DeadLetter:
    """The dead letter of a command decided on the replica it was sent to: as if it had been
    read from the command topic (a re-drive sends it there), named by its command id."""
    return DeadLetter(consumer=consumer, topic=topic, partition=partition, offset=-1, reason=reason,
                      key=command.context.command_id.encode(), value=command.SerializeToString())


def from_record(record) -> DeadLetter:
    """A dead letter read back from the dead-letter topic."""
    headers = list(record.headers or ())
    own = {k: v for k, v in headers if k in OWN_HEADERS}

    def text(name: str) -> str:
        return own.get(name, b"").decode("utf-8", "replace")

    try:
        time = datetime.fromisoformat(text(TIME))
    except ValueError:
        time = datetime.fromtimestamp(record.timestamp / 1000, timezone.utc)
    return DeadLetter(
        consumer=text(CONSUMER), topic=text(TOPIC), partition=_number(text(PARTITION)),
        offset=_number(text(OFFSET)), reason=text(REASON), key=own.get(KEY), value=record.value,
        headers=tuple((k, v) for k, v in headers if k not in OWN_HEADERS), time=time, status=text(STATUS) or DEAD)


def _number(text: str) -> int:
    """-1 for a header that is not a number: one odd record must not stop whoever lists them."""
    try:
        return int(text)
    except ValueError:
        return -1


def redriven(letter: DeadLetter) -> DeadLetter:
    return replace(letter, status=REDRIVEN, time=datetime.now(timezone.utc))


class Sink(Protocol):
    async def write(self, letter: DeadLetter) -> None: ...


class DeadLetters:
    """Where one service's consumers put what they cannot use: logged, counted, written."""

    def __init__(self, sink: Sink):
        self._sink = sink
        self.counts: Counter[str] = Counter()  # by consumer
        self._seen: set[str] = set()

    async def report(self, letter: DeadLetter) -> None:
        self.counts[letter.consumer] += 1
        metrics.DEAD_LETTERS.labels(letter.consumer.split(".")[0], letter.consumer).inc()
        if letter.id in self._seen:  # this process wrote it already (a re-read after a retry)
            return
        log.error("record set aside as a dead letter", consumer=letter.consumer, topic=letter.topic,
                  partition=letter.partition, offset=letter.offset, reason=letter.reason)
        await self._write(letter)
        self._seen.add(letter.id)

    async def _write(self, letter: DeadLetter) -> None:
        """Until it is written: the consumer waits rather than lose it (the broker is away)."""
        delay = 0.5
        while True:
            try:
                await self._sink.write(letter)
                return
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                log.warning("could not write a dead letter; trying again", error=repr(exc), in_s=delay)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 30)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


class KafkaSink:
    """Writes dead letters to the service's dead-letter topic (acks=all, like every append)."""

    def __init__(self, producer, topic: str):
        self._producer = producer
        self.topic = topic

    async def write(self, letter: DeadLetter) -> None:
        # An empty value, never None: on a compacted topic None would delete the letter.
        await self._producer.send_and_wait(self.topic, key=letter.id.encode(), value=letter.value or b"",
                                           headers=letter.record_headers())


class MemorySink:
    """Keeps dead letters in a list: the in-memory log's, and tests'."""

    def __init__(self) -> None:
        self.letters: list[DeadLetter] = []

    async def write(self, letter: DeadLetter) -> None:
        self.letters.append(letter)
