"""The shipped example policies over gRPC (EU261, a restaurant chain), listing offers, the
cost report, and the offer on the resolution case."""
from __future__ import annotations

import uuid

import grpc
import pytest

from redress.events.v1 import compensation_pb2 as cev
from redress.resolution.v1 import resolution_service_pb2 as rapi
from redress.types.v1 import complaint_pb2 as types
from tests.compensation.support import S, act, comp, eur, known_complaint, propose, to_accepted
from tests.helpers import auth, eventually, opened_case, resolution_stub

pytestmark = pytest.mark.kafka


def flight(km: int, intra_eu: bool = True, rerouted: bool = False, delay: int = 0) -> cev.Circumstances:
    return cev.Circumstances(flight_distance_km=km, intra_eu=intra_eu, rerouted=rerouted, arrival_delay_minutes=delay)


async def _suggested(channel, complaint: str, token: str, circumstances=None) -> dict:
    answer = await comp(channel).SuggestOffers(S.SuggestOffersRequest(complaint_id=complaint,
                                                                      circumstances=circumstances),
                                               metadata=auth(token))
    return {(s.rule, s.kind): s for s in answer.suggestions}


async def test_the_eu261_schedule(channel, compensation_channel):
    complaint = await known_complaint(channel, compensation_channel, "token-airline",
                                      description="Flight cancelled at the gate, rebooked the next day.")
    cases = [(flight(1200), "eu261-short-haul", 25000), (flight(1200, rerouted=True, delay=100), "eu261-short-haul", 12500),
             (flight(1200, rerouted=True, delay=130), "eu261-short-haul", 25000),
             (flight(2500, intra_eu=True), "eu261-medium-haul-intra-eu", 40000),
             (flight(3000, intra_eu=False, rerouted=True, delay=170), "eu261-medium-haul", 20000),
             (flight(6000, intra_eu=False), "eu261-long-haul", 60000),
             (flight(6000, intra_eu=False, rerouted=True, delay=230), "eu261-long-haul", 30000)]
    for circumstances, rule, amount in cases:
        found = (await _suggested(compensation_channel, complaint, "token-airline", circumstances))[
            (rule, cev.OFFER_KIND_REFUND)]
        assert (found.min_amount.amount_minor, found.max_amount.amount_minor) == (amount, amount), (rule, found)
        assert found.reason
    offer = await propose(compensation_channel, complaint, "token-airline", kind=cev.OFFER_KIND_REFUND, amount=12500,
                          circumstances=flight(1200, rerouted=True, delay=100))
    assert (offer.status, offer.policy.rule) == (S.OFFER_STATUS_APPROVED, "eu261-short-haul")
    with pytest.raises(grpc.aio.AioRpcError) as wrong:
        await propose(compensation_channel, complaint, "token-airline", kind=cev.OFFER_KIND_REFUND, amount=25000,
                      circumstances=flight(1200, rerouted=True, delay=100))
    assert wrong.value.code() == grpc.StatusCode.FAILED_PRECONDITION and "125.00 EUR" in wrong.value.details()


async def test_a_restaurant_gives_a_free_dish_up_to_the_order_value(channel, compensation_channel):
    complaint = await known_complaint(channel, compensation_channel, "token-restaurant", store="Σύνταγμα",
                                      category=types.CATEGORY_FOOD_LATE_OR_COLD,
                                      description="Το φαγητό ήρθε κρύο μετά από μία ώρα.")
    dinner = cev.Circumstances(order_value=eur(3250))
    found = await _suggested(compensation_channel, complaint, "token-restaurant", dinner)
    assert found[("cold-food", cev.OFFER_KIND_FREE_ITEM)].max_amount == eur(3250)
    with pytest.raises(grpc.aio.AioRpcError) as dearer:
        await propose(compensation_channel, complaint, "token-restaurant", kind=cev.OFFER_KIND_FREE_ITEM, amount=3300,
                      circumstances=dinner)
    assert "32.50 EUR" in dearer.value.details() and "33.00 EUR" in dearer.value.details()
    dish = await propose(compensation_channel, complaint, "token-restaurant", kind=cev.OFFER_KIND_FREE_ITEM,
                         amount=3250, circumstances=dinner)
    await to_accepted(compensation_channel, dish.offer_id, "token-restaurant")
    issued = await act(compensation_channel, "IssueOffer", "token-restaurant", offer_id=dish.offer_id)
    assert issued.status == S.OFFER_STATUS_ISSUED and issued.voucher_code


async def test_offers_are_listed_by_complaint_customer_store_status_and_time(channel, compensation_channel):
    store = f"Store {uuid.uuid4().hex[:6]}"
    complaint = await known_complaint(channel, compensation_channel, "token-comp", store=store)
    made = [await propose(compensation_channel, complaint, "token-comp-poc", amount=600 + i) for i in range(5)]
    lister = comp(compensation_channel)
    first = await lister.ListOffers(S.ListOffersRequest(store=store.upper(), page_size=3), metadata=auth("token-comp-poc"))
    rest = await lister.ListOffers(S.ListOffersRequest(store=store.upper(), page_size=3,
                                                       page_token=first.next_page_token), metadata=auth("token-comp-poc"))
    assert [o.offer_id for o in (*first.offers, *rest.offers)] == [o.offer_id for o in made] and not rest.next_page_token
    by_complaint = await lister.ListOffers(S.ListOffersRequest(complaint_id=complaint, status=S.OFFER_STATUS_APPROVED),
                                           metadata=auth("token-comp-poc"))
    assert len(by_complaint.offers) == 5
    customer = made[0].customer_id
    assert customer and all(o.customer_id == customer for o in by_complaint.offers)
    later = await lister.ListOffers(S.ListOffersRequest(complaint_id=complaint, proposed_from=made[2].proposed_at),
                                    metadata=auth("token-comp-poc"))
    assert [o.offer_id for o in later.offers] == [o.offer_id for o in made[2:]]
    assert not (await lister.ListOffers(S.ListOffersRequest(complaint_id=complaint), metadata=auth("token-b"))).offers
    with pytest.raises(grpc.aio.AioRpcError) as mixed:
        await lister.ListOffers(S.ListOffersRequest(complaint_id=complaint, page_token=first.next_page_token),
                                metadata=auth("token-comp-poc"))
    assert mixed.value.code() == grpc.StatusCode.INVALID_ARGUMENT


async def test_the_cost_report(channel, compensation_channel):
    before = await comp(compensation_channel).GetCostReport(S.GetCostReportRequest(), metadata=auth("token-comp"))
    store = f"Report {uuid.uuid4().hex[:6]}"
    complaint = await known_complaint(channel, compensation_channel, "token-comp", store=store)
    kept = await propose(compensation_channel, complaint, "token-comp-poc", amount=1100)
    await to_accepted(compensation_channel, kept.offer_id, "token-comp-poc")
    await act(compensation_channel, "IssueOffer", "token-comp-poc", offer_id=kept.offer_id)
    refused = await propose(compensation_channel, complaint, "token-comp-poc", amount=900)
    await act(compensation_channel, "PresentOffer", "token-comp-poc", offer_id=refused.offer_id)
    await act(compensation_channel, "RecordCustomerAnswer", "token-comp-poc", offer_id=refused.offer_id, accepted=False)
    report = await comp(compensation_channel).GetCostReport(S.GetCostReportRequest(), metadata=auth("token-comp"))
    line = [x for x in report.lines if x.store == store]
    assert [(x.kind, x.cost, x.offers) for x in line] == [(cev.OFFER_KIND_VOUCHER, eur(1100), 1)]
    assert report.total_cost.amount_minor - before.total_cost.amount_minor == 1100
    assert report.offers_presented - before.offers_presented == 2
    assert 0 < report.accepted_rate < 1 and 0 < report.declined_rate < 1
    with pytest.raises(grpc.aio.AioRpcError) as backwards:
        await comp(compensation_channel).GetCostReport(S.GetCostReportRequest(month_from="2026-12", month_to="2026-01"),
                                                       metadata=auth("token-comp"))
    assert backwards.value.code() == grpc.StatusCode.INVALID_ARGUMENT


async def test_the_case_sees_the_offer_and_step_five_is_done_when_it_is_presented(channel, compensation_channel,
                                                                                  resolution_channel):
    complaint = await known_complaint(channel, compensation_channel, "token-comp")
    await opened_case(resolution_channel, complaint, "token-comp")
    offer = await propose(compensation_channel, complaint, "token-comp-poc", amount=1000)
    await to_accepted(compensation_channel, offer.offer_id, "token-comp-poc")
    issued = await act(compensation_channel, "IssueOffer", "token-comp-poc", offer_id=offer.offer_id)

    async def noted():
        story = await resolution_stub(resolution_channel).GetCase(rapi.GetCaseRequest(complaint_id=complaint),
                                                                  metadata=auth("token-comp"))
        kinds = [e.type.rsplit(".", 1)[1] for e in story.history]
        return story if kinds.count("CompensationNoted") >= 5 else None
    story = await eventually(noted, timeout=20)
    assert "offer_compensation" in story.case.steps_done
    notes = [e for e in story.history if e.type.endswith("CompensationNoted")]
    text = b"".join(n.payload.value for n in notes)
    assert issued.voucher_code.encode() not in text
    assert offer.offer_id.encode() in text


async def test_the_cost_per_resolved_complaint_counts_cases_closed_satisfied(channel, compensation_channel,
                                                                             resolution_channel):
    period = S.GetCostReportRequest(month_from="2026-01", month_to="2099-12")
    before = await comp(compensation_channel).GetCostReport(period, metadata=auth("token-comp"))
    complaint = await known_complaint(channel, compensation_channel, "token-comp")
    await opened_case(resolution_channel, complaint, "token-comp")
    offer = await propose(compensation_channel, complaint, "token-comp-poc", amount=1400)
    await to_accepted(compensation_channel, offer.offer_id, "token-comp-poc")
    await act(compensation_channel, "IssueOffer", "token-comp-poc", offer_id=offer.offer_id)
    cases, md = resolution_stub(resolution_channel), auth("token-comp")
    for step in (dict(understand=rapi.UnderstandingStep(customer_reason="Cold food.")),
                 dict(apologise=rapi.ApologyStep(text="We are sorry.")),
                 dict(explain=rapi.ExplanationStep(text="The kitchen was short-staffed.")),
                 dict(fix=rapi.FixStep(text="A voucher, and a word with the kitchen."))):
        await cases.RecordStep(rapi.RecordStepRequest(complaint_id=complaint, **step), metadata=md)
    await cases.ProposeResolution(rapi.ProposeResolutionRequest(complaint_id=complaint, summary="voucher"), metadata=md)
    await cases.RecordVerdict(rapi.RecordVerdictRequest(complaint_id=complaint, satisfied=True, score=5), metadata=md)
    await cases.RecordStep(rapi.RecordStepRequest(complaint_id=complaint, prevent=rapi.PreventionStep(
        root_cause="short-staffed", preventive_action="a second cook on Fridays",
        category=types.CATEGORY_FOOD_LATE_OR_COLD)), metadata=md)

    async def counted():
        report = await comp(compensation_channel).GetCostReport(period, metadata=md)
        return report if report.resolved_complaints == before.resolved_complaints + 1 else None
    report = await eventually(counted, timeout=20)
    assert report.cost_per_resolved_complaint.amount_minor == report.total_cost.amount_minor // report.resolved_complaints
    assert report.total_cost.amount_minor - before.total_cost.amount_minor == 1400


async def test_a_corrected_category_changes_what_the_policy_allows_next(channel, compensation_channel):
    from redress.intake.v1 import intake_service_pb2 as iapi
    from tests.helpers import stub

    complaint = await known_complaint(channel, compensation_channel, "token-restaurant", store="Κηφισιά",
                                      category=types.CATEGORY_STAFF_UNHELPFUL, description="Nobody helped us.")
    assert ("cold-food", cev.OFFER_KIND_FREE_ITEM) not in await _suggested(compensation_channel, complaint,
                                                                           "token-restaurant")
    await stub(channel).AmendComplaint(iapi.AmendComplaintRequest(complaint_id=complaint,
                                                                  category=types.CATEGORY_FOOD_LATE_OR_COLD),
                                       metadata=auth("token-restaurant"))

    async def cold_food():
        found = await _suggested(compensation_channel, complaint, "token-restaurant", cev.Circumstances(
            order_value=eur(2000)))
        return found.get(("cold-food", cev.OFFER_KIND_FREE_ITEM))
    assert (await eventually(cold_food, timeout=15)).max_amount == eur(2000)
