"""A budget: one stream per organisation and month, holding what approved offers reserved,
for the organisation and for each store. Its single writer decides reservations in
order, so two offers approved at the same moment on two replicas can never overspend it.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from types import MappingProxyType
from typing import Mapping

from google.protobuf.message import Message

from redress.events.v1 import compensation_pb2 as cev
from redress.kernel.rejections import Invalid
from redress.types.v1.money_pb2 import Money
from redress_compensation.policy import OrganisationPolicy, format_money
from redress_compensation.policy_rules import store_key

PREFIX = "budget/"


def budget_id(organisation: str, at: datetime) -> str:
    return budget_of(organisation, f"{at:%Y-%m}")


def budget_of(organisation: str, month: str) -> str:
    return f"{PREFIX}{organisation}/{month}"


def is_budget(stream_id: str) -> bool:
    return stream_id.startswith(PREFIX)


def month_of(stream_id: str) -> str:
    return stream_id.rsplit("/", 1)[1]


@dataclass(frozen=True)
class Hold:
    store: str
    amount: int
    kind: int


@dataclass(frozen=True)
class Budget:
    organisation: str
    month: str
    currency: str
    holds: Mapping[str, Hold] = field(default_factory=lambda: MappingProxyType({}))  # offer id -> what it holds
    refused: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))  # offer id -> why
    released: frozenset[str] = frozenset()
    version: int = 0

    @property
    def reserved(self) -> int:
        return sum(h.amount for h in self.holds.values())

    def reserved_for(self, store: str) -> int:
        return sum(h.amount for h in self.holds.values() if h.store == store_key(store))

    def knows(self, offer_id: str) -> bool:
        return offer_id in self.holds or offer_id in self.refused or offer_id in self.released


def apply(state: Budget | None, event: Message, at: datetime) -> Budget:
    if isinstance(event, cev.BudgetReserved):
        state = state or Budget(event.organisation, event.month, event.amount.currency)
        hold = Hold(store_key(event.store), event.amount.amount_minor, event.kind)
        return replace(state, holds=MappingProxyType({**state.holds, event.offer_id: hold}))
    if state is None:
        raise ValueError(f"{type(event).__name__} before the budget's first reservation")
    if isinstance(event, cev.BudgetRefused):
        return replace(state, refused=MappingProxyType({**state.refused, event.offer_id: event.reason}))
    if isinstance(event, cev.BudgetReleased):
        holds = {k: v for k, v in state.holds.items() if k != event.offer_id}
        return replace(state, holds=MappingProxyType(holds), released=state.released | {event.offer_id})
    raise ValueError(f"a budget has no event {type(event).__name__}")


EVENTS = (cev.BudgetReserved, cev.BudgetRefused, cev.BudgetReleased)


def reserve(state: Budget | None, stream_id: str, organisation: str, command, policy: OrganisationPolicy) -> list:
    """Holds the amount when both the organisation's and the store's budget for the month
    allow it; else refuses, with the numbers. Asking again for one offer changes nothing."""
    if state is not None and state.knows(command.offer_id):
        return []
    amount, currency = command.amount.amount_minor, command.amount.currency
    if currency != policy.currency:
        raise Invalid(f"the amount is in {currency}; the budget is in {policy.currency}", "amount")
    month = month_of(stream_id)
    held_org = state.reserved if state else 0
    held_store = state.reserved_for(command.store) if state else 0
    org_limit, store_limit = policy.organisation_budget(), policy.store_budget(command.store)
    for name, limit, held in ((f"the organisation's budget for {month}", org_limit, held_org),
                              (f"the budget of store {command.store!r} for {month}", store_limit, held_store)):
        if limit is not None and held + amount > limit:
            reason = (f"{name} is {format_money(limit, currency)}, {format_money(held, currency)} is reserved, "
                      f"{format_money(amount, currency)} more would overspend it")
            return [cev.BudgetRefused(offer_id=command.offer_id, complaint_id=command.complaint_id,
                                      store=command.store, month=month, amount=command.amount, reason=reason)]
    return [cev.BudgetReserved(
        offer_id=command.offer_id, complaint_id=command.complaint_id, organisation=organisation,
        store=command.store, month=month, amount=command.amount, kind=command.kind,
        policy_version=policy.version,
        organisation_budget=_line(org_limit, held_org + amount, currency),
        store_budget=_line(store_limit, held_store + amount, currency))]


def release(state: Budget | None, command) -> list:
    if state is None or command.offer_id not in state.holds:
        return []
    hold = state.holds[command.offer_id]
    return [cev.BudgetReleased(offer_id=command.offer_id, store=hold.store, month=state.month,
                               amount=Money(amount_minor=hold.amount, currency=state.currency))]


def _line(limit: int | None, spent_after: int, currency: str) -> cev.BudgetLimit:
    return cev.BudgetLimit(limit=Money(amount_minor=limit or 0, currency=currency), unlimited=limit is None,
                           spent_after=Money(amount_minor=spent_after, currency=currency))
