"""Compensation's offers on the case, without Kafka or gRPC: the reaction to each of
compensation's events, the notes' effect on step five, and the dossier's words."""
from __future__ import annotations

import pytest

from redress.events.v1 import compensation_pb2 as cev
from redress.events.v1 import resolution_pb2 as rev
from redress.kernel.envelope import Envelope
from redress.kernel.rejections import NotFound
from redress.resolution.v1 import commands_pb2 as cmd
from redress.types.v1.money_pb2 import Money
from redress_resolution import domain
from redress_resolution.application import react_to_compensation
from redress_resolution.dossier import assemble, describe
from tests.resolution.test_domain import NOW, POLICY, command, opened, run

EUR25 = Money(amount_minor=2500, currency="EUR")
SECRET = "VCH-SECRET-9F3K"


def note(what, offer_id="o-1", **fields):
    return command("note_compensation", cmd.NoteCompensation(offer_id=offer_id, what=what, **fields))


def proposed(state, offer_id="o-1"):
    return run(state, note("proposed", offer_id, kind=cev.OFFER_KIND_VOUCHER, amount=EUR25, detail="late"))[0]


def event(payload, subject="c-1", seq=1):
    return Envelope(f"ev-{seq}", "//redress/compensation", subject, NOW, seq, "org", "duty-manager", "cl",
                    "corr", "cmd", "r", payload)


def test_a_presented_offer_is_step_five_and_a_proposal_is_not():
    state = proposed(opened())
    assert "offer_compensation" not in state.steps
    state, events = run(state, note("presented"))
    assert "offer_compensation" in state.steps
    assert [type(e) for e in events] == [rev.CompensationNoted]  # no clock is met by a note


def test_a_declined_offer_is_step_five_too():
    state, _ = run(proposed(opened()), note("declined", detail="a refund"))
    assert "offer_compensation" in state.steps


def test_later_notes_take_kind_and_amount_from_the_proposal():
    state = proposed(opened())
    assert state.offers["o-1"] == (cev.OFFER_KIND_VOUCHER, EUR25)
    _, events = run(state, note("approved", detail="by manager-a"))
    assert (events[0].kind, events[0].amount) == (cev.OFFER_KIND_VOUCHER, EUR25)
    _, events = run(state, note("approved", offer_id="o-2"))  # an offer the case never saw proposed
    assert events[0].kind == cev.OFFER_KIND_UNSPECIFIED and not events[0].HasField("amount")


def test_a_note_on_a_closed_case_is_recorded():
    state, _ = run(proposed(opened()), command("close_withdrawn"))
    assert state.status == domain.CLOSED
    state, events = run(state, note("reversed", detail="duplicate"))
    assert events[0].what == "reversed" and events[0].amount == EUR25 and state.status == domain.CLOSED


def test_a_note_before_the_case_is_refused_as_not_found():
    with pytest.raises(NotFound):
        domain.decide(None, note("proposed"), NOW, POLICY)


OFFER_EVENTS = [
    (cev.OfferProposed(offer_id="o-1", kind=cev.OFFER_KIND_VOUCHER, amount=EUR25, reason="late delivery",
                       needs_approval=True), "proposed", "late delivery; waits for approval"),
    (cev.OfferApproved(offer_id="o-1", approved_by="manager-a"), "approved", "by manager-a"),
    (cev.OfferRejected(offer_id="o-1", reason="too much"), "rejected", "too much"),
    (cev.OfferUnfunded(offer_id="o-1", reason="store budget spent"), "unfunded", "store budget spent"),
    (cev.OfferPresented(offer_id="o-1"), "presented", ""),
    (cev.OfferAccepted(offer_id="o-1"), "accepted", ""),
    (cev.OfferDeclined(offer_id="o-1", customer_wants="a refund"), "declined", "a refund"),
    (cev.OfferExpired(offer_id="o-1"), "expired", ""),
    (cev.OfferIssued(offer_id="o-1", reference="ref-7", voucher_code=SECRET), "issued",
     "ref-7; voucher code issued"),
    (cev.PaymentFailed(offer_id="o-1", reason="card declined"), "payment_failed", "card declined"),
    (cev.OfferReversed(offer_id="o-1", reason="duplicate"), "reversed", "duplicate"),
]


@pytest.mark.parametrize("payload,what,detail", OFFER_EVENTS, ids=[w for _, w, _ in OFFER_EVENTS])
def test_each_offer_event_becomes_a_note(payload, what, detail):
    reaction = react_to_compensation(event(payload))
    assert reaction == react_to_compensation(event(payload))  # delivered twice: the same command
    ctx = reaction.context
    assert (ctx.request_id, ctx.causation_id, ctx.complaint_id) == ("compensation:ev-1", "ev-1", "c-1")
    assert (ctx.principal.organisation, ctx.correlation_id, ctx.actor) == ("org", "corr", "duty-manager")
    noted = reaction.note_compensation
    assert (noted.offer_id, noted.what, noted.detail) == ("o-1", what, detail)
    assert SECRET not in reaction.SerializeToString().decode("utf-8", "replace")
    if what == "proposed":
        assert (noted.kind, noted.amount) == (cev.OFFER_KIND_VOUCHER, EUR25)


def test_bookkeeping_and_budget_streams_are_not_the_cases_business():
    for payload in (cev.OfferFunded(offer_id="o-1"), cev.PaymentStarted(offer_id="o-1"),
                    cev.PaymentOutcomeUnknown(offer_id="o-1"), cev.OfferBudgetReleased(offer_id="o-1"),
                    cev.ComplaintNoted(complaint_id="c-1"), cev.ComplaintResolved(complaint_id="c-1")):
        assert react_to_compensation(event(payload)) is None
    assert react_to_compensation(event(cev.BudgetReserved(offer_id="o-1"), subject="budget/org/2026-11")) is None
    assert react_to_compensation(event(cev.OfferPresented(offer_id="o-1"), subject="budget/org/2026-11")) is None


def test_the_dossier_tells_of_offers_and_never_shows_a_voucher_code():
    state = opened()
    history = [event(state.opened)]
    for seq, (payload, _, _) in enumerate(OFFER_EVENTS, start=2):
        for e in domain.decide(state, react_to_compensation(event(payload, seq=seq)), NOW, POLICY):
            state = domain.apply(state, e, NOW)
            history.append(event(e, seq=seq))
    dossier = assemble(state, history)
    done = [e.what for e in dossier.done_or_promised]
    concerns = [e.what for e in dossier.still_concerned]
    assert "Compensation offered: voucher of 25.00 EUR (presented)" in done
    assert any("(accepted)" in w for w in done) and any("(issued)" in w for w in done)
    assert {"declined", "expired", "rejected", "unfunded"} == {w.split("(")[1].split(")")[0] for w in concerns}
    assert any("a refund" in w for w in concerns)
    assert SECRET not in dossier.letter and "ref-7; voucher code issued" in dossier.letter
    assert describe(rev.CompensationNoted(offer_id="o", what="issued", kind=cev.OFFER_KIND_REFUND,
                                          amount=Money(amount_minor=-5, currency="TRY"))) == \
        "Compensation paid out: refund of -0.05 TRY (issued)"
