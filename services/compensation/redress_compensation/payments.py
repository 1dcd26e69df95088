"""Payment adapters: how an organisation's compensation actually gets paid.

Paying must happen exactly once. The service records "PaymentStarted" before calling
`pay`, and after a crash or a `PaymentTimeout` it asks `find(idempotency_key)` before it
ever calls `pay` again. Adapters therefore need idempotency keys that their provider
honours (a second `pay` with the same key returns the first payment) and a way to look
a payment up by key.
"""
from __future__ import annotations

import asyncio
import fcntl
import json
import os
import secrets
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Protocol


@dataclass(frozen=True)
class PaymentRequest:
    idempotency_key: str  # one per offer, the same on every attempt
    organisation: str
    offer_id: str
    complaint_id: str
    kind: str  # e.g. "OFFER_KIND_REFUND"
    amount_minor: int
    currency: str
    customer_id: str = ""


@dataclass(frozen=True)
class Payment:
    reference: str  # the provider's id for it
    voucher_code: str = ""


class PaymentDeclined(Exception):
    """The provider said no and nothing was paid; the message is the provider's reason."""


class PaymentTimeout(Exception):
    """No answer in time: whether it was paid is unknown. Reconcile with `find`."""


class PaymentAdapter(Protocol):
    name: str

    async def pay(self, request: PaymentRequest) -> Payment: ...

    async def find(self, idempotency_key: str) -> Payment | None: ...  # the payment under this key


MODES = ("ok", "decline", "hang", "late")


def _read_jsonl(path: Path) -> list[dict]:
    try:
        text = path.read_text()
    except FileNotFoundError:
        return []
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def _append_jsonl(path: Path, record: dict) -> None:
    record = {**record, "time": datetime.now(timezone.utc).isoformat()}
    with path.open("a") as f:
        f.write(json.dumps(record, sort_keys=True) + "\n")


class SandboxProvider:
    """A test double for an outside payment provider (think Stripe or Adyen), kept in files.

    Not a real provider: it moves no money. It exists so the tests, and operators trying
    the platform, can watch the exactly-once protocol work, including across processes
    (a test SIGKILLs a service in the middle of a payment). State under `directory`:

    - payments.jsonl: one line per distinct payment (key, reference, amount, currency, ...);
    - calls.jsonl: every call, {"call": "pay"|"find", "key", "pid", "time", "outcome"};
    - behaviour.json (optional, see `behave`): {"mode": "ok"|"decline"|"hang"|"late",
      "late_seconds": float, "times": int (pay calls it applies to; absent = always),
      "reason": str}.
      "decline" raises PaymentDeclined(reason) and pays nothing; "hang" loses the request
      (nothing paid, the caller times out); "late" records the payment at once and answers
      after late_seconds (past timeout_s the caller gets PaymentTimeout, find() has it).

    Like a real provider, a pay() whose key already has a payment returns that payment.
    Every read-modify-write holds an fcntl lock on `lock`, so processes can share it.
    """

    name = "sandbox"

    def __init__(self, directory: Path, timeout_s: float = 5.0):
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        self.timeout_s = timeout_s

    async def pay(self, request: PaymentRequest) -> Payment:
        return await self._within_timeout(self._pay(request), request.idempotency_key)

    async def find(self, idempotency_key: str) -> Payment | None:
        return await self._within_timeout(
            asyncio.to_thread(self._find, idempotency_key), idempotency_key)

    async def _within_timeout(self, call, key: str):
        try:
            return await asyncio.wait_for(call, self.timeout_s)
        except TimeoutError:
            raise PaymentTimeout(
                f"sandbox: no answer within {self.timeout_s}s (key {key})") from None

    async def _pay(self, request: PaymentRequest) -> Payment:
        mode, payment, behaviour = await asyncio.to_thread(self._pay_at_provider, request)
        if mode == "hang":
            await asyncio.Event().wait()  # never answers; wait_for gives up
        if mode == "decline":
            raise PaymentDeclined(behaviour.get("reason") or "declined by the sandbox")
        if mode == "late":
            await asyncio.sleep(float(behaviour.get("late_seconds", 0)))
        return payment

    @contextmanager
    def _locked(self):
        with (self.directory / "lock").open("a") as f:
            fcntl.flock(f, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(f, fcntl.LOCK_UN)

    def _pay_at_provider(self, request: PaymentRequest):
        key = request.idempotency_key
        with self._locked():
            behaviour = self._take_behaviour()
            mode = behaviour.get("mode", "ok")
            existing = self._lookup(key)
            payment = None
            if mode == "hang":
                outcome = "lost"
            elif existing is not None:
                mode = "late" if mode == "late" else "ok"  # a replay is never declined
                payment, outcome = existing, "replayed"
            elif mode == "decline":
                outcome = "declined"
            else:
                payment = Payment(reference="sbx_" + secrets.token_hex(10))
                _append_jsonl(self.directory / "payments.jsonl", {
                    "key": key, "reference": payment.reference, "amount": request.amount_minor,
                    "currency": request.currency, "offer": request.offer_id,
                    "organisation": request.organisation, "kind": request.kind})
                outcome = "paid"
            self._record("pay", key, outcome + (" late" if mode == "late" else ""))
        return mode, payment, behaviour

    def _take_behaviour(self) -> dict:
        path = self.directory / "behaviour.json"
        try:
            behaviour = json.loads(path.read_text())
        except FileNotFoundError:
            return {"mode": "ok"}
        times = behaviour.get("times")
        if times is not None:
            if times <= 0:
                return {"mode": "ok"}
            _write_json(path, {**behaviour, "times": times - 1})
        return behaviour

    def _lookup(self, key: str) -> Payment | None:
        for p in _read_jsonl(self.directory / "payments.jsonl"):
            if p["key"] == key:
                return Payment(reference=p["reference"])
        return None

    def _find(self, key: str) -> Payment | None:
        with self._locked():
            payment = self._lookup(key)
            self._record("find", key, "found" if payment else "none")
        return payment

    def _record(self, call: str, key: str, outcome: str) -> None:
        _append_jsonl(self.directory / "calls.jsonl", {
            "call": call, "key": key, "pid": os.getpid(), "outcome": outcome})

    @staticmethod
    def calls(directory: Path) -> list[dict]:
        return _read_jsonl(Path(directory) / "calls.jsonl")

    @staticmethod
    def payments(directory: Path) -> list[dict]:
        return _read_jsonl(Path(directory) / "payments.jsonl")

    @staticmethod
    def behave(directory: Path, mode: str, late_seconds: float = 0,
               times: int | None = None, reason: str = "") -> None:
        if mode not in MODES:
            raise ValueError(f"unknown sandbox mode {mode!r}; expected one of {MODES}")
        behaviour = {"mode": mode, "late_seconds": late_seconds, "reason": reason}
        if times is not None:
            behaviour["times"] = times
        with SandboxProvider(directory)._locked():
            _write_json(Path(directory) / "behaviour.json", behaviour)

    @staticmethod
    def reset(directory: Path) -> None:
        with SandboxProvider(directory)._locked():
            for name in ("payments.jsonl", "calls.jsonl", "behaviour.json"):
                (Path(directory) / name).unlink(missing_ok=True)


def _write_json(path: Path, value: dict) -> None:
    tmp = path.with_name(path.name + f".{os.getpid()}.tmp")
    tmp.write_text(json.dumps(value))
    os.replace(tmp, path)


VOUCHER_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L look-alikes


def new_voucher_code() -> str:
    """20 characters from the secrets CSPRNG (31 symbols, ~99 bits) as XXXXX-XXXXX-XXXXX-XXXXX."""
    chars = "".join(secrets.choice(VOUCHER_ALPHABET) for _ in range(20))
    return "-".join(chars[i:i + 5] for i in range(0, 20, 5))


class VoucherIssuer:
    """The built-in issuer of voucher codes.

    `find` always answers None, and that is safe: a voucher code exists only once it is
    recorded in the event log. A code made before a crash or timeout but never recorded
    was never given to anyone, so after a restart a new code may be made in its place.
    """

    name = "vouchers"

    async def pay(self, request: PaymentRequest) -> Payment:
        return Payment(reference="voucher:" + request.idempotency_key,
                       voucher_code=new_voucher_code())

    async def find(self, idempotency_key: str) -> Payment | None:
        return None


def adapters(directory: Path, timeout_s: float) -> dict[str, PaymentAdapter]:
    return {"sandbox": SandboxProvider(directory, timeout_s), "vouchers": VoucherIssuer()}
