"""TEMPORARY until the kernel owns stream bookkeeping: delete this module at the merge.

The current kernel (StreamDecider, ComplaintStreams) wants `decide` to return a Decision
and to dedupe retried request_ids and check etags, and `apply(state, event, at,
request_id)` to count the version and remember the request_ids. The domain no longer
does either; these wrappers do it for it, as the domain did before.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import datetime
from types import MappingProxyType
from typing import Mapping

from google.protobuf.message import Message

from redress.events.v1 import resolution_pb2 as rev
from redress.kernel.decisions import Decision, check_etag
from redress.kernel.rejections import AlreadyExists, NotFound
from redress.resolution.v1.commands_pb2 import ResolutionCommand
from redress_resolution import domain
from redress_resolution.policy import Policy

# The first event each action appends: a request_id is a retry only of the same action.
FIRST_EVENT = {
    "open": rev.CaseOpened, "note_acknowledgement": rev.ComplaintAcknowledgementNoted,
    "close_withdrawn": rev.CaseClosed, "note_repeat_contact": rev.CustomerContactedAgain,
    "reclassify": rev.CaseReclassified,
    "reassign": rev.CaseReassigned, "understand": rev.CustomerUnderstood,
    "apologise": rev.ApologyMade, "explain": rev.ExplanationGiven, "fix": rev.FixRecorded,
    "offer_compensation": rev.CompensationOffered, "follow_up": rev.FollowUpAsked,
    "prevent": rev.PreventionRecorded, "message": rev.MessageSentToCustomer,
    "propose": rev.ResolutionProposed, "verdict": rev.VerdictRecorded,
    "request_escalation": rev.EscalationRequested, "reopen": rev.CaseReopened, "pause": rev.ClocksPaused,
    "resume": rev.ClocksResumed, "extend": rev.ClockExtended, "clock_due": rev.ClockWarned,
}


@dataclass(frozen=True)
class TrackedCase(domain.Case):
    """A case and the request_ids applied to it: each one's last version and first event type."""
    requests: Mapping[str, tuple[int, str]] = field(default_factory=lambda: MappingProxyType({}))


def decide(state: TrackedCase | None, command: ResolutionCommand, now: datetime, policy: Policy) -> Decision:
    ctx = command.context
    action = command.WhichOneof("action")
    if state is not None and state.organisation != ctx.principal.organisation:
        raise NotFound(f"there is no case for complaint {ctx.complaint_id}", "complaint_id")
    if state is not None and action is not None and ctx.request_id in state.requests:
        version, kind = state.requests[ctx.request_id]
        if action != "clock_due" and kind != FIRST_EVENT[action].DESCRIPTOR.full_name:
            raise AlreadyExists(f"request_id {ctx.request_id} was already used for another request "
                                "on this case", "request_id")
        return Decision([], duplicate_of_version=version)
    if state is not None and action != "open":
        check_etag(ctx, state.version, state.complaint_id)
    return Decision(domain.decide(state, command, now, policy))


def apply(state: TrackedCase | None, event: Message, at: datetime, request_id: str = "") -> TrackedCase:
    """The domain's apply, one version higher; an event of a type the domain does not know
    changes nothing but the version."""
    if type(event) in domain.EVENTS:
        folded = domain.apply(state, event, at)
    elif state is None:
        raise ValueError(f"{type(event).__name__} before CaseOpened")
    else:
        folded = state
    version = (state.version if state else 0) + 1
    requests = state.requests if state else MappingProxyType({})
    if request_id:
        kind = requests.get(request_id, (0, event.DESCRIPTOR.full_name))[1]
        requests = MappingProxyType({**requests, request_id: (version, kind)})
    kept = {f.name: getattr(folded, f.name) for f in fields(domain.Case)}
    return TrackedCase(**{**kept, "version": version, "requests": requests})
