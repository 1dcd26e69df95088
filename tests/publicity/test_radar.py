"""The risk radar against a real broker: real envelopes on the three event topics (some
twice, some in an aborted transaction, one unreadable), the radar process, its radar topic
and its commands to publicity-watch; then a second radar (new app id, fresh changelogs)
rebuilt from the earliest offsets gives the same radar."""
from __future__ import annotations

import asyncio
import json
import signal
import uuid
from collections import Counter
from datetime import datetime, timedelta, timezone

import pytest
from aiokafka import AIOKafkaProducer

from redress.dev.platform import start_radar
from redress.events.v1 import intake_pb2, publicity_pb2, resolution_pb2
from redress.kernel.envelope import Envelope, encode
from redress.kernel.ids import command_id
from redress.kernel.topics import partition_for
from redress.publicitywatch.v1.commands_pb2 import PublicityWatchCommand
from tests.helpers import committed_records, eventually

T0 = datetime(2026, 11, 30, 10, 0, tzinfo=timezone.utc)  # a window's start (3600 s)
WINDOW = int(T0.timestamp())


class Log:
    """The events of one test organisation, in a namespace of its own."""

    def __init__(self, ns: str, org: str, partitions: int):
        self.ns, self.org, self.partitions = ns, org, partitions
        self.sequences: Counter = Counter()

    def topic(self, service: str, kind: str = "events") -> str:
        return f"{self.ns}.{service}.{kind}.v1"

    def event(self, service: str, subject: str, payload, minutes: float) -> tuple[str, Envelope]:
        self.sequences[subject, service] += 1
        env = Envelope(event_id=str(uuid.uuid4()), source=f"//redress/{service}", subject=subject,
                       time=T0 + timedelta(minutes=minutes), sequence=self.sequences[subject, service],
                       organisation=self.org, actor="someone", client_id="client", correlation_id="corr",
                       causation_id="", request_id=str(uuid.uuid4()), payload=payload)
        return self.topic(service), env

    async def produce(self, producer: AIOKafkaProducer, events) -> None:
        for topic, env in events:
            key, value, headers = encode(env)
            await producer.send_and_wait(topic, value, key=key, headers=headers,
                                         partition=partition_for(env.subject, self.partitions))


def at(minutes: float):
    from google.protobuf.timestamp_pb2 import Timestamp

    return Timestamp(seconds=int((T0 + timedelta(minutes=minutes)).timestamp()))


def story(log: Log, a: str, b: str, c: str, mentions: list[str]):
    """A crosses twice (a negative post after a stated intent; again once reopened), B is
    withdrawn, C only filed. Three negative posts burst the organisation, two linked to
    store-1's complaints burst the store."""
    link = dict(sentiment="negative", source=publicity_pb2.SOURCE_KIND_REVIEW_SITE, store="store-1")
    m1, m2, m3, m4 = mentions
    return [
        log.event("intake", a, intake_pb2.ComplaintFiled(complaint_id=a, organisation=log.org, customer_id="cust-a",
                                                         store="store-1"), 0),
        log.event("intake", a, intake_pb2.PublicityIntentStated(complaint_id=a, where="newspaper"), 1),
        log.event("intake", b, intake_pb2.ComplaintFiled(complaint_id=b, organisation=log.org, customer_id="cust-b",
                                                         store="store-1"), 2),
        log.event("intake", c, intake_pb2.ComplaintFiled(complaint_id=c, organisation=log.org, customer_id="cust-c",
                                                         store="store-2"), 2),
        *[log.event("publicity-watch", m, publicity_pb2.MentionReported(
            mention_id=m, organisation=log.org, sentiment="positive" if m == m4 else "negative",
            published_at=at(3 + i)), 4 + i) for i, m in enumerate(mentions)],
        log.event("publicity-watch", a, publicity_pb2.MentionLinked(complaint_id=a, mention_id=m1, reach=500,
                                                                   published_at=at(3), **link), 8),
        log.event("publicity-watch", b, publicity_pb2.MentionLinked(complaint_id=b, mention_id=m2,
                                                                   published_at=at(4), **link), 9),
        log.event("resolution", a, resolution_pb2.CaseClosed(reason="satisfied"), 10),
        log.event("intake", b, intake_pb2.ComplaintWithdrawn(complaint_id=b, reason="sorted"), 10),
        log.event("resolution", a, resolution_pb2.CaseReopened(reason="not fixed after all"), 11),
    ]


async def aborted(bootstrap: str, log: Log, c: str) -> None:
    """What a fenced writer wrote and aborted: never part of the story."""
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, transactional_id=f"{log.ns}-fenced",
                                enable_idempotence=True, acks="all")
    await producer.start()
    try:
        await producer.begin_transaction()
        await log.produce(producer, [log.event("intake", c, intake_pb2.PublicityIntentStated(
            complaint_id=c, where="newspaper"), 3)])
        await producer.abort_transaction()
    finally:
        await producer.stop()


def latest(records) -> dict[str, dict]:
    return {r.key.decode(): json.loads(r.value) for r in records}


@pytest.fixture
def radar_env(bootstrap, kafka_settings, tmp_path):
    ns = f"radar{uuid.uuid4().hex[:8]}"
    org = f"org-{ns}"
    config = tmp_path / "radar.json"
    config.write_text(json.dumps({"_default": {"risk_threshold": 60, "burst": {"window_seconds": 3600, "store": 2,
                                                                                 "organisation": 3}}}))
    env = {"REDRESS_KAFKA_BOOTSTRAP": bootstrap, "REDRESS_TOPIC_NAMESPACE": ns, "REDRESS_RADAR_CONFIG": str(config),
           "REDRESS_STATE_DIR": str(tmp_path / "state"), "REDRESS_PARTITIONS": str(kafka_settings.partitions)}
    return env, Log(ns, org, kafka_settings.partitions)


async def test_the_radar_scores_tells_publicity_watch_once_and_rebuilds_the_same(bootstrap, radar_env, tmp_path):
    env, log = radar_env
    a, b, c = (str(uuid.uuid4()) for _ in range(3))
    mentions = [str(uuid.uuid4()) for _ in range(4)]
    radar_topic, commands = f"{log.ns}.publicity-watch.risk-radar.v1", log.topic("publicity-watch", "commands")
    radar = start_radar(env, log_to=open(tmp_path / "radar-1.log", "w"))
    try:
        events = story(log, a, b, c, mentions)
        producer = AIOKafkaProducer(bootstrap_servers=bootstrap, enable_idempotence=True, acks="all")
        await producer.start()
        try:
            await log.produce(producer, events)
            await aborted(bootstrap, log, c)
            await producer.send_and_wait(log.topic("intake"), b"not an event", key=c.encode(),
                                         partition=partition_for(c, log.partitions))
            await log.produce(producer, events)  # every event redelivered
        finally:
            await producer.stop()

        async def radar_done():
            view = latest(await committed_records(bootstrap, radar_topic))
            return view if view.get(a, {}).get("events") == 5 and view.get(b, {}).get("events") == 3 else None

        view = await eventually(radar_done, timeout=30)
        assert view, f"the radar did not fold the story; see {tmp_path / 'radar-1.log'}"
        assert view[a] == {
            "complaint_id": a, "organisation": log.org, "customer_id": "cust-a", "store": "store-1", "score": 65,
            "threshold": 60, "crossings": 2, "as_of": "2026-11-30T10:11:00.000000Z", "events": 5,
            "factors": [{"name": "stated_intent", "points": 35, "detail": "the customer said they will go to a newspaper"},
                        {"name": "public_reach", "points": 5, "detail": "the linked posts reach 500 people"},
                        {"name": "negative_mention", "points": 25,
                         "detail": "1 negative public post linked (review site)"}]}
        assert (view[b]["score"], view[b]["crossings"], view[b]["factors"][-1]["name"]) == (10, 0, "resolved")
        assert (view[c]["score"], view[c]["events"]) == (0, 1), "an aborted transaction's event was folded"

        async def commands_sent():
            records = await committed_records(bootstrap, commands)
            return records if len(records) >= 4 else None

        await eventually(commands_sent, timeout=15)
        await asyncio.sleep(3)  # room for a duplicate to show up
        sent = [(r, PublicityWatchCommand.FromString(r.value)) for r in await committed_records(bootstrap, commands)]
        by_request = Counter(cmd.context.request_id for _, cmd in sent)
        burst_org, burst_store = f"burst:{log.org}:*:{WINDOW}", f"burst:{log.org}:store-1:{WINDOW}"
        assert by_request == {f"risk:{a}:1": 1, f"risk:{a}:2": 1, burst_org: 1, burst_store: 1}
        _check_risk(sent, log, a, events)
        _check_bursts(sent, log, mentions, burst_org, burst_store)
        dead = await committed_records(bootstrap, f"{log.ns}.publicity-watch.radar-deadletters.v1")
        assert [r.value for r in dead] == [b"not an event"]
        assert radar.stop() != -signal.SIGKILL, "the radar did not exit on SIGTERM"
    finally:
        radar.stop()

    rebuilt_topic = f"{log.ns}.rebuilt-radar"
    second = start_radar({**env, "REDRESS_RADAR_APP_ID": f"{log.ns}-rebuild", "REDRESS_RADAR_TOPIC": rebuilt_topic},
                         log_to=open(tmp_path / "radar-2.log", "w"))
    try:
        async def same_radar():
            rebuilt = latest(await committed_records(bootstrap, rebuilt_topic))
            return rebuilt if rebuilt == view else None

        assert await eventually(same_radar, timeout=30) == view

        async def resent():
            records = await committed_records(bootstrap, commands)
            return records if len(records) >= 8 else None

        again = await eventually(resent, timeout=15)
        assert Counter(PublicityWatchCommand.FromString(r.value).context.request_id for r in again) == {
            request: 2 for request in by_request}  # sent again, the same request ids: the service dedupes them
    finally:
        second.stop()


def _check_risk(sent, log: Log, a: str, events) -> None:
    link, reopen = events[8][1], events[12][1]
    risks = {cmd.context.request_id: (record, cmd) for record, cmd in sent if cmd.WhichOneof("action") == "note_risk"}
    record, first = risks[f"risk:{a}:1"]
    assert record.key == a.encode() and record.partition == partition_for(a, log.partitions)
    ctx = first.context
    assert (ctx.complaint_id, ctx.principal.client_id, ctx.principal.organisation, ctx.actor) == (
        a, "risk-radar", log.org, "risk-radar")
    assert ctx.command_id == command_id(log.org, a, "note_risk", f"risk:{a}:1")
    assert ctx.causation_id == link.event_id and not ctx.HasField("deadline")
    assert (first.note_risk.score, first.note_risk.threshold, first.note_risk.crossing) == (65, 60, 1)
    assert [f.name for f in first.note_risk.factors] == ["stated_intent", "public_reach", "negative_mention"]
    second = risks[f"risk:{a}:2"][1]
    assert (second.note_risk.crossing, second.context.causation_id) == (2, reopen.event_id)


def _check_bursts(sent, log: Log, mentions: list[str], burst_org: str, burst_store: str) -> None:
    bursts = {cmd.context.request_id: (record, cmd) for record, cmd in sent if cmd.WhichOneof("action") == "note_burst"}
    record, whole = bursts[burst_org]
    key = f"bursts/{log.org}"
    assert record.key == key.encode() and whole.context.complaint_id == key
    assert record.partition == partition_for(key, log.partitions)
    burst = whole.note_burst
    assert (burst.store, burst.count, burst.threshold, burst.window_start.seconds, burst.window_end.seconds) == (
        "", 3, 3, WINDOW, WINDOW + 3600)
    assert sorted(burst.mention_ids) == sorted(mentions[:3])
    store = bursts[burst_store][1].note_burst
    assert (store.store, store.count, store.threshold, sorted(store.mention_ids)) == (
        "store-1", 2, 2, sorted(mentions[:2]))
