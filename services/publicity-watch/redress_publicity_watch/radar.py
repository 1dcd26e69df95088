"""The risk radar, a faust-streaming app: folds intake's, resolution's and publicity-watch's
events into each complaint's risk and negative mentions into windows per store, and tells
publicity-watch of each crossing and burst. Thin: risk.py decides; docs/risk-radar.md.

Run: `python -m redress_publicity_watch.radar` (REDRESS_KAFKA_BOOTSTRAP, REDRESS_RADAR_*).
"""
from __future__ import annotations

import asyncio
import json
import os
import sys
from dataclasses import asdict, replace
from pathlib import Path

import faust
import structlog
from faust.transport.drivers import aiokafka as faust_aiokafka
from google.protobuf.timestamp_pb2 import Timestamp

from redress.events.v1 import publicity_pb2
from redress.kernel import logs, metrics
from redress.kernel.deadletters import DeadLetter
from redress.kernel.envelope import decode
from redress.kernel.eventlog import ensure_topics
from redress.kernel.ids import command_id
from redress.kernel.kafka_auth import client_options
from redress.kernel.settings import KafkaSettings, ServiceSettings
from redress.kernel.topics import commands_topic, events_topic, partition_for
from redress.publicitywatch.v1.commands_pb2 import PublicityWatchCommand
from redress_publicity_watch import bursts, radar_config, risk
from redress_publicity_watch.topics import (SERVICE, TABLES, app_id, radar_deadletters_topic, radar_topic,
                                            radar_topics, sightings_topic)

log = structlog.get_logger(__name__)
DEFAULT_CONFIG = Path(__file__).parent / "config" / "radar.json"
ACTOR = "risk-radar"
CONSUMER = "publicity-watch.risk-radar"


def _read_committed() -> None:
    """faust 0.15.3 reads read_uncommitted unless exactly_once (which we do not use): it
    would fold the records of aborted transactions. aiokafka reads the attribute at start."""
    create = faust_aiokafka.AIOKafkaConsumerThread._create_worker_consumer

    def create_read_committed(self, transport):
        consumer = create(self, transport)
        consumer._isolation_level = "read_committed"
        return consumer

    faust_aiokafka.AIOKafkaConsumerThread._create_worker_consumer = create_read_committed


def bootstrap(kafka: KafkaSettings) -> str:
    return kafka.bootstrap or f"127.0.0.1:{kafka.port}"


def credentials():
    """The services' Kafka security (redress.kernel.kafka_auth), as faust takes it."""
    options = client_options()
    if "sasl_mechanism" in options:
        return faust.SASLCredentials(username=options["sasl_plain_username"], password=options["sasl_plain_password"],
                                     ssl_context=options.get("ssl_context"), mechanism=options["sasl_mechanism"])
    return faust.SSLCredentials(options["ssl_context"]) if options else None


def load_config() -> radar_config.RadarConfig:
    path = Path(os.environ.get("REDRESS_RADAR_CONFIG") or DEFAULT_CONFIG)
    try:
        raw = json.loads(path.read_text())
    except OSError as exc:
        raise SystemExit(f"cannot read the radar configuration {path} (REDRESS_RADAR_CONFIG): {exc.strerror}")
    except json.JSONDecodeError as exc:
        raise SystemExit(f"the radar configuration {path} is not valid JSON: {exc}")
    try:
        return radar_config.config_from(raw, str(path))
    except radar_config.ConfigError as exc:
        raise SystemExit(str(exc))


def new_command(org: str, key: str, action: str, request_id: str, cause: str) -> PublicityWatchCommand:
    command = PublicityWatchCommand()
    ctx = command.context
    ctx.request_id, ctx.complaint_id, ctx.actor, ctx.causation_id = request_id, key, ACTOR, cause
    ctx.principal.client_id, ctx.principal.organisation = ACTOR, org
    ctx.correlation_id = f"risk-radar:{request_id}"
    ctx.command_id = command_id(org, key, action, request_id)
    return command


def risk_command(complaint: risk.Complaint, c: risk.Crossing, traceparent: str = "") -> PublicityWatchCommand:
    """`traceparent`: the trace of the event that took the score over, which the crossing continues."""
    key = complaint.complaint_id
    command = new_command(complaint.organisation, key, "note_risk", f"risk:{key}:{c.n}", c.event_id)
    command.context.traceparent = traceparent
    command.note_risk.CopyFrom(publicity_pb2.RiskThresholdCrossed(
        complaint_id=key, organisation=complaint.organisation, score=c.score, threshold=c.threshold,
        factors=[publicity_pb2.RiskFactor(**asdict(f)) for f in c.factors], crossing=c.n))
    return command


def burst_command(w: bursts.Window, threshold: int, cause: str) -> PublicityWatchCommand:
    key = f"bursts/{w.organisation}"
    command = new_command(w.organisation, key, "note_burst", f"burst:{w.organisation}:{w.store or '*'}:{w.start}",
                          cause)
    start, end = Timestamp(seconds=w.start), Timestamp(seconds=w.start + w.seconds)
    command.note_burst.CopyFrom(publicity_pb2.MentionBurstDetected(
        organisation=w.organisation, store=w.store, window_start=start, window_end=end,
        count=len(w.mention_ids), threshold=threshold, mention_ids=w.mention_ids))
    return command


class Radar:
    """The faust app and what its agents do with each record."""

    def __init__(self, kafka: KafkaSettings, config: radar_config.RadarConfig, state_dir: Path):
        self.kafka, self.config, self.partitions = kafka, config, kafka.partitions
        self.app = faust.App(
            app_id(), broker=[f"kafka://{h}" for h in bootstrap(kafka).split(",")], store="memory://",
            processing_guarantee="at_least_once", topic_partitions=self.partitions,
            topic_replication_factor=kafka.replication, web_enabled=False, datadir=str(state_dir / app_id()),
            broker_session_timeout=10.0, broker_heartbeat_interval=1.0, broker_commit_interval=1.0,
            broker_rebalance_timeout=20.0, key_serializer="raw", value_serializer="raw",
            broker_credentials=credentials())
        self.sightings_name = sightings_topic()
        self._declare()

    def _declare(self) -> None:
        app, n = self.app, self.partitions
        self.sources = app.topic(events_topic("intake"), events_topic("resolution"), events_topic(SERVICE),
                                 value_serializer="raw", key_serializer="raw")
        self.sightings = app.topic(self.sightings_name, internal=True, partitions=n,
                                   key_serializer="raw", value_serializer="raw")
        # Keys and values are JSON; each value is risk.py's plain data.
        self.complaints, self.mentions, self.windows = (app.Table(t, default=None, partitions=n) for t in TABLES)
        app.agent(self.sources, name="fold-events", concurrency=1)(self._fold_events)
        app.agent(self.sightings, name="count-bursts", concurrency=1)(self._count_bursts)
        app.on_rebalance_complete.connect(self._ready)
        self._said_ready = False

    async def _ready(self, sender=None, **kwargs) -> None:
        if not self._said_ready:
            self._said_ready = True
            log.info("risk radar ready", app_id=app_id(), radar_topic=radar_topic())
            print(f"READY risk-radar {app_id()}", flush=True)

    # -- agents: one record at a time; an error sets the record aside, never stops them

    async def _fold_events(self, stream) -> None:
        async for event in stream.events():
            await self._guarded(event.message, self._on_event)

    async def _count_bursts(self, stream) -> None:
        async for event in stream.events():
            await self._guarded(event.message, self._on_sighting)

    async def _guarded(self, message, handle) -> None:
        try:
            await handle(message)
        except Exception as exc:  # faust would commit past it and lose it: keep it as a dead letter
            reason = f"the radar could not fold it: {exc!r}"
            log.exception("radar dead letter", topic=message.topic, partition=message.partition,
                          offset=message.offset, reason=reason)
            await self._dead_letter(message, reason)

    async def _dead_letter(self, message, reason: str) -> None:
        metrics.DEAD_LETTERS.labels(SERVICE, CONSUMER).inc()
        letter = DeadLetter(CONSUMER, message.topic, message.partition, message.offset, reason, message.key,
                            message.value, tuple(message.headers or ()))
        await self._send(radar_deadletters_topic(), letter.id, message.value, letter.record_headers())

    async def _send(self, topic: str, key: str, value: bytes, headers=None) -> None:
        """Sent and acknowledged before the table changes, so a redelivered event whose
        table write was lost sends again, and one whose write landed was already sent."""
        await self.app.producer.send_and_wait(topic, key.encode(), value, partition_for(key, self.partitions),
                                              None, headers)

    # -- a complaint's events, and the mention streams'

    async def _on_event(self, message) -> None:
        env = decode(message.value, message.headers, message.partition, message.offset)
        metrics.CONSUMED.labels(ACTOR, message.topic, env.type.rsplit(".", 1)[-1]).inc()
        if message.topic == events_topic(SERVICE) and not risk.complaint_stream(env):
            await self._on_mention(env)
        else:
            await self._on_complaint(env)

    async def _on_complaint(self, env) -> None:
        fact = risk.fact_of(env)
        if fact is None:
            return
        complaint = risk.fold(risk.complaint_from(self.complaints.get(env.subject), env.subject), fact,
                              env.organisation)
        if complaint is None:
            return  # folded before: a redelivery
        assessment = risk.assess(complaint, self.config.policy(complaint.organisation).risk_threshold)
        due = risk.due_crossings(complaint, assessment)
        for crossing in due:
            await self._send(commands_topic(SERVICE), complaint.complaint_id,
                             risk_command(complaint, crossing, env.traceparent if crossing.event_id == env.event_id
                                          else "").SerializeToString())
            metrics.DOMAIN.labels(ACTOR, "risk_crossing_sent").inc()
        for sighting in bursts.link_sightings(complaint, fact):
            await self._forward(sighting)
        view = risk.radar_view(complaint, assessment)
        await self._send(radar_topic(), complaint.complaint_id, json.dumps(view, ensure_ascii=False).encode())
        self.complaints[env.subject] = risk.complaint_data(risk.notified(complaint, due))

    async def _on_mention(self, env) -> None:
        known = self.mentions.get(env.subject)
        remembered, sightings = bursts.mention_sightings(env, known)
        for sighting in sightings:
            await self._forward(sighting)
        if remembered != known:
            self.mentions[env.subject] = remembered

    async def _forward(self, sighting: bursts.Sighting) -> None:
        """Repartitioned by burst key: a window's table key changes only on the partition
        that owns it."""
        await self._send(self.sightings_name, sighting.key, json.dumps(asdict(sighting)).encode())

    # -- the windows of one burst key

    async def _on_sighting(self, message) -> None:
        sighting = bursts.Sighting(**json.loads(message.value))
        policy = self.config.policy(sighting.organisation).burst
        key = bursts.window_key(sighting, policy)
        window = bursts.fold_sighting(bursts.window_from(self.windows.get(key)), sighting, policy)
        if window is None:
            return
        if bursts.burst_due(window, policy):
            command = burst_command(window, bursts.burst_threshold(window, policy), sighting.event_id)
            await self._send(commands_topic(SERVICE), f"bursts/{window.organisation}", command.SerializeToString())
            metrics.DOMAIN.labels(ACTOR, "burst_sent").inc()
            window = replace(window, notified=True)
        self.windows[key] = bursts.window_data(window)


def main() -> None:
    settings, kafka = ServiceSettings(), KafkaSettings()
    logs.configure(settings.log_format, settings.log_level)
    _read_committed()
    state_dir = settings.state_dir / "risk-radar"
    state_dir.mkdir(parents=True, exist_ok=True)  # faust makes only the last level
    radar = Radar(kafka, load_config(), state_dir)
    loop = asyncio.new_event_loop()  # the worker runs on this loop too
    asyncio.set_event_loop(loop)
    loop.run_until_complete(ensure_topics(bootstrap(kafka), radar_topics(kafka)))
    metrics.serve(settings.metrics_port)  # /metrics, also its liveness and readiness on Kubernetes
    log.info("risk radar starting", app_id=app_id(), kafka=bootstrap(kafka), radar_topic=radar_topic())
    # Not redirected: faust would turn the READY line on stdout into a log line.
    worker = faust.Worker(radar.app, loglevel=settings.log_level, quiet=True, redirect_stdouts=False)
    # Its spinner (shown at log level warning and above) writes terminal codes before our READY line.
    worker.spinner = None
    sys.exit(worker.execute_from_commandline())


if __name__ == "__main__":
    main()
