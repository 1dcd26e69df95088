"""Payment adapters without a broker: the sandbox provider's idempotency, failure modes
and cross-process state, and the built-in voucher issuer."""
from __future__ import annotations

import re
import subprocess
import sys
import textwrap

import pytest

from redress_compensation.payments import (
    VOUCHER_ALPHABET, Payment, PaymentDeclined, PaymentRequest, PaymentTimeout,
    SandboxProvider, VoucherIssuer, adapters, new_voucher_code)


def request(key: str = "offer-1:pay", amount: int = 2500) -> PaymentRequest:
    return PaymentRequest(idempotency_key=key, organisation="org-a", offer_id="offer-1",
                          complaint_id="c-1", kind="OFFER_KIND_REFUND",
                          amount_minor=amount, currency="GBP")


def pays(directory):
    return [c for c in SandboxProvider.calls(directory) if c["call"] == "pay"]


async def test_paying_twice_with_one_key_pays_once(tmp_path):
    sandbox = SandboxProvider(tmp_path)
    first = await sandbox.pay(request())
    second = await sandbox.pay(request())
    assert re.fullmatch(r"sbx_[0-9a-f]{20}", first.reference)
    assert second == first
    [payment] = SandboxProvider.payments(tmp_path)
    assert payment["key"] == "offer-1:pay" and payment["reference"] == first.reference
    assert (payment["amount"], payment["currency"], payment["offer"]) == (2500, "GBP", "offer-1")
    assert [c["outcome"] for c in pays(tmp_path)] == ["paid", "replayed"]
    assert await sandbox.find("offer-1:pay") == first
    assert await sandbox.find("another") is None


async def test_decline_pays_nothing_and_times_limits_it(tmp_path):
    sandbox = SandboxProvider(tmp_path)
    SandboxProvider.behave(tmp_path, "decline", times=1, reason="card expired")
    with pytest.raises(PaymentDeclined, match="card expired"):
        await sandbox.pay(request())
    assert SandboxProvider.payments(tmp_path) == []
    assert await sandbox.find("offer-1:pay") is None
    paid = await sandbox.pay(request())  # the one decline is used up: back to ok
    assert [p["reference"] for p in SandboxProvider.payments(tmp_path)] == [paid.reference]
    assert [c["outcome"] for c in pays(tmp_path)] == ["declined", "paid"]


async def test_hang_times_out_and_nothing_was_paid(tmp_path):
    sandbox = SandboxProvider(tmp_path, timeout_s=0.3)
    SandboxProvider.behave(tmp_path, "hang")
    with pytest.raises(PaymentTimeout):
        await sandbox.pay(request())
    assert SandboxProvider.payments(tmp_path) == []
    assert await sandbox.find("offer-1:pay") is None


async def test_late_answer_times_out_but_reconciliation_finds_the_payment(tmp_path):
    sandbox = SandboxProvider(tmp_path, timeout_s=0.3)
    SandboxProvider.behave(tmp_path, "late", late_seconds=2, times=1)
    with pytest.raises(PaymentTimeout):
        await sandbox.pay(request())
    found = await sandbox.find("offer-1:pay")
    assert found is not None
    assert [p["reference"] for p in SandboxProvider.payments(tmp_path)] == [found.reference]
    assert await sandbox.pay(request()) == found  # a retry would not pay again


async def test_late_within_the_timeout_answers(tmp_path):
    sandbox = SandboxProvider(tmp_path, timeout_s=2)
    SandboxProvider.behave(tmp_path, "late", late_seconds=0.2)
    payment = await sandbox.pay(request())
    assert [p["reference"] for p in SandboxProvider.payments(tmp_path)] == [payment.reference]


async def test_state_is_shared_across_processes(tmp_path):
    script = textwrap.dedent(f"""
        import asyncio
        from pathlib import Path
        from redress_compensation.payments import PaymentRequest, SandboxProvider
        r = PaymentRequest("offer-9:pay", "org-a", "offer-9", "c-9", "OFFER_KIND_REFUND",
                           700, "EUR")
        print(asyncio.run(SandboxProvider(Path({str(tmp_path)!r})).pay(r)).reference)
    """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         timeout=60, check=True)
    reference = out.stdout.strip()
    sandbox = SandboxProvider(tmp_path)
    assert await sandbox.find("offer-9:pay") == Payment(reference)
    assert (await sandbox.pay(request("offer-9:pay", 700))).reference == reference
    assert len(SandboxProvider.payments(tmp_path)) == 1
    assert len({c["pid"] for c in SandboxProvider.calls(tmp_path)}) == 2
    SandboxProvider.reset(tmp_path)
    assert SandboxProvider.payments(tmp_path) == SandboxProvider.calls(tmp_path) == []


def test_behave_rejects_unknown_modes(tmp_path):
    with pytest.raises(ValueError):
        SandboxProvider.behave(tmp_path, "explode")


async def test_vouchers():
    codes = {new_voucher_code() for _ in range(1000)}
    assert len(codes) == 1000
    for code in codes:
        assert re.fullmatch(r"[A-Z2-9]{5}(-[A-Z2-9]{5}){3}", code)
        assert not set(code) & set("0O1IL")
        assert set(code.replace("-", "")) <= set(VOUCHER_ALPHABET)
    issuer = VoucherIssuer()
    payment = await issuer.pay(request())
    assert payment.reference == "voucher:offer-1:pay"
    assert re.fullmatch(r"[A-Z2-9]{5}(-[A-Z2-9]{5}){3}", payment.voucher_code)
    assert await issuer.find("offer-1:pay") is None


def test_adapters_by_name(tmp_path):
    found = adapters(tmp_path / "sbx", 1.5)
    assert set(found) == {"sandbox", "vouchers"}
    assert found["sandbox"].name == "sandbox" and found["sandbox"].timeout_s == 1.5
    assert found["vouchers"].name == "vouchers"
    assert (tmp_path / "sbx").is_dir()
