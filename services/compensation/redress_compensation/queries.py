"""What compensation answers without changing anything: the offers the policy allows now,
a budget's state, and the cost report."""
from __future__ import annotations

import re
from datetime import datetime, timezone

from redress.compensation.v1 import compensation_service_pb2 as api
from redress.kernel.rejections import Invalid
from redress.kernel.rpc import Caller
from redress.types.v1.money_pb2 import Money
from redress_compensation.budget import budget_of
from redress_compensation.lifecycle import check_money
from redress_compensation.policy import Facts

MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def money(amount: int, currency: str) -> Money:
    return Money(amount_minor=amount, currency=currency)


def _month(value: str, name: str, default: str) -> str:
    if not value:
        return default
    if not MONTH.match(value):
        raise Invalid(f"{name} {value!r} is not a month like 2026-11", name)
    return value


class Queries:
    def __init__(self, compensation):
        self.compensation = compensation

    def _policy(self, caller: Caller):
        return self.compensation.policies.for_organisation(caller.principal.organisation)

    async def suggest(self, caller: Caller, complaint_id: str, circumstances) -> api.SuggestOffersResponse:
        state = await self.compensation.complaint(caller, complaint_id)
        policy = self._policy(caller)
        if circumstances.HasField("order_value"):
            check_money("circumstances.order_value", circumstances.order_value, policy)
        earlier, declined = self.compensation.book.history_of(state.organisation, state.complaint.customer_id,
                                                             complaint_id)
        c = state.complaint
        facts = Facts(category=c.category, severity=c.severity, channel=c.channel, store=c.store,
                      earlier_complaints=earlier, earlier_offers_declined=declined, circumstances=circumstances)
        role, limit = policy.limit_for(caller.principal.roles)
        suggestions = [api.Suggestion(kind=a.kind, min_amount=money(a.min_minor, a.currency),
                                      max_amount=money(a.max_minor, a.currency), rule=a.rule, reason=a.reason,
                                      needs_approval=limit is not None and a.max_minor > limit)
                       for a in policy.allowances(facts)]
        response = api.SuggestOffersResponse(suggestions=suggestions, your_limit=money(limit or 0, policy.currency),
                                             your_limit_unlimited=limit is None)
        response.policy.version, response.policy.digest = policy.version, policy.digest
        return response

    async def budget(self, caller: Caller, store: str, month: str) -> api.Budget:
        month = _month(month, "month", f"{datetime.now(timezone.utc):%Y-%m}")
        organisation, policy = caller.principal.organisation, self._policy(caller)
        await self.compensation.log.caught_up()
        held = self.compensation.book.budget(budget_of(organisation, month))
        currency = policy.currency
        answer = api.Budget(organisation=organisation, store=store, month=month,
                            offers_funded=len(held.holds) if held else 0)
        answer.organisation_budget.CopyFrom(_line(policy.organisation_budget(), held.reserved if held else 0, currency))
        if store:
            answer.store_budget.CopyFrom(_line(policy.store_budget(store), held.reserved_for(store) if held else 0,
                                               currency))
        return answer

    async def cost_report(self, caller: Caller, month_from: str, month_to: str) -> api.CostReport:
        month_from = _month(month_from, "month_from", "0000-01")
        month_to = _month(month_to, "month_to", "9999-12")
        if month_from > month_to:
            raise Invalid(f"month_from {month_from} is after month_to {month_to}", "month_from")
        await self.compensation.log.caught_up()
        book, organisation = self.compensation.book, caller.principal.organisation
        currency = self._policy(caller).currency
        report = api.CostReport()
        total = 0
        for category, store, month, kind, line_currency, cost, count in book.costs(organisation, month_from, month_to):
            report.lines.add(category=category, store=store, month=month, kind=kind, cost=money(cost, line_currency),
                             offers=count)
            total += cost if line_currency == currency else 0
        report.total_cost.CopyFrom(money(total, currency))
        answers = book.answers(organisation, month_from, month_to)
        presented = sum(answers.values())
        report.offers_presented = presented
        if presented:
            report.accepted_rate = answers.get("accepted", 0) / presented
            report.declined_rate = answers.get("declined", 0) / presented
            report.expired_rate = answers.get("expired", 0) / presented
        report.resolved_complaints = book.resolved(organisation, month_from, month_to)
        per = total // report.resolved_complaints if report.resolved_complaints else 0
        report.cost_per_resolved_complaint.CopyFrom(money(per, currency))
        return report


def _line(limit: int | None, reserved: int, currency: str) -> api.BudgetLine:
    remaining = max(0, limit - reserved) if limit is not None else 0
    return api.BudgetLine(limit=money(limit or 0, currency), unlimited=limit is None,
                          reserved=money(reserved, currency), remaining=money(remaining, currency))
