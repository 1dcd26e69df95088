"""A complaint's offers, folded event by event. What the events say was decided (amounts,
limits, the policy's version, the budget), so `apply` needs no policy and a replay
reproduces every offer exactly."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from types import MappingProxyType
from typing import Mapping

from google.protobuf.message import Message

from redress.events.v1 import compensation_pb2 as cev

PENDING_APPROVAL, AWAITING_BUDGET, APPROVED, REJECTED, UNFUNDED = (
    "pending_approval", "awaiting_budget", "approved", "rejected", "unfunded")
PRESENTED, ACCEPTED, DECLINED, EXPIRED = "presented", "accepted", "declined", "expired"
ISSUING, ISSUED, PAYMENT_FAILED, REVERSED = "issuing", "issued", "payment_failed", "reversed"
OPEN_TO_EXPIRY = (PENDING_APPROVAL, AWAITING_BUDGET, APPROVED, PRESENTED)
# The amount is given back to the budget when an offer that held it ends like this.
GIVES_BACK = (REJECTED, DECLINED, EXPIRED, REVERSED)


@dataclass(frozen=True)
class Offer:
    complaint_id: str
    proposed: cev.OfferProposed
    proposed_at: datetime
    status: str
    updated_at: datetime
    approved_by: str = ""
    budget: str = ""  # the budget stream asked to hold the amount
    funded: bool = False  # the budget holds it
    funding_known: bool = False  # the budget's answer is noted (held or refused)
    released: bool = False  # and gave it back
    refusal: str = ""
    customer_wants: str = ""
    presented: bool = False
    answer: str = ""  # the customer's: "accepted" or "declined"
    payment_attempts: int = 0
    payment_open: bool = False  # a payment was started and its outcome is not recorded
    adapter: str = ""  # the payment adapter of the open or last attempt
    reference: str = ""
    voucher_code: str = ""
    issued_at: datetime | None = None

    @property
    def offer_id(self) -> str:
        return self.proposed.offer_id

    @property
    def amount(self) -> int:
        return self.proposed.amount.amount_minor

    @property
    def currency(self) -> str:
        return self.proposed.amount.currency

    @property
    def release_due(self) -> bool:
        return self.funded and not self.released and self.status in GIVES_BACK

    @property
    def funding_due(self) -> bool:
        """The budget was asked (or is to be) and its answer is not noted yet, also for an
        offer that ended meanwhile: what it holds must be found, to be given back."""
        ended = self.status in GIVES_BACK and self.budget and not self.funding_known
        return self.status == AWAITING_BUDGET or bool(ended)

    @property
    def expires_at(self) -> datetime:
        return self.proposed.expires_at.ToDatetime(timezone.utc)


@dataclass(frozen=True)
class ComplaintOffers:
    complaint: cev.ComplaintNoted
    offers: Mapping[str, Offer] = field(default_factory=lambda: MappingProxyType({}))
    resolved_at: datetime | None = None  # the case closed with the customer satisfied
    # The stream's version: set by the kernel after each event, never by the domain.
    version: int = 0

    @property
    def complaint_id(self) -> str:
        return self.complaint.complaint_id

    @property
    def organisation(self) -> str:
        return self.complaint.organisation


def apply(state: ComplaintOffers | None, event: Message, at: datetime) -> ComplaintOffers:
    if isinstance(event, cev.ComplaintNoted):
        return ComplaintOffers(event)
    if state is None:
        raise ValueError(f"{type(event).__name__} before ComplaintNoted")
    if isinstance(event, cev.ComplaintResolved):
        return replace(state, resolved_at=at)
    if isinstance(event, cev.ComplaintFactsAmended):
        facts = cev.ComplaintNoted()
        facts.CopyFrom(state.complaint)
        facts.category, facts.severity, facts.store = event.category, event.severity, event.store
        return replace(state, complaint=facts)
    if isinstance(event, cev.OfferProposed):
        return _with(state, Offer(state.complaint_id, event, at, PENDING_APPROVAL, at))  # OfferApproved follows at once within the limit
    offer = state.offers[event.offer_id]
    return _with(state, replace(_FOLD[type(event)](offer, event, at), updated_at=at))


def _with(state: ComplaintOffers, offer: Offer) -> ComplaintOffers:
    return replace(state, offers=MappingProxyType({**state.offers, offer.offer_id: offer}))


def _approved(offer: Offer, e: cev.OfferApproved, at: datetime) -> Offer:
    status = AWAITING_BUDGET if e.budget else APPROVED
    return replace(offer, status=status, approved_by=e.approved_by, budget=e.budget)


def _issued(offer: Offer, e: cev.OfferIssued, at: datetime) -> Offer:
    return replace(offer, status=ISSUED, payment_open=False, reference=e.reference, voucher_code=e.voucher_code,
                   issued_at=at)


_FOLD = {
    cev.OfferApproved: _approved,
    cev.OfferRejected: lambda o, e, at: replace(o, status=REJECTED, refusal=e.reason),
    # Noted late (the offer expired meanwhile), the answer leaves the status as it is.
    cev.OfferFunded: lambda o, e, at: replace(o, status=APPROVED if o.status == AWAITING_BUDGET else o.status,
                                              funded=True, funding_known=True),
    cev.OfferUnfunded: lambda o, e, at: replace(o, status=UNFUNDED if o.status == AWAITING_BUDGET else o.status,
                                                refusal=e.reason if o.status == AWAITING_BUDGET else o.refusal,
                                                funding_known=True),
    cev.OfferPresented: lambda o, e, at: replace(o, status=PRESENTED, presented=True),
    cev.OfferAccepted: lambda o, e, at: replace(o, status=ACCEPTED, answer="accepted"),
    cev.OfferDeclined: lambda o, e, at: replace(o, status=DECLINED, answer="declined",
                                                customer_wants=e.customer_wants),
    cev.OfferExpired: lambda o, e, at: replace(o, status=EXPIRED),
    cev.PaymentStarted: lambda o, e, at: replace(o, status=ISSUING, payment_attempts=e.attempt, payment_open=True,
                                                 adapter=e.adapter),
    cev.OfferIssued: _issued,
    cev.PaymentFailed: lambda o, e, at: replace(o, status=PAYMENT_FAILED, payment_open=False, refusal=e.reason),
    cev.PaymentOutcomeUnknown: lambda o, e, at: o,  # still open: reconciliation follows
    cev.OfferReversed: lambda o, e, at: replace(o, status=REVERSED, refusal=e.reason),
    cev.OfferBudgetReleased: lambda o, e, at: replace(o, released=True),
}
EVENTS = (cev.ComplaintNoted, cev.ComplaintResolved, cev.ComplaintFactsAmended, cev.OfferProposed, *_FOLD)
