"""What the compensation tests share: stubs, money, a complaint compensation knows."""
from __future__ import annotations

import asyncio
import uuid

import grpc

from redress.compensation.v1 import compensation_service_pb2 as capi
from redress.compensation.v1 import compensation_service_pb2_grpc as capi_grpc
from redress.events.v1 import compensation_pb2 as cev
from redress.types.v1.money_pb2 import Money
from tests.helpers import auth, filing, stub

S = capi  # the statuses and requests


def comp(channel) -> capi_grpc.CompensationServiceStub:
    return capi_grpc.CompensationServiceStub(channel)


def eur(amount_minor: int, currency: str = "EUR") -> Money:
    return Money(amount_minor=amount_minor, currency=currency)


async def known_complaint(intake_channel, compensation_channel, token: str, timeout: float = 15.0, **fields) -> str:
    """A complaint filed through intake, once compensation has noted it."""
    complaint = (await stub(intake_channel).FileComplaint(filing(**fields), metadata=auth(token))).complaint
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        try:
            await comp(compensation_channel).SuggestOffers(
                capi.SuggestOffersRequest(complaint_id=complaint.complaint_id), metadata=auth(token))
            return complaint.complaint_id
        except grpc.aio.AioRpcError as error:
            if error.code() != grpc.StatusCode.NOT_FOUND or loop.time() > deadline:
                raise
            await asyncio.sleep(0.1)


async def propose(channel, complaint_id: str, token: str, kind=cev.OFFER_KIND_VOUCHER, amount: int = 1000,
                  request_id: str = "", **fields) -> capi.Offer:
    request = capi.ProposeOfferRequest(complaint_id=complaint_id, kind=kind, request_id=request_id or str(uuid.uuid4()),
                                       **fields)
    if kind != cev.OFFER_KIND_APOLOGY_ONLY:
        request.amount.CopyFrom(eur(amount))
    return await comp(channel).ProposeOffer(request, metadata=auth(token))


async def act(channel, rpc: str, token: str, /, **fields) -> capi.Offer:
    request_type = getattr(capi, f"{rpc}Request")
    fields.setdefault("request_id", str(uuid.uuid4()))
    return await getattr(comp(channel), rpc)(request_type(**fields), metadata=auth(token))


async def to_accepted(channel, offer_id: str, token: str) -> capi.Offer:
    await act(channel, "PresentOffer", token, offer_id=offer_id)
    return await act(channel, "RecordCustomerAnswer", token, offer_id=offer_id, accepted=True)
