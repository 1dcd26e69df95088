"""A service's place on the log: its topics, its feed, its command bus, wired once.

Every Redress service builds one: it rebuilds the service's read model from the
service's events topic, decides the commands of the partitions this replica owns,
and sends commands on behalf of RPCs, answering once the read model has the result.
"""
from __future__ import annotations

import asyncio
import uuid
from datetime import datetime, timedelta, timezone
from typing import Callable

import structlog
from google.protobuf.message import Message

from redress.kernel.commandbus import CommandProcessor, CommandSender
from redress.commands.v1.commands_pb2 import CommandReply, Principal
from redress.kernel.decisions import StreamDecider, check_context, deadline_of
from redress.kernel.envelope import Envelope
from redress.kernel.eventlog import EventFeed, ensure_topics, new_producer
from redress.kernel.rejections import from_code
from redress.kernel.rpc import Caller
from redress.kernel.settings import KafkaSettings, ServiceSettings
from redress.kernel.topics import commands_topic, events_topic, events_topic_spec, replies_topic, service_topics

log = structlog.get_logger(__name__)
COMMAND_NAMESPACE = uuid.UUID("3d4f6a2e-5b8c-4f7d-a1e3-9c2b7d6e8f01")


def command_id_for(command: Message) -> str:
    """Deterministic, so a retry is the same command; distinct per complaint and action."""
    ctx, action = command.context, command.WhichOneof("action")
    return str(uuid.uuid5(COMMAND_NAMESPACE,
                          f"command/{ctx.principal.organisation}/{ctx.complaint_id}/{action}/{ctx.request_id}"))


class ServiceLog:
    def __init__(self, service: str, bootstrap: str, kafka: KafkaSettings, settings: ServiceSettings,
                 apply_event: Callable[[Envelope], object], decider: StreamDecider,
                 reactions: dict[str, Callable[[Envelope], Message | None]] | None = None):
        """`reactions` maps another service's name to a function turning its events into our commands."""
        self.service = service
        self._reacts_to = list(reactions or {})
        self.bootstrap = bootstrap
        self.kafka = kafka
        self.settings = settings
        self.instance_id = settings.instance_id or f"{service}-{uuid.uuid4().hex[:12]}"
        self.failed = asyncio.Event()
        self.events_topic = events_topic(service)
        self.producer = new_producer(bootstrap, kafka, self.instance_id)
        self.feed = EventFeed(bootstrap, self.events_topic, kafka, apply_event)
        self.sender = CommandSender(bootstrap, self.producer, commands_topic(service), replies_topic(service),
                                    CommandReply, self.instance_id, kafka.partitions, kafka)
        self.processor = CommandProcessor(
            bootstrap, self.producer, service, commands_topic(service), self.events_topic,
            replies_topic(service), self.feed, decider, kafka, deadline_of,
            {events_topic(other): react for other, react in (reactions or {}).items()})

    async def start(self) -> None:
        others = [events_topic_spec(other, self.kafka) for other in self._reacts_to]
        await ensure_topics(self.bootstrap, [*service_topics(self.service, self.kafka), *others])
        await self.producer.start()
        await self.feed.start()
        await self.feed.catch_up()
        await self.sender.start()
        await self.processor.start()
        # SERVING only once this replica is in the group (it may own no partition at all).
        await asyncio.wait_for(self.processor.joined.wait(), timeout=60)
        for task in (self.feed.task, self.sender.task, self.processor.task):
            self.supervise(task)

    def supervise(self, task: asyncio.Task) -> None:
        """A background loop of this service: if it ends, the replica stops."""
        task.add_done_callback(self._on_task_done)

    def _on_task_done(self, task: asyncio.Task) -> None:
        """A background loop that ends on its own is a fault: the replica stops, to be restarted."""
        if task.cancelled():
            return
        log.error("background task ended", task=task.get_name(), error=repr(task.exception()))
        self.failed.set()

    async def stop(self) -> None:
        for part in (self.processor, self.sender, self.feed, self.producer):
            try:
                await part.stop()
            except Exception as exc:
                log.warning("stopping a part failed", part=type(part).__name__, error=repr(exc))

    async def caught_up(self) -> None:
        await self.feed.catch_up(timeout=self.settings.command_timeout_s)

    def owned_partitions(self) -> set[int]:
        """The partitions whose commands this replica decides now."""
        return set(self.processor.assigned)

    def command(self, command_type: type[Message], caller: Caller, request_id: str, complaint_id: str,
                etag: str = "") -> Message:
        """A command without its action yet; refused here (nothing sent) when its context is bad."""
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
        ctx.deadline.FromDatetime(datetime.now(timezone.utc) + timedelta(seconds=self.settings.command_timeout_s))
        check_context(ctx)
        return command

    async def send(self, command: Message) -> CommandReply:
        """Sends the command to its complaint's single writer; returns once the read model has
        the result. A refusal is raised as the domain's Rejected."""
        command.context.command_id = command_id_for(command)
        timeout = self.settings.command_timeout_s
        reply = await self.sender.send(command, command.context.complaint_id, timeout)
        if reply.code:
            raise from_code(reply.code, reply.message, reply.field)
        if reply.next_offset >= 0:
            await self.feed.wait_for({reply.partition: reply.next_offset}, timeout=timeout)
        else:
            await self.feed.catch_up(timeout=timeout)
        return reply
