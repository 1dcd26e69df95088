"""The compensation commands: amounts typed in major units become exact minor units, money
prints as "12.50 EUR", and offers, budgets and suggestions print in words."""
from __future__ import annotations

import pytest
from google.protobuf.timestamp_pb2 import Timestamp

from redress.compensation.v1 import compensation_service_pb2 as api
from redress.dev import cli
from redress.dev.client import InputError, parse_enum
from redress.dev.compensation_cli import (bounds, format_money, offer_line, parse_money, print_budget, print_offer, print_suggestions)
from redress.events.v1 import compensation_pb2 as cev
from redress.types.v1.money_pb2 import Money


@pytest.mark.parametrize("typed, minor", [("12.50", 1250), ("12.5", 1250), ("12", 1200), ("0", 0), ("0.01", 1),
                                          (" 7.05 ", 705), ("1234567.89", 123456789),
                                          ("92233720368547758.07", 2**63 - 1)])
def test_an_amount_becomes_exact_minor_units(typed, minor):
    assert parse_money(typed) == Money(amount_minor=minor, currency="EUR")


def test_no_float_creeps_in():
    # 0.29 * 100 is 28.999999999999996 as a float.
    assert parse_money("0.29").amount_minor == 29
    assert parse_money("19999999.99").amount_minor == 1999999999


def test_the_currency_decides_the_decimals():
    assert parse_money("1500", "jpy") == Money(amount_minor=1500, currency="JPY")
    assert parse_money("1.250", "KWD").amount_minor == 1250
    assert parse_money("32.50", "try") == Money(amount_minor=3250, currency="TRY")


@pytest.mark.parametrize("typed, message", [
    ("12.345", "amount '12.345' has 3 decimals; EUR has 2 decimals"),
    ("abc", "amount 'abc' is not an amount like 12.50"),
    ("12,50", "amount '12,50' is not an amount like 12.50"),
    ("", "amount '' is not an amount like 12.50"),
    ("1e3", "is not an amount like 12.50"),
    ("NaN", "is not an amount like 12.50"),
    ("-5", "amount '-5' is negative"),
    ("92233720368547758.08", "is too large"),
])
def test_what_is_not_an_amount_is_refused_with_the_reason(typed, message):
    with pytest.raises(InputError, match=message.replace(".", r"\.").replace("(", r"\(")):
        parse_money(typed)


def test_decimals_and_currencies_are_checked_per_currency():
    with pytest.raises(InputError, match="amount '1.5' has 1 decimal; JPY has no decimals"):
        parse_money("1.5", "JPY")
    with pytest.raises(InputError, match="currency 'euro' is not an ISO 4217 code like EUR"):
        parse_money("1", "euro")
    with pytest.raises(InputError, match="--order-value '3.999'"):
        parse_money("3.999", what="--order-value")


@pytest.mark.parametrize("minor, currency, printed", [(1250, "EUR", "12.50 EUR"), (5, "EUR", "0.05 EUR"),
                                                      (0, "EUR", "0.00 EUR"), (-1999, "TRY", "-19.99 TRY"),
                                                      (1500, "JPY", "1500 JPY"), (1250, "KWD", "1.250 KWD"),
                                                      (100, "", "1.00")])
def test_money_prints_in_major_units_with_its_currency(minor, currency, printed):
    assert format_money(Money(amount_minor=minor, currency=currency)) == printed


def test_what_is_typed_prints_back_the_same():
    for typed in ("0.01", "12.50", "1000000.00"):
        assert format_money(parse_money(typed)) == f"{typed} EUR"


def test_kinds_and_statuses_are_typed_as_words():
    assert parse_enum(cev.OfferKind, "OFFER_KIND_", "free-item", "kind") == cev.OFFER_KIND_FREE_ITEM
    assert parse_enum(cev.OfferKind, "OFFER_KIND_", "Refund", "kind") == cev.OFFER_KIND_REFUND
    assert parse_enum(api.OfferStatus, "OFFER_STATUS_", "pending approval", "status") \
        == api.OFFER_STATUS_PENDING_APPROVAL
    with pytest.raises(InputError, match="unknown kind 'cash'; choose from: apology-only, discount"):
        parse_enum(cev.OfferKind, "OFFER_KIND_", "cash", "kind")
    with pytest.raises(InputError, match="unknown kind 'unspecified'"):
        parse_enum(cev.OfferKind, "OFFER_KIND_", "unspecified", "kind")


def eur(minor: int) -> Money:
    return Money(amount_minor=minor, currency="EUR")


OFFER = api.Offer(
    offer_id="o-1", complaint_id="c-1", organisation="demo-org", kind=cev.OFFER_KIND_REFUND, amount=eur(3250),
    status=api.OFFER_STATUS_ISSUED, description="The meal back", store="Harbour Street Bistro", customer_id="cu-1",
    proposed_by="dev-point-of-contact", approved_by="dev-manager",
    policy=cev.PolicyUsed(version="default-2025.1", rule="refund-failed-service"),
    reason="the service failed: a refund of up to the order's value", payment_reference="sbx_ab12",
    payment_attempts=1, proposed_at=Timestamp(seconds=1_700_000_000), expires_at=Timestamp(seconds=1_700_604_800),
    category=9, circumstances=cev.Circumstances(order_value=eur(3250)))


def test_an_offer_prints_in_words(capsys):
    print_offer(OFFER)
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "offer o-1  [issued]  refund of 32.50 EUR"
    assert lines[1].startswith("  complaint c-1  customer cu-1  store Harbour Street Bistro  category ")
    assert lines[2] == "  \u201cThe meal back\u201d"
    assert lines[3] == ("  proposed by dev-point-of-contact 2023-11-14 22:13; approved by dev-manager; "
                        "the customer may accept until 2023-11-21 22:13")
    assert lines[4] == "  policy default-2025.1, rule refund-failed-service: the service failed: a refund of up to " \
                       "the order's value"
    assert lines[5] == "  circumstances: order value 32.50 EUR"
    assert lines[6] == "  payment: reference sbx_ab12, 1 attempt"


def test_an_apology_and_a_refusal_print_without_money(capsys):
    print_offer(api.Offer(offer_id="o-2", kind=cev.OFFER_KIND_APOLOGY_ONLY, amount=eur(0),
                          status=api.OFFER_STATUS_UNFUNDED, refusal="the store's budget is spent",
                          customer_wants="a refund"))
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "offer o-2  [unfunded]  apology only"
    assert "  unfunded because: the store's budget is spent\n" in out
    assert "  the customer wants instead: a refund\n" in out
    assert "payment" not in out


def test_a_listed_offer_is_one_line():
    assert offer_line(OFFER) == ("o-1  issued           refund              32.50 EUR  complaint c-1  "
                                 "Harbour Street Bistro")


def test_an_unknown_status_prints_as_its_number(capsys):
    print_offer(api.Offer(offer_id="o-3", status=99, kind=42))
    assert capsys.readouterr().out.splitlines()[0] == "offer o-3  [99]  42"


def test_suggestions_say_their_bounds_and_the_callers_limit(capsys):
    assert bounds(api.Suggestion(max_amount=eur(2500), min_amount=eur(0))) == "up to 25.00 EUR"
    assert bounds(api.Suggestion(max_amount=eur(25000), min_amount=eur(25000))) == "250.00 EUR"
    assert bounds(api.Suggestion(max_amount=eur(5000), min_amount=eur(1000))) == "10.00 EUR to 50.00 EUR"
    assert bounds(api.Suggestion(max_amount=eur(0), min_amount=eur(0))) == "no money"
    response = api.SuggestOffersResponse(
        suggestions=[api.Suggestion(kind=cev.OFFER_KIND_REFUND, max_amount=eur(3250), min_amount=eur(0),
                                    rule="refund-failed-service", reason="the service failed", needs_approval=True)],
        policy=cev.PolicyUsed(version="default-2025.1", digest="ab" * 32), your_limit=eur(1500))
    print_suggestions(response)
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "policy default-2025.1 (sha256 abababababab)  your approval limit: 15.00 EUR"
    assert lines[1].split() == ["refund", "up", "to", "32.50", "EUR", "needs", "approval", "rule",
                                "refund-failed-service:", "the", "service", "failed"]


def test_a_budget_prints_reserved_and_left(capsys):
    print_budget(api.Budget(organisation="demo-org", store="Kadıköy", month="2026-11", offers_funded=2,
                            organisation_budget=api.BudgetLine(limit=eur(200000), reserved=eur(5750),
                                                               remaining=eur(194250)),
                            store_budget=api.BudgetLine(unlimited=True, reserved=eur(2500))))
    assert capsys.readouterr().out.splitlines() == [
        "budget of demo-org for 2026-11: 2 offers funded",
        "  organisation: 57.50 EUR reserved of 2000.00 EUR; 1942.50 EUR left",
        "  store Kadıköy: 25.00 EUR reserved; no limit"]


def test_a_bad_amount_stops_the_command_before_it_calls(capsys):
    assert cli.main(["offers", "propose", "c-1", "refund", "12.345"]) == 2
    assert capsys.readouterr().err == "error: amount '12.345' has 3 decimals; EUR has 2 decimals\n"
    assert cli.main(["offers", "propose", "c-1", "voucher"]) == 2
    assert capsys.readouterr().err == "error: a voucher needs an amount, like 12.50\n"
    assert cli.main(["offers", "suggest", "c-1", "--order-value", "abc"]) == 2
    assert "error: --order-value 'abc' is not an amount like 12.50" in capsys.readouterr().err
