"""A complaint's public story, on a stream keyed by intake's complaint id: what intake knows
that helps to recognise the complaint in public (contacts, references, store, the
customer's words), what its case came to, the mentions linked to it, its public
escalations and its risk crossings. Its facts come from intake's and resolution's events
(reactions); its links from matching or a person."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, timezone

from google.protobuf.message import Message

from redress.events.v1 import intake_pb2 as iev
from redress.events.v1 import publicity_pb2 as pev
from redress.kernel.rejections import Invalid, NotFound, Rejected
from redress.publicitywatch.v1.commands_pb2 import PublicityWatchCommand
from redress.types.v1 import complaint_pb2 as types

OPEN, RESOLVED, WITHOUT_AGREEMENT = "open", "resolved", "resolved_without_agreement"
REASON_LIMIT = 2000


@dataclass(frozen=True)
class PublicEscalation:
    opened: pev.PublicEscalationOpened
    opened_at: datetime
    updated_at: datetime
    status: str = "open"  # open, drafted, approved, published, resolved, closed
    draft: pev.PublicResponseDrafted | None = None
    approved_by: str = ""
    published: pev.PublicResponsePublished | None = None
    follow_ups: tuple[pev.AuthorFollowedUp, ...] = ()
    outcome: str = ""  # "updated" or "retracted" when resolved; the reason when closed

    @property
    def mention_id(self) -> str:
        return self.opened.mention_id

    @property
    def finished(self) -> bool:
        return self.status in ("resolved", "closed")


@dataclass(frozen=True)
class ComplaintStory:
    complaint_id: str
    organisation: str = ""
    customer_id: str = ""
    contacts: tuple[types.CustomerContact, ...] = ()
    reference: str = ""
    order_reference: str = ""
    store: str = ""
    texts: tuple[str, ...] = ()
    language: str = ""
    withdrawn: bool = False
    filed_at: datetime | None = None
    outcome: str = OPEN
    level: int = 0
    links: dict[str, pev.MentionLinked] = field(default_factory=dict)
    unlinked: frozenset[str] = frozenset()  # mentions a person said are not about it
    escalations: dict[str, PublicEscalation] = field(default_factory=dict)
    risk_crossings: int = 0
    risk: pev.RiskThresholdCrossed | None = None
    version: int = 0  # set by the kernel after each event


# -- intake's and resolution's facts ---------------------------------------------------------

def note(state: ComplaintStory | None, command: PublicityWatchCommand) -> list[Message]:
    """Intake's and resolution's news, kept as far as it helps to recognise or judge the complaint."""
    action = command.WhichOneof("action")
    payload = getattr(command, action)
    ctx = command.context
    if action == "note_filed":
        if state is not None and state.organisation:
            return []
        return [pev.ComplaintOnRecord(
            complaint_id=ctx.complaint_id, organisation=payload.organisation, customer_id=payload.customer_id,
            contact=payload.contact, order_reference=payload.order_reference, store=payload.store,
            text=payload.description, language=payload.language)]
    if state is None:
        raise NotFound(not_found(ctx.complaint_id), "complaint_id")
    return NOTES[action](state, payload)


def _acknowledged(state: ComplaintStory, e: iev.ComplaintAcknowledged) -> list[Message]:
    return [] if state.reference == e.reference else [pev.ComplaintOnRecord(reference=e.reference)]


def _repeat(state: ComplaintStory, e: iev.RepeatContactRecorded) -> list[Message]:
    return [pev.ComplaintOnRecord(contact=e.contact, text=e.description)]


def _amended(state: ComplaintStory, e: iev.ComplaintAmended) -> list[Message]:
    changed = {n: getattr(e, n) for n in ("store", "order_reference") if n in e.changed_fields}
    return [pev.ComplaintOnRecord(**changed)] if changed else []


def _outcome(state: ComplaintStory, outcome: str, level: int = 0) -> list[Message]:
    if outcome == state.outcome and level <= state.level:
        return []
    return [pev.CaseOutcomeNoted(outcome=outcome, level=max(level, state.level))]


NOTES = {
    "note_acknowledged": _acknowledged,
    "note_repeat_contact": _repeat,
    "note_amended": _amended,
    "note_withdrawn": lambda s, e: [] if s.withdrawn else [pev.ComplaintOnRecord(withdrawn=True)],
    "note_case_closed": lambda s, e: _outcome(s, RESOLVED if e.reason == "satisfied" else WITHOUT_AGREEMENT),
    "note_case_reopened": lambda s, e: _outcome(s, OPEN),
    "note_case_escalated": lambda s, e: _outcome(s, s.outcome, e.to_level),
    # A resolution the customer refused: resolved without their agreement, until they are satisfied.
    "note_verdict": lambda s, e: [] if e.satisfied or s.outcome == RESOLVED else _outcome(s, WITHOUT_AGREEMENT),
}


def not_found(complaint_id: str) -> str:
    return (f"publicity-watch knows no complaint {complaint_id} (yet: a complaint filed a moment ago "
            "may still be on its way)")


# -- links -------------------------------------------------------------------------------------

def link(state: ComplaintStory | None, command: PublicityWatchCommand, now: datetime) -> list[Message]:
    """A mention linked to the complaint; a negative one opens a public escalation, or is the
    author's follow-up to one already open."""
    linked = command.link
    if state is None or not state.organisation:
        raise NotFound(not_found(command.context.complaint_id), "complaint_id")
    if linked.linked_by != "auto" and not linked.reason.strip():
        raise Invalid("reason is required: say why this mention is about the complaint", "reason")
    if len(linked.reason) > REASON_LIMIT:
        raise Invalid(f"reason is longer than {REASON_LIMIT} characters", "reason")
    if linked.mention_id in state.links:
        return []
    linked.customer_id = state.customer_id
    linked.store = state.store
    return [linked, *_public(state, linked, now)]


def _public(state: ComplaintStory, linked: pev.MentionLinked, now: datetime) -> list[Message]:
    if not negative(linked):
        return []
    same_author = [e for e in state.escalations.values() if not e.finished and _same_author(state, e, linked)]
    if same_author:
        return [pev.AuthorFollowedUp(mention_id=same_author[0].mention_id, url=linked.url,
                                     follow_up_mention_id=linked.mention_id,
                                     text=f"another post by the same author on {pev.SourceKind.Name(linked.source)}")]
    opened = pev.PublicEscalationOpened(
        complaint_id=state.complaint_id, mention_id=linked.mention_id, organisation=state.organisation,
        source=linked.source, url=linked.url, reach=linked.reach, language=linked.language,
        case_outcome=state.outcome, reason=_why(linked), confidence=linked.confidence, evidence=linked.evidence,
        linked_by=linked.linked_by)
    went_public = linked.published_at if linked.HasField("published_at") else None
    opened.went_public_at.CopyFrom(went_public) if went_public else opened.went_public_at.FromDatetime(now)
    return [opened]


def negative(linked: pev.MentionLinked) -> bool:
    low_rating = linked.rating_out_of > 0 and linked.rating / linked.rating_out_of <= 0.4
    return linked.sentiment == "negative" or (linked.rating > 0 and low_rating)


def _why(linked: pev.MentionLinked) -> str:
    source = pev.SourceKind.Name(linked.source).removeprefix("SOURCE_KIND_").replace("_", " ").lower()
    rating = f", rated {linked.rating:g}/{linked.rating_out_of:g}" if linked.rating else ""
    return f"a negative {source} post{rating}, linked {'automatically' if linked.linked_by == 'auto' else 'by ' + linked.linked_by}"


def _same_author(state: ComplaintStory, escalation: PublicEscalation, linked: pev.MentionLinked) -> bool:
    first = state.links.get(escalation.mention_id)
    if first is None:
        return False
    handle = linked.author_handle.strip().casefold()
    author = linked.author.strip().casefold()
    return bool((handle and handle == first.author_handle.strip().casefold())
                or (author and author == first.author.strip().casefold()))


def note_edit(state: ComplaintStory | None, command: PublicityWatchCommand, now: datetime) -> list[Message]:
    """A linked post edited: the author writing again on an open escalation, or, if it has
    turned negative, a public escalation now."""
    edited = command.note_edit
    linked = state.links.get(edited.mention_id) if state else None
    if linked is None:
        return []  # unlinked since: no longer this complaint's story
    escalation = state.escalations.get(edited.mention_id)
    if escalation is not None:
        return [] if escalation.finished else [pev.AuthorFollowedUp(
            mention_id=edited.mention_id, url=edited.url, text=f"the author edited the post: {edited.reason}")]
    now_reads = pev.MentionLinked()
    now_reads.CopyFrom(linked)
    now_reads.sentiment, now_reads.rating, now_reads.rating_out_of = edited.sentiment, edited.rating, edited.rating_out_of
    return _public(state, now_reads, now)


def unlink(state: ComplaintStory | None, command: PublicityWatchCommand, now: datetime) -> list[Message]:
    request = command.unlink
    if state is None or request.mention_id not in state.links:
        raise Rejected(f"mention {request.mention_id} is not linked to complaint {command.context.complaint_id}",
                       "mention_id")
    if not request.reason.strip():
        raise Invalid("reason is required: say why the mention is not about the complaint", "reason")
    if len(request.reason) > REASON_LIMIT:
        raise Invalid(f"reason is longer than {REASON_LIMIT} characters", "reason")
    escalation = state.escalations.get(request.mention_id)
    closed = ([pev.PublicEscalationClosed(mention_id=request.mention_id, closed_by=request.unlinked_by,
                                          reason=f"unlinked: {request.reason}")]
              if escalation and not escalation.finished else [])
    return [request, *closed]


# -- apply ------------------------------------------------------------------------------------

def apply(state: ComplaintStory | None, event: Message, at: datetime) -> ComplaintStory:
    state = state or ComplaintStory(complaint_id=event.complaint_id)
    if isinstance(event, pev.ComplaintOnRecord):
        return _on_record(state, event, at)
    if isinstance(event, pev.CaseOutcomeNoted):
        return replace(state, outcome=event.outcome, level=event.level)
    if isinstance(event, pev.MentionLinked):
        return replace(state, links={**state.links, event.mention_id: event})
    if isinstance(event, pev.MentionUnlinked):
        return replace(state, links={k: v for k, v in state.links.items() if k != event.mention_id},
                       unlinked=state.unlinked | {event.mention_id})
    if isinstance(event, pev.RiskThresholdCrossed):
        return replace(state, risk_crossings=max(state.risk_crossings, event.crossing), risk=event)
    raise ValueError(f"{type(event).__name__} is not an event of a complaint's story")


def _on_record(state: ComplaintStory, e: pev.ComplaintOnRecord, at: datetime) -> ComplaintStory:
    contacts = state.contacts + ((e.contact,) if e.HasField("contact") and e.contact.ByteSize() else ())
    return replace(
        state, organisation=e.organisation or state.organisation, customer_id=e.customer_id or state.customer_id,
        contacts=contacts, reference=e.reference or state.reference,
        order_reference=e.order_reference or state.order_reference, store=e.store or state.store,
        texts=state.texts + ((e.text,) if e.text else ()), language=e.language or state.language,
        withdrawn=state.withdrawn or e.withdrawn, filed_at=state.filed_at or at.astimezone(timezone.utc))


EVENTS = (pev.ComplaintOnRecord, pev.CaseOutcomeNoted, pev.MentionLinked, pev.MentionUnlinked,
          pev.RiskThresholdCrossed)
