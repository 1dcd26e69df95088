"""Compensation's use cases, wired to the log. Intake's filings and resolution's closings
arrive as reactions. An offer's steps that span streams (its budget's reservation, giving
the amount back) and its payment are carried on by `settle`, right after the command that
needs them and again by the work watch of the replica that owns the complaint, so a
replica that dies half-way leaves nothing undone and nothing done twice.
"""
from __future__ import annotations

import asyncio
import uuid
from datetime import datetime, timezone

import structlog

from redress.compensation.v1.commands_pb2 import CompensationCommand
from redress.events.v1 import compensation_pb2 as cev
from redress.events.v1 import intake_pb2 as iev
from redress.events.v1 import resolution_pb2 as rev
from redress.kernel.reactions import copying
from redress.kernel.rejections import Invalid, NotFound
from redress.kernel.rpc import Caller, service_caller
from redress.kernel.servicelog import ServiceLog
from redress.kernel.settings import ServiceSettings
from redress_compensation.domain import not_found
from redress_compensation.offers import ComplaintOffers, Offer
from redress_compensation.payments import PaymentRequest, adapters
from redress_compensation.paying import Payer
from redress_compensation.policy import Policies
from redress_compensation.projection import OfferBook

log = structlog.get_logger(__name__)
WATCH_CLIENT = "redress-compensation-watch"
OFFER = uuid.UUID("9e3b7c21-4d5a-4f8e-b6c1-2a7d9f0e3b48")
REACTIONS = {"intake": {iev.ComplaintFiled: "note_complaint", iev.ComplaintAmended: "note_amendment"},
             "resolution": {rev.CaseClosed: "note_resolved"}}


def offer_id_for(organisation: str, complaint_id: str, request_id: str) -> str:
    """The same proposal request always names the same offer."""
    return str(uuid.uuid5(OFFER, f"{organisation}/{complaint_id}/{request_id}"))


def _check_request_id(request_id: str) -> None:
    if ":" in request_id:
        raise Invalid("request_id must not contain ':' (the service's own steps use it)", "request_id")


def reaction(service: str):
    return copying(CompensationCommand, service, REACTIONS[service])


class Compensation:
    def __init__(self, log: ServiceLog, book: OfferBook, settings: ServiceSettings, policies: Policies):
        self.log = log
        self.book = book
        self.settings = settings
        self.policies = policies
        self.payer = Payer(adapters(settings.sandbox_payments_dir, settings.payment_timeout_s))
        self._settling: set[str] = set()
        self._watch: asyncio.Task | None = None

    async def start(self) -> None:
        self._watch = asyncio.create_task(self._watch_work(), name="offer-watch")
        self.log.supervise(self._watch)

    async def stop(self) -> None:
        if self._watch:
            self._watch.cancel()
            await asyncio.gather(self._watch, return_exceptions=True)

    # -- commands ------------------------------------------------------------------------
    async def propose(self, caller: Caller, complaint_id: str, request_id: str, payload) -> Offer:
        _check_request_id(request_id)
        state = await self.complaint(caller, complaint_id)
        payload.offer_id = offer_id_for(caller.principal.organisation, complaint_id, request_id or str(uuid.uuid4()))
        history = self.book.history_of(state.organisation, state.complaint.customer_id, complaint_id)
        payload.earlier_complaints, payload.earlier_offers_declined = history
        command = self.log.command(CompensationCommand, caller, request_id, complaint_id)
        command.propose.CopyFrom(payload)
        await self.log.send(command)
        return await self.settle(caller, complaint_id, payload.offer_id)

    async def act(self, caller: Caller, offer_id: str, request_id: str, action: str, payload) -> Offer:
        _check_request_id(request_id)
        complaint_id = await self.complaint_of(caller, offer_id)
        command = self.log.command(CompensationCommand, caller, request_id, complaint_id)
        getattr(command, action).CopyFrom(payload)
        await self.log.send(command)
        if action != "issue":
            return await self.settle(caller, complaint_id, offer_id)
        if self.log.owns(complaint_id):  # this replica wrote the attempt down: it may pay at once
            self.payer.started_here(offer_id, self._offer(complaint_id, offer_id).payment_attempts)
            return await self.settle(caller, complaint_id, offer_id)
        return await self._paid_elsewhere(complaint_id, offer_id)

    async def _paid_elsewhere(self, complaint_id: str, offer_id: str) -> Offer:
        """The owner of the complaint pays; its outcome is waited for as long as a payment may
        take (then the offer is answered as it stands: issuing, to be settled)."""
        deadline = asyncio.get_running_loop().time() + self.settings.payment_timeout_s + 1
        while (offer := self._offer(complaint_id, offer_id)).payment_open:
            if asyncio.get_running_loop().time() > deadline:
                break
            await asyncio.sleep(0.05)
            await self.log.caught_up()
        return offer

    # -- carrying an offer on -------------------------------------------------------------------
    async def settle(self, caller: Caller, complaint_id: str, offer_id: str) -> Offer:
        """Carries the offer on as far as it can go now, and returns it."""
        if offer_id not in self._settling:
            self._settling.add(offer_id)
            try:
                await self._carry_on(caller, complaint_id, offer_id)
            finally:
                self._settling.discard(offer_id)
        return self._offer(complaint_id, offer_id)

    async def _carry_on(self, caller: Caller, complaint_id: str, offer_id: str) -> None:
        offer = self._offer(complaint_id, offer_id)
        if offer.funding_due:
            await self._fund(caller, complaint_id, offer)
            offer = self._offer(complaint_id, offer_id)
        if offer.release_due:
            await self._give_back(caller, complaint_id, offer)
        elif offer.payment_open and self.log.owns(complaint_id):
            await self.payer.settle(self._payment_steps(caller, complaint_id), self._request(complaint_id, offer),
                                    offer.adapter, offer.payment_attempts,
                                    lambda attempt: self._still_paying(complaint_id, offer_id, attempt))

    async def _fund(self, caller: Caller, complaint_id: str, offer: Offer) -> None:
        reserve = self.log.command(CompensationCommand, caller, f"reserve:{offer.offer_id}", offer.budget)
        reserve.reserve.offer_id, reserve.reserve.complaint_id = offer.offer_id, complaint_id
        reserve.reserve.store, reserve.reserve.kind = offer.proposed.store, offer.proposed.kind
        reserve.reserve.amount.CopyFrom(offer.proposed.amount)
        await self.log.send(reserve)
        budget = self.book.budget(offer.budget)
        note = self.log.command(CompensationCommand, caller, f"funding:{offer.offer_id}", complaint_id)
        note.note_funding.offer_id, note.note_funding.budget = offer.offer_id, offer.budget
        note.note_funding.funded = bool(budget and offer.offer_id in budget.holds)
        note.note_funding.reason = budget.refused.get(offer.offer_id, "") if budget else ""
        await self.log.send(note)

    async def _give_back(self, caller: Caller, complaint_id: str, offer: Offer) -> None:
        release = self.log.command(CompensationCommand, caller, f"release:{offer.offer_id}", offer.budget)
        release.release.offer_id = offer.offer_id
        await self.log.send(release)
        note = self.log.command(CompensationCommand, caller, f"released:{offer.offer_id}", complaint_id)
        note.note_release.offer_id, note.note_release.budget = offer.offer_id, offer.budget
        await self.log.send(note)

    def _still_paying(self, complaint_id: str, offer_id: str, attempt: int) -> bool:
        offer = self._offer(complaint_id, offer_id)
        return offer.payment_open and offer.payment_attempts == attempt

    def _payment_steps(self, caller: Caller, complaint_id: str):
        async def step(action: str, request_id: str, **fields) -> None:
            command = self.log.command(CompensationCommand, caller, request_id, complaint_id)
            for name, value in fields.items():
                setattr(getattr(command, action), name, value)
            await self.log.send(command)
        return step

    def _request(self, complaint_id: str, offer: Offer) -> PaymentRequest:
        state = self.book.states[complaint_id]
        return PaymentRequest(
            idempotency_key=offer.offer_id, organisation=state.organisation, offer_id=offer.offer_id,
            complaint_id=complaint_id, kind=cev.OfferKind.Name(offer.proposed.kind), amount_minor=offer.amount,
            currency=offer.currency, customer_id=state.complaint.customer_id)

    # -- the work watch -------------------------------------------------------------------------
    async def _watch_work(self) -> None:
        """Carries on, for the complaints whose partitions this replica owns, the offers that
        still owe work (funding, giving back, an unsettled payment) and expires those whose
        time has come. Every step is idempotent by its request_id, so two passes, a restart
        or a rebalance repeat nothing."""
        while True:
            await asyncio.sleep(self.settings.clock_tick_s)
            now = datetime.now(timezone.utc)
            for complaint_id, offer_id in self.book.expiring(now):
                if self.log.owns(complaint_id) and offer_id not in self._settling:
                    await self._guarded(self._expire, complaint_id, offer_id)
            for complaint_id, offer_id in self.book.with_work():
                if self.log.owns(complaint_id) and offer_id not in self._settling:
                    await self._guarded(self.settle, self._watcher(complaint_id), complaint_id, offer_id)

    async def _expire(self, complaint_id: str, offer_id: str) -> None:
        caller = self._watcher(complaint_id)
        command = self.log.command(CompensationCommand, caller, f"expire:{offer_id}", complaint_id)
        command.expire.offer_id = offer_id
        await self.log.send(command)
        await self.settle(caller, complaint_id, offer_id)

    async def _guarded(self, step, *args) -> None:
        try:  # a task of its own: each pass's commands get a command timeout of their own
            await asyncio.create_task(step(*args))
        except Exception as exc:  # the next pass tries again
            log.warning("carrying an offer on failed", step=step.__name__, args=args[-2:], error=repr(exc))

    def _watcher(self, complaint_id: str) -> Caller:
        organisation = self.book.states[complaint_id].organisation
        return service_caller(WATCH_CLIENT, organisation)

    # -- queries ---------------------------------------------------------------------------
    async def complaint(self, caller: Caller, complaint_id: str) -> ComplaintOffers:
        if not complaint_id or len(complaint_id) > 64:
            raise Invalid("complaint_id is required (at most 64 characters)", "complaint_id")
        await self.log.caught_up(complaint_id)
        state = self.book.complaint(caller.principal.organisation, complaint_id)
        if state is None:
            raise NotFound(not_found(complaint_id), "complaint_id")
        return state

    async def complaint_of(self, caller: Caller, offer_id: str) -> str:
        if not offer_id or len(offer_id) > 64:
            raise Invalid("offer_id is required (at most 64 characters)", "offer_id")
        await self.log.caught_up()
        complaint_id = self.book.complaint_of(caller.principal.organisation, offer_id)
        if complaint_id is None:
            raise NotFound(f"there is no offer {offer_id}", "offer_id")
        return complaint_id

    async def get(self, caller: Caller, offer_id: str) -> Offer:
        return self._offer(await self.complaint_of(caller, offer_id), offer_id)

    def _offer(self, complaint_id: str, offer_id: str) -> Offer:
        return self.book.states[complaint_id].offers[offer_id]
