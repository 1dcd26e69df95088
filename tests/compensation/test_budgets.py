"""A budget spans many complaints: approvals at the same moment on two replicas never
overspend a store's or the organisation's month, and a refusal gives the numbers."""
from __future__ import annotations

import asyncio

import grpc
import pytest

from tests.compensation.support import S, comp, known_complaint, propose
from tests.helpers import auth

pytestmark = pytest.mark.kafka
MANAGER = "token-budget-manager"


@pytest.fixture(scope="module")
def second_replica(start_compensation, compensation):
    return start_compensation()


async def _race(channels, complaints, amount: int) -> list[S.Offer]:
    return await asyncio.gather(*(propose(ch, c, MANAGER, amount=amount) for ch, c in zip(channels, complaints)))


async def test_concurrent_approvals_on_two_replicas_never_overspend(channel, compensation_channel, second_replica):
    async with grpc.aio.insecure_channel(second_replica.address) as other:
        replicas = [compensation_channel, other]
        kadikoy = [await known_complaint(channel, ch, "token-budget", store="KADIKÖY") for ch in replicas]
        store_race = await _race(replicas, kadikoy, 4000)  # the store's month is 60 EUR
        assert sorted(o.status for o in store_race) == [S.OFFER_STATUS_APPROVED, S.OFFER_STATUS_UNFUNDED]
        refused = next(o for o in store_race if o.status == S.OFFER_STATUS_UNFUNDED)
        assert "store 'KADIKÖY'" in refused.refusal and "60.00 EUR" in refused.refusal, refused.refusal
        assert "40.00 EUR is reserved" in refused.refusal

        besiktas = [await known_complaint(channel, ch, "token-budget", store="Beşiktaş") for ch in replicas * 2]
        org_race = await _race(replicas * 2, besiktas, 2500)  # 60 EUR of the organisation's 100 are left
        statuses = sorted(o.status for o in org_race)
        assert statuses == [S.OFFER_STATUS_APPROVED] * 2 + [S.OFFER_STATUS_UNFUNDED] * 2
        assert all("the organisation's budget" in o.refusal and "100.00 EUR" in o.refusal
                   for o in org_race if o.status == S.OFFER_STATUS_UNFUNDED)

        budget = await comp(other).GetBudget(S.GetBudgetRequest(store="kadıköy"), metadata=auth(MANAGER))
    assert budget.organisation_budget.reserved.amount_minor == 4000 + 2 * 2500
    assert budget.organisation_budget.remaining.amount_minor == 10000 - 9000
    assert (budget.store_budget.reserved.amount_minor, budget.store_budget.limit.amount_minor) == (4000, 6000)
    assert budget.offers_funded == 3


async def test_budget_requests_are_checked(compensation_channel):
    for month in ("2026-13", "26-11", "november"):
        with pytest.raises(grpc.aio.AioRpcError) as bad:
            await comp(compensation_channel).GetBudget(S.GetBudgetRequest(month=month), metadata=auth(MANAGER))
        assert bad.value.code() == grpc.StatusCode.INVALID_ARGUMENT and month in bad.value.details()
    empty = await comp(compensation_channel).GetBudget(S.GetBudgetRequest(month="2020-01"), metadata=auth(MANAGER))
    assert (empty.organisation_budget.reserved.amount_minor, empty.organisation_budget.remaining.amount_minor) == (0, 10000)
