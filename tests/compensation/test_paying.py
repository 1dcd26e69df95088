"""Paying exactly once, with real processes: a replica SIGKILLed between paying and
recording, a provider that answers late or says no, a replay that calls nobody, and an
offer's expiry firing once across a restart."""
from __future__ import annotations

import asyncio
import os
import signal
import uuid

import grpc
import pytest

from redress.dev.platform import start_service
from redress.events.v1 import compensation_pb2 as cev
from redress.kernel.envelope import decode_record
from redress_compensation.payments import SandboxProvider
from tests.compensation.support import S, act, comp, eur, known_complaint, propose, to_accepted
from tests.helpers import committed_records, eventually

pytestmark = pytest.mark.kafka
ORDER = cev.Circumstances(order_value=eur(9000))


class Platform:
    """Intake and compensation replicas on a topic namespace of their own, with their own
    sandbox provider."""

    def __init__(self, env: dict, tmp_path):
        self.env, self.tmp_path, self.replicas = env, tmp_path, []
        self.sandbox = tmp_path / "sandbox"
        self.intake = self.start("intake")

    def start(self, name: str, state: str = ""):
        index = len(self.replicas)
        env = {**self.env, "REDRESS_STATE_DIR": str(self.tmp_path / (state or f"{name}-{index}"))}
        replica = start_service(name, env, port=0, log_to=open(self.tmp_path / f"{name}-{index}.log", "w"))
        self.replicas.append(replica)
        return replica

    def stop(self) -> None:
        for replica in self.replicas:
            replica.stop()

    async def events(self, offer_id: str) -> list[str]:
        records = await committed_records(self.env["REDRESS_KAFKA_BOOTSTRAP"],
                                          f"{self.env['REDRESS_TOPIC_NAMESPACE']}.compensation.events.v1")
        found = [decode_record(r) for r in records]
        return [type(e.payload).__name__ for e in found if getattr(e.payload, "offer_id", "") == offer_id]


@pytest.fixture
def platform(service_env, compensation_config, tmp_path):
    env = {**service_env, "REDRESS_TOPIC_NAMESPACE": f"p{uuid.uuid4().hex[:8]}", "REDRESS_LOG_LEVEL": "info",
           "REDRESS_SESSION_TIMEOUT_MS": "1500", "REDRESS_COMPENSATION_CONFIG_DIR": str(compensation_config),
           "REDRESS_SANDBOX_PAYMENTS_DIR": str(tmp_path / "sandbox"), "REDRESS_PAYMENT_TIMEOUT_S": "5",
           "REDRESS_CLOCK_TICK_S": "0.2"}
    running = Platform(env, tmp_path)
    yield running
    running.stop()


async def _accepted_refund(platform: Platform, channel) -> str:
    async with grpc.aio.insecure_channel(platform.intake.address) as intake:
        return (await _accepted(intake, channel, 6000)).offer_id


async def _accepted(intake_channel, channel, amount: int) -> S.Offer:
    complaint = await known_complaint(intake_channel, channel, "token-comp")
    offer = await propose(channel, complaint, "token-comp-manager", kind=cev.OFFER_KIND_REFUND, amount=amount,
                          circumstances=ORDER)
    await to_accepted(channel, offer.offer_id, "token-comp-manager")
    return offer


async def _issued(channel, offer_id: str):
    async def probe():
        offer = await comp(channel).GetOffer(S.GetOfferRequest(offer_id=offer_id), metadata=_md())
        return offer if offer.status == S.OFFER_STATUS_ISSUED else None
    return await eventually(probe, timeout=30)


def _md():
    return (("authorization", "Bearer token-comp-manager"),)


def _calls(platform: Platform, offer_id: str, call: str) -> list[dict]:
    return [c for c in SandboxProvider.calls(platform.sandbox) if c["key"] == offer_id and c["call"] == call]


async def test_a_replica_killed_between_paying_and_recording_never_pays_twice(platform):
    first, second = platform.start("compensation"), platform.start("compensation")
    SandboxProvider.behave(platform.sandbox, "late", late_seconds=3, times=1)
    async with grpc.aio.insecure_channel(first.address) as on_first, \
            grpc.aio.insecure_channel(second.address) as on_second:
        offer_id = await _accepted_refund(platform, on_first)
        issuing = asyncio.create_task(act(on_first, "IssueOffer", "token-comp-manager", offer_id=offer_id))
        async def paying_now():
            return _calls(platform, offer_id, "pay")
        paying = await eventually(paying_now, timeout=15)
        assert paying, "nobody called the provider"
        payer = next(r for r in (first, second) if r.pid == paying[0]["pid"])
        os.kill(payer.pid, signal.SIGKILL)  # the provider has paid; the answer is 3 s away
        survivor = on_second if payer is first else on_first
        issued = await _issued(survivor, offer_id)
        await asyncio.gather(issuing, return_exceptions=True)
    assert len(_calls(platform, offer_id, "pay")) == 1
    assert [p["key"] for p in SandboxProvider.payments(platform.sandbox)].count(offer_id) == 1
    assert issued.payment_reference == SandboxProvider.payments(platform.sandbox)[0]["reference"]
    assert _calls(platform, offer_id, "find"), "the survivor did not ask the provider before paying"
    assert (await platform.events(offer_id)).count("OfferIssued") == 1


async def test_replaying_the_log_pays_nobody(platform):
    first = platform.start("compensation")
    async with grpc.aio.insecure_channel(first.address) as channel:
        offer_id = await _accepted_refund(platform, channel)
        await act(channel, "IssueOffer", "token-comp-manager", offer_id=offer_id)
        await _issued(channel, offer_id)
    calls = SandboxProvider.calls(platform.sandbox)
    first.stop()
    fresh = platform.start("compensation", state="fresh")  # an empty store: rebuilt from offset zero
    async with grpc.aio.insecure_channel(fresh.address) as channel:
        assert (await _issued(channel, offer_id)).status == S.OFFER_STATUS_ISSUED
        await asyncio.sleep(1.5)  # its watch has had several passes
    assert SandboxProvider.calls(platform.sandbox) == calls


async def test_an_offer_expires_once_even_across_a_restart(platform):
    first = platform.start("compensation", state="expiry")
    async with grpc.aio.insecure_channel(first.address) as channel:
        async with grpc.aio.insecure_channel(platform.intake.address) as intake:
            complaint = await known_complaint(intake, channel, "token-expiry")
        offer = await propose(channel, complaint, "token-expiry", amount=1000)
        assert offer.status == S.OFFER_STATUS_APPROVED
    first.stop()
    await asyncio.sleep(4)  # past its 3.6 s, with nobody running
    again = platform.start("compensation", state="expiry")
    other = platform.start("compensation")
    async with grpc.aio.insecure_channel(again.address) as channel:
        async def expired():
            found = await comp(channel).GetOffer(S.GetOfferRequest(offer_id=offer.offer_id),
                                                 metadata=(("authorization", "Bearer token-expiry"),))
            return found.status == S.OFFER_STATUS_EXPIRED and found
        assert await eventually(expired, timeout=20)
        await asyncio.sleep(1.5)
        budget = await comp(channel).GetBudget(S.GetBudgetRequest(), metadata=(("authorization", "Bearer token-expiry"),))
    events = await platform.events(offer.offer_id)
    assert events.count("OfferExpired") == 1 and events.count("OfferBudgetReleased") == 1
    assert events.count("BudgetReleased") == 1 and budget.organisation_budget.reserved.amount_minor == 0
    assert other.process.poll() is None


async def test_a_declined_payment_is_recorded_and_may_be_issued_again(channel, compensation_channel,
                                                                      sandbox_payments):
    offer = await _accepted(channel, compensation_channel, 3000)
    SandboxProvider.behave(sandbox_payments, "decline", times=1, reason="card account closed")
    failed = await act(compensation_channel, "IssueOffer", "token-comp-manager", offer_id=offer.offer_id)
    assert (failed.status, failed.refusal) == (S.OFFER_STATUS_PAYMENT_FAILED, "card account closed")
    issued = await act(compensation_channel, "IssueOffer", "token-comp-manager", offer_id=offer.offer_id)
    assert issued.status == S.OFFER_STATUS_ISSUED
    assert [p["key"] for p in SandboxProvider.payments(sandbox_payments)].count(offer.offer_id) == 1
    calls = [c["call"] for c in SandboxProvider.calls(sandbox_payments) if c["key"] == offer.offer_id]
    assert calls.count("pay") == 2  # the declined one, and the one that paid


async def test_a_late_answer_is_reconciled_by_its_key_never_paid_again(channel, compensation_channel,
                                                                       sandbox_payments):
    offer = await _accepted(channel, compensation_channel, 2500)
    SandboxProvider.behave(sandbox_payments, "late", late_seconds=3, times=1)  # the service waits 1.5 s
    issuing = await act(compensation_channel, "IssueOffer", "token-comp-manager", offer_id=offer.offer_id)
    assert issuing.status in (S.OFFER_STATUS_ISSUING, S.OFFER_STATUS_ISSUED)
    await _issued(compensation_channel, offer.offer_id)
    calls = [c["call"] for c in SandboxProvider.calls(sandbox_payments) if c["key"] == offer.offer_id]
    assert calls.count("pay") == 1 and "find" in calls

