"""A service's place on the Kafka log: its topics, its feed, its command bus, wired once.

Every Redress service has one: it rebuilds the service's read model from the service's
events topic, decides the commands of the partitions this replica owns, and sends
commands on behalf of RPCs, answering once the read model has the result. Records it
cannot use go to the service's dead-letter topic; its readiness says whether it may
answer (redress.kernel.health).
"""
from __future__ import annotations

import asyncio
import uuid
from contextvars import ContextVar
from datetime import datetime, timedelta, timezone
from typing import Callable, Iterable

import structlog
from google.protobuf.message import Message

from redress.commands.v1.commands_pb2 import CommandReply, Principal
from redress.kernel import ids, metrics
from redress.kernel.deadletters import DeadLetters, KafkaSink, of_command, of_record
from redress.kernel.decisions import StreamDecider, check_context, deadline_of
from redress.kernel.envelope import Envelope
from redress.kernel.eventlog import ensure_topics, new_producer, stop_task
from redress.kernel.feed import EventFeed
from redress.kernel.health import BROKER_UNREACHABLE, SERVING, Readiness
from redress.kernel.processor import CommandProcessor, React
from redress.kernel.rejections import from_code
from redress.kernel.rpc import Caller
from redress.kernel.sender import CommandSender, CommandTimeout
from redress.kernel.writer import NotOwner
from redress.kernel.settings import KafkaSettings, ServiceSettings
from redress.kernel.tracing import current_traceparent
from redress.kernel.topics import commands_topic, deadletters_topic, partition_for, events_topic, events_topic_spec, replies_topic, service_topics

log = structlog.get_logger(__name__)
PROBE_EVERY_S = 1.0
# When the RPC (the asyncio task) that is using the log must have its answer: set at its
# first call, so catching up, sending and reading back share one command timeout.
_rpc_deadline: ContextVar[float | None] = ContextVar("redress_rpc_deadline", default=None)


def command_id_for(command: Message) -> str:
    ctx = command.context
    return ids.command_id(ctx.principal.organisation, ctx.complaint_id, command.WhichOneof("action"), ctx.request_id)


def applier(read_model) -> Callable[[Envelope], Iterable[str]]:
    """Applies an event to a read model; returns the problems its streams met."""
    def apply(env: Envelope) -> list[str]:
        try:
            read_model.apply(env)
        finally:
            problems = [reason for _, reason in read_model.streams.take_problems()]
        return problems
    return apply


class ServiceLog:
    def __init__(self, service: str, bootstrap: str, kafka: KafkaSettings, settings: ServiceSettings,
                 read_model, decider: StreamDecider, reactions: dict[str, React] | None = None):
        """`reactions` maps another service's name to a function turning its events into our commands."""
        self.service = service
        # Named now: the topics' namespace is read once, when the replica is made.
        self._topics = [*service_topics(service, kafka), *(events_topic_spec(o, kafka) for o in reactions or {})]
        self.bootstrap = bootstrap
        self.kafka = kafka
        self.settings = settings
        self.instance_id = settings.instance_id or f"{service}-{uuid.uuid4().hex[:12]}"
        self.failed = asyncio.Event()
        self.readiness = Readiness(service)
        self.events_topic = events_topic(service)
        self.producer = new_producer(bootstrap, kafka, self.instance_id)
        self.dead_letters = DeadLetters(KafkaSink(self.producer, deadletters_topic(service)))
        self._store = read_model.store
        self._apply = applier(read_model)
        # The service's own metrics of what it appended (its declaration's event_metrics).
        self.on_appended: Callable[[Envelope], None] | None = None
        self.feed = EventFeed(bootstrap, self.events_topic, kafka, self._consumed,
                              self._unusable(f"{service}.feed"), read_model.store)
        self.sender = CommandSender(bootstrap, self.producer, commands_topic(service), replies_topic(service),
                                    CommandReply, self.instance_id, kafka.partitions, kafka)
        self.processor = CommandProcessor(
            bootstrap, self.producer, service, commands_topic(service), self.events_topic,
            replies_topic(service), self.feed, decider, kafka, deadline_of,
            {events_topic(other): react for other, react in (reactions or {}).items()},
            self._unusable(f"{service}.processor"), self._apply_committed)
        self._probe: asyncio.Task | None = None
        self._watch_metrics()

    def _consumed(self, env: Envelope) -> list[str]:
        metrics.CONSUMED.labels(self.service, self.events_topic, env.type.rsplit(".", 1)[-1]).inc()
        return self._apply(env)

    def _count_appended(self, envelopes: list[Envelope]) -> None:
        for env in envelopes:
            metrics.APPENDED.labels(self.service, env.type.rsplit(".", 1)[-1]).inc()
            if self.on_appended:
                try:
                    self.on_appended(env)
                except Exception:  # a metric must never fail a write
                    log.exception("event metrics failed", type=env.type)

    def _watch_metrics(self) -> None:
        metrics.READY.labels(self.service).set(0)

        async def ready(serving: bool) -> None:
            metrics.READY.labels(self.service).set(1 if serving else 0)
        self.readiness.listen(ready)
        feed = self.feed
        metrics.LAG.watch(metrics.lag_of(self.service, feed.consumer, feed.topic_positions))
        metrics.LAG.watch(metrics.lag_of(self.service, self.processor.consumer, self.processor.positions))

    def _apply_committed(self, envelopes: list[Envelope]) -> None:
        """A writer's own committed events go into the read model at once; the feed skips them."""
        self._count_appended(envelopes)
        with self._store.transaction():
            for env in envelopes:
                for reason in self._apply(env):
                    log.error("a committed event could not be applied", complaint_id=env.subject, reason=reason)
        self.feed.applied_already(envelopes)

    def _unusable(self, consumer: str):
        async def report(record, reason: str) -> None:
            await self.dead_letters.report(of_record(record, consumer, reason))
        return report

    async def start(self) -> None:
        """Returns once this replica has joined its group and caught up: it may serve."""
        await ensure_topics(self.bootstrap, self._topics)
        await self.producer.start()
        await self.feed.start()
        self.supervise(self.feed.task)  # a feed that dies while starting stops the replica too
        await self.feed.catch_up()
        await self.sender.start()
        self.supervise(self.sender.task)
        await self.processor.start()
        self.supervise(self.processor.task)
        # Serving only once this replica is in the group (it may own no partition at all).
        await asyncio.wait_for(self.processor.joined.wait(), timeout=60)
        await self.feed.catch_up()
        self._probe = asyncio.create_task(self._watch_broker(), name="broker-probe")
        self.supervise(self._probe)

    def supervise(self, task: asyncio.Task) -> None:
        """A background loop of this service: if it ends, the replica stops."""
        task.add_done_callback(self._on_task_done)

    def _on_task_done(self, task: asyncio.Task) -> None:
        """A background loop that ends on its own is a fault: the replica stops, to be restarted."""
        if task.cancelled():
            return
        log.error("background task ended", task=task.get_name(), error=repr(task.exception()))
        self.failed.set()

    async def _watch_broker(self) -> None:
        """NOT_SERVING once the broker has been unreachable for the grace; SERVING when it answers."""
        loop = asyncio.get_running_loop()
        last_answer = loop.time()
        while True:
            await asyncio.sleep(PROBE_EVERY_S)
            try:
                await asyncio.wait_for(self.producer.client.fetch_all_metadata(), timeout=3)
            except Exception as exc:
                if loop.time() - last_answer > self.settings.broker_grace_s:
                    if self.readiness.state == SERVING:
                        log.error("broker unreachable beyond the grace", error=repr(exc),
                                  grace_s=self.settings.broker_grace_s)
                    await self.readiness.set(BROKER_UNREACHABLE)
                continue
            last_answer = loop.time()
            if self.readiness.state == BROKER_UNREACHABLE:
                await self.readiness.set(SERVING)

    async def stop(self) -> None:
        await stop_task(self._probe)
        for part in (self.processor, self.sender, self.feed, self.producer):
            try:
                await part.stop()
            except Exception as exc:
                log.warning("stopping a part failed", part=type(part).__name__, error=repr(exc))
        self._store.close()

    @property
    def events_read(self) -> int:
        return self.feed.events_read

    def _time_left(self) -> float:
        now = asyncio.get_running_loop().time()
        deadline = _rpc_deadline.get()
        if deadline is None:
            deadline = now + self.settings.command_timeout_s
            _rpc_deadline.set(deadline)
        return max(0.0, deadline - now)

    async def caught_up(self, complaint_id: str = "") -> None:
        """Waits until the read model has every event acknowledged before this call (of the
        complaint, if one is named: at once when this replica writes its partition)."""
        if complaint_id:
            writer = self.processor.writer(partition_for(complaint_id, self.kafka.partitions))
            if writer is not None and writer.ready:
                return
        await self.feed.catch_up(timeout=self._time_left())

    @property
    def partitions(self) -> int:
        return self.kafka.partitions

    def owned_partitions(self) -> set[int]:
        """The partitions whose commands this replica decides now."""
        return set(self.processor.assigned)

    def owns(self, complaint_id: str) -> bool:
        """Whether this replica decides the complaint's commands now."""
        return partition_for(complaint_id, self.kafka.partitions) in self.processor.assigned

    def command(self, command_type: type[Message], caller: Caller, request_id: str, complaint_id: str,
                etag: str = "") -> Message:
        """A command without its action yet; refused here (nothing sent) when its context is bad."""
        return new_command(command_type, caller, request_id, complaint_id, etag, self._time_left())

    async def send(self, command: Message) -> CommandReply:
        """Has the command decided by its complaint's single writer: this replica's, when it
        owns the complaint's partition, else the owner's, through the command topic. Returns
        once the read model has the result, all within the command timeout. A refusal is
        raised as the domain's Rejected."""
        command.context.command_id = command_id_for(command)
        complaint_id = command.context.complaint_id
        with metrics.COMMAND_SECONDS.labels(self.service, command.WhichOneof("action") or "").time():
            return await self._send(command, complaint_id)

    async def _send(self, command: Message, complaint_id: str) -> CommandReply:
        reply = await self._decided_here(command, complaint_id)
        if reply is None:
            reply = await self.sender.send(command, complaint_id, self._time_left())
            if reply.next_offset >= 0:
                await self.feed.wait_for({reply.partition: reply.next_offset}, timeout=self._time_left())
            else:
                await self.feed.catch_up(timeout=self._time_left())
        if reply.code:
            raise from_code(reply.code, reply.message, reply.field)
        return reply

    async def _decided_here(self, command: Message, complaint_id: str) -> CommandReply | None:
        """The reply of this replica's writer, or None when another replica owns the partition
        (or this one stopped owning it before deciding)."""
        writer = self.processor.writer(partition_for(complaint_id, self.kafka.partitions))
        if writer is None:
            return None
        try:
            outcome = await asyncio.wait_for(asyncio.shield(writer.submit(command)), self._time_left())
        except NotOwner:
            return None
        except asyncio.TimeoutError as exc:
            raise CommandTimeout(complaint_id) from exc
        if outcome.failure:
            await self.dead_letters.report(of_command(command, f"{self.service}.processor", outcome.failure,
                                                      commands_topic(self.service), writer.partition))
        return outcome.reply


def new_command(command_type: type[Message], caller: Caller, request_id: str, complaint_id: str, etag: str,
                timeout_s: float) -> Message:
    command = command_type()
    ctx = command.context
    ctx.request_id = request_id or str(uuid.uuid4())
    ctx.complaint_id = complaint_id
    ctx.expected_etag = etag
    ctx.principal.CopyFrom(Principal(client_id=caller.principal.client_id,
                                     organisation=caller.principal.organisation,
                                     roles=sorted(caller.principal.roles)))
    ctx.correlation_id = caller.correlation_id
    ctx.actor = caller.actor
    ctx.traceparent = current_traceparent()
    ctx.deadline.FromDatetime(datetime.now(timezone.utc) + timedelta(seconds=timeout_s))
    check_context(ctx)
    return command
