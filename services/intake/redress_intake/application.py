"""Intake's use cases, wired to the log: each state change is a command decided by the
complaint's single writer; each answer comes from the read model once it has caught up.
"""
from __future__ import annotations

import asyncio
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import structlog
from google.protobuf.timestamp_pb2 import Timestamp

from redress.commandbus import CommandProcessor, CommandSender
from redress.eventlog import EventFeed, ensure_topics, new_producer
from redress.events.v1 import intake_pb2 as ev
from redress.intake.v1.commands_pb2 import IntakeCommand, IntakeReply, Principal as PrincipalMessage
from redress.rejections import Invalid, NotFound, from_code
from redress.rpc import Caller
from redress.settings import KafkaSettings, ServiceSettings
from redress.topics import commands_topic, events_topic, replies_topic, service_topics
from redress.types.v1 import complaint_pb2 as types
from redress_intake import domain
from redress_intake.categories import suggest_category
from redress_intake.processor import IntakeDecider, deadline_of
from redress_intake.projection import ComplaintBook, with_customer

log = structlog.get_logger(__name__)
SERVICE = "intake"
COMPLAINT_NAMESPACE = uuid.UUID("3d4f6a2e-5b8c-4f7d-a1e3-9c2b7d6e8f01")


@dataclass(frozen=True)
class Filing:
    complaint: domain.Complaint
    linked_to_existing: bool
    other_open: list[domain.Complaint]


def complaint_id_for(organisation: str, request_id: str) -> str:
    return str(uuid.uuid5(COMPLAINT_NAMESPACE, f"{organisation}/{request_id}"))


def command_id_for(command: IntakeCommand) -> str:
    """Deterministic, so a retry is the same command; distinct per complaint and action."""
    org, action = command.principal.organisation, command.WhichOneof("action")
    return str(uuid.uuid5(COMPLAINT_NAMESPACE,
                          f"command/{org}/{command.complaint_id}/{action}/{command.request_id}"))


class Intake:
    def __init__(self, bootstrap: str, kafka: KafkaSettings, service: ServiceSettings):
        self.bootstrap = bootstrap
        self.kafka = kafka
        self.service = service
        self.instance_id = service.instance_id or f"intake-{uuid.uuid4().hex[:12]}"
        self.book = ComplaintBook()
        self.failed = asyncio.Event()
        self.events_topic = events_topic(SERVICE)
        self.producer = new_producer(bootstrap, kafka, self.instance_id)
        self.feed = EventFeed(bootstrap, self.events_topic, kafka, self.book.apply)
        self.sender = CommandSender(bootstrap, self.producer, commands_topic(SERVICE), replies_topic(SERVICE),
                                    IntakeReply, self.instance_id, kafka.partitions, kafka)
        self.processor = CommandProcessor(
            bootstrap, self.producer, SERVICE, commands_topic(SERVICE), self.events_topic, replies_topic(SERVICE),
            self.feed, IntakeDecider(self.book, kafka.partitions), kafka, deadline_of)

    async def start(self) -> None:
        await ensure_topics(self.bootstrap, service_topics(SERVICE, self.kafka))
        await self.producer.start()
        await self.feed.start()
        await self.feed.catch_up()
        await self.sender.start()
        await self.processor.start()
        for task in (self.feed.task, self.sender.task, self.processor.task):
            task.add_done_callback(self._on_task_done)
        log.info("intake ready", complaints=len(self.book.complaints), events=self.feed.events_read)

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

    # -- commands ------------------------------------------------------------------------
    async def file(self, caller: Caller, draft: ev.ComplaintFiled, request_id: str) -> Filing:
        org = caller.principal.organisation
        request_id = request_id or str(uuid.uuid4())
        domain.check_length("request_id", request_id)
        domain.validate_filing(draft, datetime.now(timezone.utc))
        await self.feed.catch_up(timeout=self.service.command_timeout_s)
        earlier = self.book.complaint_for_request(org, request_id)
        if earlier:
            return self._filing_answer(org, earlier, request_id)
        if not draft.category:
            draft.category = suggest_category(draft.description)
            draft.category_suggested = True
        draft.severity = draft.severity or types.SEVERITY_MEDIUM
        draft.organisation = org
        customer_id = self.book.customer_for(org, draft.contact)
        draft = with_customer(draft, customer_id, [])
        same = self.book.same_open_problem(org, draft)
        if same:
            command = self._command(caller, request_id, same.complaint_id)
            command.repeat_contact.CopyFrom(ev.RepeatContactRecorded(
                complaint_id=same.complaint_id, channel=draft.channel, contact=draft.contact,
                description=draft.description, desired_remedy=draft.desired_remedy))
        else:
            command = self._command(caller, request_id, complaint_id_for(org, request_id))
            draft.complaint_id = command.complaint_id
            others = [c.complaint_id for c in self.book.open_complaints_of(org, customer_id)]
            command.file.CopyFrom(with_customer(draft, customer_id, others))
        structlog.contextvars.bind_contextvars(complaint_id=command.complaint_id)
        await self._send(command)
        log.info("repeat contact linked" if same else "complaint filed", channel=draft.channel,
                 category=draft.category)
        return self._filing_answer(org, command.complaint_id, request_id)

    async def amend(self, caller: Caller, complaint_id: str, request_id: str, etag: str,
                    amendment: ev.ComplaintAmended) -> domain.Complaint:
        await self._existing(caller, complaint_id)
        domain.validate_amendment(amendment)
        command = self._command(caller, request_id, complaint_id, etag)
        amendment.complaint_id = complaint_id
        command.amend.CopyFrom(amendment)
        return await self._send_and_read(command)

    async def withdraw(self, caller: Caller, complaint_id: str, request_id: str, etag: str,
                       reason: str) -> domain.Complaint:
        await self._existing(caller, complaint_id)
        domain.check_length("reason", reason)
        command = self._command(caller, request_id, complaint_id, etag)
        command.withdraw.CopyFrom(ev.ComplaintWithdrawn(complaint_id=complaint_id, reason=reason))
        return await self._send_and_read(command)

    # -- queries -----------------------------------------------------------------------------
    async def get(self, caller: Caller, complaint_id: str) -> domain.Complaint:
        return await self._existing(caller, complaint_id)

    async def caught_up(self) -> None:
        await self.feed.catch_up(timeout=self.service.command_timeout_s)

    # -- helpers -------------------------------------------------------------------------------
    async def _existing(self, caller: Caller, complaint_id: str) -> domain.Complaint:
        domain.check_length("complaint_id", complaint_id)
        if not complaint_id:
            raise Invalid("complaint_id is required", "complaint_id")
        await self.caught_up()
        complaint = self.book.get(caller.principal.organisation, complaint_id)
        if complaint is None:
            raise NotFound(f"complaint {complaint_id} does not exist", "complaint_id")
        return complaint

    def _command(self, caller: Caller, request_id: str, complaint_id: str, etag: str = "") -> IntakeCommand:
        """A command without its action yet; _send names it after the action."""
        request_id = request_id or str(uuid.uuid4())
        org = caller.principal.organisation
        deadline = Timestamp()
        deadline.FromDatetime(datetime.now(timezone.utc) + timedelta(seconds=self.service.command_timeout_s))
        command = IntakeCommand(
            request_id=request_id,
            complaint_id=complaint_id,
            expected_etag=etag,
            principal=PrincipalMessage(client_id=caller.principal.client_id, organisation=org,
                                       roles=sorted(caller.principal.roles)),
            correlation_id=caller.correlation_id,
            actor=caller.actor,
            reply_to=self.instance_id,
            deadline=deadline,
        )
        domain.validate_command(command)  # refused here: nothing is sent
        return command

    async def _send(self, command: IntakeCommand) -> IntakeReply:
        command.command_id = command_id_for(command)
        reply = await self.sender.send(command, command.complaint_id, self.service.command_timeout_s)
        if reply.code:
            raise from_code(reply.code, reply.message, reply.field)
        if reply.next_offset >= 0:
            await self.feed.wait_for({reply.partition: reply.next_offset}, timeout=self.service.command_timeout_s)
        else:
            await self.feed.catch_up(timeout=self.service.command_timeout_s)
        return reply

    async def _send_and_read(self, command: IntakeCommand) -> domain.Complaint:
        reply = await self._send(command)
        return self.book.as_of(command.complaint_id, reply.version)

    def _filing_answer(self, org: str, complaint_id: str, request_id: str) -> Filing:
        current = self.book.complaints[complaint_id]
        version = current.requests[request_id][0]
        complaint = self.book.as_of(complaint_id, version)
        linked = any(e.request_id == request_id and isinstance(e.payload, ev.RepeatContactRecorded)
                     for e in self.book.histories[complaint_id])
        others = self.book.open_complaints_of(org, complaint.filed.customer_id, exclude=complaint_id)
        return Filing(complaint, linked, others)
