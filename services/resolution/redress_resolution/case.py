"""A case and its clocks, folded event by event. What the events say was decided, so
`apply` needs no policy, and a replay reproduces every case exactly."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from types import MappingProxyType
from typing import Callable, Mapping

from google.protobuf.message import Message

from redress.events.v1 import resolution_pb2 as rev
from redress.kernel.rejections import Rejected
from redress.types.v1 import complaint_pb2 as types
from redress.types.v1.money_pb2 import Money

OPEN, PROPOSED, AWAITING_PREVENTION, CLOSED = "open", "resolution_proposed", "awaiting_prevention", "closed"
NORMAL, HIGH = "normal", "high"
RUNNING, MET, BREACHED, STOPPED = "running", "met", "breached", "stopped"
LEVEL_CLOCKS = ("acknowledge", "first_contact", "assignment")  # belong to one level's handling
LEVEL_NAMES = {types.LEVEL_POINT_OF_CONTACT: "point of contact", types.LEVEL_MANAGER: "manager",
               types.LEVEL_CORPORATE_OFFICE: "corporate office", types.LEVEL_OWNER: "owner"}
STEP_OF = {rev.CustomerUnderstood: "understand", rev.ApologyMade: "apologise", rev.ExplanationGiven: "explain",
           rev.FixRecorded: "fix", rev.CompensationOffered: "offer_compensation", rev.FollowUpAsked: "follow_up",
           rev.PreventionRecorded: "prevent", rev.MessageSentToCustomer: "message"}
OFFER_STEP = frozenset({"presented", "declined"})  # compensation's notes that count as step five


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
    # The stream's version: set by the kernel after each event, never by the domain.
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
    priority: str = NORMAL
    # Compensation's offers on the complaint: offer_id -> (OfferKind, amount), from their proposals.
    offers: Mapping[str, tuple[int, Money]] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def complaint_id(self) -> str:
        return self.opened.complaint_id

    @property
    def organisation(self) -> str:
        return self.opened.organisation


def require_not_closed(case: Case, doing: str) -> None:
    if case.status == CLOSED:
        raise Rejected(f"the case is closed; it cannot be {doing}. Reopen it first", "complaint_id")


def apply(state: Case | None, event: Message, at: datetime) -> Case:
    """The case after one more of its events."""
    if isinstance(event, rev.CaseOpened):
        return _opened(event, at)
    if state is None:
        raise ValueError(f"{type(event).__name__} before CaseOpened")
    fold = _APPLY.get(type(event))
    if fold is None:
        raise ValueError(f"{type(event).__name__} is not an event of a case")
    return replace(fold(state, event, at), updated_at=at)


def _opened(event: rev.CaseOpened, at: datetime) -> Case:
    return Case(opened=event, opened_at=at, level=event.level, handler=event.handler,
                clocks=with_clocks({}, event.clocks), updated_at=at)


def with_clocks(clocks: Mapping[str, ClockRun], new: list[rev.Clock]) -> Mapping[str, ClockRun]:
    return MappingProxyType({**clocks, **{c.name: ClockRun(c) for c in new}})


def _clock_state(case: Case, name: str, **changes) -> Case:
    run = case.clocks.get(name)
    if run is None:
        return case
    return replace(case, clocks=MappingProxyType({**case.clocks, name: replace(run, **changes)}))


def _step(state: Case, event: Message, at: datetime) -> Case:
    state = replace(state, steps=state.steps | {STEP_OF[type(event)]})
    if isinstance(event, rev.PreventionRecorded):
        state = replace(state, prevention_recorded=True)
    return state


def _closed(state: Case, event: rev.CaseClosed, at: datetime) -> Case:
    """Every running clock stops; resolving the case to the customer's satisfaction meets them."""
    ending = MET if event.reason == "satisfied" else STOPPED
    clocks = {n: replace(r, state=ending) if r.state == RUNNING else r for n, r in state.clocks.items()}
    return replace(state, status=CLOSED, closed_at=at, paused_since=None, clocks=MappingProxyType(clocks))


def _verdict(state: Case, event: rev.VerdictRecorded, at: datetime) -> Case:
    if event.satisfied:
        return replace(state, last_score=event.score, status=AWAITING_PREVENTION)
    # Back to work, from the first step (at the next level, when there is one).
    return replace(state, last_score=event.score, status=OPEN, steps=frozenset())


def _escalated(state: Case, event: rev.CaseEscalated, at: datetime) -> Case:
    """The new level starts from the first step; the old level's acknowledge, first-contact and
    assignment clocks stop, its resolve clock is replaced; regulatory clocks run on."""
    superseded = {n: replace(r, state=STOPPED) for n, r in state.clocks.items()
                  if n in LEVEL_CLOCKS and r.state == RUNNING}
    clocks = with_clocks(MappingProxyType({**state.clocks, **superseded}), event.clocks)
    return replace(state, level=event.to_level, handler=event.handler, status=OPEN, escalations=state.escalations + 1,
                   steps=frozenset(), prevention_recorded=False, clocks=clocks)


def _reopened(state: Case, event: rev.CaseReopened, at: datetime) -> Case:
    return replace(state, status=OPEN, closed_at=None, steps=frozenset(), prevention_recorded=False,
                   clocks=with_clocks(state.clocks, event.clocks))


def _resumed(state: Case, event: rev.ClocksResumed, at: datetime) -> Case:
    clocks = {**state.clocks, **{c.name: replace(state.clocks[c.name], clock=c) for c in event.clocks
                                 if c.name in state.clocks}}
    return replace(state, paused_since=None, clocks=MappingProxyType(clocks))


def reclassified(state: Case, event: rev.CaseReclassified, at: datetime) -> Case:
    opened = rev.CaseOpened()
    opened.CopyFrom(state.opened)
    opened.category, opened.severity = event.category, event.severity
    return replace(state, opened=opened, clocks=with_clocks(state.clocks, event.clocks))


def _compensation(state: Case, event: rev.CompensationNoted, at: datetime) -> Case:
    """A proposal names the offer's kind and amount; presenting or declining it is step five."""
    if event.what == "proposed" or (event.offer_id not in state.offers and event.kind):
        offers = {**state.offers, event.offer_id: (event.kind, event.amount)}
        state = replace(state, offers=MappingProxyType(offers))
    if event.what in OFFER_STEP:
        state = replace(state, steps=state.steps | {"offer_compensation"})
    return state


def _unchanged(state: Case, event: Message, at: datetime) -> Case:
    return state


_APPLY: dict[type, Callable[[Case, Message, datetime], Case]] = {
    rev.CaseReclassified: reclassified,
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
    rev.EscalationRequested: _unchanged,
    rev.CustomerContactedAgain: _unchanged,
    rev.ComplaintAcknowledgementNoted: _unchanged,
    rev.CasePriorityRaised: lambda s, e, t: replace(s, priority=HIGH),
    rev.CompensationNoted: _compensation,
}
EVENTS = frozenset({rev.CaseOpened, *_APPLY})  # every event a case folds
