"""Compensation's pure domain: decisions against a stream's state and a policy, no broker."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from redress.compensation.v1.commands_pb2 import CompensationCommand
from redress.events.v1 import compensation_pb2 as cev
from redress.events.v1 import intake_pb2 as iev
from redress.kernel.rejections import Forbidden, Invalid, Rejected
from redress.types.v1 import complaint_pb2 as types
from redress.types.v1.money_pb2 import Money
from redress_compensation import domain, policy
from redress_compensation import offers as o
from redress_compensation.budget import budget_id

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=timezone.utc)
POLICIES = policy.load()  # the shipped examples; _default for "shop"


def command(action: str, stream: str = "c-1", roles=("manager",), actor: str = "ali", **fields) -> CompensationCommand:
    cmd = CompensationCommand()
    cmd.context.complaint_id, cmd.context.actor = stream, actor
    cmd.context.principal.organisation, cmd.context.principal.roles[:] = "shop", list(roles)
    getattr(cmd, action).SetInParent()
    for name, value in fields.items():
        target = getattr(getattr(cmd, action), name)
        target.CopyFrom(value) if hasattr(target, "CopyFrom") else setattr(getattr(cmd, action), name, value)
    return cmd


def run(state, cmd, now=NOW):
    events = domain.decide(state, cmd, now, POLICIES)
    for event in events:
        state = domain.apply(state, event, now)
    return state, events


def complaint():
    filed = iev.ComplaintFiled(complaint_id="c-1", organisation="shop", customer_id="k", store="Main Street",
                               category=types.CATEGORY_STAFF_UNHELPFUL, severity=types.SEVERITY_MEDIUM)
    return run(None, _noted(filed))[0]


def _noted(filed):
    cmd = command("note_complaint")
    cmd.note_complaint.CopyFrom(filed)
    return cmd


def eur(minor: int) -> Money:
    return Money(amount_minor=minor, currency="EUR")


def proposal(state, amount: int, roles=("manager",), actor="ali", kind=cev.OFFER_KIND_VOUCHER, offer_id="o-1"):
    return run(state, command("propose", roles=roles, actor=actor, offer_id=offer_id, kind=kind, amount=eur(amount)))


def test_within_the_proposers_limit_an_offer_is_approved_and_waits_for_its_budget():
    state, events = proposal(complaint(), 1000)
    assert [type(e).__name__ for e in events] == ["OfferProposed", "OfferApproved"]
    offer = state.offers["o-1"]
    assert (offer.status, offer.budget) == (o.AWAITING_BUDGET, budget_id("shop", NOW))
    assert events[0].policy.version and len(events[0].policy.digest) == 64


def test_above_it_someone_else_whose_limit_covers_it_approves():
    state, _ = proposal(complaint(), 2000, roles=("point_of_contact",), actor="pat")
    assert state.offers["o-1"].status == o.PENDING_APPROVAL
    with pytest.raises(Forbidden, match="pat proposed"):
        run(state, command("approve", roles=("owner",), actor="pat", offer_id="o-1"))
    with pytest.raises(Forbidden, match="15.00 EUR"):
        run(state, command("approve", roles=("point_of_contact",), actor="sam", offer_id="o-1"))
    state, events = run(state, command("approve", roles=("manager",), actor="sam", offer_id="o-1"))
    assert not events[0].within_proposer_limit and state.offers["o-1"].approved_by == "sam"


def test_money_is_never_converted():
    cmd = command("propose", offer_id="o-1", kind=cev.OFFER_KIND_VOUCHER, amount=Money(amount_minor=100, currency="USD"))
    with pytest.raises(Invalid, match="USD"):
        run(complaint(), cmd)


def test_a_budget_reserves_in_order_and_never_overspends():
    stream = budget_id("shop", NOW)
    limit = POLICIES.for_organisation("shop").store_budget("Main Street")
    state, first = run(None, command("reserve", stream=stream, offer_id="a", complaint_id="c-1", store="Main Street",
                                     amount=eur(limit - 100)))
    assert isinstance(first[0], cev.BudgetReserved) and first[0].store_budget.spent_after.amount_minor == limit - 100
    state, second = run(state, command("reserve", stream=stream, offer_id="b", complaint_id="c-2", store="MAIN STREET",
                                       amount=eur(200)))
    assert isinstance(second[0], cev.BudgetRefused) and "MAIN STREET" in second[0].reason
    assert run(state, command("reserve", stream=stream, offer_id="a", complaint_id="c-1", store="Main Street",
                              amount=eur(5)))[1] == []  # asked again: nothing changes
    state, released = run(state, command("release", stream=stream, offer_id="a"))
    assert released[0].amount == eur(limit - 100) and state.reserved == 0
    assert run(state, command("release", stream=stream, offer_id="a"))[1] == []


def test_a_budget_command_on_an_offer_stream_is_refused():
    with pytest.raises(Invalid):
        run(complaint(), command("reserve", offer_id="a", amount=eur(5)))


def _funded(amount: int = 1000):
    state, _ = proposal(complaint(), amount)
    state, _ = run(state, command("note_funding", offer_id="o-1", funded=True))
    return state


def test_the_customer_answers_a_presented_offer_once():
    state, _ = run(_funded(), command("present", offer_id="o-1"))
    state, _ = run(state, command("answer", offer_id="o-1", accepted=False, customer_wants="a refund"))
    assert (state.offers["o-1"].status, state.offers["o-1"].release_due) == (o.DECLINED, True)
    with pytest.raises(Rejected, match="declined"):
        run(state, command("answer", offer_id="o-1", accepted=True))


def test_an_offer_expires_only_once_its_time_has_come():
    state = _funded()
    assert run(state, command("expire", offer_id="o-1"))[1] == []
    later = NOW + POLICIES.for_organisation("shop").offer_ttl + timedelta(seconds=1)
    state, events = run(state, command("expire", offer_id="o-1"), now=later)
    assert [type(e).__name__ for e in events] == ["OfferExpired"] and state.offers["o-1"].release_due
    assert run(state, command("expire", offer_id="o-1"), now=later)[1] == []


def test_a_payment_is_written_down_before_it_is_made_and_a_late_answer_changes_nothing():
    state, _ = run(_funded(), command("present", offer_id="o-1"))
    state, _ = run(state, command("answer", offer_id="o-1", accepted=True))
    state, started = run(state, command("issue", offer_id="o-1"))
    assert (started[0].attempt, started[0].idempotency_key, started[0].adapter) == (1, "o-1", "vouchers")
    state, _ = run(state, command("record_payment", offer_id="o-1", attempt=1, outcome="unknown"))
    assert state.offers["o-1"].payment_open
    state, again = run(state, command("start_payment", offer_id="o-1", attempt=2))
    assert again[0].attempt == 2
    assert run(state, command("record_payment", offer_id="o-1", attempt=1, outcome="issued"))[1] == []
    state, done = run(state, command("record_payment", offer_id="o-1", attempt=2, outcome="issued", reference="r"))
    assert state.offers["o-1"].status == o.ISSUED and not state.offers["o-1"].payment_open


def test_an_apology_needs_no_budget_and_no_payment():
    state, events = proposal(complaint(), 0, kind=cev.OFFER_KIND_APOLOGY_ONLY, roles=("point_of_contact",))
    assert state.offers["o-1"].status == o.APPROVED and not events[1].budget


def test_an_amount_held_for_an_offer_that_expired_while_it_waited_is_given_back():
    state, _ = proposal(complaint(), 1000)  # approved, waiting for its budget
    later = NOW + POLICIES.for_organisation("shop").offer_ttl + timedelta(seconds=1)
    state, _ = run(state, command("expire", offer_id="o-1"), now=later)
    offer = state.offers["o-1"]
    assert offer.status == o.EXPIRED and offer.funding_due  # the budget's answer is still owed
    state, noted = run(state, command("note_funding", offer_id="o-1", funded=True), now=later)
    assert [type(e).__name__ for e in noted] == ["OfferFunded"]
    assert state.offers["o-1"].status == o.EXPIRED and state.offers["o-1"].release_due
    with pytest.raises(Rejected, match="expired"):
        run(proposal(complaint(), 2000, roles=("point_of_contact",), actor="pat")[0],
            command("approve", actor="sam", offer_id="o-1"), now=later)


def test_a_payment_goes_on_with_the_adapter_it_began_with(monkeypatch):
    from dataclasses import replace

    state, _ = run(_funded(), command("present", offer_id="o-1"))
    state, _ = run(state, command("answer", offer_id="o-1", accepted=True))
    state, started = run(state, command("issue", offer_id="o-1"))
    assert started[0].adapter == "vouchers"
    shop = POLICIES.for_organisation("shop")
    changed = policy.Policies({"shop": replace(shop, organisation="shop",
                                               adapters={cev.OFFER_KIND_VOUCHER: "sandbox"})}, POLICIES.default)
    again = domain.decide(state, command("start_payment", offer_id="o-1", attempt=2), NOW, changed)
    assert again[0].adapter == "vouchers"
