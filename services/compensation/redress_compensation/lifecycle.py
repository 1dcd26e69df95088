"""The life of an offer: propose, approve or reject, funding, present, the customer's
answer, issue and pay, reverse, expire. Each function decides one command against the
complaint's offers and the organisation's policy; every refusal says why, with the
rule, the limit or the numbers."""
from __future__ import annotations

from datetime import datetime

from redress.events.v1 import compensation_pb2 as cev
from redress.kernel.rejections import Forbidden, Invalid, NotFound, Rejected
from redress_compensation import offers as o
from redress_compensation.budget import budget_id
from redress_compensation.offers import ComplaintOffers, Offer
from redress_compensation.policy import Facts, OrganisationPolicy, Refusal, format_money

TEXT_LIMIT = 2000
KIND_NAMES = {v: n.removeprefix("OFFER_KIND_").lower().replace("_", " ") for n, v in cev.OfferKind.items()}


def actor_of(command) -> str:
    return command.context.actor or command.context.principal.client_id


def propose(state: ComplaintOffers, p, command, now: datetime, policy: OrganisationPolicy) -> list:
    if p.offer_id in state.offers:
        raise Rejected(f"offer {p.offer_id} exists already", "offer_id")
    _check_proposal(p, policy)
    facts = Facts(category=state.complaint.category, severity=state.complaint.severity,
                  channel=state.complaint.channel, store=state.complaint.store,
                  earlier_complaints=p.earlier_complaints, earlier_offers_declined=p.earlier_offers_declined,
                  circumstances=p.circumstances)
    try:
        allowance = policy.check(facts, p.kind, p.amount.amount_minor)
    except Refusal as refusal:
        raise Rejected(f"{refusal} (policy {policy.version})", "amount") from refusal
    role, limit = policy.limit_for(command.context.principal.roles)
    needs_approval = limit is not None and p.amount.amount_minor > limit
    proposed = cev.OfferProposed(
        offer_id=p.offer_id, kind=p.kind, amount=p.amount, description=p.description,
        circumstances=p.circumstances, proposed_by=actor_of(command), proposer_role=role,
        needs_approval=needs_approval, reason=allowance.reason, earlier_complaints=p.earlier_complaints,
        earlier_offers_declined=p.earlier_offers_declined, store=state.complaint.store,
        policy=cev.PolicyUsed(version=policy.version, digest=policy.digest, rule=allowance.rule))
    proposed.proposer_limit.currency = policy.currency
    proposed.proposer_limit.amount_minor = limit if limit is not None else 0
    proposed.expires_at.FromDatetime(now + policy.offer_ttl)
    if needs_approval:
        return [proposed]
    return [proposed, _approval(p.offer_id, p.amount.amount_minor, command, role, now, True)]


def _check_proposal(p, policy: OrganisationPolicy) -> None:
    if p.kind not in KIND_NAMES or not p.kind:
        raise Invalid("kind is required: one of the OfferKind values", "kind")
    check_money("amount", p.amount, policy)
    if p.circumstances.HasField("order_value"):
        check_money("circumstances.order_value", p.circumstances.order_value, policy)
    if p.kind == cev.OFFER_KIND_APOLOGY_ONLY and p.amount.amount_minor:
        raise Invalid("an apology only has no amount", "amount")
    if p.kind != cev.OFFER_KIND_APOLOGY_ONLY and p.amount.amount_minor <= 0:
        raise Invalid(f"a {KIND_NAMES[p.kind]} needs an amount above zero", "amount")
    if len(p.description) > TEXT_LIMIT:
        raise Invalid(f"description is {len(p.description)} characters long; the limit is {TEXT_LIMIT}",
                      "description")


MAX_MINOR = 10**12  # ten billion in two-decimal units: far above any offer, far below int64


def check_money(name: str, money, policy: OrganisationPolicy) -> None:
    if money.amount_minor < 0:
        raise Invalid(f"{name} is negative", name)
    if money.amount_minor > MAX_MINOR:
        raise Invalid(f"{name} is {money.amount_minor} minor units; the most Redress takes is {MAX_MINOR}", name)
    if money.currency != policy.currency:
        raise Invalid(f"{name} is in {money.currency or 'no currency'}; this organisation's compensation is in "
                      f"{policy.currency} and Redress never converts between currencies", name)


def _approval(offer_id: str, amount: int, command, role: str, now: datetime, within: bool) -> cev.OfferApproved:
    organisation = command.context.principal.organisation
    return cev.OfferApproved(offer_id=offer_id, approved_by=actor_of(command), approver_role=role,
                             within_proposer_limit=within, budget=budget_id(organisation, now) if amount else "")


def approve(state: ComplaintOffers, p, command, now: datetime, policy: OrganisationPolicy) -> list:
    offer = _offer(state, p.offer_id, "approved", o.PENDING_APPROVAL)
    if now >= offer.expires_at:
        raise Rejected(f"offer {offer.offer_id} expired at {offer.expires_at:%Y-%m-%d %H:%M} UTC; propose it again",
                       "offer_id")
    role = _authority(offer, command, policy, "approve")
    return [_approval(offer.offer_id, offer.amount, command, role, now, False)]


def reject(state: ComplaintOffers, p, command, now: datetime, policy: OrganisationPolicy) -> list:
    offer = _offer(state, p.offer_id, "rejected", o.PENDING_APPROVAL)
    _required_text("reason", p.reason)
    _authority(offer, command, policy, "reject")
    return [cev.OfferRejected(offer_id=offer.offer_id, rejected_by=actor_of(command), reason=p.reason)]


def _authority(offer: Offer, command, policy: OrganisationPolicy, doing: str) -> str:
    """Only a role whose limit covers the offer decides it, and never its proposer alone."""
    if actor_of(command) == offer.proposed.proposed_by:
        raise Forbidden(f"{offer.proposed.proposed_by} proposed offer {offer.offer_id} above their limit; "
                        f"someone else with a higher limit must {doing} it", "offer_id")
    role, limit = policy.limit_for(command.context.principal.roles)
    if limit is not None and limit < offer.amount:
        held = f"as {role.replace('_', ' ')} is {format_money(limit, policy.currency)}" if role else "is none"
        raise Forbidden(f"your approval limit {held}; offer {offer.offer_id} is "
                        f"{format_money(offer.amount, offer.currency)}", "offer_id")
    return role


def note_funding(state: ComplaintOffers, p, command, now: datetime, policy) -> list:
    """The budget's answer. A held amount is noted even when the offer ended meanwhile
    (expired while it waited), so it is given back."""
    offer = _offer(state, p.offer_id)
    if not offer.funding_due:
        return []
    if p.funded:
        return [cev.OfferFunded(offer_id=offer.offer_id, budget=offer.budget)]
    return [cev.OfferUnfunded(offer_id=offer.offer_id, budget=offer.budget, reason=p.reason)]


def present(state: ComplaintOffers, p, command, now: datetime, policy) -> list:
    offer = _offer(state, p.offer_id, "presented", o.APPROVED)
    return [cev.OfferPresented(offer_id=offer.offer_id, channel=p.channel, presented_by=actor_of(command))]


def answer(state: ComplaintOffers, p, command, now: datetime, policy) -> list:
    offer = _offer(state, p.offer_id, "answered", o.PRESENTED)
    if len(p.customer_wants) > TEXT_LIMIT:
        raise Invalid(f"customer_wants is longer than {TEXT_LIMIT} characters", "customer_wants")
    if p.accepted:
        return [cev.OfferAccepted(offer_id=offer.offer_id)]
    return [cev.OfferDeclined(offer_id=offer.offer_id, customer_wants=p.customer_wants)]


def issue(state: ComplaintOffers, p, command, now: datetime, policy: OrganisationPolicy) -> list:
    offer = _offer(state, p.offer_id, "issued", o.ACCEPTED, o.PAYMENT_FAILED)
    adapter = policy.adapter_for(offer.proposed.kind)
    if adapter == "none":
        return [cev.OfferIssued(offer_id=offer.offer_id, adapter=adapter, reference=f"apology:{offer.offer_id}")]
    return [_payment(offer, offer.payment_attempts + 1, adapter)]


def start_payment(state: ComplaintOffers, p, command, now: datetime, policy: OrganisationPolicy) -> list:
    """Another attempt, once asking the provider found no payment for the last one."""
    offer = _offer(state, p.offer_id)
    if offer.status != o.ISSUING or p.attempt != offer.payment_attempts + 1:
        return []
    return [_payment(offer, p.attempt, offer.adapter)]  # the adapter the payment began with


def _payment(offer: Offer, attempt: int, adapter: str) -> cev.PaymentStarted:
    return cev.PaymentStarted(offer_id=offer.offer_id, attempt=attempt, idempotency_key=offer.offer_id,
                              adapter=adapter)


def record_payment(state: ComplaintOffers, p, command, now: datetime, policy) -> list:
    offer = _offer(state, p.offer_id)
    if offer.status != o.ISSUING or p.attempt != offer.payment_attempts:
        return []  # a late answer for an attempt already settled
    if p.outcome == "issued":
        return [cev.OfferIssued(offer_id=offer.offer_id, adapter=offer.adapter,
                                reference=p.reference, voucher_code=p.voucher_code, reconciled=p.reconciled)]
    if p.outcome == "failed":
        return [cev.PaymentFailed(offer_id=offer.offer_id, attempt=p.attempt, reason=p.reason)]
    return [cev.PaymentOutcomeUnknown(offer_id=offer.offer_id, attempt=p.attempt, reason=p.reason)]


def reverse(state: ComplaintOffers, p, command, now: datetime, policy: OrganisationPolicy) -> list:
    offer = _offer(state, p.offer_id, "reversed", o.APPROVED, o.PRESENTED, o.ACCEPTED, o.ISSUED, o.PAYMENT_FAILED)
    _required_text("reason", p.reason)
    role, limit = policy.limit_for(command.context.principal.roles)
    if limit is not None and limit < offer.amount:
        raise Forbidden(f"reversing offer {offer.offer_id} of {format_money(offer.amount, offer.currency)} needs "
                        f"an approval limit that covers it; yours is {format_money(limit, policy.currency)}",
                        "offer_id")
    return [cev.OfferReversed(offer_id=offer.offer_id, reversed_by=actor_of(command), reason=p.reason)]


def expire(state: ComplaintOffers, p, command, now: datetime, policy) -> list:
    offer = _offer(state, p.offer_id)
    if offer.status not in o.OPEN_TO_EXPIRY or now < offer.expires_at:
        return []
    return [cev.OfferExpired(offer_id=offer.offer_id)]


def note_release(state: ComplaintOffers, p, command, now: datetime, policy) -> list:
    offer = _offer(state, p.offer_id)
    return [cev.OfferBudgetReleased(offer_id=offer.offer_id, budget=offer.budget)] if offer.release_due else []


def _offer(state: ComplaintOffers, offer_id: str, doing: str = "", *statuses: str) -> Offer:
    offer = state.offers.get(offer_id)
    if offer is None:
        raise NotFound(f"there is no offer {offer_id} on complaint {state.complaint_id}", "offer_id")
    if statuses and offer.status not in statuses:
        allowed = " or ".join(s.replace("_", " ") for s in statuses)
        raise Rejected(f"offer {offer_id} is {offer.status.replace('_', ' ')}; only an offer that is {allowed} "
                       f"can be {doing}", "offer_id")
    return offer


def _required_text(name: str, value: str) -> None:
    if not value.strip():
        raise Invalid(f"{name} is required", name)
    if len(value) > TEXT_LIMIT:
        raise Invalid(f"{name} is {len(value)} characters long; the limit is {TEXT_LIMIT}", name)


DECIDERS = {"propose": propose, "approve": approve, "reject": reject, "note_funding": note_funding,
            "present": present, "answer": answer, "issue": issue, "start_payment": start_payment,
            "record_payment": record_payment, "reverse": reverse, "expire": expire, "note_release": note_release}
