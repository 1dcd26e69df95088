"""Intake's use cases, wired to the log: each state change is a command decided by the
complaint's single writer; each answer comes from the read model once it has caught up.
"""
from __future__ import annotations

import asyncio

import uuid
from dataclasses import dataclass
from datetime import datetime, timezone

import structlog

from redress.events.v1 import intake_pb2 as ev
from redress.intake.v1.commands_pb2 import IntakeCommand
from redress.kernel.rejections import Invalid, NotFound
from redress.kernel.rpc import Caller
from redress.kernel.ids import complaint_id_in
from redress.kernel.topics import partition_for
from redress.kernel.servicelog import ServiceLog
from redress.types.v1 import complaint_pb2 as types
from redress_intake import domain
from redress_intake.reading import publicity_intent, understand, warm
from redress_intake.projection import ComplaintBook, with_customer

log = structlog.get_logger(__name__)


@dataclass(frozen=True)
class Filing:
    complaint: domain.Complaint
    linked_to_existing: bool
    other_open: list[domain.Complaint]


class Intake:
    def __init__(self, log: ServiceLog, book: ComplaintBook, settings=None):
        self.log = log
        self.book = book

    async def start(self) -> None:
        await asyncio.to_thread(warm)  # the text classifiers, trained from their data once
        log.info("intake ready", events=self.log.events_read)

    # -- commands ------------------------------------------------------------------------
    async def file(self, caller: Caller, draft: ev.ComplaintFiled, request_id: str) -> Filing:
        """Sends the filing to the writer of its customer's partition, which decides whether it
        is a new complaint or a repeat contact (redress_intake.routing)."""
        org = caller.principal.organisation
        request_id = request_id or str(uuid.uuid4())
        domain.validate_filing(draft, datetime.now(timezone.utc))
        earlier = self.book.complaint_for_request(org, request_id)
        if earlier:
            return self._filing_answer(org, earlier, request_id)
        understand(draft)
        draft.severity = draft.severity or types.SEVERITY_MEDIUM
        draft.organisation = org
        customer_id = self.book.customer_for(org, draft.contact, request_id)
        partition = partition_for(customer_id, self.log.partitions)
        command = self.log.command(IntakeCommand, caller, request_id,
                                   complaint_id_in(org, request_id, partition, self.log.partitions))
        draft.complaint_id = command.context.complaint_id
        command.file.CopyFrom(with_customer(draft, customer_id, []))
        intent = publicity_intent(draft.description, draft.language)
        if intent:
            command.publicity_intent.CopyFrom(intent)
        structlog.contextvars.bind_contextvars(complaint_id=draft.complaint_id)
        await self.log.send(command)
        complaint_id = self.book.complaint_for_request(org, request_id)
        filing = self._filing_answer(org, complaint_id, request_id)
        log.info("repeat contact linked" if filing.linked_to_existing else "complaint filed",
                 complaint_id=complaint_id, channel=draft.channel, category=draft.category)
        return filing

    async def amend(self, caller: Caller, complaint_id: str, request_id: str, etag: str,
                    amendment: ev.ComplaintAmended) -> domain.Complaint:
        await self._existing(caller, complaint_id)
        domain.validate_amendment(amendment)
        command = self.log.command(IntakeCommand, caller, request_id, complaint_id, etag)
        amendment.complaint_id = complaint_id
        command.amend.CopyFrom(amendment)
        return await self._send_and_read(command)

    async def withdraw(self, caller: Caller, complaint_id: str, request_id: str, etag: str,
                       reason: str) -> domain.Complaint:
        await self._existing(caller, complaint_id)
        domain.check_length("reason", reason)
        command = self.log.command(IntakeCommand, caller, request_id, complaint_id, etag)
        command.withdraw.CopyFrom(ev.ComplaintWithdrawn(complaint_id=complaint_id, reason=reason))
        return await self._send_and_read(command)

    # -- queries -----------------------------------------------------------------------------
    async def get(self, caller: Caller, complaint_id: str) -> domain.Complaint:
        return await self._existing(caller, complaint_id)

    async def caught_up(self) -> None:
        await self.log.caught_up()

    # -- helpers -------------------------------------------------------------------------------
    async def _existing(self, caller: Caller, complaint_id: str) -> domain.Complaint:
        domain.check_length("complaint_id", complaint_id)
        if not complaint_id:
            raise Invalid("complaint_id is required", "complaint_id")
        await self.log.caught_up(complaint_id)
        complaint = self.book.get(caller.principal.organisation, complaint_id)
        if complaint is None:
            raise NotFound(f"complaint {complaint_id} does not exist", "complaint_id")
        return complaint

    async def _send_and_read(self, command: IntakeCommand) -> domain.Complaint:
        reply = await self.log.send(command)
        return self.book.as_of(command.context.complaint_id, reply.version)

    def _filing_answer(self, org: str, complaint_id: str, request_id: str) -> Filing:
        version, action = self.book.streams.stream(complaint_id).requests[request_id]
        complaint = self.book.as_of(complaint_id, version)
        linked = action == "repeat_contact" if action else any(  # events from before ce_command
            e.request_id == request_id and isinstance(e.payload, ev.RepeatContactRecorded)
            for e in self.book.histories[complaint_id])
        others = self.book.open_complaints_of(org, complaint.filed.customer_id, exclude=complaint_id)
        return Filing(complaint, linked, others)
