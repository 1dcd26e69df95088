"""The CompensationService gRPC adapter."""
from __future__ import annotations

from redress.compensation.v1 import commands_pb2 as cmd
from redress.compensation.v1 import compensation_service_pb2 as api
from redress.compensation.v1 import compensation_service_pb2_grpc as api_grpc
from redress.kernel.auth import Credentials
from redress.kernel.rejections import Invalid
from redress.kernel.rpc import Authenticated, Caller, unary
from redress.kernel.store import micros
from redress.kernel.tokens import instant, page, timestamp
from redress.types.v1 import complaint_pb2 as types
from redress_compensation import offers as o
from redress_compensation.application import Compensation
from redress_compensation.offers import Offer
from redress_compensation.projection import OfferFilter
from redress_compensation.queries import Queries

READ, WRITE = "complaints:read", "complaints:write"
STATUS = {name: api.OfferStatus.Value(f"OFFER_STATUS_{name.upper()}") for name in (
    o.PENDING_APPROVAL, o.AWAITING_BUDGET, o.APPROVED, o.REJECTED, o.UNFUNDED, o.PRESENTED, o.ACCEPTED, o.DECLINED,
    o.EXPIRED, o.ISSUING, o.ISSUED, o.PAYMENT_FAILED, o.REVERSED)}
STATUS_NAMES = {v: k for k, v in STATUS.items()}


def offer_message(offer: Offer, complaint) -> api.Offer:
    p = offer.proposed
    message = api.Offer(
        offer_id=offer.offer_id, complaint_id=complaint.complaint_id, organisation=complaint.organisation,
        kind=p.kind, amount=p.amount, status=STATUS[offer.status], description=p.description, store=p.store,
        customer_id=complaint.customer_id, proposed_by=p.proposed_by, approved_by=offer.approved_by,
        policy=p.policy, reason=p.reason, refusal=offer.refusal, customer_wants=offer.customer_wants,
        payment_reference=offer.reference, voucher_code=offer.voucher_code,
        payment_attempts=offer.payment_attempts, proposed_at=timestamp(offer.proposed_at), expires_at=p.expires_at,
        updated_at=timestamp(offer.updated_at), category=complaint.category, circumstances=p.circumstances)
    return message


class CompensationServicer(Authenticated, api_grpc.CompensationServiceServicer):
    def __init__(self, compensation: Compensation, credentials: Credentials):
        super().__init__(credentials)
        self.compensation = compensation
        self.queries = Queries(compensation)

    def _shown(self, offer: Offer) -> api.Offer:
        return offer_message(offer, self.compensation.book.states[offer.complaint_id].complaint)

    async def _act(self, caller: Caller, request, action: str, payload) -> api.Offer:
        offer = await self.compensation.act(caller, request.offer_id, request.request_id, action, payload)
        return self._shown(offer)

    @unary(READ)
    async def SuggestOffers(self, request: api.SuggestOffersRequest, caller: Caller):
        return await self.queries.suggest(caller, request.complaint_id, request.circumstances)

    @unary(WRITE)
    async def ProposeOffer(self, request: api.ProposeOfferRequest, caller: Caller):
        payload = cmd.Propose(kind=request.kind, amount=request.amount, description=request.description,
                              circumstances=request.circumstances)
        offer = await self.compensation.propose(caller, request.complaint_id, request.request_id, payload)
        return self._shown(offer)

    @unary(WRITE)
    async def ApproveOffer(self, request: api.ApproveOfferRequest, caller: Caller):
        return await self._act(caller, request, "approve", cmd.Approve(offer_id=request.offer_id))

    @unary(WRITE)
    async def RejectOffer(self, request: api.RejectOfferRequest, caller: Caller):
        return await self._act(caller, request, "reject", cmd.Reject(offer_id=request.offer_id, reason=request.reason))

    @unary(WRITE)
    async def PresentOffer(self, request: api.PresentOfferRequest, caller: Caller):
        if request.channel not in types.Channel.values():
            raise Invalid(f"channel has no value {request.channel}", "channel")
        return await self._act(caller, request, "present", cmd.Present(offer_id=request.offer_id,
                                                                       channel=request.channel))

    @unary(WRITE)
    async def RecordCustomerAnswer(self, request: api.RecordCustomerAnswerRequest, caller: Caller):
        payload = cmd.Answer(offer_id=request.offer_id, accepted=request.accepted,
                             customer_wants=request.customer_wants)
        return await self._act(caller, request, "answer", payload)

    @unary(WRITE)
    async def IssueOffer(self, request: api.IssueOfferRequest, caller: Caller):
        return await self._act(caller, request, "issue", cmd.Issue(offer_id=request.offer_id))

    @unary(WRITE)
    async def ReverseOffer(self, request: api.ReverseOfferRequest, caller: Caller):
        return await self._act(caller, request, "reverse", cmd.Reverse(offer_id=request.offer_id,
                                                                       reason=request.reason))

    @unary(READ)
    async def GetOffer(self, request: api.GetOfferRequest, caller: Caller):
        return self._shown(await self.compensation.get(caller, request.offer_id))

    @unary(READ)
    async def ListOffers(self, request: api.ListOffersRequest, caller: Caller):
        if request.status not in api.OfferStatus.values():
            raise Invalid(f"status has no value {request.status}", "status")
        since = instant(request.proposed_from, "proposed_from") if request.HasField("proposed_from") else None
        until = instant(request.proposed_before, "proposed_before") if request.HasField("proposed_before") else None
        where = OfferFilter(request.complaint_id, request.customer_id, request.store,
                            STATUS_NAMES.get(request.status, ""), micros(since) if since else 0,
                            micros(until) if until else 0)
        await self.compensation.log.caught_up()
        book, org = self.compensation.book, caller.principal.organisation
        found, token = page(lambda after, n: book.list(org, where, after, n), lambda item: (item[0], item[1].offer_id),
                            where, request.page_size, request.page_token)
        return api.ListOffersResponse(offers=[self._shown(offer) for _, offer in found], next_page_token=token)

    @unary(READ)
    async def GetBudget(self, request: api.GetBudgetRequest, caller: Caller):
        return await self.queries.budget(caller, request.store, request.month)

    @unary(READ)
    async def GetCostReport(self, request: api.GetCostReportRequest, caller: Caller):
        return await self.queries.cost_report(caller, request.month_from, request.month_to)
