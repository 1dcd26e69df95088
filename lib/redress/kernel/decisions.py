"""Deciding commands against one complaint's stream of events: what every service shares.

Pure: builds envelopes from a domain's decisions; knows nothing of Kafka or gRPC.
A service supplies its domain's `decide(state, command, now)` and
`apply(state, event, at, request_id)`; its state has a `version`.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Callable

import structlog
from google.protobuf.message import Message

from redress.commands.v1.commands_pb2 import CommandContext, CommandReply
from redress.kernel.envelope import Envelope, event_id
from redress.kernel.rejections import Invalid, Rejected, StaleEtag, code_number
from redress.kernel.topics import partition_for

log = structlog.get_logger(__name__)
INTERNAL = 13
MAX_REQUEST_ID, MAX_ETAG = 128, 32


@dataclass(frozen=True)
class Decision:
    """The events a command appends; or, for a request already applied, the version it gave."""
    events: list
    duplicate_of_version: int | None = None


@dataclass
class Outcome:
    """What deciding one command produced: its events (maybe none) and the reply to send."""
    events: list[Envelope]
    reply: CommandReply
    partition: int = -1


def check_context(context: CommandContext) -> None:
    if len(context.request_id) > MAX_REQUEST_ID:
        raise Invalid(f"request_id is {len(context.request_id)} characters long; the limit is {MAX_REQUEST_ID}",
                      "request_id")
    etag = context.expected_etag
    if len(etag) > MAX_ETAG or (etag and not etag.isdigit()):
        raise Invalid(f"expected_etag {etag[:MAX_ETAG]!r} is not an etag this service gave", "expected_etag")


def check_etag(context: CommandContext, version: int, complaint_id: str) -> None:
    if context.expected_etag and context.expected_etag != str(version):
        raise StaleEtag(f"complaint {complaint_id} is at etag {version}, not {context.expected_etag}: "
                        "it changed since you read it; read it again and retry", "expected_etag")


class StreamDecider:
    """Decides a batch of commands in order; later ones see the events of earlier ones."""

    def __init__(self, command_type: type[Message], source: str, partitions: int,
                 state_of: Callable[[str], Any], decide: Callable[[Any, Message, datetime], Decision],
                 apply: Callable[[Any, Message, datetime, str], Any]):
        self.command_type = command_type
        self._source = source
        self._partitions = partitions
        self._state_of = state_of
        self._decide = decide
        self._apply = apply

    def decide_batch(self, commands: list[Message]) -> list[Outcome]:
        pending: dict[str, Any] = {}
        return [self._decide_one(command, pending) for command in commands]

    def _decide_one(self, command: Message, pending: dict[str, Any]) -> Outcome:
        now = datetime.now(timezone.utc)
        ctx = command.context
        cid = ctx.complaint_id
        partition = partition_for(cid, self._partitions)
        state = pending.get(cid) or self._state_of(cid)
        reply = CommandReply(command_id=ctx.command_id, partition=partition, next_offset=-1)
        try:
            check_context(ctx)
            decision = self._decide(state, command, now)
            if decision.duplicate_of_version is not None:
                reply.version = decision.duplicate_of_version
                return Outcome([], reply, partition)
            envelopes, state = self._envelopes(ctx, state, decision.events, now)
        except Rejected as rejected:
            reply.code, reply.message, reply.field = code_number(rejected), rejected.message, rejected.field
            return Outcome([], reply, partition)
        except Exception:  # a bug, not the caller's fault: answer it, keep deciding the others
            log.exception("deciding a command failed", complaint_id=cid, command_id=ctx.command_id)
            reply.code, reply.message = INTERNAL, "the command could not be decided; it changed nothing"
            return Outcome([], reply, partition)
        if state is not None:
            pending[cid] = state
        reply.version = state.version if state else 0
        return Outcome(envelopes, reply, partition)

    def _envelopes(self, ctx: CommandContext, state: Any, events: list, now: datetime) -> tuple[list, Any]:
        """The decided events in their envelopes, and the state after them."""
        base = state.version if state else 0
        envelopes = []
        for index, payload in enumerate(events):
            envelopes.append(Envelope(
                event_id=event_id(ctx.command_id, index), source=self._source, subject=ctx.complaint_id, time=now,
                sequence=base + index + 1, organisation=ctx.principal.organisation,
                actor=ctx.actor or ctx.principal.client_id, client_id=ctx.principal.client_id,
                correlation_id=ctx.correlation_id, causation_id=ctx.causation_id or ctx.command_id,
                request_id=ctx.request_id, payload=payload))
            state = self._apply(state, payload, now, ctx.request_id)
        return envelopes, state

    def finish(self, outcome: Outcome, next_offset: int) -> None:
        outcome.reply.next_offset = next_offset


def deadline_of(command: Message) -> datetime | None:
    ctx = command.context
    return ctx.deadline.ToDatetime(timezone.utc) if ctx.HasField("deadline") else None
