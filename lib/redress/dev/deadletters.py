"""`redress deadletters list|redrive`: the records services set aside, and sending them back.

The format is redress.kernel.deadletters': a compacted topic per service, keyed by the
dead letter's id, whose latest record says whether it is still dead or was re-driven.
"""
from __future__ import annotations

import json
import sys
from collections import Counter
from dataclasses import dataclass

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

from redress.kernel.sender import REPLY_KEY, REPLY_TO
from redress.kernel.deadletters import DEAD, REDRIVE_TOPIC, DeadLetter, from_record, redriven
from redress.kernel.eventlog import assign_all
from redress.kernel.topics import commands_topic, deadletters_topic, events_topic, namespace
from redress.kernel.kafka_auth import client_options


async def read_letters(bootstrap: str, service: str) -> dict[str, DeadLetter]:
    """The service's dead letters by id, the latest record of each; none if the topic is missing."""
    topic = deadletters_topic(service)
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False, **client_options())
    try:
        await consumer.start()
        if topic not in await consumer.topics():
            return {}
        tps = await assign_all(consumer, topic)
        await consumer.seek_to_beginning(*tps)
        ends = await consumer.end_offsets(tps)
        letters: dict[str, DeadLetter] = {}
        while [tp for tp in tps if await consumer.position(tp) < ends[tp]]:
            for records in (await consumer.getmany(*tps, timeout_ms=500)).values():
                for record in records:
                    _keep_latest(letters, record)
        return letters
    finally:
        await consumer.stop()


def _keep_latest(letters: dict[str, DeadLetter], record) -> None:
    key = (record.key or b"").decode("utf-8", "replace")
    if record.value is None and not record.headers:  # a tombstone: compaction removes the key
        letters.pop(key, None)
    else:
        letters[key] = from_record(record)


def original_type(letter: DeadLetter) -> str:
    return next((v.decode("utf-8", "replace") for k, v in letter.headers if k == "ce_type"), "")


def as_line(letter_id: str, letter: DeadLetter) -> str:
    reason = " ".join(letter.reason.split())
    when = letter.time.strftime("%Y-%m-%d %H:%M:%S")
    return f"{letter_id}  {letter.status:<8}  {when}  {reason[:200]}  {original_type(letter) or '-'}"


def as_json(service: str, letter_id: str, letter: DeadLetter) -> str:
    return json.dumps({
        "service": service, "id": letter_id, "status": letter.status, "time": letter.time.isoformat(),
        "reason": letter.reason, "type": original_type(letter), "consumer": letter.consumer,
        "topic": letter.topic, "partition": letter.partition, "offset": letter.offset,
        "key": letter.key.decode("utf-8", "replace") if letter.key is not None else None,
    }, ensure_ascii=False)


async def list_letters(bootstrap: str, services: list[str], include_redriven: bool, as_json_lines: bool) -> int:
    for service in services:
        letters = await read_letters(bootstrap, service)
        counts = Counter(letter.status for letter in letters.values())
        shown = {i: letter for i, letter in letters.items() if include_redriven or letter.status == DEAD}
        for letter_id, letter in sorted(shown.items(), key=lambda item: item[1].time):
            print(as_json(service, letter_id, letter) if as_json_lines else as_line(letter_id, letter))
        summary = f"{service}: {counts[DEAD]} dead" + "".join(
            f", {n} {status}" for status, n in sorted(counts.items()) if status != DEAD)
        print(summary, file=sys.stderr if as_json_lines else sys.stdout, flush=True)
    return 0


@dataclass(frozen=True)
class Redrive:
    """Where a dead letter's record goes again, with which headers."""
    topic: str
    headers: list[tuple[str, bytes]]


class NotRedriven(Exception):
    """The message says why, and what to do instead."""


def plan(service: str, letter_id: str, letter: DeadLetter) -> Redrive:
    own = [(k, v) for k, v in letter.headers if k not in (REPLY_TO, REPLY_KEY, REDRIVE_TOPIC)]
    if letter.status != DEAD:
        raise NotRedriven(f"{letter_id}: already {letter.status} at {letter.time.isoformat()}; not sent again")
    if letter.topic == commands_topic(service):
        return Redrive(commands_topic(service), own)
    if letter.topic == events_topic(service):
        raise NotRedriven(
            f"{letter_id}: not re-driven: it came from {service}'s own events topic, the feed of its read "
            f"model; the read model re-reads its log at every start, so restarting the {service} replicas "
            "after the fix re-applies it")
    if letter.topic.startswith(f"{namespace()}.") and letter.topic.endswith(".events.v1"):
        # A reaction the processor could not make: it reacts again to what arrives with this header.
        return Redrive(commands_topic(service), own + [(REDRIVE_TOPIC, letter.topic.encode())])
    raise NotRedriven(f"{letter_id}: not re-driven: it came from {letter.topic}, which is neither "
                      f"{service}'s commands topic nor an events topic")


async def redrive(bootstrap: str, service: str, ids: list[str], every: bool) -> int:
    letters = await read_letters(bootstrap, service)
    chosen = [i for i, letter in letters.items() if letter.status == DEAD] if every else ids
    failed = 0
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", enable_idempotence=True,
                                **client_options())
    try:
        await producer.start()
        for letter_id in chosen:
            letter = letters.get(letter_id)
            try:
                if letter is None:
                    raise NotRedriven(f"{letter_id}: no such dead letter in {deadletters_topic(service)}")
                target = plan(service, letter_id, letter)
            except NotRedriven as refused:
                print(refused, file=sys.stderr)
                failed += 1
                continue
            await producer.send_and_wait(target.topic, key=letter.key, value=letter.value, headers=target.headers)
            await producer.send_and_wait(deadletters_topic(service), key=letter_id.encode(), value=letter.value,
                                         headers=redriven(letter).record_headers())
            print(f"{letter_id}: re-driven to {target.topic}")
    finally:
        await producer.stop()
    if every and not chosen:
        print(f"{service}: no dead letters to re-drive")
    return 1 if failed else 0
