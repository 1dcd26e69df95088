"""The resolution domain: a case, decided command by command, built event by event.

Plain functions and dataclasses over the protobuf messages of the log contract.
The policy (routing, clocks, conduct rules) is an argument, so a decision depends
only on what it is given; what it decided is in the events, so `apply` needs no
policy at all and a replay reproduces every case exactly.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from types import MappingProxyType
from typing import Mapping

from google.protobuf.message import Message

from redress.kernel.decisions import Decision, check_etag
from redress.events.v1 import intake_pb2 as iev
from redress.events.v1 import resolution_pb2 as rev
from redress.kernel.rejections import AlreadyExists, Forbidden, Invalid, NotFound, Rejected
from redress.resolution.v1.commands_pb2 import ResolutionCommand
from redress.types.v1 import complaint_pb2 as types
from redress_resolution import business_time as bt
from redress_resolution.conduct import flagged
from redress_resolution.policy import Policy

OPEN, PROPOSED, AWAITING_PREVENTION, CLOSED = "open", "resolution_proposed", "awaiting_prevention", "closed"
RUNNING, MET, BREACHED, STOPPED = "running", "met", "breached", "stopped"
REQUIRED_BEFORE_PROPOSAL = ("understand", "apologise", "explain", "fix")
LEVEL_CLOCKS = ("acknowledge", "first_contact", "assignment")  # belong to one level's handling
LETTER_LEVELS = {types.CHANNEL_LETTER_TO_CORPORATE_OFFICE: types.LEVEL_CORPORATE_OFFICE,
                 types.CHANNEL_LETTER_TO_OWNER: types.LEVEL_OWNER}
CUSTOMER_FACING = ("understand", "apologise", "explain", "fix", "offer_compensation", "follow_up", "message")
OVERRIDERS = frozenset({"manager", "corporate_office", "owner"})
TEXT_LIMIT, NAME_LIMIT = 10000, 200
LEVEL_NAMES = {types.LEVEL_POINT_OF_CONTACT: "point of contact", types.LEVEL_MANAGER: "manager",
               types.LEVEL_CORPORATE_OFFICE: "corporate office", types.LEVEL_OWNER: "owner"}

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
STEP_OF = {rev.CustomerUnderstood: "understand", rev.ApologyMade: "apologise", rev.ExplanationGiven: "explain",
           rev.FixRecorded: "fix", rev.CompensationOffered: "offer_compensation", rev.FollowUpAsked: "follow_up",
           rev.PreventionRecorded: "prevent", rev.MessageSentToCustomer: "message"}


@dataclass(frozen=True)
class ClockRun:
    clock: rev.Clock
    state: str = RUNNING
    warned: bool = False
    extended: bool = False

    @property
    def due_at(self) -> datetime:
        return self.clock.due_at.ToDatetime(timezone.utc)

    @property
    def warn_at(self) -> datetime:
        return self.clock.warn_at.ToDatetime(timezone.utc)


@dataclass(frozen=True)
class Case:
    opened: rev.CaseOpened
    opened_at: datetime
    level: int
    handler: str
    version: int = 0
    status: str = OPEN
    steps: frozenset[str] = frozenset()
    prevention_recorded: bool = False
    clocks: Mapping[str, ClockRun] = field(default_factory=lambda: MappingProxyType({}))
    paused_since: datetime | None = None
    closed_at: datetime | None = None
    last_score: int = 0
    escalations: int = 0
    updated_at: datetime | None = None
    requests: Mapping[str, tuple[int, str]] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def complaint_id(self) -> str:
        return self.opened.complaint_id

    @property
    def organisation(self) -> str:
        return self.opened.organisation

    def due(self, now: datetime) -> list[tuple[str, str]]:
        """(clock, "warning" | "breach") whose moment has come. While the case waits on the
        customer only the clocks that run while waiting (regulatory ones) count."""
        if self.status == CLOSED:
            return []
        found = []
        for name, run in self.clocks.items():
            if run.state != RUNNING or (self.paused_since and not run.clock.runs_while_waiting):
                continue
            if now >= run.due_at:
                found.append((name, "breach"))
            elif not run.warned and now >= run.warn_at:
                found.append((name, "warning"))
        return found


# -- decide -------------------------------------------------------------------------------

def decide(state: Case | None, command: ResolutionCommand, now: datetime, policy: Policy) -> Decision:
    ctx = command.context
    action = command.WhichOneof("action")
    if action not in FIRST_EVENT:
        raise Invalid("the command has no action", "action")
    if action != "open" and (state is None or state.organisation != ctx.principal.organisation):
        raise NotFound(f"there is no case for complaint {ctx.complaint_id}", "complaint_id")
    if state is not None and ctx.request_id in state.requests:
        version, kind = state.requests[ctx.request_id]
        if action != "clock_due" and kind != FIRST_EVENT[action].DESCRIPTOR.full_name:
            raise AlreadyExists(f"request_id {ctx.request_id} was already used for another request "
                                "on this case", "request_id")
        return Decision([], duplicate_of_version=version)
    if action == "open":
        return Decision(open_case(state, command, now, policy))
    check_etag(ctx, state.version, state.complaint_id)
    payload = getattr(command, action)
    return Decision(DECIDERS[action](state, payload, command, now, policy))


def open_case(state: Case | None, command: ResolutionCommand, now: datetime, policy: Policy) -> list:
    if state is not None:
        raise AlreadyExists(f"complaint {command.context.complaint_id} already has a case", "complaint_id")
    filed = command.open
    facts = rev.CaseOpened(
        complaint_id=command.context.complaint_id, organisation=command.context.principal.organisation,
        customer_id=filed.customer_id, channel=filed.channel, category=filed.category,
        severity=filed.severity, store=filed.store, description=filed.description,
        desired_remedy=filed.desired_remedy)
    start = command.reacting_to_time.ToDatetime(timezone.utc) if command.HasField("reacting_to_time") else now
    facts.filed_at.FromDatetime(start)
    rule = policy.route(facts)
    facts.level = rule.level
    facts.handler = rule.handler or policy.handler_for(facts.organisation, rule.level)
    facts.routing_rule = rule.id
    facts.clocks.extend(policy.opening_clocks(facts.organisation, facts.severity, start))
    return [facts]


def note_acknowledgement(state: Case, payload, command, now, policy) -> list:
    return [rev.ComplaintAcknowledgementNoted(reference=payload.reference), *_met(state, "acknowledge")]


def note_repeat_contact(state: Case, payload: iev.RepeatContactRecorded, command, now, policy) -> list:
    """The customer wrote again; a letter to the corporate office or the owner goes there."""
    events: list = [rev.CustomerContactedAgain(channel=payload.channel, description=payload.description)]
    target = LETTER_LEVELS.get(payload.channel, 0)
    if state.status != CLOSED and target > state.level:
        events += _escalate(state, rev.ESCALATION_CAUSE_REQUESTED,
                            f"the customer wrote to the {LEVEL_NAMES[target]}", now, policy, to_level=target)
    return events


def reclassify(state: Case, payload: iev.ComplaintAmended, command, now, policy) -> list:
    """A corrected category or severity: clocks for the new severity, and a higher level when the
    routing rules now say so. Deadlines count from the filing, as if it had been right all along."""
    category = payload.category if "category" in payload.changed_fields else state.opened.category
    severity = payload.severity if "severity" in payload.changed_fields else state.opened.severity
    if (category, severity) == (state.opened.category, state.opened.severity) or state.status == CLOSED:
        return []
    filed = state.opened.filed_at.ToDatetime(timezone.utc)
    running = {n for n, run in state.clocks.items() if run.state == RUNNING}
    clocks = [c for c in policy.opening_clocks(state.organisation, severity, filed) if c.name in running]
    reclassified = rev.CaseReclassified(category=category, severity=severity, clocks=clocks)
    after = _reclassified(state, reclassified, now)
    rule = policy.route(after.opened)
    if rule.level <= state.level:
        return [reclassified]
    return [reclassified, *_escalate(after, rev.ESCALATION_CAUSE_RECLASSIFIED, f"reclassified: {rule.id}", now,
                                     policy, to_level=rule.level)]


def close_withdrawn(state: Case, payload, command, now, policy) -> list:
    if state.status == CLOSED:
        return []
    return [rev.CaseClosed(reason="withdrawn")]


def reassign(state: Case, payload: rev.CaseReassigned, command, now, policy) -> list:
    _require_not_closed(state, "reassigned")
    _text("handler", payload.handler, NAME_LIMIT, required=True)
    _text("reason", payload.reason, TEXT_LIMIT, required=True)
    if payload.level not in types.Level.values():
        raise Invalid(f"level has no value {payload.level}", "level")
    event = rev.CaseReassigned(handler=payload.handler, level=payload.level or state.level, reason=payload.reason)
    return [event, *_met(state, "assignment")]


def record_step(state: Case, payload: Message, command: ResolutionCommand, now, policy) -> list:
    step = STEP_OF[type(payload)]
    _require_not_closed(state, f"given a {step.replace('_', ' ')} step")
    _validate_step(payload)
    event = type(payload)()
    event.CopyFrom(payload)
    if hasattr(event, "conduct_override"):
        event.ClearField("conduct_override")
        _guard_conduct(state, event, command, policy)
    events: list = [event]
    if step in CUSTOMER_FACING:
        events += _met(state, "first_contact")
    if step == "prevent" and state.status == AWAITING_PREVENTION:
        events += _close(state, "satisfied")
    return events


def propose(state: Case, payload: rev.ResolutionProposed, command, now, policy) -> list:
    if state.status != OPEN:
        raise Rejected(f"the case is {state.status.replace('_', ' ')}; a resolution can be proposed only "
                       "while it is open", "complaint_id")
    missing = [s for s in REQUIRED_BEFORE_PROPOSAL if s not in state.steps]
    if missing:
        raise Rejected(f"a resolution cannot be proposed before these steps are recorded: {', '.join(missing)}",
                       "complaint_id")
    _text("summary", payload.summary, TEXT_LIMIT)
    return [rev.ResolutionProposed(summary=payload.summary)]


def verdict(state: Case, payload: rev.VerdictRecorded, command, now, policy) -> list:
    if not 1 <= payload.score <= 5:
        raise Invalid(f"score must be 1 to 5, not {payload.score}", "score")
    if payload.reason not in rev.DissatisfactionReason.values():
        raise Invalid(f"reason has no value {payload.reason}", "reason")
    _text("comment", payload.comment, TEXT_LIMIT)
    if state.status != PROPOSED:
        raise Rejected("no resolution has been proposed to the customer yet; to go higher now, "
                       "use RequestEscalation", "complaint_id")
    event = rev.VerdictRecorded()
    event.CopyFrom(payload)
    if payload.satisfied:
        # The customer accepts the answer: every deadline still running is met.
        met = [rev.ClockMet(name=n) for n, run in state.clocks.items() if run.state == RUNNING]
        if not state.prevention_recorded:
            return [event, *met]  # closes once prevention is recorded
        return [event, *met, *_close(state, "satisfied")]
    if not payload.reason:
        raise Invalid("a dissatisfied verdict needs a reason: sceptical of the fix, unhappy with the "
                      "treatment, brushed off, or other", "reason")
    detail = rev.DissatisfactionReason.Name(payload.reason)[len("DISSATISFACTION_REASON_"):].lower().replace("_", " ")
    if state.level >= types.LEVEL_OWNER:  # nobody higher: recorded, and the owner starts again
        return [event, rev.EscalationRequested(reason=f"dissatisfied: {detail}", at_highest_level=True)]
    return [event, *_escalate(state, rev.ESCALATION_CAUSE_DISSATISFIED, detail, now, policy)]


def request_escalation(state: Case, payload: rev.EscalationRequested, command, now, policy) -> list:
    """Never refused: a closed case reopens, and at the owner it is recorded all the same."""
    _text("reason", payload.reason, TEXT_LIMIT)
    top = state.level >= types.LEVEL_OWNER
    events: list = [rev.EscalationRequested(reason=payload.reason, on_behalf_of_customer=payload.on_behalf_of_customer,
                                            at_highest_level=top)]
    if state.status == CLOSED:
        events.append(rev.CaseReopened(reason="the customer asked to escalate",
                                       clocks=policy.resolve_clock(state.organisation, state.opened.severity, now)))
    return events + _escalate(state, rev.ESCALATION_CAUSE_REQUESTED, payload.reason, now, policy)


def reopen(state: Case, payload: rev.CaseReopened, command, now, policy) -> list:
    _text("reason", payload.reason, TEXT_LIMIT, required=True)
    if state.status != CLOSED:
        raise Rejected(f"the case is {state.status.replace('_', ' ')}, not closed", "complaint_id")
    if now - state.closed_at > policy.reopen_window:
        raise Rejected(f"the case closed on {state.closed_at:%Y-%m-%d}; it can be reopened for "
                       f"{policy.reopen_window.days} days after closing", "complaint_id")
    return [rev.CaseReopened(reason=payload.reason,
                             clocks=policy.resolve_clock(state.organisation, state.opened.severity, now))]


def pause(state: Case, payload: rev.ClocksPaused, command, now, policy) -> list:
    _text("reason", payload.reason, TEXT_LIMIT, required=True)
    _require_not_closed(state, "paused")
    if state.paused_since:
        raise Rejected("the clocks are already paused", "complaint_id")
    return [rev.ClocksPaused(reason=payload.reason)]


def resume(state: Case, payload, command, now, policy) -> list:
    if not state.paused_since:
        raise Rejected("the clocks are not paused", "complaint_id")
    return _resumed_now(state, now, policy)


def extend(state: Case, payload, command, now, policy) -> list:
    _text("reason", payload.reason, TEXT_LIMIT, required=True)
    run = state.clocks.get(payload.name)
    if run is None:
        raise NotFound(f"the case has no clock {payload.name!r}", "clock")
    if not run.clock.HasField("extended_due_at") or run.extended:
        raise Rejected(f"clock {payload.name} has no extension to give", "clock")
    if run.state != RUNNING:
        raise Rejected(f"clock {payload.name} is {run.state}", "clock")
    clock = rev.Clock()
    clock.CopyFrom(run.clock)
    start = state.opened.filed_at.ToDatetime(timezone.utc)
    due = run.clock.extended_due_at.ToDatetime(timezone.utc)
    clock.due_at.CopyFrom(run.clock.extended_due_at)
    clock.warn_at.FromDatetime(start + (due - start) * policy.warn_fraction)
    return [rev.ClockExtended(clock=clock, reason=payload.reason)]


def clock_due(state: Case, payload, command, now, policy) -> list:
    """The clock watch says a moment has come; decided again here, so a stale tick does nothing."""
    if (payload.name, payload.kind) not in state.due(now):
        return []
    run = state.clocks[payload.name]
    if payload.kind == "warning":
        return [rev.ClockWarned(name=payload.name, due_at=run.clock.due_at)]
    events: list = [rev.ClockBreached(name=payload.name, due_at=run.clock.due_at)]
    if run.clock.escalates:
        events += _escalate(state, rev.ESCALATION_CAUSE_CLOCK_BREACHED, f"{payload.name} deadline passed",
                            now, policy)
    return events


DECIDERS = {
    "note_acknowledgement": note_acknowledgement, "note_repeat_contact": note_repeat_contact,
    "reclassify": reclassify, "close_withdrawn": close_withdrawn, "reassign": reassign,
    **{step: record_step for step in ("understand", "apologise", "explain", "fix", "offer_compensation",
                                      "follow_up", "prevent", "message")},
    "propose": propose, "verdict": verdict, "request_escalation": request_escalation, "reopen": reopen,
    "pause": pause, "resume": resume, "extend": extend, "clock_due": clock_due,
}


# -- decision helpers -------------------------------------------------------------------------

def _met(state: Case, name: str) -> list:
    run = state.clocks.get(name)
    return [rev.ClockMet(name=name)] if run and run.state == RUNNING else []


def _close(state: Case, reason: str) -> list:
    return [rev.CaseClosed(reason=reason)]


def _escalate(state: Case, cause: int, detail: str, now: datetime, policy: Policy, to_level: int = 0) -> list:
    """Up one level (or to `to_level`), with a fresh resolve clock; the clocks start at once,
    so a case waiting on the customer stops waiting."""
    if state.level >= types.LEVEL_OWNER:
        return []
    to_level = to_level or state.level + 1
    handler = policy.handler_for(state.organisation, to_level)
    clocks = policy.resolve_clock(state.organisation, state.opened.severity, now)
    if not handler:
        clocks.append(policy.assignment_clock(state.organisation, now))
    resumed = _resumed_now(state, now, policy) if state.paused_since else []
    return [*resumed, rev.CaseEscalated(from_level=state.level, to_level=to_level, handler=handler, cause=cause,
                                        detail=detail[:TEXT_LIMIT], clocks=clocks)]


def _resumed_now(state: Case, now: datetime, policy: Policy) -> list:
    calendar = policy.calendar(state.organisation)
    moved = [_shifted(run.clock, calendar, state.paused_since, now) for run in state.clocks.values()
             if run.state == RUNNING and not run.clock.runs_while_waiting]
    return [rev.ClocksResumed(clocks=moved)]


def _shifted(clock: rev.Clock, calendar: bt.Calendar, paused_at: datetime, now: datetime) -> rev.Clock:
    """The clock with its instants moved on by the time it was paused (on its own basis)."""
    moved = rev.Clock()
    moved.CopyFrom(clock)
    if clock.basis == "calendar":
        def shift(ts) -> datetime:
            return ts.ToDatetime(timezone.utc) + (now - paused_at)
    else:
        paused = bt.business_between(calendar, paused_at, now)

        def shift(ts) -> datetime:
            return bt.add_business_hours(calendar, ts.ToDatetime(timezone.utc), paused)
    for name in ("due_at", "warn_at", "extended_due_at"):
        if clock.HasField(name):
            getattr(moved, name).FromDatetime(shift(getattr(clock, name)))
    return moved


def _guard_conduct(state: Case, event: Message, command: ResolutionCommand, policy: Policy) -> None:
    """Refuses text that breaks a conduct rule, unless a manager overrides it with a reason."""
    text = " ".join(getattr(event, f) for f in ("text", "question") if hasattr(event, f))
    channel = getattr(event, "channel", 0) or state.opened.channel
    broken = flagged(policy.conduct, text, channel)
    if not broken:
        return
    reason = command.conduct_override_reason.strip()
    if not reason:
        names = "; ".join(f"{r.name} ({r.description})" for r in broken)
        raise Rejected(f"the conduct guard flagged this message: {names}. Rephrase it, or a manager may "
                       "override with conduct_override_reason", "text")
    if not OVERRIDERS & set(command.context.principal.roles):
        raise Forbidden("only a manager, the corporate office or the owner may override the conduct guard",
                        "conduct_override_reason")
    _text("conduct_override_reason", reason, TEXT_LIMIT)
    event.conduct_override.CopyFrom(rev.ConductOverride(rules=[r.name for r in broken], reason=reason))


def _validate_step(payload: Message) -> None:
    for name in ("text", "question", "answer", "customer_reason", "notes", "root_cause", "preventive_action"):
        if hasattr(payload, name):
            _text(name, getattr(payload, name), TEXT_LIMIT)
    required = {rev.CustomerUnderstood: ["customer_reason"], rev.ApologyMade: ["text"],
                rev.ExplanationGiven: ["text"], rev.FixRecorded: ["text"], rev.CompensationOffered: ["text"],
                rev.FollowUpAsked: ["question", "answer"], rev.MessageSentToCustomer: ["text"]}.get(type(payload), [])
    for name in required:
        _text(name, getattr(payload, name), TEXT_LIMIT, required=True)
    if isinstance(payload, rev.PreventionRecorded):
        _text("root_cause", payload.root_cause, TEXT_LIMIT, required=True)
        _text("preventive_action", payload.preventive_action, TEXT_LIMIT, required=True)
        if payload.category not in types.Category.values() or not payload.category:
            raise Invalid("category is required: the kind of failure to prevent, from the taxonomy", "category")
    if isinstance(payload, rev.MessageSentToCustomer) and payload.channel not in types.Channel.values():
        raise Invalid(f"channel has no value {payload.channel}", "channel")


def _text(name: str, value: str, limit: int, required: bool = False) -> None:
    if len(value) > limit:
        raise Invalid(f"{name} is {len(value)} characters long; the limit is {limit}", name)
    if required and not value.strip():
        raise Invalid(f"{name} is required", name)


def _require_not_closed(state: Case, doing: str) -> None:
    if state.status == CLOSED:
        raise Rejected(f"the case is closed; it cannot be {doing}. Reopen it first", "complaint_id")


# -- apply ------------------------------------------------------------------------------------

def apply(state: Case | None, event: Message, at: datetime, request_id: str = "") -> Case:
    """The case after one more event (its version is one higher). Unknown events change
    nothing but the version."""
    if isinstance(event, rev.CaseOpened):
        state = Case(opened=event, opened_at=at, level=event.level, handler=event.handler,
                     clocks=_with_clocks({}, event.clocks))
    elif state is None:
        raise ValueError(f"{type(event).__name__} before CaseOpened")
    else:
        state = _APPLY.get(type(event), lambda s, e, t: s)(state, event, at)
    requests = state.requests
    if request_id:
        kind = requests.get(request_id, (0, event.DESCRIPTOR.full_name))[1]
        requests = MappingProxyType({**requests, request_id: (state.version + 1, kind)})
    return replace(state, version=state.version + 1, updated_at=at, requests=requests)


def _with_clocks(clocks: Mapping[str, ClockRun], new: list[rev.Clock]) -> Mapping[str, ClockRun]:
    return MappingProxyType({**clocks, **{c.name: ClockRun(c) for c in new}})


def _clock_state(case: Case, name: str, **changes) -> Case:
    run = case.clocks.get(name)
    if run is None:
        return case
    return replace(case, clocks=MappingProxyType({**case.clocks, name: replace(run, **changes)}))


def _step(state: Case, event, at) -> Case:
    state = replace(state, steps=state.steps | {STEP_OF[type(event)]})
    if isinstance(event, rev.PreventionRecorded):
        state = replace(state, prevention_recorded=True)
    return state


def _closed(state: Case, event: rev.CaseClosed, at) -> Case:
    """Every running clock stops; resolving the case to the customer's satisfaction meets them."""
    ending = MET if event.reason == "satisfied" else STOPPED
    clocks = {n: replace(r, state=ending) if r.state == RUNNING else r for n, r in state.clocks.items()}
    return replace(state, status=CLOSED, closed_at=at, paused_since=None, clocks=MappingProxyType(clocks))


def _verdict(state: Case, event: rev.VerdictRecorded, at) -> Case:
    if event.satisfied:
        return replace(state, last_score=event.score, status=AWAITING_PREVENTION)
    # Back to work, from the first step (at the next level, when there is one).
    return replace(state, last_score=event.score, status=OPEN, steps=frozenset())


def _escalated(state: Case, event: rev.CaseEscalated, at) -> Case:
    """The new level starts from the first step; the old level's acknowledge, first-contact and
    assignment clocks stop, its resolve clock is replaced; regulatory clocks run on."""
    superseded = {n: replace(r, state=STOPPED) for n, r in state.clocks.items()
                  if n in LEVEL_CLOCKS and r.state == RUNNING}
    clocks = _with_clocks(MappingProxyType({**state.clocks, **superseded}), event.clocks)
    return replace(state, level=event.to_level, handler=event.handler, status=OPEN, escalations=state.escalations + 1,
                   steps=frozenset(), prevention_recorded=False, clocks=clocks)


def _reopened(state: Case, event: rev.CaseReopened, at) -> Case:
    return replace(state, status=OPEN, closed_at=None, steps=frozenset(), prevention_recorded=False,
                   clocks=_with_clocks(state.clocks, event.clocks))


def _resumed(state: Case, event: rev.ClocksResumed, at) -> Case:
    clocks = {**state.clocks, **{c.name: replace(state.clocks[c.name], clock=c) for c in event.clocks
                                 if c.name in state.clocks}}
    return replace(state, paused_since=None, clocks=MappingProxyType(clocks))


def _reclassified(state: Case, event: rev.CaseReclassified, at) -> Case:
    opened = rev.CaseOpened()
    opened.CopyFrom(state.opened)
    opened.category, opened.severity = event.category, event.severity
    return replace(state, opened=opened, clocks=_with_clocks(state.clocks, event.clocks))


_APPLY = {
    rev.CaseReclassified: _reclassified,
    rev.CaseReassigned: lambda s, e, t: replace(s, handler=e.handler, level=e.level or s.level),
    **{kind: _step for kind in STEP_OF},
    rev.ResolutionProposed: lambda s, e, t: replace(s, status=PROPOSED),
    rev.VerdictRecorded: _verdict,
    rev.CaseEscalated: _escalated,
    rev.CaseClosed: _closed,
    rev.CaseReopened: _reopened,
    rev.ClocksPaused: lambda s, e, t: replace(s, paused_since=t),
    rev.ClocksResumed: _resumed,
    rev.ClockMet: lambda s, e, t: _clock_state(s, e.name, state=MET),
    rev.ClockWarned: lambda s, e, t: _clock_state(s, e.name, warned=True),
    rev.ClockBreached: lambda s, e, t: _clock_state(s, e.name, state=BREACHED),
    rev.ClockExtended: lambda s, e, t: _clock_state(s, e.clock.name, clock=e.clock, extended=True, warned=False),
}
