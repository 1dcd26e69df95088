"""Reading one compensation policy file: its rules, and every check on what it says (the format is
described in policy.py). Problems raise Invalid(key path, problem); policy.py adds the file's name.
"""
from __future__ import annotations

import difflib
import math
import re
import unicodedata
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Callable

from redress.events.v1 import compensation_pb2 as cev
from redress.kernel.auth import ROLES
from redress.types.v1 import complaint_pb2 as types

if TYPE_CHECKING:
    from redress_compensation.policy import Facts

ENUMS = {"category": types.Category, "severity": types.Severity, "channel": types.Channel}
RANGES = ("order_value", "flight_distance_km", "arrival_delay_minutes")
COUNTS = {"min_earlier_complaints": "earlier_complaints", "earlier_offers_declined_at_least": "earlier_offers_declined"}
CONDITION_KEYS = (*ENUMS, "store", "repeat_complainant", *COUNTS, "intra_eu", "rerouted", *RANGES)
OFFER_KEYS = ("kind", "reason", "amount", "halved_when", "halved_reason", "min", "max", "max_share_of_order")
TOP_KEYS = ("organisation", "version", "currency", "offer_expires_after_hours", "payment_adapter", "adapters",
            "approval_limits", "budgets", "rules")
MAX_TTL_HOURS = 24 * 3660


class Invalid(Exception):
    def __init__(self, where: str, problem: str):
        super().__init__(where, problem)
        self.where, self.problem = where, problem


@dataclass(frozen=True)
class Condition:
    tests: tuple[Callable[[Facts], bool], ...] = ()

    def holds(self, facts: Facts) -> bool:
        return all(test(facts) for test in self.tests)


@dataclass(frozen=True)
class Offer:
    kind: int
    reason: str = ""
    amount: int | None = None
    min: int = 0
    max: int | None = None
    share: Decimal | None = None
    halved_when: Condition | None = None
    halved_reason: str = "halved"

    def bounds(self, facts: Facts, currency: str) -> tuple[int, int, str] | None:
        """(min, max, reason) for these facts; None when it needs an order value it lacks."""
        if self.amount is not None:
            halved = self.halved_when is not None and self.halved_when.holds(facts)
            amount = (self.amount + 1) // 2 if halved else self.amount
            return amount, amount, "; ".join(filter(None, (self.reason, halved and self.halved_reason)))
        high = 0 if self.max is None and self.share is None else self.max
        if self.share is not None:
            order = order_value(facts, currency)
            if order is None:
                return None
            high = min(int(self.share * order), math.inf if high is None else high)
        return min(self.min, high), high, self.reason


@dataclass(frozen=True)
class Rule:
    id: str
    when: Condition
    offers: tuple[Offer, ...]


def store_key(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name.strip().casefold().replace("ı", "i"))
    return "".join(c for c in folded if not unicodedata.combining(c))


def order_value(facts: Facts, currency: str) -> int | None:
    c = facts.circumstances
    if c is None or not c.HasField("order_value") or c.order_value.currency != currency:
        return None
    return c.order_value.amount_minor


def _at(where: str, key) -> str:
    return f"{where}[{key}]" if isinstance(key, int) else f"{where}.{key}" if where else key


def _typed(value, where: str, kind: type, wanted: str, empty_ok: bool = True):
    if type(value) is not kind:
        found = {dict: "an object", list: "a list", str: "a string", bool: "true/false", int: "a number",
                 float: "a number"}.get(type(value), "null")
        raise Invalid(where, f"must be {wanted}, not {found}")
    if not value and not empty_ok and kind in (str, list):
        raise Invalid(where, "must not be empty")
    return value


def _text(value, where: str, empty_ok: bool = False) -> str:
    return _typed(value, where, str, "a string", empty_ok)


def _mapping(value, where: str) -> dict:
    return {k: v for k, v in _typed(value, where, dict, "an object").items() if not k.startswith("_")}


def _object(value, where: str, allowed: tuple, required: tuple = ()) -> dict:
    spec = _mapping(value, where)
    for key in spec:
        if key not in allowed:
            raise Invalid(_at(where, key), f"unknown key; known keys are {', '.join(allowed)}")
    for key in required:
        if key not in spec:
            raise Invalid(_at(where, key), "missing")
    return spec


def _natural(value, where: str, nullable: bool = False) -> int | None:
    if value is None and nullable:
        return None
    _typed(value, where, int, "a whole number" + (" or null" if nullable else ""))
    if value < 0:
        raise Invalid(where, f"must not be negative, got {value}")
    return value


def _enum(value, where: str, enum) -> int:
    names = [n for n in enum.keys() if not n.endswith("_UNSPECIFIED")]
    if _text(value, where) not in names:
        close = difflib.get_close_matches(value, names, 1)
        hint = f"; did you mean {close[0]}?" if close else ""
        raise Invalid(where, f"unknown {enum.DESCRIPTOR.name} {value!r}{hint}")
    return enum.Value(value)


def _range(value, where: str) -> tuple[int, float]:
    spec = _object(value, where, ("min", "max"))
    low, high = _natural(spec.get("min", 0), _at(where, "min")), spec.get("max", math.inf)
    if high is not math.inf and _natural(high, _at(where, "max")) < low:
        raise Invalid(where, f"min {low} is more than max {high}")
    return low, high


def _test(key: str, value, where: str, currency: str) -> Callable[[Facts], bool]:
    if key in ENUMS:
        items = enumerate(_typed(value, where, list, "a list", False))
        allowed = {_enum(v, _at(where, i), ENUMS[key]) for i, v in items}
        return lambda f: getattr(f, key) in allowed
    if key == "store":
        stores = {store_key(_text(s, _at(where, i))) for i, s in enumerate(_typed(value, where, list, "a list", False))}
        return lambda f: store_key(f.store) in stores
    if key in COUNTS:
        n, attr = _natural(value, where), COUNTS[key]
        return lambda f: getattr(f, attr) >= n
    if key not in RANGES:
        wanted = _typed(value, where, bool, "true or false")
        if key == "repeat_complainant":
            return lambda f: (f.earlier_complaints >= 1) == wanted
        return lambda f: f.circumstances is not None and getattr(f.circumstances, key) == wanted
    low, high = _range(value, where)
    if key == "order_value":
        return lambda f: (v := order_value(f, currency)) is not None and low <= v <= high
    return lambda f: f.circumstances is not None and low <= getattr(f.circumstances, key) <= high


def _condition(value, where: str, currency: str) -> Condition:
    spec = _object(value, where, CONDITION_KEYS)
    return Condition(tuple(_test(key, v, _at(where, key), currency) for key, v in spec.items()))


def _share(value, where: str) -> Decimal:
    if type(value) not in (int, float) or not 0 <= value <= 1:
        raise Invalid(where, f"must be a number from 0 to 1, not {value!r}")
    return Decimal(repr(value))


def _offer(value, where: str, currency: str) -> Offer:
    spec = _object(value, where, OFFER_KEYS, ("kind",))
    kind = _enum(spec["kind"], _at(where, "kind"), cev.OfferKind)
    amounts = [k for k in ("amount", "min", "max", "max_share_of_order") if k in spec]
    if kind == cev.OFFER_KIND_APOLOGY_ONLY and amounts:
        raise Invalid(_at(where, amounts[0]), "an apology only has no amount")
    if kind != cev.OFFER_KIND_APOLOGY_ONLY and not {"amount", "max", "max_share_of_order"} & set(amounts):
        raise Invalid(where, "needs an amount, a max or a max_share_of_order")
    if "amount" in spec and len(amounts) > 1:
        raise Invalid(_at(where, amounts[1]), "cannot go with a fixed amount")
    halving = [k for k in ("halved_when", "halved_reason") if k in spec]
    if halving and "amount" not in spec:
        raise Invalid(_at(where, halving[0]), "only a fixed amount can be halved")
    share, halved_when = spec.get("max_share_of_order"), spec.get("halved_when")
    offer = Offer(
        kind=kind, reason=_text(spec.get("reason", ""), _at(where, "reason"), empty_ok=True),
        amount=_natural(spec.get("amount"), _at(where, "amount"), nullable=True),
        min=_natural(spec.get("min", 0), _at(where, "min")),
        max=_natural(spec.get("max"), _at(where, "max"), nullable=True),
        share=None if share is None else _share(share, _at(where, "max_share_of_order")),
        halved_when=None if halved_when is None else _condition(halved_when, _at(where, "halved_when"), currency),
        halved_reason=_text(spec.get("halved_reason", "halved"), _at(where, "halved_reason")))
    if offer.max is not None and offer.min > offer.max:
        raise Invalid(_at(where, "min"), f"min {offer.min} is more than max {offer.max}")
    return offer


def _rule(value, where: str, currency: str) -> Rule:
    spec = _object(value, where, ("id", "when", "offers"), ("id", "offers"))
    offers = enumerate(_typed(spec["offers"], _at(where, "offers"), list, "a list", False))
    return Rule(id=_text(spec["id"], _at(where, "id")),
                when=_condition(spec.get("when", {}), _at(where, "when"), currency),
                offers=tuple(_offer(o, _at(_at(where, "offers"), i), currency) for i, o in offers))


def _rules(value, currency: str) -> tuple[Rule, ...]:
    rules = [_rule(r, _at("rules", i), currency) for i, r in enumerate(_typed(value, "rules", list, "a list"))]
    ids = [r.id for r in rules]
    for i, rule_id in enumerate(ids):
        if rule_id in ids[:i]:
            raise Invalid(f"rules[{i}].id", f"duplicate rule id {rule_id!r} (also rules[{ids.index(rule_id)}])")
    return tuple(rules)


def _limits(value) -> dict[str, int | None]:
    limits = _mapping(value, "approval_limits")
    for role in limits:
        if role not in ROLES:
            raise Invalid(_at("approval_limits", role), f"unknown role; roles are {', '.join(sorted(ROLES))}")
    return {role: _natural(v, _at("approval_limits", role), nullable=True) for role, v in limits.items()}


def _budgets(value) -> dict:
    budgets = _object(value, "budgets", ("organisation_per_month", "store_per_month", "stores"))
    stores: dict[str, int | None] = {}
    for store, amount in _mapping(budgets.get("stores", {}), "budgets.stores").items():
        if store_key(store) in stores:
            raise Invalid(_at("budgets.stores", store), "names a store already listed (names ignore case and accents)")
        stores[store_key(store)] = _natural(amount, _at("budgets.stores", store), nullable=True)
    return dict(organisation_per_month=_natural(budgets.get("organisation_per_month"), "budgets.organisation_per_month",
                                                nullable=True),
                store_per_month=_natural(budgets.get("store_per_month"), "budgets.store_per_month", nullable=True),
                stores=stores)


def parse(value, organisation: str) -> dict:
    """The OrganisationPolicy fields a file's JSON value gives, for the organisation its name says."""
    spec = _object(value, "", TOP_KEYS, ("organisation", "version", "currency", "rules"))
    if _text(spec["organisation"], "organisation") != organisation:
        raise Invalid("organisation", f"{spec['organisation']!r} does not match the file name; "
                                      f"expected {organisation!r}")
    currency = _text(spec["currency"], "currency")
    if not re.fullmatch("[A-Z]{3}", currency):
        raise Invalid("currency", f"{currency!r} is not an ISO 4217 code (three capital letters)")
    hours = spec.get("offer_expires_after_hours", 168)
    if type(hours) not in (int, float) or not 0 < hours <= MAX_TTL_HOURS:
        raise Invalid("offer_expires_after_hours", f"must be a number of hours above 0 and at most {MAX_TTL_HOURS}, "
                                                   f"not {hours!r}")
    adapters = _mapping(spec.get("adapters", {}), "adapters")
    return dict(
        organisation=spec["organisation"], version=_text(spec["version"], "version"), currency=currency,
        rules=_rules(spec["rules"], currency), approval_limits=_limits(spec.get("approval_limits", {})),
        **_budgets(spec.get("budgets", {})), offer_ttl=timedelta(hours=hours),
        payment_adapter=_text(spec.get("payment_adapter", "sandbox"), "payment_adapter"),
        adapters={_enum(k, _at("adapters", k), cev.OfferKind): _text(v, _at("adapters", k))
                  for k, v in adapters.items()})
