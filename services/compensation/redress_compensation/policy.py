"""Compensation policy: which offers an organisation allows for a complaint and for how much, who may
approve them and how much may be spent. One JSON file per organisation, config/policies/<organisation>.json;
_default.json (organisation "*") serves every organisation without its own file. Offers record the policy's
version and digest, so a replay never depends on the files of the day.

A file (keys starting with "_" are comments, anywhere):
  organisation, version (both required), currency (ISO 4217, required), offer_expires_after_hours (168),
  payment_adapter ("sandbox": pays refunds and service credits; vouchers pay discounts, vouchers, free items
  and replacements; an apology pays nothing), adapters {"OFFER_KIND_...": adapter} overriding those;
  approval_limits {role: minor units, or null for unlimited}; unlisted roles have limit 0;
  budgets {"organisation_per_month", "store_per_month": minor or null (unlimited), "stores": {store: minor or null}};
  rules [{"id", "when": condition, "offers": [offer, ...]}]: every matching rule's offers are allowed, in order.
A condition (keys optional, all must hold): category, severity, channel (lists of enum names), store (list),
  repeat_complainant (bool), min_earlier_complaints, earlier_offers_declined_at_least (counts), intra_eu,
  rerouted (bool), order_value, flight_distance_km, arrival_delay_minutes ({"min", "max"}, inclusive).
  Conditions on circumstances fail when they are unknown, order_value also when in another currency.
An offer: "kind" (OfferKind name), "reason", and its amount: none for an apology; a fixed "amount", which
  "halved_when" (a condition) halves, adding "halved_reason" to the reason (EU261 art. 7(2)); or "max",
  "max_share_of_order" (0..1 of the order value, rounded down; the offer is left out when that is unknown) or
  both, the lower one applying, with an optional "min" (lowered to the max when a small order puts it above).
Store names compare case- and accent-insensitively. Reading and checking a file: policy_rules.py.
"""
from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from redress.events.v1 import compensation_pb2 as cev
from redress_compensation.policy_rules import Invalid, Rule, parse, store_key

DEFAULT_DIR = Path(__file__).parent / "config"
DEFAULT_FILE = "_default"
ANY = "*"
VOUCHER_KINDS = frozenset({cev.OFFER_KIND_DISCOUNT, cev.OFFER_KIND_VOUCHER, cev.OFFER_KIND_FREE_ITEM,
                           cev.OFFER_KIND_REPLACEMENT})


class PolicyError(ValueError):
    pass


class Refusal(Exception):
    def __init__(self, message: str, rule: str = ""):
        super().__init__(message)
        self.rule = rule


@dataclass(frozen=True)
class Facts:
    category: int = 0
    severity: int = 0
    channel: int = 0
    store: str = ""
    earlier_complaints: int = 0
    earlier_offers_declined: int = 0
    circumstances: cev.Circumstances | None = None


@dataclass(frozen=True)
class Allowance:
    kind: int
    min_minor: int
    max_minor: int
    currency: str
    rule: str
    reason: str

    def covers(self, amount_minor: int) -> bool:
        return self.min_minor <= amount_minor <= self.max_minor


@dataclass(frozen=True)
class OrganisationPolicy:
    organisation: str
    version: str
    digest: str
    path: str
    currency: str
    rules: tuple[Rule, ...] = ()
    approval_limits: dict[str, int | None] = field(default_factory=dict)
    organisation_per_month: int | None = None
    store_per_month: int | None = None
    stores: dict[str, int | None] = field(default_factory=dict)
    offer_ttl: timedelta = timedelta(hours=168)
    payment_adapter: str = "sandbox"
    adapters: dict[int, str] = field(default_factory=dict)

    def allowances(self, facts: Facts) -> list[Allowance]:
        found = ((r, o, o.bounds(facts, self.currency)) for r in self.rules if r.when.holds(facts) for o in r.offers)
        return [Allowance(o.kind, b[0], b[1], self.currency, r.id, b[2] or f"policy {self.version}, rule {r.id}")
                for r, o, b in found if b is not None]

    def check(self, facts: Facts, kind: int, amount_minor: int) -> Allowance:
        candidates = [a for a in self.allowances(facts) if a.kind == kind]
        allowed = next((a for a in candidates if a.covers(amount_minor)), None)
        if allowed is not None:
            return allowed
        if not candidates:
            raise Refusal(f"no rule of policy {self.version} allows {_kind_words(kind)} for this complaint")
        closest = min(candidates, key=lambda a: max(a.min_minor - amount_minor, amount_minor - a.max_minor))
        below = amount_minor < closest.min_minor
        bound = "exactly" if closest.min_minor == closest.max_minor else "at least" if below else "at most"
        limit = closest.min_minor if below else closest.max_minor
        raise Refusal(f"rule {closest.rule} allows {_kind_words(kind)} of {bound} {format_money(limit, self.currency)}"
                      f" here; {format_money(amount_minor, self.currency)} was proposed", closest.rule)

    def limit_for(self, roles) -> tuple[str, int | None]:
        limits = [(role, self.approval_limits[role]) for role in sorted(roles) if role in self.approval_limits]
        return max(limits, key=lambda rl: math.inf if rl[1] is None else rl[1], default=("", 0))

    def organisation_budget(self) -> int | None:
        return self.organisation_per_month

    def store_budget(self, store: str) -> int | None:
        return self.stores.get(store_key(store), self.store_per_month)

    def adapter_for(self, kind: int) -> str:
        if kind in self.adapters:
            return self.adapters[kind]
        if kind == cev.OFFER_KIND_APOLOGY_ONLY:
            return "none"
        return "vouchers" if kind in VOUCHER_KINDS else self.payment_adapter


@dataclass(frozen=True)
class Policies:
    by_organisation: dict[str, OrganisationPolicy]
    default: OrganisationPolicy

    def for_organisation(self, organisation: str) -> OrganisationPolicy:
        return self.by_organisation.get(organisation, self.default)


def format_money(amount_minor: int, currency: str) -> str:
    units, cents = divmod(abs(amount_minor), 100)
    return f"{'-' if amount_minor < 0 else ''}{units}.{cents:02d} {currency}"


def _kind_words(kind: int) -> str:
    words = cev.OfferKind.Name(kind).removeprefix("OFFER_KIND_").lower().replace("_", " ")
    return f"{'an' if words[0] in 'aeiou' else 'a'} {words}"


def _no_duplicate_keys(pairs: list) -> dict:
    keys = [k for k, _ in pairs]
    duplicates = sorted({k for k in keys if keys.count(k) > 1})
    if duplicates:
        raise ValueError(f"key {duplicates[0]!r} appears twice in one object")
    return dict(pairs)


def _read(path: Path) -> OrganisationPolicy:
    data = path.read_bytes()
    try:
        value = json.loads(data.decode("utf-8"), object_pairs_hook=_no_duplicate_keys)
    except json.JSONDecodeError as e:
        raise PolicyError(f"{path}: line {e.lineno} column {e.colno}: {e.msg}") from None
    except ValueError as e:  # not UTF-8, or a key twice
        raise PolicyError(f"{path}: {e}") from None
    try:
        fields = parse(value, ANY if path.stem == DEFAULT_FILE else path.stem)
    except Invalid as e:
        raise PolicyError(f"{path}: {e.where}: {e.problem}" if e.where else f"{path}: {e.problem}") from None
    return OrganisationPolicy(digest=hashlib.sha256(data).hexdigest(), path=str(path), **fields)


def load(directory: Path | None = None) -> Policies:
    folder = (directory or DEFAULT_DIR) / "policies"
    policies = {p.organisation: p for p in map(_read, sorted(folder.glob("*.json")))}
    if ANY not in policies:
        raise PolicyError(f"{folder / (DEFAULT_FILE + '.json')}: missing; "
                          "organisations without a policy of their own use it")
    return Policies(policies, policies[ANY])
