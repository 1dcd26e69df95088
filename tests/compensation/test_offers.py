"""Offers over gRPC against the real broker: the policy, the proposer's limit and approval,
the customer's answer, issuing, reversing, and what is refused (with why)."""
from __future__ import annotations

import grpc
import pytest

from redress.events.v1 import compensation_pb2 as cev
from tests.compensation.support import S, act, comp, eur, known_complaint, propose, to_accepted
from tests.helpers import auth, error_field, unique_email
from redress.types.v1 import complaint_pb2 as types

pytestmark = pytest.mark.kafka


@pytest.fixture
async def complaint(channel, compensation_channel):
    return await known_complaint(channel, compensation_channel, "token-comp", store="Nişantaşı")


async def test_an_offer_within_the_proposers_limit_goes_from_proposal_to_a_voucher(compensation_channel, complaint):
    offer = await propose(compensation_channel, complaint, "token-comp-poc", amount=1200,
                          description="A voucher for the cold dinner")
    assert offer.status == S.OFFER_STATUS_APPROVED
    assert (offer.policy.version, offer.policy.rule, len(offer.policy.digest)) == ("test-1", "voucher", 64)
    assert offer.proposed_by == "poc-comp" and offer.store == "Nişantaşı"
    presented = await act(compensation_channel, "PresentOffer", "token-comp-poc", offer_id=offer.offer_id,
                          channel=types.CHANNEL_EMAIL)
    assert presented.status == S.OFFER_STATUS_PRESENTED
    accepted = await act(compensation_channel, "RecordCustomerAnswer", "token-comp-poc", offer_id=offer.offer_id,
                         accepted=True)
    assert accepted.status == S.OFFER_STATUS_ACCEPTED
    issued = await act(compensation_channel, "IssueOffer", "token-comp-poc", offer_id=offer.offer_id)
    assert issued.status == S.OFFER_STATUS_ISSUED
    assert len(issued.voucher_code) == 23 and issued.payment_reference == f"voucher:{offer.offer_id}"
    again = await comp(compensation_channel).GetOffer(S.GetOfferRequest(offer_id=offer.offer_id),
                                                      metadata=auth("token-comp-manager"))
    assert again == issued


async def test_above_the_limit_an_offer_waits_for_a_role_whose_limit_covers_it(compensation_channel, complaint):
    offer = await propose(compensation_channel, complaint, "token-comp-manager", amount=25000)
    assert offer.status == S.OFFER_STATUS_PENDING_APPROVAL
    with pytest.raises(grpc.aio.AioRpcError) as own:
        await act(compensation_channel, "ApproveOffer", "token-comp-manager", offer_id=offer.offer_id)
    assert own.value.code() == grpc.StatusCode.PERMISSION_DENIED and "manager-comp proposed" in own.value.details()
    with pytest.raises(grpc.aio.AioRpcError) as low:
        await act(compensation_channel, "ApproveOffer", "token-comp-manager2", offer_id=offer.offer_id)
    assert low.value.code() == grpc.StatusCode.PERMISSION_DENIED
    assert "100.00 EUR" in low.value.details() and "250.00 EUR" in low.value.details()
    approved = await act(compensation_channel, "ApproveOffer", "token-comp-office", offer_id=offer.offer_id)
    assert (approved.status, approved.approved_by) == (S.OFFER_STATUS_APPROVED, "office-comp")


async def test_a_rejection_needs_a_reason_and_authority(compensation_channel, complaint):
    offer = await propose(compensation_channel, complaint, "token-comp-poc", amount=5000)
    with pytest.raises(grpc.aio.AioRpcError) as bare:
        await act(compensation_channel, "RejectOffer", "token-comp-manager", offer_id=offer.offer_id)
    assert bare.value.code() == grpc.StatusCode.INVALID_ARGUMENT and error_field(bare.value) == "reason"
    rejected = await act(compensation_channel, "RejectOffer", "token-comp-manager", offer_id=offer.offer_id,
                         reason="the store already replaced the meal")
    assert (rejected.status, rejected.refusal) == (S.OFFER_STATUS_REJECTED, "the store already replaced the meal")
    with pytest.raises(grpc.aio.AioRpcError) as late:
        await act(compensation_channel, "ApproveOffer", "token-comp-owner", offer_id=offer.offer_id)
    assert late.value.code() == grpc.StatusCode.FAILED_PRECONDITION and "rejected" in late.value.details()


async def test_the_policy_refuses_with_the_rule_and_the_numbers(compensation_channel, complaint):
    order = S.ProposeOfferRequest().circumstances.__class__(order_value=eur(4000))
    with pytest.raises(grpc.aio.AioRpcError) as over:
        await propose(compensation_channel, complaint, "token-comp-owner", kind=cev.OFFER_KIND_REFUND, amount=4500,
                      circumstances=order)
    assert over.value.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert "40.00 EUR" in over.value.details() and "45.00 EUR" in over.value.details()
    refund = await propose(compensation_channel, complaint, "token-comp-owner", kind=cev.OFFER_KIND_REFUND,
                           amount=4000, circumstances=order)
    assert refund.status == S.OFFER_STATUS_APPROVED and refund.policy.rule == "refund-order"
    with pytest.raises(grpc.aio.AioRpcError) as first_time:
        await propose(compensation_channel, complaint, "token-comp-owner", kind=cev.OFFER_KIND_SERVICE_CREDIT,
                      amount=2000)
    assert first_time.value.code() == grpc.StatusCode.FAILED_PRECONDITION


async def test_a_repeat_complainant_is_offered_what_the_policy_keeps_for_them(channel, compensation_channel):
    email = unique_email()
    first = await known_complaint(channel, compensation_channel, "token-comp",
                                  contact=types.CustomerContact(email=email), description="Cold soup, again.")
    second = await known_complaint(channel, compensation_channel, "token-comp",
                                   contact=types.CustomerContact(email=email), order_reference="A-2",
                                   description="A different evening: the waiter shouted at me.")
    assert first != second
    suggested = await comp(compensation_channel).SuggestOffers(S.SuggestOffersRequest(complaint_id=second),
                                                               metadata=auth("token-comp-poc"))
    credit = [s for s in suggested.suggestions if s.kind == cev.OFFER_KIND_SERVICE_CREDIT]
    assert credit and credit[0].rule == "repeat-service-credit" and credit[0].max_amount == eur(2000)
    assert credit[0].needs_approval  # 20 EUR is above a point of contact's 15
    offer = await propose(compensation_channel, second, "token-comp-manager", kind=cev.OFFER_KIND_SERVICE_CREDIT,
                          amount=2000)
    assert offer.status == S.OFFER_STATUS_APPROVED


async def test_currencies_are_never_mixed_and_a_refusal_appends_nothing(compensation_channel, complaint,
                                                                          compensation_offsets):
    before = await compensation_offsets()
    with pytest.raises(grpc.aio.AioRpcError) as dollars:
        await comp(compensation_channel).ProposeOffer(S.ProposeOfferRequest(
            complaint_id=complaint, kind=cev.OFFER_KIND_VOUCHER, amount=eur(1000, "USD")), metadata=auth("token-comp-poc"))
    assert dollars.value.code() == grpc.StatusCode.INVALID_ARGUMENT and error_field(dollars.value) == "amount"
    assert "USD" in dollars.value.details() and "EUR" in dollars.value.details()
    request = S.ProposeOfferRequest(complaint_id=complaint, kind=cev.OFFER_KIND_REFUND, amount=eur(1000))
    request.circumstances.order_value.CopyFrom(eur(5000, "TRY"))
    with pytest.raises(grpc.aio.AioRpcError) as lira:
        await comp(compensation_channel).ProposeOffer(request, metadata=auth("token-comp-poc"))
    assert lira.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert error_field(lira.value) == "circumstances.order_value"
    assert await compensation_offsets() == before


@pytest.mark.parametrize("fields, code, field", [
    (dict(kind=cev.OFFER_KIND_UNSPECIFIED, amount=eur(100)), grpc.StatusCode.INVALID_ARGUMENT, "kind"),
    (dict(kind=cev.OFFER_KIND_VOUCHER, amount=eur(-5)), grpc.StatusCode.INVALID_ARGUMENT, "amount"),
    (dict(kind=cev.OFFER_KIND_APOLOGY_ONLY, amount=eur(100)), grpc.StatusCode.INVALID_ARGUMENT, "amount"),
    (dict(kind=cev.OFFER_KIND_VOUCHER, amount=eur(0)), grpc.StatusCode.INVALID_ARGUMENT, "amount"),
    (dict(kind=cev.OFFER_KIND_VOUCHER, amount=eur(100), description="x" * 2001), grpc.StatusCode.INVALID_ARGUMENT,
     "description"),
])
async def test_bad_proposals_are_refused_with_the_field(compensation_channel, complaint, fields, code, field):
    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await comp(compensation_channel).ProposeOffer(S.ProposeOfferRequest(complaint_id=complaint, **fields),
                                                      metadata=auth("token-comp-poc"))
    assert (refused.value.code(), error_field(refused.value)) == (code, field)


async def test_unknown_offers_and_other_tenants_offers_are_not_found(compensation_channel, complaint):
    offer = await propose(compensation_channel, complaint, "token-comp-poc", amount=600)
    for token, offer_id in (("token-comp-poc", "no-such-offer"), ("token-b", offer.offer_id)):
        with pytest.raises(grpc.aio.AioRpcError) as missing:
            await comp(compensation_channel).GetOffer(S.GetOfferRequest(offer_id=offer_id), metadata=auth(token))
        assert missing.value.code() == grpc.StatusCode.NOT_FOUND
    with pytest.raises(grpc.aio.AioRpcError) as other:
        await propose(compensation_channel, complaint, "token-b", amount=600)
    assert other.value.code() == grpc.StatusCode.NOT_FOUND
    with pytest.raises(grpc.aio.AioRpcError) as empty:
        await comp(compensation_channel).GetOffer(S.GetOfferRequest(), metadata=auth("token-comp-poc"))
    assert empty.value.code() == grpc.StatusCode.INVALID_ARGUMENT


async def test_a_customer_answers_once(compensation_channel, complaint):
    offer = await propose(compensation_channel, complaint, "token-comp-poc", amount=800)
    await act(compensation_channel, "PresentOffer", "token-comp-poc", offer_id=offer.offer_id)
    answer = dict(offer_id=offer.offer_id, accepted=True, request_id="answer-" + offer.offer_id)
    accepted = await act(compensation_channel, "RecordCustomerAnswer", "token-comp-poc", **answer)
    retried = await act(compensation_channel, "RecordCustomerAnswer", "token-comp-poc", **answer)
    assert retried.status == accepted.status == S.OFFER_STATUS_ACCEPTED
    with pytest.raises(grpc.aio.AioRpcError) as twice:
        await act(compensation_channel, "RecordCustomerAnswer", "token-comp-poc", offer_id=offer.offer_id,
                  accepted=False)
    assert twice.value.code() == grpc.StatusCode.FAILED_PRECONDITION and "accepted" in twice.value.details()


async def test_a_decline_says_what_the_customer_wants_and_gives_the_budget_back(compensation_channel, complaint):
    def reserved(budget):
        return budget.store_budget.reserved.amount_minor

    budget = S.GetBudgetRequest(store="Nişantaşı")
    offer = await propose(compensation_channel, complaint, "token-comp-manager", amount=3000)
    held = await comp(compensation_channel).GetBudget(budget, metadata=auth("token-comp-manager"))
    await act(compensation_channel, "PresentOffer", "token-comp-manager", offer_id=offer.offer_id)
    declined = await act(compensation_channel, "RecordCustomerAnswer", "token-comp-manager", offer_id=offer.offer_id,
                         accepted=False, customer_wants="a call from the manager and a refund")
    assert (declined.status, declined.customer_wants) == (S.OFFER_STATUS_DECLINED,
                                                          "a call from the manager and a refund")
    after = await comp(compensation_channel).GetBudget(budget, metadata=auth("token-comp-manager"))
    assert reserved(held) - reserved(after) == 3000


async def test_a_reversal_gives_the_budget_back_and_needs_the_authority(compensation_channel, complaint):
    offer = await propose(compensation_channel, complaint, "token-comp-office", amount=20000)
    await to_accepted(compensation_channel, offer.offer_id, "token-comp-office")
    await act(compensation_channel, "IssueOffer", "token-comp-office", offer_id=offer.offer_id)
    with pytest.raises(grpc.aio.AioRpcError) as low:
        await act(compensation_channel, "ReverseOffer", "token-comp-poc", offer_id=offer.offer_id, reason="fraud")
    assert low.value.code() == grpc.StatusCode.PERMISSION_DENIED
    before = await comp(compensation_channel).GetBudget(S.GetBudgetRequest(), metadata=auth("token-comp-office"))
    reversed_ = await act(compensation_channel, "ReverseOffer", "token-comp-office", offer_id=offer.offer_id,
                          reason="the voucher was issued to the wrong customer")
    assert reversed_.status == S.OFFER_STATUS_REVERSED
    after = await comp(compensation_channel).GetBudget(S.GetBudgetRequest(), metadata=auth("token-comp-office"))
    assert before.organisation_budget.reserved.amount_minor - after.organisation_budget.reserved.amount_minor == 20000


async def test_a_request_id_may_not_look_like_the_services_own_steps(compensation_channel, complaint):
    offer = await propose(compensation_channel, complaint, "token-comp-poc", amount=700)
    with pytest.raises(grpc.aio.AioRpcError) as reserved:
        await act(compensation_channel, "PresentOffer", "token-comp-poc", offer_id=offer.offer_id,
                  request_id=f"paid:{offer.offer_id}:1:issued")
    assert reserved.value.code() == grpc.StatusCode.INVALID_ARGUMENT and error_field(reserved.value) == "request_id"
