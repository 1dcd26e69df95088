"""The escalation dossier: the letter to the corporate office or the owner, assembled from
the case's own history (what happened, what management did or promised and when, why
the customer is still concerned), so the customer never has to tell it again. Pure.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from redress.kernel.envelope import Envelope
from redress.events.v1 import compensation_pb2 as cev
from redress.events.v1 import resolution_pb2 as rev
from redress.types.v1 import complaint_pb2 as types
from redress_resolution.domain import LEVEL_NAMES, Case


@dataclass(frozen=True)
class Entry:
    time: datetime
    who: str
    what: str


@dataclass(frozen=True)
class Dossier:
    what_happened: str
    done_or_promised: list[Entry]
    still_concerned: list[Entry]
    timeline: list[Entry]
    letter: str


def _enum(enum, value: int, prefix: str) -> str:
    try:
        return enum.Name(value)[len(prefix):].lower().replace("_", " ")
    except ValueError:  # a value a newer writer knows
        return str(value)


def _money(amount) -> str:
    minor = amount.amount_minor
    return f"{'-' if minor < 0 else ''}{abs(minor) // 100}.{abs(minor) % 100:02d} {amount.currency}".strip()


COMPENSATION_WORDS = {
    "proposed": "Compensation proposed", "approved": "Compensation approved", "rejected": "Compensation rejected",
    "unfunded": "Compensation refused: no budget for it", "presented": "Compensation offered",
    "accepted": "The customer accepted compensation", "declined": "The customer declined compensation",
    "expired": "A compensation offer expired", "issued": "Compensation paid out",
    "payment_failed": "A compensation payment failed", "reversed": "Compensation reversed"}


def _compensation(event: rev.CompensationNoted) -> str:
    """E.g. "Compensation offered: voucher of 25.00 EUR (presented)"."""
    offer = _enum(cev.OfferKind, event.kind, "OFFER_KIND_") if event.kind else "an offer"
    if event.amount.currency:
        offer += f" of {_money(event.amount)}"
    words = COMPENSATION_WORDS.get(event.what, "Compensation")
    return f"{words}: {offer} ({event.what}){': ' + event.detail if event.detail else ''}"


def describe(event) -> str:
    """One line, for a person, about one event of the case."""
    match event:
        case rev.CaseOpened():
            return (f"Complaint taken in by {_enum(types.Channel, event.channel, 'CHANNEL_')}; case opened at "
                    f"{LEVEL_NAMES[event.level]} level, assigned to {event.handler or 'nobody yet'}")
        case rev.CustomerUnderstood():
            return f"Understood why the customer is unhappy: \u201c{event.customer_reason}\u201d"
        case rev.ApologyMade():
            return f"Apologised: \u201c{event.text}\u201d"
        case rev.ExplanationGiven():
            return f"Explained what went wrong: \u201c{event.text}\u201d"
        case rev.FixRecorded():
            return f"Fixed: {event.text}"
        case rev.CompensationOffered():
            return f"Offered compensation: {event.text}"
        case rev.FollowUpAsked():
            return f"Asked \u201c{event.question}\u201d; the customer said \u201c{event.answer}\u201d"
        case rev.PreventionRecorded():
            return f"Prevention: root cause {event.root_cause}; action {event.preventive_action}"
        case rev.MessageSentToCustomer():
            return f"Wrote to the customer: \u201c{event.text}\u201d"
        case rev.ResolutionProposed():
            return f"Proposed a resolution: {event.summary}"
        case rev.VerdictRecorded():
            mood = "satisfied" if event.satisfied else "not satisfied"
            why = f" ({_enum(rev.DissatisfactionReason, event.reason, 'DISSATISFACTION_REASON_')})" \
                if event.reason else ""
            return f"The customer was {mood}, {event.score}/5{why}: {event.comment}".rstrip(": ")
        case rev.EscalationRequested():
            who = " on the customer's behalf" if event.on_behalf_of_customer else " by the customer"
            return f"Escalation requested{who}: {event.reason}"
        case rev.CaseEscalated():
            return (f"Escalated from {LEVEL_NAMES[event.from_level]} to {LEVEL_NAMES[event.to_level]} "
                    f"({_enum(rev.EscalationCause, event.cause, 'ESCALATION_CAUSE_')}: {event.detail})")
        case rev.CaseReassigned():
            return f"Reassigned to {event.handler}: {event.reason}"
        case rev.CustomerContactedAgain():
            return (f"The customer wrote again, by {_enum(types.Channel, event.channel, 'CHANNEL_')}: "
                    f"\u201c{event.description}\u201d")
        case rev.CaseReclassified():
            return (f"Reclassified: {_enum(types.Category, event.category, 'CATEGORY_')}, "
                    f"{_enum(types.Severity, event.severity, 'SEVERITY_')} severity")
        case rev.CasePriorityRaised():
            said = f": \u201c{event.excerpt}\u201d" if event.excerpt else ""
            return f"Priority raised: the customer said they will go public ({event.where.replace('_', ' ')}){said}"
        case rev.CaseClosed():
            return f"Case closed ({event.reason})"
        case rev.CaseReopened():
            return f"Case reopened: {event.reason}"
        case rev.ClockBreached():
            return f"Deadline missed: {event.name}"
        case rev.ClockWarned():
            return f"Deadline near: {event.name}"
        case rev.ClocksPaused():
            return f"Waiting on the customer: {event.reason}"
        case rev.ClocksResumed():
            return "No longer waiting on the customer"
        case rev.ClockExtended():
            return f"Deadline {event.clock.name} extended: {event.reason}"
        case rev.CompensationNoted():
            return _compensation(event)
    return type(event).__name__


PROMISES = (rev.ApologyMade, rev.ExplanationGiven, rev.FixRecorded, rev.CompensationOffered,
            rev.MessageSentToCustomer, rev.ResolutionProposed, rev.PreventionRecorded)
CONCERNS = (rev.VerdictRecorded, rev.EscalationRequested, rev.CaseEscalated, rev.ClockBreached,
            rev.CustomerContactedAgain, rev.CasePriorityRaised)
# Compensation's notes: what management offered or paid, and what came to nothing.
PROMISED_OFFERS = frozenset({"presented", "accepted", "issued"})
FAILED_OFFERS = frozenset({"declined", "expired", "rejected", "unfunded"})


def _promised(event) -> bool:
    if isinstance(event, rev.CompensationNoted):
        return event.what in PROMISED_OFFERS
    return isinstance(event, PROMISES)


def _concern(event) -> bool:
    if isinstance(event, rev.CompensationNoted):
        return event.what in FAILED_OFFERS
    return isinstance(event, CONCERNS) and not (isinstance(event, rev.VerdictRecorded) and event.satisfied)


def assemble(case: Case, history: list[Envelope]) -> Dossier:
    entries = [(env, Entry(env.time, env.actor, describe(env.payload))) for env in history]
    opened = case.opened
    what = (f"On {opened.filed_at.ToDatetime():%d %B %Y} the customer complained by "
            f"{_enum(types.Channel, opened.channel, 'CHANNEL_')}"
            f"{' about ' + opened.store if opened.store else ''}: \u201c{opened.description}\u201d"
            f"{' They asked for: ' + opened.desired_remedy if opened.desired_remedy else ''}")
    done = [e for env, e in entries if _promised(env.payload)]
    concerns = [e for env, e in entries if _concern(env.payload)]
    timeline = [e for _, e in entries]
    return Dossier(what, done, concerns, timeline, _letter(case, what, done, concerns))


def _letter(case: Case, what: str, done: list[Entry], concerns: list[Entry]) -> str:
    def lines(items: list[Entry]) -> str:
        return "\n".join(f"- {e.time:%d %b %Y %H:%M} ({e.who}): {e.what}" for e in items) or "- nothing yet"

    return (f"To the {LEVEL_NAMES[case.level]}\n\n"
            f"What happened\n{what}\n\n"
            f"What management did or promised, and when\n{lines(done)}\n\n"
            f"Why the customer is still concerned\n{lines(concerns)}\n")
