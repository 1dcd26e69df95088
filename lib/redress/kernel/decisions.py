"""Deciding commands against one complaint's stream of events: what every service shares.

Pure: builds envelopes from a domain's decisions; knows nothing of Kafka or gRPC. The
kernel answers what is the same for every service before the domain sees a command:
the tenant check, a request_id already applied (a retry gets the first answer; reused
for another action, ALREADY_EXISTS), and a stale expected_etag (ABORTED). A service
supplies `decide(state, command, now) -> events` and `apply(state, event, at) -> state`.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Callable

from google.protobuf.message import Message

from redress.commands.v1.commands_pb2 import CommandContext, CommandReply
from redress.kernel.envelope import MAX_COMMAND_BYTES, Envelope, size_bound
from redress.kernel.ids import event_id
from redress.kernel.rejections import AlreadyExists, Internal, Invalid, NotFound, Rejected, StaleEtag, code_number
from redress.kernel.streams import Stream, Streams, fold_one
from redress.kernel.topics import partition_for

MAX_REQUEST_ID, MAX_ETAG = 128, 32
Decide = Callable[[Any, Message, datetime], list]


@dataclass
class Outcome:
    """What deciding one command produced: its events (maybe none) and the reply to send.
    `failure` says why deciding failed when that was not the caller's fault (a bug)."""
    events: list[Envelope]
    reply: CommandReply
    partition: int = -1
    failure: str = ""


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


def missing(complaint_id: str) -> str:
    return f"complaint {complaint_id} does not exist"


class StreamDecider:
    """Decides a batch of commands in order; later ones see the events of earlier ones."""

    def __init__(self, command_type: type[Message], source: str, partitions: int, streams: Streams,
                 decide: Decide, not_found: Callable[[str], str] = missing, router=None):
        self.command_type = command_type
        self._source = source
        self._partitions = partitions
        self._streams = streams
        self._decide = decide
        self._not_found = not_found
        self._router = router

    def decide_batch(self, commands: list[Message]) -> list[Outcome]:
        pending: dict[str, Stream] = {}
        if self._router:
            self._router.begin()
        return [self._decide_one(command, pending) for command in commands]

    def _decide_one(self, command: Message, pending: dict[str, Stream]) -> Outcome:
        now = datetime.now(timezone.utc)
        ctx = command.context
        partition = partition_for(ctx.complaint_id, self._partitions)
        reply = CommandReply(command_id=ctx.command_id, partition=partition, next_offset=-1)
        try:
            command, ctx = self._routed(command, partition)
            stream = pending.get(ctx.complaint_id) or self._streams.stream(ctx.complaint_id)
            envelopes, stream = self._decided(command, stream, now)
        except Rejected as rejected:
            reply.code, reply.message, reply.field = code_number(rejected), rejected.message, rejected.field
            return Outcome([], reply, partition)
        except Exception as exc:  # a bug, not the caller's fault: answer it, keep deciding the others
            reply.code = code_number(Internal(""))
            reply.message = "the command could not be decided; it changed nothing"
            return Outcome([], reply, partition, failure=f"deciding {command.WhichOneof('action')} failed: {exc!r}")
        reply.version = stream.version
        if envelopes:
            pending[ctx.complaint_id] = stream
        return Outcome(envelopes, reply, partition)

    def _routed(self, command: Message, partition: int) -> tuple[Message, CommandContext]:
        if self._router is None:
            return command, command.context
        check_context(command.context)
        routed = self._router.route(command)
        if partition_for(routed.context.complaint_id, self._partitions) != partition:
            raise RuntimeError(f"the router moved the command to another partition's complaint "
                               f"{routed.context.complaint_id}")
        return routed, routed.context

    def _decided(self, command: Message, stream: Stream, now: datetime) -> tuple[list[Envelope], Stream]:
        ctx = command.context
        check_context(ctx)
        action = command.WhichOneof("action")
        if action is None:
            raise Invalid("the command has no action", "action")
        if stream.organisation and stream.organisation != ctx.principal.organisation:
            raise NotFound(self._not_found(ctx.complaint_id), "complaint_id")
        if ctx.request_id in stream.requests:
            version, first_action = stream.requests[ctx.request_id]
            if first_action and first_action != action:
                raise AlreadyExists(f"request_id {ctx.request_id} was already used for another request "
                                    f"on complaint {ctx.complaint_id}", "request_id")
            return [], Stream(version=version)
        check_etag(ctx, stream.version, ctx.complaint_id)
        events = self._decide(stream.state, command, now)
        return self._envelopes(ctx, action, stream.copy(), events, now)

    def _envelopes(self, ctx: CommandContext, action: str, stream: Stream, events: list,
                   now: datetime) -> tuple[list[Envelope], Stream]:
        """The decided events in their envelopes, and the stream after them."""
        envelopes = []
        for index, payload in enumerate(events):
            env = Envelope(
                event_id=event_id(ctx.command_id, index), source=self._source, subject=ctx.complaint_id, time=now,
                sequence=stream.version + 1, organisation=ctx.principal.organisation,
                actor=ctx.actor or ctx.principal.client_id, client_id=ctx.principal.client_id,
                correlation_id=ctx.correlation_id, causation_id=ctx.causation_id or ctx.command_id,
                request_id=ctx.request_id, payload=payload, command=action, traceparent=ctx.traceparent)
            problem = fold_one(stream, self._streams.apply, env)
            if problem:
                raise RuntimeError(problem)
            envelopes.append(env)
        size = sum(size_bound(env) for env in envelopes)
        if size > MAX_COMMAND_BYTES:
            raise Invalid(f"the change is about {size} bytes as events; the limit is {MAX_COMMAND_BYTES}", "")
        return envelopes, stream

    def finish(self, outcome: Outcome, next_offset: int) -> None:
        outcome.reply.next_offset = next_offset


def deadline_of(command: Message) -> datetime | None:
    ctx = command.context
    return ctx.deadline.ToDatetime(timezone.utc) if ctx.HasField("deadline") else None
