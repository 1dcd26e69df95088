"""Compensation policies: what they allow, who may approve it, what may be spent, and how a bad file is reported."""
import hashlib
import json
import shutil
from datetime import timedelta

import pytest

from redress.events.v1 import compensation_pb2 as cev
from redress.types.v1 import complaint_pb2 as types
from redress.types.v1 import money_pb2
from redress_compensation import policy
from redress_compensation.policy import Facts, PolicyError, Refusal

POLICIES = policy.load()
AIRLINE = POLICIES.for_organisation("example-airline")
RESTAURANT = POLICIES.for_organisation("example-restaurant")
DEFAULT = POLICIES.for_organisation("some-shop")


def flight(km: int, intra_eu: bool = False, rerouted: bool = False, delay: int = 0) -> Facts:
    return Facts(category=types.CATEGORY_OTHER, severity=types.SEVERITY_MEDIUM, circumstances=cev.Circumstances(
        flight_distance_km=km, intra_eu=intra_eu, rerouted=rerouted, arrival_delay_minutes=delay))


def order(amount_minor: int, currency: str = "EUR", **facts) -> Facts:
    value = money_pb2.Money(amount_minor=amount_minor, currency=currency)
    return Facts(circumstances=cev.Circumstances(order_value=value), **facts)


def of_kind(p: policy.OrganisationPolicy, facts: Facts, kind: int) -> list[tuple[str, int, int]]:
    return [(a.rule, a.min_minor, a.max_minor) for a in p.allowances(facts) if a.kind == kind]


def eu261(facts: Facts) -> tuple[str, int]:
    [(rule, low, high)] = of_kind(AIRLINE, facts, cev.OFFER_KIND_REFUND)
    assert low == high
    return rule, high


# -- EU261 ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("facts, rule, amount", [
    (flight(1), "eu261-short-haul", 25000),
    (flight(1500), "eu261-short-haul", 25000),
    (flight(1500, intra_eu=True), "eu261-short-haul", 25000),
    (flight(1501, intra_eu=True), "eu261-medium-haul-intra-eu", 40000),
    (flight(5000, intra_eu=True), "eu261-medium-haul-intra-eu", 40000),
    (flight(1501), "eu261-medium-haul", 40000),
    (flight(3500), "eu261-medium-haul", 40000),
    (flight(3501), "eu261-long-haul", 60000),
])
def test_eu261_distance_bands(facts, rule, amount):
    assert eu261(facts) == (rule, amount)


@pytest.mark.parametrize("km, intra_eu, limit, full", [
    (1000, False, 120, 25000), (1000, True, 120, 25000),
    (2000, True, 180, 40000), (4000, True, 180, 40000), (2000, False, 180, 40000),
    (4000, False, 240, 60000),
])
def test_eu261_is_halved_when_rerouted_and_arriving_within_the_band_limit(km, intra_eu, limit, full):
    assert eu261(flight(km, intra_eu, rerouted=True, delay=limit))[1] == full // 2
    assert eu261(flight(km, intra_eu, rerouted=True, delay=0))[1] == full // 2
    assert eu261(flight(km, intra_eu, rerouted=True, delay=limit + 1))[1] == full
    assert eu261(flight(km, intra_eu, rerouted=False, delay=limit))[1] == full


def test_eu261_reasons_cite_the_articles():
    [full] = [a for a in AIRLINE.allowances(flight(800)) if a.kind == cev.OFFER_KIND_REFUND]
    [halved] = [a for a in AIRLINE.allowances(flight(800, rerouted=True, delay=90)) if a.kind == cev.OFFER_KIND_REFUND]
    assert "art. 7(1)(a)" in full.reason and "halved" not in full.reason
    assert halved.reason.startswith(full.reason) and "art. 7(2)" in halved.reason and "2 hours" in halved.reason


def test_eu261_needs_the_flight():
    assert of_kind(AIRLINE, Facts(), cev.OFFER_KIND_REFUND) == []
    assert of_kind(AIRLINE, flight(0), cev.OFFER_KIND_REFUND) == []


def test_eu261_check_holds_to_the_fixed_amount():
    assert AIRLINE.check(flight(800), cev.OFFER_KIND_REFUND, 25000).rule == "eu261-short-haul"
    with pytest.raises(Refusal) as refused:
        AIRLINE.check(flight(800, rerouted=True, delay=100), cev.OFFER_KIND_REFUND, 25000)
    assert refused.value.rule == "eu261-short-haul"
    assert str(refused.value) == ("rule eu261-short-haul allows a refund of exactly 125.00 EUR here; "
                                  "250.00 EUR was proposed")


# -- the restaurant ---------------------------------------------------------------------------------

COLD = {"category": types.CATEGORY_FOOD_LATE_OR_COLD, "severity": types.SEVERITY_MEDIUM}


def test_cold_food_gets_a_free_dish_up_to_the_order_value_and_a_discount():
    facts = order(4250, **COLD)
    assert of_kind(RESTAURANT, facts, cev.OFFER_KIND_FREE_ITEM) == [("cold-food", 0, 4250)]
    assert of_kind(RESTAURANT, facts, cev.OFFER_KIND_DISCOUNT) == [("cold-food", 200, 1000)]
    assert RESTAURANT.check(facts, cev.OFFER_KIND_FREE_ITEM, 4250).rule == "cold-food"
    assert [a.kind for a in RESTAURANT.allowances(facts)][0] == cev.OFFER_KIND_APOLOGY_ONLY


def test_a_free_dish_over_the_order_value_is_refused_with_the_numbers():
    with pytest.raises(Refusal) as refused:
        RESTAURANT.check(order(4250, **COLD), cev.OFFER_KIND_FREE_ITEM, 4300)
    assert refused.value.rule == "cold-food"
    assert str(refused.value) == "rule cold-food allows a free item of at most 42.50 EUR here; 43.00 EUR was proposed"


def test_a_discount_under_the_minimum_is_refused():
    with pytest.raises(Refusal, match="allows a discount of at least 2.00 EUR here; 1.50 EUR was proposed"):
        RESTAURANT.check(order(4250, **COLD), cev.OFFER_KIND_DISCOUNT, 150)


def test_a_kind_no_rule_allows_is_refused_naming_the_policy():
    with pytest.raises(Refusal) as refused:
        RESTAURANT.check(order(4250, **COLD), cev.OFFER_KIND_REFUND, 100)
    assert refused.value.rule == ""
    assert str(refused.value) == "no rule of policy 2025-03 allows a refund for this complaint"


def test_a_share_of_an_order_in_another_currency_is_left_out():
    facts = order(4250, "TRY", **COLD)
    assert of_kind(RESTAURANT, facts, cev.OFFER_KIND_FREE_ITEM) == []
    assert of_kind(RESTAURANT, facts, cev.OFFER_KIND_DISCOUNT) == [("cold-food", 200, 1000)]
    assert of_kind(RESTAURANT, Facts(**COLD), cev.OFFER_KIND_FREE_ITEM) == []


def test_staff_rudeness_gets_a_voucher_larger_when_serious():
    rude = {"category": types.CATEGORY_CONDUCT_INSULTED_OR_DISMISSED}
    assert of_kind(RESTAURANT, Facts(severity=types.SEVERITY_LOW, **rude), cev.OFFER_KIND_VOUCHER) == [
        ("rude-staff", 0, 2500)]
    serious = Facts(severity=types.SEVERITY_HIGH, **rude)
    assert of_kind(RESTAURANT, serious, cev.OFFER_KIND_VOUCHER) == [("rude-staff", 0, 2500),
                                                                    ("rude-staff-serious", 2500, 6000)]
    assert RESTAURANT.check(serious, cev.OFFER_KIND_VOUCHER, 2500).rule == "rude-staff"
    assert RESTAURANT.check(serious, cev.OFFER_KIND_VOUCHER, 4000).rule == "rude-staff-serious"
    with pytest.raises(Refusal, match="rule rude-staff-serious allows a voucher of at most 60.00 EUR"):
        RESTAURANT.check(serious, cev.OFFER_KIND_VOUCHER, 7000)


# -- the customer's history -------------------------------------------------------------------------

def test_repeat_complainant_and_declined_offers():
    def rules(**history):
        return [a.rule for a in DEFAULT.allowances(Facts(severity=types.SEVERITY_MEDIUM, **history))]
    assert "repeat-complainant" not in rules(earlier_complaints=0)
    assert "repeat-complainant" in rules(earlier_complaints=1)
    assert "declined-before" not in rules(earlier_offers_declined=0)
    assert "declined-before" in rules(earlier_offers_declined=1)
    assert "repeat-complainant" not in [a.rule for a in DEFAULT.allowances(Facts(severity=types.SEVERITY_LOW,
                                                                                  earlier_complaints=3))]


def test_counts_are_at_least():
    def voucher_rules(**history):
        return [rule for rule, *_ in of_kind(RESTAURANT, order(1000, **COLD, **history), cev.OFFER_KIND_VOUCHER)]
    assert voucher_rules() == []
    assert voucher_rules(earlier_complaints=1) == ["cold-food-again"]
    assert voucher_rules(earlier_complaints=1, earlier_offers_declined=1) == ["cold-food-again"]
    assert voucher_rules(earlier_complaints=4, earlier_offers_declined=3) == ["cold-food-again", "declined-before"]


# -- approval limits and budgets --------------------------------------------------------------------

@pytest.mark.parametrize("roles, expected", [
    ({"point_of_contact"}, ("point_of_contact", 1500)),
    ({"point_of_contact", "manager"}, ("manager", 10000)),
    (["manager", "corporate_office", "point_of_contact"], ("corporate_office", 50000)),
    ({"manager", "owner"}, ("owner", None)),
    ({"auditor"}, ("", 0)),
    ({"integration", "auditor"}, ("", 0)),
    (set(), ("", 0)),
])
def test_approval_limit_is_the_highest_of_the_roles(roles, expected):
    assert DEFAULT.limit_for(roles) == expected


def test_budgets_per_store_ignore_case_and_accents():
    assert RESTAURANT.organisation_budget() == 300000
    for store in ("Σύνταγμα", "ΣΥΝΤΑΓΜΑ", "σύνταγμα "):
        assert RESTAURANT.store_budget(store) == 80000
    for store in ("Kadıköy", "KADIKÖY", "kadikoy"):
        assert RESTAURANT.store_budget(store) == 60000
    assert RESTAURANT.store_budget("Piraeus") == 40000
    assert DEFAULT.organisation_budget() == 200000 and DEFAULT.store_budget("Anywhere") == 50000
    assert AIRLINE.organisation_budget() is None and AIRLINE.store_budget("ATH") is None


def test_store_condition_ignores_case(tmp_path):
    rule = {"id": "flagship", "when": {"store": ["Σύνταγμα"]},
            "offers": [{"kind": "OFFER_KIND_VOUCHER", "max": 100}]}
    p = load_one(tmp_path, "acme", rules=[rule]).for_organisation("acme")
    assert [a.rule for a in p.allowances(Facts(store="ΣΥΝΤΑΓΜΑ"))] == ["flagship"]
    assert p.allowances(Facts(store="Κηφισιά")) == []


# -- adapters, expiry, money ------------------------------------------------------------------------

def test_adapters_and_expiry(tmp_path):
    assert DEFAULT.adapter_for(cev.OFFER_KIND_APOLOGY_ONLY) == "none"
    for kind in (cev.OFFER_KIND_DISCOUNT, cev.OFFER_KIND_VOUCHER, cev.OFFER_KIND_FREE_ITEM, cev.OFFER_KIND_REPLACEMENT):
        assert DEFAULT.adapter_for(kind) == "vouchers"
    for kind in (cev.OFFER_KIND_REFUND, cev.OFFER_KIND_SERVICE_CREDIT):
        assert DEFAULT.adapter_for(kind) == "sandbox"
    assert DEFAULT.offer_ttl == timedelta(hours=168) and AIRLINE.offer_ttl == timedelta(days=30)
    p = load_one(tmp_path, "acme", payment_adapter="bank", adapters={"OFFER_KIND_VOUCHER": "bank"},
                 offer_expires_after_hours=1.5).for_organisation("acme")
    assert (p.adapter_for(cev.OFFER_KIND_REFUND), p.adapter_for(cev.OFFER_KIND_VOUCHER)) == ("bank", "bank")
    assert p.adapter_for(cev.OFFER_KIND_DISCOUNT) == "vouchers" and p.offer_ttl == timedelta(minutes=90)


def test_format_money():
    assert policy.format_money(25000, "EUR") == "250.00 EUR"
    assert policy.format_money(5, "EUR") == "0.05 EUR"
    assert policy.format_money(-1234, "USD") == "-12.34 USD"


# -- which file, which version ----------------------------------------------------------------------

def test_an_organisation_without_a_file_gets_the_default():
    assert DEFAULT.organisation == "*" and DEFAULT is POLICIES.default
    assert DEFAULT.path.endswith("_default.json")
    assert AIRLINE.organisation == "example-airline" and AIRLINE.version == "eu261-2025.1"


def test_version_and_digest_follow_the_file(tmp_path):
    shutil.copytree(policy.DEFAULT_DIR / "policies", tmp_path / "policies")
    path = tmp_path / "policies" / "example-restaurant.json"
    before = policy.load(tmp_path).for_organisation("example-restaurant")
    assert before.version == "2025-03"
    assert before.digest == hashlib.sha256(path.read_bytes()).hexdigest() == RESTAURANT.digest
    path.write_bytes(path.read_bytes() + b"\n")
    after = policy.load(tmp_path).for_organisation("example-restaurant")
    assert after.version == before.version and after.digest != before.digest
    assert after.digest == hashlib.sha256(path.read_bytes()).hexdigest()


# -- bad files --------------------------------------------------------------------------------------

def minimal(name: str = "*", **changes) -> dict:
    spec = {"organisation": name, "version": "1", "currency": "EUR",
            "rules": [{"id": "apology", "offers": [{"kind": "OFFER_KIND_APOLOGY_ONLY"}]}]}
    spec.update(changes)
    return {k: v for k, v in spec.items() if v is not None}


def load_one(tmp_path, name: str, **changes) -> policy.Policies:
    (tmp_path / "policies").mkdir(exist_ok=True)
    (tmp_path / "policies" / "_default.json").write_text(json.dumps(minimal()))
    (tmp_path / "policies" / f"{name}.json").write_text(json.dumps(minimal(name, **changes)))
    return policy.load(tmp_path)


def offer(**fields) -> list:
    return [{"id": "r", "offers": [{"kind": "OFFER_KIND_VOUCHER", **fields}]}]


def when(**condition) -> list:
    return [{"id": "r", "when": condition, "offers": [{"kind": "OFFER_KIND_VOUCHER", "max": 1}]}]


@pytest.mark.parametrize("changes, where, problem", [
    ({"colour": "red"}, "colour", "unknown key"),
    ({"rules": when(severty=["SEVERITY_LOW"])}, "rules[0].when.severty", "unknown key"),
    ({"rules": [{"id": "r", "offers": []}]}, "rules[0].offers", "must not be empty"),
    ({"rules": offer(max=1, maximum=2)}, "rules[0].offers[0].maximum", "unknown key"),
    ({"rules": when(category=["CATEGORY_FOOD_COLD"])}, "rules[0].when.category[0]",
     "unknown Category 'CATEGORY_FOOD_COLD'; did you mean CATEGORY_FOOD_LATE_OR_COLD?"),
    ({"rules": [{"id": "r", "offers": [{"kind": "OFFER_KIND_CASH", "max": 1}]}]}, "rules[0].offers[0].kind",
     "unknown OfferKind 'OFFER_KIND_CASH'"),
    ({"rules": offer(min=500, max=300)}, "rules[0].offers[0].min", "min 500 is more than max 300"),
    ({"rules": when(flight_distance_km={"min": 9, "max": 3})}, "rules[0].when.flight_distance_km",
     "min 9 is more than max 3"),
    ({"rules": when(severity=["SEVERITY_UNSPECIFIED"])}, "rules[0].when.severity[0]",
     "unknown Severity 'SEVERITY_UNSPECIFIED'"),
    ({"rules": offer(max=-5)}, "rules[0].offers[0].max", "must not be negative, got -5"),
    ({"rules": offer(max="10")}, "rules[0].offers[0].max", "must be a whole number or null, not a string"),
    ({"rules": offer(max_share_of_order=1.5)}, "rules[0].offers[0].max_share_of_order", "from 0 to 1"),
    ({"rules": offer()}, "rules[0].offers[0]", "needs an amount, a max or a max_share_of_order"),
    ({"rules": offer(amount=100, max=200)}, "rules[0].offers[0].max", "cannot go with a fixed amount"),
    ({"rules": offer(max=100, halved_when={"rerouted": True})}, "rules[0].offers[0].halved_when",
     "only a fixed amount can be halved"),
    ({"currency": "eur"}, "currency", "'eur' is not an ISO 4217 code"),
    ({"currency": "EURO"}, "currency", "is not an ISO 4217 code"),
    ({"version": None}, "version", "missing"),
    ({"version": ""}, "version", "must not be empty"),
    ({"organisation": "other"}, "organisation", "does not match the file name; expected 'acme'"),
    ({"rules": offer(max=1) + offer(max=2)}, "rules[1].id", "duplicate rule id 'r' (also rules[0])"),
    ({"approval_limits": {"manger": 100}}, "approval_limits.manger", "unknown role"),
    ({"approval_limits": {"manager": 1.5}}, "approval_limits.manager", "must be a whole number or null"),
    ({"budgets": {"stores": {"Kadıköy": 1, "KADIKOY": 2}}}, "budgets.stores.KADIKOY", "already listed"),
    ({"budgets": {"per_store": 1}}, "budgets.per_store", "unknown key"),
    ({"adapters": {"OFFER_KIND_REFUNDS": "bank"}}, "adapters.OFFER_KIND_REFUNDS", "unknown OfferKind"),
    ({"offer_expires_after_hours": 0}, "offer_expires_after_hours", "above 0"),
    ({"rules": when(rerouted="yes")}, "rules[0].when.rerouted", "must be true or false, not a string"),
])
def test_a_bad_file_names_the_file_the_key_and_the_problem(tmp_path, changes, where, problem):
    with pytest.raises(PolicyError) as error:
        load_one(tmp_path, "acme", **changes)
    message = str(error.value)
    assert message.startswith(f"{tmp_path / 'policies' / 'acme.json'}: {where}: ")
    assert problem in message


def write(tmp_path, name: str, text: str):
    (tmp_path / "policies").mkdir(exist_ok=True)
    (tmp_path / "policies" / name).write_text(text, encoding="utf-8")
    return tmp_path / "policies" / name


def test_a_json_syntax_error_names_the_line_and_column(tmp_path):
    write(tmp_path, "_default.json", json.dumps(minimal()))
    path = write(tmp_path, "acme.json", '{\n  "organisation": "acme",\n  "version": "1"\n  "currency": "EUR"\n}')
    with pytest.raises(PolicyError, match=r"line 4 column 3: Expecting ',' delimiter") as error:
        policy.load(tmp_path)
    assert str(error.value).startswith(f"{path}: line 4")


def test_a_key_given_twice_is_an_error(tmp_path):
    path = write(tmp_path, "_default.json", '{"organisation": "*", "version": "1", "version": "2"}')
    with pytest.raises(PolicyError, match="key 'version' appears twice") as error:
        policy.load(tmp_path)
    assert str(error.value).startswith(str(path))


def test_the_default_file_is_required(tmp_path):
    write(tmp_path, "acme.json", json.dumps(minimal("acme")))
    with pytest.raises(PolicyError, match=r"_default\.json: missing"):
        policy.load(tmp_path)


def test_a_file_that_is_not_an_object(tmp_path):
    path = write(tmp_path, "_default.json", "[]")
    with pytest.raises(PolicyError, match="must be an object, not a list") as error:
        policy.load(tmp_path)
    assert str(error.value).startswith(f"{path}: must be")
