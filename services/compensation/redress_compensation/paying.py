"""Paying exactly once. A payment is written down (PaymentStarted) before its adapter is
called, and its outcome after. The adapter is called at once only for an attempt this
process wrote down itself; any other open attempt (its replica died in the call, or the
provider did not answer in time) is first looked up at the provider by its idempotency
key: found, it is recorded as issued; not found, a new attempt is written down and paid.
Replaying the log calls nothing: only this step, on the complaint's owner, calls out.
"""
from __future__ import annotations

from typing import Awaitable, Callable

import structlog

from redress_compensation.payments import PaymentAdapter, PaymentDeclined, PaymentRequest, PaymentTimeout

log = structlog.get_logger(__name__)
Step = Callable[..., Awaitable[None]]  # (action, request_id, **fields): one command on the offer's complaint


class Payer:
    def __init__(self, adapters: dict[str, PaymentAdapter]):
        self.adapters = adapters
        self._mine: set[tuple[str, int]] = set()  # attempts this process wrote down and has not paid yet

    def started_here(self, offer_id: str, attempt: int) -> None:
        self._mine.add((offer_id, attempt))

    async def settle(self, step: Step, request: PaymentRequest, adapter_name: str, attempt: int,
                     still_open: Callable[[int], bool]) -> None:
        """`still_open(attempt)`: whether that attempt is the offer's open one in the log now."""
        adapter = self.adapters.get(adapter_name)
        if adapter is None:
            await self._record(step, request, attempt, "failed", reason=f"no payment adapter named {adapter_name!r}")
            return
        if (request.offer_id, attempt) not in self._mine:
            try:
                found = await adapter.find(request.idempotency_key)
            except PaymentTimeout:
                return  # asked again on the next pass
            if found is not None:
                await self._record(step, request, attempt, "issued", reference=found.reference,
                                   voucher_code=found.voucher_code, reconciled=True)
                return
            attempt += 1
            await step("start_payment", f"pay:{request.offer_id}:{attempt}", offer_id=request.offer_id,
                       attempt=attempt)
            if not still_open(attempt):
                return  # settled meanwhile (another replica recorded it): nothing to pay
        self._mine.discard((request.offer_id, attempt))
        await self._pay(step, adapter, request, attempt)

    async def _pay(self, step: Step, adapter: PaymentAdapter, request: PaymentRequest, attempt: int) -> None:
        log.info("paying", offer_id=request.offer_id, attempt=attempt, adapter=adapter.name)
        try:
            payment = await adapter.pay(request)
        except PaymentDeclined as declined:
            await self._record(step, request, attempt, "failed", reason=str(declined) or "declined")
        except PaymentTimeout as timeout:
            await self._record(step, request, attempt, "unknown", reason=str(timeout) or "no answer in time")
        else:
            await self._record(step, request, attempt, "issued", reference=payment.reference,
                               voucher_code=payment.voucher_code)

    async def _record(self, step: Step, request: PaymentRequest, attempt: int, outcome: str, **fields) -> None:
        await step("record_payment", f"paid:{request.offer_id}:{attempt}:{outcome}", offer_id=request.offer_id,
                   attempt=attempt, outcome=outcome, **fields)
