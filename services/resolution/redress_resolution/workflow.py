"""What the handler's work and intake's news do to a case: opening it, the six steps and
messages (through the conduct guard), proposals and verdicts, and the escalation ladder.

Each decider builds its events from the command's client fields; what only the server
decides (conduct overrides, levels, handlers, clocks) it adds itself.
"""
from __future__ import annotations

from datetime import datetime, timezone

from google.protobuf.message import Message

from redress.events.v1 import intake_pb2 as iev
from redress.events.v1 import publicity_pb2 as pev
from redress.events.v1 import resolution_pb2 as rev
from redress.kernel.rejections import AlreadyExists, Invalid, Rejected
from redress.resolution.v1 import commands_pb2 as cmd
from redress.types.v1 import complaint_pb2 as types
from redress_resolution import clocks
from redress_resolution.case import (AWAITING_PREVENTION, CLOSED, HIGH, LEVEL_NAMES, OPEN, PROPOSED, RUNNING, Case,
                                     reclassified, require_not_closed)
from redress_resolution.conduct import guard
from redress_resolution.inputs import NAME_LIMIT, TEXT_LIMIT, check_text
from redress_resolution.policy import Policy

REQUIRED_BEFORE_PROPOSAL = ("understand", "apologise", "explain", "fix")
CUSTOMER_FACING = ("understand", "apologise", "explain", "fix", "offer_compensation", "follow_up", "message")
LETTER_LEVELS = {types.CHANNEL_LETTER_TO_CORPORATE_OFFICE: types.LEVEL_CORPORATE_OFFICE,
                 types.CHANNEL_LETTER_TO_OWNER: types.LEVEL_OWNER}
STEP_EVENTS = {"understand": rev.CustomerUnderstood, "apologise": rev.ApologyMade, "explain": rev.ExplanationGiven,
               "fix": rev.FixRecorded, "offer_compensation": rev.CompensationOffered,
               "follow_up": rev.FollowUpAsked, "prevent": rev.PreventionRecorded,
               "message": rev.MessageSentToCustomer}
REQUIRED_TEXT = {"understand": ("customer_reason",), "apologise": ("text",), "explain": ("text",), "fix": ("text",),
                 "offer_compensation": ("text",), "follow_up": ("question", "answer"),
                 "prevent": ("root_cause", "preventive_action"), "message": ("text",)}


# -- reactions to intake's events ------------------------------------------------------------

def open_case(state: Case | None, command: cmd.ResolutionCommand, now: datetime, policy: Policy) -> list:
    if state is not None:
        raise AlreadyExists(f"complaint {command.context.complaint_id} already has a case", "complaint_id")
    filed = command.open
    facts = rev.CaseOpened(
        complaint_id=command.context.complaint_id, organisation=command.context.principal.organisation,
        customer_id=filed.customer_id, channel=filed.channel, category=filed.category,
        severity=filed.severity, store=filed.store, description=filed.description,
        desired_remedy=filed.desired_remedy, language=filed.language)
    start = command.reacting_to_time.ToDatetime(timezone.utc) if command.HasField("reacting_to_time") else now
    facts.filed_at.FromDatetime(start)
    rule = policy.route(facts)
    facts.level = rule.level
    facts.handler = rule.handler or policy.handler_for(facts.organisation, rule.level)
    facts.routing_rule = rule.id
    facts.clocks.extend(policy.opening_clocks(facts.organisation, facts.severity, start))
    return [facts]


def note_publicity_intent(state: Case, payload: iev.PublicityIntentStated, command, now, policy) -> list:
    """The customer said they will go public: the case comes first (once raised, it stays)."""
    if state.priority == HIGH:
        return []
    return [rev.CasePriorityRaised(reason=f"the customer said they will go public ({payload.where.replace('_', ' ')})",
                                   where=payload.where, evidence=payload.evidence, excerpt=payload.excerpt)]


def note_acknowledgement(state: Case, payload: iev.ComplaintAcknowledged, command, now, policy) -> list:
    return [rev.ComplaintAcknowledgementNoted(reference=payload.reference), *clocks.met(state, "acknowledge")]


def note_repeat_contact(state: Case, payload: iev.RepeatContactRecorded, command, now, policy) -> list:
    """The customer wrote again; a letter to the corporate office or the owner goes there."""
    events: list = [rev.CustomerContactedAgain(channel=payload.channel, description=payload.description)]
    target = LETTER_LEVELS.get(payload.channel, 0)
    if state.status != CLOSED and target > state.level:
        events += escalate(state, rev.ESCALATION_CAUSE_REQUESTED,
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
    new_clocks = [c for c in policy.opening_clocks(state.organisation, severity, filed) if c.name in running]
    event = rev.CaseReclassified(category=category, severity=severity, clocks=new_clocks)
    after = reclassified(state, event, now)
    rule = policy.route(after.opened)
    if rule.level <= state.level:
        return [event]
    return [event, *escalate(after, rev.ESCALATION_CAUSE_RECLASSIFIED, f"reclassified: {rule.id}", now,
                             policy, to_level=rule.level)]


def close_withdrawn(state: Case, payload: iev.ComplaintWithdrawn, command, now, policy) -> list:
    if state.status == CLOSED:
        return []
    return [rev.CaseClosed(reason="withdrawn")]


# -- reactions to compensation's events ------------------------------------------------------

def note_compensation(state: Case, payload: cmd.NoteCompensation, command, now, policy) -> list:
    """A record of fact, so never refused for a closed case. Notes after the proposal take the
    offer's kind and amount from it when the command leaves them out."""
    check_text("offer_id", payload.offer_id, NAME_LIMIT, required=True)
    check_text("what", payload.what, NAME_LIMIT, required=True)
    kind, amount = state.offers.get(payload.offer_id, (0, None))
    event = rev.CompensationNoted(offer_id=payload.offer_id, what=payload.what, kind=payload.kind or kind,
                                  detail=payload.detail[:TEXT_LIMIT])
    if payload.HasField("amount"):
        event.amount.CopyFrom(payload.amount)
    elif amount is not None and amount.ByteSize():
        event.amount.CopyFrom(amount)
    return [event]


# -- reactions to publicity-watch's events ---------------------------------------------------

WHERE = {pev.SOURCE_KIND_REVIEW_SITE: "review_site", pev.SOURCE_KIND_BLOG: "blog",
         pev.SOURCE_KIND_NEWSPAPER: "newspaper", pev.SOURCE_KIND_TWITTER: "social",
         pev.SOURCE_KIND_FACEBOOK: "social", pev.SOURCE_KIND_FORUM: "social"}


def note_public_escalation(state: Case, payload: pev.PublicEscalationOpened, command, now, policy) -> list:
    """The complaint went public: the case comes first and goes to at least the corporate
    office. A closed case reopens whatever the reopen window: the post is news."""
    where = WHERE.get(payload.source, "social")
    events: list = []
    if state.priority != HIGH:
        events.append(rev.CasePriorityRaised(reason=f"the complaint went public ({where.replace('_', ' ')})",
                                             where=where, evidence=[payload.url], excerpt=payload.reason))
    if state.status == CLOSED:
        events.append(rev.CaseReopened(reason=f"the complaint went public: {payload.url}",
                                       clocks=policy.resolve_clock(state.organisation, state.opened.severity, now)))
    if state.level < types.LEVEL_CORPORATE_OFFICE:
        events += escalate(state, rev.ESCALATION_CAUSE_WENT_PUBLIC, f"the complaint went public: {payload.url}",
                           now, policy, to_level=types.LEVEL_CORPORATE_OFFICE)
    return events


def note_risk(state: Case, payload: pev.RiskThresholdCrossed, command, now, policy) -> list:
    """The risk radar saw this complaint coming: handled first, before any post exists."""
    if state.priority == HIGH or state.status == CLOSED:
        return []
    return [rev.CasePriorityRaised(reason=f"risk radar: {payload.score:.0f} (threshold {payload.threshold:.0f})",
                                   evidence=[f"{f.name}: {f.detail}" for f in payload.factors if f.points > 0])]


# -- the handler's work ---------------------------------------------------------------------

def reassign(state: Case, payload: cmd.ReassignCase, command, now, policy) -> list:
    require_not_closed(state, "reassigned")
    check_text("handler", payload.handler, NAME_LIMIT, required=True)
    check_text("reason", payload.reason, required=True)
    if payload.level not in types.Level.values():
        raise Invalid(f"level has no value {payload.level}", "level")
    event = rev.CaseReassigned(handler=payload.handler, level=payload.level or state.level, reason=payload.reason)
    return [event, *clocks.met(state, "assignment")]


def record_step(state: Case, payload: Message, command: cmd.ResolutionCommand, now, policy: Policy) -> list:
    step = command.WhichOneof("action")
    require_not_closed(state, f"given a {step.replace('_', ' ')} step")
    _check_step(step, payload)
    event = STEP_EVENTS[step](**{f.name: getattr(payload, f.name) for f in payload.DESCRIPTOR.fields})
    if "conduct_override" in event.DESCRIPTOR.fields_by_name:
        _guard_conduct(state, event, command, policy)
    events: list = [event]
    if step in CUSTOMER_FACING:
        events += clocks.met(state, "first_contact")
    if step == "prevent" and state.status == AWAITING_PREVENTION:
        events.append(rev.CaseClosed(reason="satisfied"))
    return events


def propose(state: Case, payload: cmd.ProposeResolution, command, now, policy) -> list:
    if state.status != OPEN:
        raise Rejected(f"the case is {state.status.replace('_', ' ')}; a resolution can be proposed only "
                       "while it is open", "complaint_id")
    missing = [s for s in REQUIRED_BEFORE_PROPOSAL if s not in state.steps]
    if missing:
        raise Rejected(f"a resolution cannot be proposed before these steps are recorded: {', '.join(missing)}",
                       "complaint_id")
    check_text("summary", payload.summary)
    return [rev.ResolutionProposed(summary=payload.summary)]


def verdict(state: Case, payload: cmd.RecordVerdict, command, now, policy) -> list:
    _check_verdict(payload)
    if state.status != PROPOSED:
        raise Rejected("no resolution has been proposed to the customer yet; to go higher now, "
                       "use RequestEscalation", "complaint_id")
    event = rev.VerdictRecorded(satisfied=payload.satisfied, score=payload.score, reason=payload.reason,
                                comment=payload.comment)
    if payload.satisfied:
        return [event, *_satisfied(state)]
    if not payload.reason:
        raise Invalid("a dissatisfied verdict needs a reason: sceptical of the fix, unhappy with the "
                      "treatment, brushed off, or other", "reason")
    detail = rev.DissatisfactionReason.Name(payload.reason)[len("DISSATISFACTION_REASON_"):].lower().replace("_", " ")
    if state.level >= types.LEVEL_OWNER:  # nobody higher: recorded, and the owner starts again
        return [event, rev.EscalationRequested(reason=f"dissatisfied: {detail}", at_highest_level=True)]
    return [event, *escalate(state, rev.ESCALATION_CAUSE_DISSATISFIED, detail, now, policy)]


def request_escalation(state: Case, payload: cmd.RequestEscalation, command, now, policy) -> list:
    """Never refused: a closed case reopens, and at the owner it is recorded all the same."""
    check_text("reason", payload.reason)
    top = state.level >= types.LEVEL_OWNER
    events: list = [rev.EscalationRequested(reason=payload.reason, on_behalf_of_customer=payload.on_behalf_of_customer,
                                            at_highest_level=top)]
    if state.status == CLOSED:
        events.append(rev.CaseReopened(reason="the customer asked to escalate",
                                       clocks=policy.resolve_clock(state.organisation, state.opened.severity, now)))
    return events + escalate(state, rev.ESCALATION_CAUSE_REQUESTED, payload.reason, now, policy)


def reopen(state: Case, payload: cmd.ReopenCase, command, now, policy) -> list:
    check_text("reason", payload.reason, required=True)
    if state.status != CLOSED:
        raise Rejected(f"the case is {state.status.replace('_', ' ')}, not closed", "complaint_id")
    if now - state.closed_at > policy.reopen_window:
        raise Rejected(f"the case closed on {state.closed_at:%Y-%m-%d}; it can be reopened for "
                       f"{policy.reopen_window.days} days after closing", "complaint_id")
    return [rev.CaseReopened(reason=payload.reason,
                             clocks=policy.resolve_clock(state.organisation, state.opened.severity, now))]


def clock_due(state: Case, payload: cmd.ClockDue, command, now, policy) -> list:
    """A warning or a breach; the breach of a clock that escalates takes the case up the ladder."""
    events = clocks.clock_due(state, payload, now)
    breached = any(isinstance(e, rev.ClockBreached) for e in events)
    if breached and state.clocks[payload.name].clock.escalates:
        events += escalate(state, rev.ESCALATION_CAUSE_CLOCK_BREACHED, f"{payload.name} deadline passed",
                           now, policy)
    return events


# -- the ladder -----------------------------------------------------------------------------

def escalate(state: Case, cause: int, detail: str, now: datetime, policy: Policy, to_level: int = 0) -> list:
    """Up one level (or to `to_level`), with a fresh resolve clock; the clocks start at once,
    so a case waiting on the customer stops waiting."""
    if state.level >= types.LEVEL_OWNER:
        return []
    to_level = to_level or state.level + 1
    handler = policy.handler_for(state.organisation, to_level)
    new_clocks = policy.resolve_clock(state.organisation, state.opened.severity, now)
    if not handler:
        new_clocks.append(policy.assignment_clock(state.organisation, now))
    resumed = clocks.resumed_now(state, now, policy) if state.paused_since else []
    return [*resumed, rev.CaseEscalated(from_level=state.level, to_level=to_level, handler=handler, cause=cause,
                                        detail=detail[:TEXT_LIMIT], clocks=new_clocks)]


# -- helpers --------------------------------------------------------------------------------

def _satisfied(state: Case) -> list:
    """Every deadline still running is met; the case closes now if prevention is recorded,
    else once it is."""
    met = [rev.ClockMet(name=n) for n, run in state.clocks.items() if run.state == RUNNING]
    return met if not state.prevention_recorded else [*met, rev.CaseClosed(reason="satisfied")]


def _check_verdict(payload: cmd.RecordVerdict) -> None:
    if not 1 <= payload.score <= 5:
        raise Invalid(f"score must be 1 to 5, not {payload.score}", "score")
    if payload.reason not in rev.DissatisfactionReason.values():
        raise Invalid(f"reason has no value {payload.reason}", "reason")
    check_text("comment", payload.comment)


def _check_step(step: str, payload: Message) -> None:
    for field in payload.DESCRIPTOR.fields:
        if field.type == field.TYPE_STRING:
            check_text(field.name, getattr(payload, field.name))
    for name in REQUIRED_TEXT[step]:
        check_text(name, getattr(payload, name), required=True)
    if step == "prevent" and (payload.category not in types.Category.values() or not payload.category):
        raise Invalid("category is required: the kind of failure to prevent, from the taxonomy", "category")
    if step == "message" and payload.channel not in types.Channel.values():
        raise Invalid(f"channel has no value {payload.channel}", "channel")


def _guard_conduct(state: Case, event: Message, command: cmd.ResolutionCommand, policy: Policy) -> None:
    """Refuses text that breaks a conduct rule, unless a manager overrides it with a reason."""
    text = " ".join(getattr(event, f) for f in ("text", "question") if hasattr(event, f))
    channel = getattr(event, "channel", 0) or state.opened.channel
    reason = command.conduct_override_reason.strip()
    broken = guard(policy.conduct, text, channel, reason, command.context.principal.roles)
    if not broken:
        return
    check_text("conduct_override_reason", reason)
    event.conduct_override.CopyFrom(rev.ConductOverride(rules=[r.name for r in broken], reason=reason))


DECIDERS = {
    "note_acknowledgement": note_acknowledgement, "note_publicity_intent": note_publicity_intent, "note_repeat_contact": note_repeat_contact,
    "reclassify": reclassify, "close_withdrawn": close_withdrawn, "reassign": reassign,
    **{step: record_step for step in STEP_EVENTS},
    "propose": propose, "verdict": verdict, "request_escalation": request_escalation, "reopen": reopen,
    "clock_due": clock_due, "note_compensation": note_compensation,
    "note_public_escalation": note_public_escalation, "note_risk": note_risk,
}
