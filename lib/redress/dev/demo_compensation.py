"""`make demo`, compensation's part: for each story, an offer from the policy's suggestion to
its payment. The point of contact proposes (above their limit it waits for approval), the
manager approves, the customer accepts, it is paid or issued; then the month's budget, and
the case, where presenting the offer is step five. Dev tokens: README, "Local credentials".
"""
from __future__ import annotations

import asyncio
import time
import uuid
from dataclasses import dataclass

import grpc

from redress.compensation.v1 import compensation_service_pb2 as api
from redress.compensation.v1 import compensation_service_pb2_grpc as api_grpc
from redress.dev.client import words
from redress.dev.compensation_cli import bounds, format_money, parse_money
from redress.events.v1 import compensation_pb2 as cev
from redress.types.v1 import complaint_pb2 as types

POINT_OF_CONTACT = (("authorization", "Bearer redress-dev-point-of-contact"),)
MANAGER = (("authorization", "Bearer redress-dev-manager"),)
CURRENCY = "EUR"  # demo-org's, from the default policy


@dataclass(frozen=True)
class Plan:
    kind: int
    order_value: str = ""  # what the customer paid, when it matters to the policy
    amount: str = ""  # empty: the most the policy allows
    channel: int = types.CHANNEL_EMAIL


# One per story of demo.COMPLAINTS, in order: the meal back, a voucher for being passed
# around three times, a small discount the point of contact may give alone.
PLANS = [Plan(cev.OFFER_KIND_REFUND, order_value="32.50"),
         Plan(cev.OFFER_KIND_VOUCHER, order_value="64.90", channel=types.CHANNEL_PHONE),
         Plan(cev.OFFER_KIND_DISCOUNT, amount="10.00", channel=types.CHANNEL_LETTER_TO_CORPORATE_OFFICE)]


def _kind(value: int) -> str:
    return words(cev.OfferKind, value, "OFFER_KIND_")


def _status(offer: api.Offer) -> str:
    return words(api.OfferStatus, offer.status, "OFFER_STATUS_")


async def _patiently(call, seconds: float = 30):
    """Calls until the service has heard of the complaint (it learns of it from intake's events)."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            return await call()
        except grpc.aio.AioRpcError as exc:
            if exc.code() != grpc.StatusCode.NOT_FOUND or time.monotonic() > deadline:
                raise
            await asyncio.sleep(0.2)


async def compensate(address: str, resolution_address: str, stories: list[tuple[str, str]]) -> None:
    """stories: (complaint id, reference), in the order of PLANS."""
    async with grpc.aio.insecure_channel(address) as channel, \
            grpc.aio.insecure_channel(resolution_address) as cases_channel:
        offers = api_grpc.CompensationServiceStub(channel)
        for (complaint_id, reference), plan in zip(stories, PLANS):
            print(f"Compensation for {reference}:")
            try:
                await _walk(offers, cases_channel, complaint_id, plan)
            except grpc.aio.AioRpcError as refused:
                print(f"  refused: {refused.code().name}: {refused.details()}")
            print()


async def _walk(offers, cases_channel, complaint_id: str, plan: Plan) -> None:
    circumstances = cev.Circumstances()
    if plan.order_value:
        circumstances.order_value.CopyFrom(parse_money(plan.order_value, CURRENCY))
    allowed = await _patiently(lambda: offers.SuggestOffers(api.SuggestOffersRequest(
        complaint_id=complaint_id, circumstances=circumstances), metadata=POINT_OF_CONTACT))
    print(f"  policy {allowed.policy.version} allows: "
          + "; ".join(f"{_kind(s.kind)} {bounds(s)}" if s.max_amount.amount_minor else _kind(s.kind)
                      for s in allowed.suggestions))
    if not allowed.suggestions:
        return
    choice = next((s for s in allowed.suggestions if s.kind == plan.kind), None)
    choice = choice or max(allowed.suggestions, key=lambda s: s.max_amount.amount_minor)
    amount = parse_money(plan.amount, CURRENCY) if plan.amount and choice.kind == plan.kind else choice.max_amount
    offer = await offers.ProposeOffer(api.ProposeOfferRequest(
        complaint_id=complaint_id, request_id=str(uuid.uuid4()), kind=choice.kind, amount=amount,
        circumstances=circumstances, description=f"{_kind(choice.kind)}: {choice.reason}"), metadata=POINT_OF_CONTACT)
    print(f"  the point of contact (limit {format_money(allowed.your_limit)}) proposes a {_kind(offer.kind)} of "
          f"{format_money(offer.amount)} under rule {offer.policy.rule}: {_status(offer)}")
    if offer.status == api.OFFER_STATUS_PENDING_APPROVAL:
        offer = await offers.ApproveOffer(api.ApproveOfferRequest(offer_id=offer.offer_id,
                                                                  request_id=str(uuid.uuid4())), metadata=MANAGER)
        print(f"  the manager approves it: {_status(offer)}")
    if offer.status != api.OFFER_STATUS_APPROVED:
        print(f"  it goes no further: {offer.refusal or _status(offer)}")
        return
    for call, request in ((offers.PresentOffer, api.PresentOfferRequest(offer_id=offer.offer_id,
                                                                        channel=plan.channel)),
                          (offers.RecordCustomerAnswer, api.RecordCustomerAnswerRequest(offer_id=offer.offer_id,
                                                                                        accepted=True)),
                          (offers.IssueOffer, api.IssueOfferRequest(offer_id=offer.offer_id))):
        request.request_id = str(uuid.uuid4())
        offer = await call(request, metadata=POINT_OF_CONTACT)
    for _ in range(50):  # a payment the provider is slow to answer is settled by the service's watch
        if offer.status != api.OFFER_STATUS_ISSUING:
            break
        await asyncio.sleep(0.2)
        offer = await offers.GetOffer(api.GetOfferRequest(offer_id=offer.offer_id), metadata=POINT_OF_CONTACT)
    code = f", voucher code *****-*****-*****-{offer.voucher_code[-5:]}" if offer.voucher_code else ""
    print(f"  presented, the customer accepts; {_status(offer)}: reference {offer.payment_reference or '-'}{code}")
    budget = await offers.GetBudget(api.GetBudgetRequest(store=offer.store), metadata=POINT_OF_CONTACT)
    print(f"  budget {budget.month}, reserved: {_line('organisation', budget.organisation_budget)}; "
          f"{_line(budget.store, budget.store_budget)}")
    case = await _case(cases_channel, complaint_id)
    print(f"  the case, at {words(types.Level, case.level, 'LEVEL_')} level: steps done "
          f"{', '.join(case.steps_done) or '(none yet)'}")


def _line(name: str, line: api.BudgetLine) -> str:
    if line.unlimited:
        return f"{name} {format_money(line.reserved)} (no limit)"
    return f"{name} {format_money(line.reserved)} of {format_money(line.limit)}"


async def _case(channel, complaint_id: str):
    """The case, once resolution has noted the offer presented: step five done."""
    from redress.resolution.v1 import resolution_service_pb2 as rapi
    from redress.resolution.v1 import resolution_service_pb2_grpc as rapi_grpc

    cases = rapi_grpc.ResolutionServiceStub(channel)
    deadline = time.monotonic() + 15
    while True:
        case = (await cases.GetCase(rapi.GetCaseRequest(complaint_id=complaint_id), metadata=POINT_OF_CONTACT)).case
        if "offer_compensation" in case.steps_done or time.monotonic() > deadline:
            return case
        await asyncio.sleep(0.2)
