"""Decides intake commands, in order, against the complaints rebuilt from the log."""
from __future__ import annotations

from datetime import datetime, timezone

import structlog

from redress.commandbus import Outcome
from redress.envelope import Envelope, event_id
from redress.intake.v1.commands_pb2 import IntakeCommand, IntakeReply
from redress.rejections import Rejected, code_number
from redress.topics import partition_for
from redress_intake import domain
from redress_intake.projection import ComplaintBook

SOURCE = "//redress/intake"
INTERNAL = 13
log = structlog.get_logger(__name__)


class IntakeDecider:
    command_type = IntakeCommand

    def __init__(self, book: ComplaintBook, partitions: int):
        self._book = book
        self._partitions = partitions

    def decide_batch(self, commands: list[IntakeCommand]) -> list[Outcome]:
        # Later commands in the batch see the events of earlier ones, before they are appended.
        pending: dict[str, domain.Complaint] = {}
        return [self._decide(command, pending) for command in commands]

    def _decide(self, command: IntakeCommand, pending: dict[str, domain.Complaint]) -> Outcome:
        now = datetime.now(timezone.utc)
        cid = command.complaint_id
        partition = partition_for(cid, self._partitions)
        state = pending.get(cid) or self._book.complaints.get(cid)
        reply = IntakeReply(command_id=command.command_id, partition=partition)
        try:
            decision = domain.decide(state, command, now)
        except Rejected as rejected:
            reply.code, reply.message, reply.field = code_number(rejected), rejected.message, rejected.field
            return Outcome([], reply, partition)
        except Exception:  # a bug, not the caller's fault: answer it, keep deciding the others
            log.exception("deciding a command failed", complaint_id=cid, command_id=command.command_id)
            reply.code, reply.message = INTERNAL, "the command could not be decided; it changed nothing"
            return Outcome([], reply, partition)
        if decision.duplicate_of_version is not None:
            reply.version = decision.duplicate_of_version
            return Outcome([], reply, partition)
        envelopes = []
        base_version = state.version if state else 0
        for index, payload in enumerate(decision.events):
            env = Envelope(
                event_id=event_id(command.command_id, index),
                source=SOURCE,
                subject=cid,
                time=now,
                sequence=base_version + index + 1,
                organisation=command.principal.organisation,
                actor=command.actor or command.principal.client_id,
                client_id=command.principal.client_id,
                correlation_id=command.correlation_id,
                causation_id=command.command_id,
                request_id=command.request_id,
                payload=payload,
            )
            state = domain.apply(state, payload, now, command.request_id)
            envelopes.append(env)
        if state is not None:
            pending[cid] = state
        reply.version = state.version if state else 0
        return Outcome(envelopes, reply, partition)

    def finish(self, outcome: Outcome, next_offset: int) -> None:
        outcome.reply.next_offset = next_offset


def deadline_of(command: IntakeCommand) -> datetime | None:
    return command.deadline.ToDatetime(timezone.utc) if command.HasField("deadline") else None
