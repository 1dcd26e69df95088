"""One contract, two logs: the promises the kernel's log keeps, proved against the
in-memory log and against real Kafka alike (services assembled from their declarations,
in this process, on topics of their own namespace)."""
from __future__ import annotations

import asyncio
import os
import uuid
from dataclasses import dataclass, replace

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

from redress.events.v1 import intake_pb2 as ev
from redress.kernel.auth import Principal
from redress.kernel.declaration import Domain, declaration
from redress.kernel.deadletters import from_record
from redress.kernel.envelope import Envelope, encode
from redress.kernel.main import assemble, on_kafka
from redress.kernel.memorylog import MemoryBroker, in_memory
from redress.kernel.rejections import AlreadyExists, StaleEtag
from redress.kernel.rpc import Caller
from redress.kernel.settings import KafkaSettings, ServiceSettings
from redress.kernel.deadletters import REDRIVE_TOPIC
from redress.kernel.topics import commands_topic, events_topic, partition_for
from redress.intake.v1.commands_pb2 import IntakeCommand
from redress.types.v1 import complaint_pb2 as types
from redress_intake import domain as intake_domain
from tests.helpers import eventually

CALLER = Caller(Principal("client-c", "org-contract", frozenset(), frozenset()), "corr", "client-c")
SETTINGS = ServiceSettings(command_timeout_s=20)
EXPLODES = "this description makes the decider raise"


def exploding(settings) -> Domain:
    """Intake's domain, except that one description makes deciding fail like a bug would."""
    def decide(state, command, now):
        if command.WhichOneof("action") == "file" and command.file.description == EXPLODES:
            raise KeyError("a bug")
        return intake_domain.decide(state, command, now)
    return Domain(IntakeCommand, decide, intake_domain.apply)


@dataclass
class Platform:
    kind: str
    intake: object  # the Intake use cases
    resolution: object  # the Resolution use cases, reacting to intake's events
    logs: list
    write: object  # async (topic, key, value, headers, partition) -> None: a raw record
    dead_letters: object  # async (service) -> list of DeadLetter
    namespace: str = "redress"

    async def settle(self) -> None:
        for log in self.logs:
            await log.caught_up()

    def topic(self, name: str) -> str:
        """A topic's name on this platform (the Kafka one has a namespace of its own)."""
        return name.replace("redress.", f"{self.namespace}.", 1)


def services(settings, partitions, new_log):
    intake_log, _, intake = assemble(replace(declaration("intake"), domain=exploding), settings, partitions,
                                     new_log)
    resolution_log, _, resolution = assemble(declaration("resolution"), settings, partitions, new_log)
    return intake, resolution, [intake_log, resolution_log]


def draft(description="The soup was cold and nobody came.", **fields) -> ev.ComplaintFiled:
    fields.setdefault("contact", types.CustomerContact(email=f"c-{uuid.uuid4().hex[:8]}@example.com"))
    return ev.ComplaintFiled(channel=types.CHANNEL_EMAIL, description=description, **fields)


async def memory_platform() -> Platform:
    broker = MemoryBroker()
    intake, resolution, logs = services(SETTINGS, broker.partitions, in_memory(broker, SETTINGS))
    for log in logs:
        await log.start()

    async def write(topic, key, value, headers, partition=0):
        broker.append(topic, key, value, headers, partition)

    async def dead_letters(service):
        return [letter for log in broker.logs if log.service == service
                for letter in log.dead_letters._sink.letters]

    return Platform("memory", intake, resolution, logs, write, dead_letters)


async def kafka_platform(bootstrap: str) -> Platform:
    namespace = f"contract-{uuid.uuid4().hex[:8]}"
    os.environ["REDRESS_TOPIC_NAMESPACE"] = namespace
    try:
        kafka = KafkaSettings(bootstrap=bootstrap)
        intake, resolution, logs = services(SETTINGS, kafka.partitions, on_kafka(bootstrap, kafka, SETTINGS))
    finally:
        del os.environ["REDRESS_TOPIC_NAMESPACE"]
    await asyncio.gather(*(log.start() for log in logs))
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", enable_idempotence=True)
    await producer.start()

    async def write(topic, key, value, headers, partition=0):
        await producer.send_and_wait(topic.replace("redress.", f"{namespace}.", 1), key=key, value=value,
                                     headers=list(headers), partition=partition)

    async def dead_letters(service):
        consumer = AIOKafkaConsumer(f"{namespace}.{service}.deadletters.v1", bootstrap_servers=bootstrap, auto_offset_reset="earliest",
                                    enable_auto_commit=False)
        await consumer.start()
        try:
            letters = {}
            for records in (await consumer.getmany(timeout_ms=3000)).values():
                for record in records:
                    letters[record.key] = from_record(record)
            return list(letters.values())
        finally:
            await consumer.stop()

    platform = Platform("kafka", intake, resolution, logs, write, dead_letters, namespace)
    platform.stop_extra = producer.stop
    return platform


@pytest.fixture(params=["memory", pytest.param("kafka", marks=pytest.mark.kafka)], scope="module")
async def platform(request):
    if request.param == "memory":
        platform = await memory_platform()
    else:
        platform = await kafka_platform(request.getfixturevalue("bootstrap"))
    yield platform
    for log in platform.logs:
        await log.stop()
    for app in (platform.resolution,):
        await app.stop()
    if hasattr(platform, "stop_extra"):
        await platform.stop_extra()


async def test_a_retry_returns_the_first_answer(platform):
    first = await platform.intake.file(CALLER, draft(), "contract-retry")
    await platform.intake.amend(CALLER, first.complaint.complaint_id, "contract-amend", "",
                                ev.ComplaintAmended(severity=types.SEVERITY_HIGH))
    again = await platform.intake.file(CALLER, draft(), "contract-retry")
    assert again.complaint.complaint_id == first.complaint.complaint_id
    assert again.complaint.version == first.complaint.version == 2
    assert again.complaint.filed.severity != types.SEVERITY_HIGH  # the answer as it was then


async def test_a_request_id_reused_for_another_action_is_refused(platform):
    filed = await platform.intake.file(CALLER, draft(), "contract-reuse")
    with pytest.raises(AlreadyExists, match="already used"):
        await platform.intake.withdraw(CALLER, filed.complaint.complaint_id, "contract-reuse", "", "no")


async def test_a_stale_etag_is_aborted_and_changes_nothing(platform):
    filed = await platform.intake.file(CALLER, draft(), str(uuid.uuid4()))
    cid = filed.complaint.complaint_id
    await platform.intake.amend(CALLER, cid, str(uuid.uuid4()), "2", ev.ComplaintAmended(store="Kadıköy"))
    with pytest.raises(StaleEtag, match="etag 3"):
        await platform.intake.withdraw(CALLER, cid, str(uuid.uuid4()), "2", "changed my mind")
    assert (await platform.intake.get(CALLER, cid)).status == "open"


async def test_conflicting_commands_are_decided_one_after_the_other(platform):
    filed = await platform.intake.file(CALLER, draft(), str(uuid.uuid4()))
    cid = filed.complaint.complaint_id
    results = await asyncio.gather(*(
        platform.intake.withdraw(CALLER, cid, str(uuid.uuid4()), "2", f"reason {i}") for i in range(4)),
        return_exceptions=True)
    won = [r for r in results if not isinstance(r, Exception)]
    assert len(won) == 1 and all(isinstance(r, StaleEtag) for r in results if r not in won)
    assert won[0].version == 3


async def test_reads_answer_as_of_the_version_a_command_made(platform):
    filed = await platform.intake.file(CALLER, draft(), str(uuid.uuid4()))
    cid = filed.complaint.complaint_id
    amended = await platform.intake.amend(CALLER, cid, str(uuid.uuid4()), "", ev.ComplaintAmended(store="A"))
    await platform.intake.amend(CALLER, cid, str(uuid.uuid4()), "", ev.ComplaintAmended(store="B"))
    assert amended.filed.store == "A" and amended.version == 3
    assert platform.intake.book.as_of(cid, 3).filed.store == "A"
    assert (await platform.intake.get(CALLER, cid)).filed.store == "B"


def envelope(subject: str, sequence: int, payload, org="org-contract") -> Envelope:
    return Envelope(event_id=str(uuid.uuid4()), source="//redress/intake", subject=subject,
                    time=intake_domain.datetime.now(intake_domain.timezone.utc), sequence=sequence, organisation=org,
                    actor="a", client_id="c", correlation_id="", causation_id="", request_id=str(uuid.uuid4()),
                    payload=payload)


def poison_records(subject: str) -> dict[str, tuple]:
    """Records no consumer can use as they are, by what is wrong with them (key, value, headers)."""
    key, value, headers = encode(envelope(subject, 1, ev.ComplaintWithdrawn(complaint_id=subject)))
    bad_time = [(k, b"yesterday" if k == "ce_time" else v) for k, v in headers]
    known_type = [(k, b"redress.events.v1.ComplaintFiled" if k == "ce_type" else v) for k, v in headers]
    no_sequence = [(k, v) for k, v in headers if k != "ce_sequence"]
    return {
        "no headers": (key, value, []),
        "no ce_sequence": (key, value, no_sequence),
        "bad ce_time": (key, value, bad_time),
        "undecodable payload": (key, b"\xff\xff\xff", known_type),
        "cannot apply": (key, value, headers),  # a withdrawal before any filing
    }


async def test_records_the_feed_cannot_use_go_to_dead_letters_and_it_goes_on(platform):
    topic = events_topic("intake")
    subjects = {}
    for what, (key, value, headers) in poison_records("ignored").items():
        subject = f"poison-{uuid.uuid4().hex[:8]}"
        key, value, headers = poison_records(subject)[what]
        subjects[subject] = what
        await platform.write(topic, key, value, headers, partition_for(subject, 6))
    await platform.settle()
    letters = {letter for letter in await platform.dead_letters("intake") if letter.consumer == "intake.feed"}
    reasons = {letter.key.decode(): letter.reason for letter in letters if letter.key}
    assert set(subjects) <= set(reasons)
    assert "not a valid redress.events.v1.ComplaintFiled" in reasons[_subject(subjects, "undecodable payload")]
    assert "ce_time" in reasons[_subject(subjects, "bad ce_time")]
    assert "no ce_id" in reasons[_subject(subjects, "no headers")]
    assert "could not apply" in reasons[_subject(subjects, "cannot apply")]
    assert "ce_sequence" in reasons[_subject(subjects, "no ce_sequence")]
    assert all(letter.topic.endswith("intake.events.v1") and letter.offset >= 0 for letter in letters)
    filed = await platform.intake.file(CALLER, draft(), str(uuid.uuid4()))  # and it goes on
    assert filed.complaint.version == 2


def _subject(subjects: dict, what: str) -> str:
    return next(s for s, w in subjects.items() if w == what)


async def test_an_unknown_first_event_is_kept_and_the_stream_goes_on(platform):
    topic = events_topic("intake")
    subject = f"future-{uuid.uuid4().hex[:8]}"
    key, value, headers = encode(envelope(subject, 1, ev.ComplaintWithdrawn(complaint_id=subject)))
    headers = [(k, b"redress.events.v1.ComplaintTeleported" if k == "ce_type" else v) for k, v in headers]
    await platform.write(topic, key, value, headers, partition_for(subject, 6))
    key, value, headers = encode(envelope(subject, 3, ev.ComplaintWithdrawn(complaint_id=subject)))
    await platform.write(topic, key, value, headers, partition_for(subject, 6))  # a gap: 2 is missing
    await platform.settle()
    streams = platform.intake.book.streams
    assert streams.stream(subject).version == 3
    assert streams.histories[subject][0].type == "redress.events.v1.ComplaintTeleported"
    reasons = [letter.reason for letter in await platform.dead_letters("intake") if letter.key == subject.encode()]
    assert any("sequence gap" in r and "expected 2, got 3" in r for r in reasons)


async def test_commands_that_cannot_be_used_go_to_dead_letters_and_answers_go_on(platform):
    subject = f"cmd-{uuid.uuid4().hex[:8]}"
    await platform.write(commands_topic("intake"), subject.encode(), b"\x0a\xff\xff", [],
                         partition_for(subject, 6))
    bad_redrive = f"cmd-{uuid.uuid4().hex[:8]}"
    await platform.write(commands_topic("intake"), bad_redrive.encode(), b"", [(REDRIVE_TOPIC, b"\xff\xfe")],
                         partition_for(bad_redrive, 6))
    expired = IntakeCommand()
    expired.context.complaint_id = bad_redrive
    expired.context.deadline.seconds = 2 ** 62  # beyond any datetime
    await platform.write(commands_topic("intake"), bad_redrive.encode(), expired.SerializeToString(), [],
                         partition_for(bad_redrive, 6))
    with pytest.raises(Exception) as failed:
        await platform.intake.file(CALLER, draft(EXPLODES), str(uuid.uuid4()))
    assert "could not be decided" in str(failed.value)
    await platform.settle()
    async def all_set_aside():
        letters = [letter for letter in await platform.dead_letters("intake") if letter.consumer == "intake.processor"]
        reasons = [letter.reason for letter in letters]
        return reasons if len(reasons) >= 4 else None

    reasons = await eventually(all_set_aside) or []
    assert any("not a valid redress.intake.v1.IntakeCommand" in r for r in reasons)
    assert any("deciding file failed" in r and "a bug" in r for r in reasons)
    assert any("re-driven record from" in r for r in reasons) and any("could not read it" in r for r in reasons)
    assert (await platform.intake.file(CALLER, draft(), str(uuid.uuid4()))).complaint.version == 2


async def test_a_reaction_to_an_event_delivered_twice_happens_once(platform):
    filed = await platform.intake.file(CALLER, draft(), str(uuid.uuid4()))
    cid = filed.complaint.complaint_id

    async def case_after(version: int):
        await platform.settle()
        case = platform.resolution.book.get("org-contract", cid)
        return case if case is not None and case.version > version else None

    opened = await eventually(lambda: case_after(0))
    assert opened is not None
    first = platform.intake.book.histories[cid][0]
    await platform.write(events_topic("intake"), *encode(first), partition_for(cid, 6))  # delivered again
    # A later event of the same complaint is reacted to after the duplicate (one partition, in order).
    await platform.intake.amend(CALLER, cid, str(uuid.uuid4()), "", ev.ComplaintAmended(severity=types.SEVERITY_HIGH))
    later = await eventually(lambda: case_after(opened.version))
    assert later is not None
    kinds = [e.type for e in platform.resolution.book.histories[cid]]
    assert kinds.count("redress.events.v1.CaseOpened") == 1


async def test_a_redriven_event_is_reacted_to(platform):
    cid = f"redriven-{uuid.uuid4().hex[:8]}"
    event = envelope(cid, 1, ev.ComplaintFiled(complaint_id=cid, organisation="org-contract",
                                                channel=types.CHANNEL_EMAIL, description="cold soup",
                                                contact=types.CustomerContact(email="r@example.com")))
    key, value, headers = encode(event)
    headers = [*headers, (REDRIVE_TOPIC, platform.topic(events_topic("intake")).encode())]
    await platform.write(commands_topic("resolution"), key, value, headers, partition_for(cid, 6))

    async def opened():
        await platform.settle()
        return platform.resolution.book.get("org-contract", cid)

    case = await eventually(opened)
    assert case is not None and case.complaint_id == cid and case.version >= 1


async def test_a_second_writer_and_a_lost_reaction_are_dead_letters(platform):
    filed = await platform.intake.file(CALLER, draft(), str(uuid.uuid4()))
    cid = filed.complaint.complaint_id
    rival = envelope(cid, 2, ev.ComplaintWithdrawn(complaint_id=cid))  # sequence 2 is taken already
    await platform.write(events_topic("intake"), *encode(rival), partition_for(cid, 6))
    orphan = f"orphan-{uuid.uuid4().hex[:8]}"  # withdrawn, though resolution never had its case
    await platform.write(events_topic("intake"), *encode(envelope(orphan, 1, ev.ComplaintWithdrawn(
        complaint_id=orphan))), partition_for(orphan, 6))
    await platform.settle()
    intake = [letter.reason for letter in await platform.dead_letters("intake") if letter.key == cid.encode()]
    assert any("conflicting event" in r for r in intake)
    assert (await platform.intake.get(CALLER, cid)).status == "open"
    async def refused():
        return [letter for letter in await platform.dead_letters("resolution") if letter.key == orphan.encode()]

    resolution = await eventually(refused)
    assert resolution and "the reaction was refused" in resolution[0].reason
    assert resolution[0].consumer == "resolution.processor"
