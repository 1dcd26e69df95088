"""`redress deadletters list|redrive` against the real broker, on dead letters written as the kernel writes them."""
from __future__ import annotations

import asyncio
import json
import random

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition

from redress.dev.cli import main
from redress.kernel.deadletters import REDRIVE_TOPIC, REDRIVEN, DeadLetter
from redress.kernel.topics import commands_topic, deadletters_topic, events_topic, service_topics
from redress.kernel.eventlog import assign_all, ensure_topics
from redress.kernel.settings import KafkaSettings


pytestmark = pytest.mark.kafka
INTAKE_COMMANDS = commands_topic("intake")


async def create_topics(bootstrap: str) -> None:
    settings = KafkaSettings()
    await ensure_topics(bootstrap, [*service_topics("intake", settings), *service_topics("resolution", settings)])


async def write(bootstrap: str, service: str, *letters: DeadLetter) -> None:
    """As the kernel's KafkaSink writes them."""
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", enable_idempotence=True)
    await producer.start()
    try:
        for letter in letters:
            await producer.send_and_wait(deadletters_topic(service), key=letter.id.encode(), value=letter.value,
                                         headers=letter.record_headers())
    finally:
        await producer.stop()


async def end_offsets(bootstrap: str, topic: str) -> dict[TopicPartition, int]:
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap)
    await consumer.start()
    try:
        tps = await assign_all(consumer, topic)
        return await consumer.end_offsets(tps)
    finally:
        await consumer.stop()


async def appended_since(bootstrap: str, since: dict[TopicPartition, int]) -> list:
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False)
    await consumer.start()
    try:
        consumer.assign(list(since))
        for tp, offset in since.items():
            consumer.seek(tp, offset)
        ends = await consumer.end_offsets(list(since))
        records = []
        while [tp for tp in since if await consumer.position(tp) < ends[tp]]:
            for batch in (await consumer.getmany(timeout_ms=500)).values():
                records.extend(batch)
        return records
    finally:
        await consumer.stop()


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def listed(out: str) -> dict[str, dict]:
    return {row["id"]: row for row in map(json.loads, out.splitlines())}


@pytest.fixture
def letters(bootstrap, monkeypatch):
    monkeypatch.setenv("REDRESS_KAFKA_BOOTSTRAP", bootstrap)
    base = random.randrange(10**6, 10**9)  # ids of this run only: the topics outlive it
    command = DeadLetter("intake.processor", INTAKE_COMMANDS, 0, base, "first try", key=b"c-1", value=b"\xff\x01cmd",
                         headers=(("reply_to", b"r-1"), ("reply_key", b"k-1"), ("trace", b"t-1")))
    again = DeadLetter(**{**command.__dict__, "reason": "command could not be parsed:\n  DecodeError"})
    reaction = DeadLetter("intake.processor", events_topic("resolution"), 1, base + 1, "no reaction to it",
                          key=b"c-2", value=b"\xff\x02evt", headers=(("ce_type", b"redress.events.v1.CaseOpened"),))
    feed = DeadLetter("intake.feed", events_topic("intake"), 2, base + 2, "projection failed", key=b"c-3",
                      value=b"\xff\x03own", headers=(("ce_type", b"redress.events.v1.ComplaintFiled"),))
    done = DeadLetter("resolution.processor", commands_topic("resolution"), 0, base + 3, "old", key=b"c-4",
                      value=b"\xff\x04", status=REDRIVEN)

    async def setup() -> None:
        await create_topics(bootstrap)
        await write(bootstrap, "intake", command, again, reaction, feed)
        await write(bootstrap, "resolution", done)

    asyncio.run(setup())
    return command, reaction, feed, done


def test_list_shows_the_latest_record_of_each_dead_letter(letters, capsys):
    command, reaction, feed, done = letters
    code, out, _ = run(capsys, "deadletters", "list")
    assert code == 0
    lines = out.splitlines()
    assert [line for line in lines if line.startswith(command.id)] == [
        f"{command.id}  dead      {command.time:%Y-%m-%d %H:%M:%S}  command could not be parsed: DecodeError  -"]
    assert [line for line in lines if line.startswith(reaction.id)][0].endswith(
        "no reaction to it  redress.events.v1.CaseOpened")
    assert any(line.startswith(feed.id) for line in lines)
    assert not any(line.startswith(done.id) for line in lines), "re-driven ones only with --all"
    assert any(line.startswith("intake: ") and " dead" in line for line in lines)
    assert any(line.startswith("resolution: ") and "redriven" in line for line in lines)

    code, out, err = run(capsys, "deadletters", "list", "--all", "--json", "resolution")
    rows = listed(out)
    assert rows[done.id]["status"] == "redriven" and rows[done.id]["key"] == "c-4"
    assert all(row["service"] == "resolution" for row in rows.values())
    assert err.startswith("resolution: ")


def test_a_missing_topic_means_no_dead_letters(bootstrap, monkeypatch, capsys):
    monkeypatch.setenv("REDRESS_KAFKA_BOOTSTRAP", bootstrap)
    monkeypatch.setattr("redress.dev.deadletters.deadletters_topic", lambda service: "redress.none.deadletters.v1")
    assert run(capsys, "deadletters", "list", "intake") == (0, "intake: 0 dead\n", "")


def test_redrive_sends_commands_and_reactions_back_and_refuses_the_feed(letters, bootstrap, capsys):
    command, reaction, feed, _ = letters
    before = asyncio.run(end_offsets(bootstrap, INTAKE_COMMANDS))

    code, out, err = run(capsys, "deadletters", "redrive", "intake", command.id, reaction.id, feed.id, "nope")
    assert code == 1
    assert out.splitlines() == [f"{command.id}: re-driven to {INTAKE_COMMANDS}",
                                f"{reaction.id}: re-driven to {INTAKE_COMMANDS}"]
    assert f"{feed.id}: not re-driven: it came from intake's own events topic" in err
    assert "the read model re-reads its log at every start, so restarting the intake replicas" in err
    assert "nope: no such dead letter in redress.intake.deadletters.v1" in err

    appended = {r.value: r for r in asyncio.run(appended_since(bootstrap, before))}
    resent = appended[command.value]
    assert resent.key == b"c-1" and list(resent.headers) == [("trace", b"t-1")]
    reacted = appended[reaction.value]
    assert reacted.key == b"c-2"
    assert dict(reacted.headers) == {"ce_type": b"redress.events.v1.CaseOpened",
                                     REDRIVE_TOPIC: events_topic("resolution").encode()}
    assert feed.value not in appended

    code, out, _ = run(capsys, "deadletters", "list", "--all", "--json", "intake")
    rows = listed(out)
    assert (rows[command.id]["status"], rows[reaction.id]["status"], rows[feed.id]["status"]) == (
        "redriven", "redriven", "dead")
    code, out, err = run(capsys, "deadletters", "redrive", "intake", command.id)
    assert code == 1 and "already redriven" in err
