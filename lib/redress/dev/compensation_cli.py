"""`redress offers | budget | costs`: compensation from the command line.

Talks to compensation at REDRESS_COMPENSATION_ADDR (default 127.0.0.1:50053) as the
caller in REDRESS_TOKEN, like the other commands. Amounts are typed in major units of the
organisation's currency (`--currency`, default EUR), e.g. 12.50, and sent as exact minor
units (Decimal, never a float); money prints as "12.50 EUR".
"""
from __future__ import annotations

import argparse
import re
import sys
import uuid
from decimal import Decimal, localcontext


from redress.compensation.v1 import compensation_service_pb2 as api
from redress.compensation.v1 import compensation_service_pb2_grpc as api_grpc
from redress.dev.client import ClientSettings, InputError, call, parse_enum, when, words
from redress.events.v1 import compensation_pb2 as cev
from redress.types.v1 import complaint_pb2 as types
from redress.types.v1.money_pb2 import Money

COMMANDS = frozenset({"offers", "budget", "costs"})
DEFAULT_CURRENCY = "EUR"
# ISO 4217 currencies whose minor unit is not the hundredth (every other has two decimals).
_ZERO = "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF"
_THREE = "BHD IQD JOD KWD LYD OMR TND"
DECIMALS = {**dict.fromkeys(_ZERO.split(), 0), **dict.fromkeys(_THREE.split(), 3)}
INT64_MAX = 2**63 - 1
_AMOUNT = re.compile(r"\d+(\.\d+)?")
_CURRENCY = re.compile(r"[A-Z]{3}")
_MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")
KIND_ALIASES = {"apology": "apology_only", "credit": "service_credit"}


# -- money -----------------------------------------------------------------------------------

def decimals_of(currency: str) -> int:
    return DECIMALS.get(currency, 2)


def parse_currency(text: str) -> str:
    code = text.strip().upper()
    if not _CURRENCY.fullmatch(code):
        raise InputError(f"currency {text!r} is not an ISO 4217 code like EUR")
    return code


def parse_money(text: str, currency: str = DEFAULT_CURRENCY, what: str = "amount") -> Money:
    """"12.50" EUR -> Money(1250, "EUR"), exactly; refuses what is not such an amount."""
    code = parse_currency(currency)
    digits = decimals_of(code)
    value = text.strip()
    if value.startswith("-"):
        raise InputError(f"{what} {text!r} is negative")
    if not _AMOUNT.fullmatch(value):
        example = "12.50" if digits == 2 else "1500" if digits == 0 else "12.500"
        raise InputError(f"{what} {text!r} is not an amount like {example} (digits and a decimal point)")
    decimals = len(value.partition(".")[2])
    if decimals > digits:
        raise InputError(f"{what} {text!r} has {_decimals(decimals)}; {code} has {_decimals(digits)}")
    with localcontext() as ctx:
        ctx.prec = len(value) + digits + 2  # enough for every digit: nothing is rounded
        minor = Decimal(value).scaleb(digits)
    if minor > INT64_MAX:
        raise InputError(f"{what} {text!r} is too large")
    return Money(amount_minor=int(minor), currency=code)


def _decimals(n: int) -> str:
    return f"{n or 'no'} decimal{'' if n == 1 else 's'}"


def format_money(money: Money) -> str:
    """Money(1250, "EUR") -> "12.50 EUR"."""
    digits = decimals_of(money.currency)
    units, rest = divmod(abs(money.amount_minor), 10 ** digits)
    number = f"{'-' if money.amount_minor < 0 else ''}{units}" + (f".{rest:0{digits}d}" if digits else "")
    return f"{number} {money.currency}".rstrip()


# -- names -----------------------------------------------------------------------------------

# -- printing --------------------------------------------------------------------------------

def circumstances_words(c: cev.Circumstances) -> str:
    said = [f"order value {format_money(c.order_value)}" if c.HasField("order_value") else "",
            f"{c.flight_distance_km} km" if c.flight_distance_km else "", "intra-EU" if c.intra_eu else "",
            "rerouted" if c.rerouted else "",
            f"arrived {c.arrival_delay_minutes} min late" if c.arrival_delay_minutes else ""]
    return ", ".join(filter(None, said))


def offer_line(o: api.Offer) -> str:
    amount = format_money(o.amount) if o.amount.amount_minor else ""
    return (f"{o.offer_id}  {words(api.OfferStatus, o.status, 'OFFER_STATUS_'):<16} "
            f"{words(cev.OfferKind, o.kind, 'OFFER_KIND_'):<14} {amount:>14}  complaint {o.complaint_id}"
            f"{'  ' + o.store if o.store else ''}")


def print_offer(o: api.Offer) -> None:
    amount = f" of {format_money(o.amount)}" if o.amount.amount_minor else ""
    print(f"offer {o.offer_id}  [{words(api.OfferStatus, o.status, 'OFFER_STATUS_')}]  "
          f"{words(cev.OfferKind, o.kind, 'OFFER_KIND_')}{amount}")
    print(f"  complaint {o.complaint_id}  customer {o.customer_id or '-'}  store {o.store or '-'}  "
          f"category {words(types.Category, o.category, 'CATEGORY_')}")
    if o.description:
        print(f"  \u201c{o.description}\u201d")
    who = f"  proposed by {o.proposed_by or '?'} {when(o.proposed_at)}".rstrip()
    if o.approved_by:
        who += f"; approved by {o.approved_by}"
    if o.expires_at.seconds:
        who += f"; the customer may accept until {when(o.expires_at)}"
    print(who)
    if o.policy.version:
        print(f"  policy {o.policy.version}, rule {o.policy.rule}{': ' + o.reason if o.reason else ''}")
    if o.HasField("circumstances") and circumstances_words(o.circumstances):
        print(f"  circumstances: {circumstances_words(o.circumstances)}")
    if o.refusal:
        print(f"  {words(api.OfferStatus, o.status, 'OFFER_STATUS_')} because: {o.refusal}")
    if o.customer_wants:
        print(f"  the customer wants instead: {o.customer_wants}")
    if o.payment_reference or o.voucher_code or o.payment_attempts:
        paid = [f"reference {o.payment_reference}" if o.payment_reference else "",
                f"voucher code {o.voucher_code}" if o.voucher_code else "",
                f"{o.payment_attempts} attempt{'s' if o.payment_attempts != 1 else ''}" if o.payment_attempts else ""]
        print(f"  payment: {', '.join(filter(None, paid))}")


def bounds(s: api.Suggestion) -> str:
    low, high = s.min_amount.amount_minor, s.max_amount.amount_minor
    if not high:
        return "no money"
    if low == high:
        return format_money(s.max_amount)
    return f"up to {format_money(s.max_amount)}" if not low else \
        f"{format_money(s.min_amount)} to {format_money(s.max_amount)}"


def print_suggestions(r: api.SuggestOffersResponse) -> None:
    limit = "unlimited" if r.your_limit_unlimited else format_money(r.your_limit)
    print(f"policy {r.policy.version} (sha256 {r.policy.digest[:12]})  your approval limit: {limit}")
    for s in r.suggestions:
        print(f"  {words(cev.OfferKind, s.kind, 'OFFER_KIND_'):<14} {bounds(s):<24} "
              f"{'needs approval' if s.needs_approval else '':<14}  rule {s.rule}: {s.reason}")
    if not r.suggestions:
        print("  nothing: no rule of the policy holds for this complaint")


def _budget_line(name: str, line: api.BudgetLine) -> str:
    if line.unlimited:
        return f"  {name}: {format_money(line.reserved)} reserved; no limit"
    return (f"  {name}: {format_money(line.reserved)} reserved of {format_money(line.limit)}; "
            f"{format_money(line.remaining)} left")


def print_budget(b: api.Budget) -> None:
    print(f"budget of {b.organisation} for {b.month}: {b.offers_funded} offer{'s' if b.offers_funded != 1 else ''} "
          f"funded")
    print(_budget_line("organisation", b.organisation_budget))
    if b.store:
        print(_budget_line(f"store {b.store}", b.store_budget))


def print_costs(r: api.CostReport) -> None:
    if r.lines:
        print(f"{'month':<8} {'kind':<14} {'offers':>6} {'cost':>14}  store / category")
    for line in r.lines:
        print(f"{line.month:<8} {words(cev.OfferKind, line.kind, 'OFFER_KIND_'):<14} {line.offers:>6} "
              f"{format_money(line.cost):>14}  {line.store or '-'} / {words(types.Category, line.category, 'CATEGORY_')}")
    print(f"total {format_money(r.total_cost)}; {r.offers_presented} offers presented: "
          f"{r.accepted_rate:.0%} accepted, {r.declined_rate:.0%} declined, {r.expired_rate:.0%} expired")
    each = f", {format_money(r.cost_per_resolved_complaint)} each" if r.resolved_complaints else ""
    print(f"{r.resolved_complaints} complaints resolved with the customer satisfied{each}")


# -- the commands ----------------------------------------------------------------------------

def add_commands(sub) -> None:
    """Adds `offers`, `budget` and `costs` to the `redress` parser's subcommands."""
    circumstances = argparse.ArgumentParser(add_help=False)
    circumstances.add_argument("--currency", default=DEFAULT_CURRENCY,
                               help="of the amounts typed: the organisation's (default EUR)")
    facts = circumstances.add_argument_group("circumstances (the inputs of the policy's rules)")
    facts.add_argument("--order-value", metavar="AMOUNT", help="the order's value, e.g. 32.50")
    facts.add_argument("--distance-km", type=int, default=0, metavar="N", help="the flight's distance (EU261)")
    facts.add_argument("--intra-eu", action="store_true", help="a flight within the EU")
    facts.add_argument("--rerouted", action="store_true", help="the passenger was rerouted")
    facts.add_argument("--delay-minutes", type=int, default=0, metavar="N", help="how late they arrived")
    offers = sub.add_parser("offers", help="compensation offers: suggest, propose, approve ... issue; show, list")
    action = offers.add_subparsers(dest="action", required=True)
    suggest = action.add_parser("suggest", parents=[circumstances], help="what the policy allows for a complaint")
    suggest.add_argument("complaint_id")
    propose = action.add_parser("propose", parents=[circumstances],
                                help="propose an offer (above your limit it waits for approval)")
    propose.add_argument("complaint_id")
    propose.add_argument("kind", help="apology, discount, voucher, refund, replacement, free-item, service-credit")
    propose.add_argument("amount", nargs="?", help="in major units, e.g. 12.50 (none for an apology)")
    propose.add_argument("--description", default="")
    propose.add_argument("--request-id", help="makes a retry safe (default: a new one)")
    for name, helped in (("approve", "approve an offer above its proposer's limit"),
                         ("reject", "reject an offer waiting for approval"),
                         ("present", "record that the offer was put to the customer"),
                         ("accept", "the customer accepts"), ("decline", "the customer declines"),
                         ("issue", "pay or issue an accepted offer"), ("reverse", "reverse an offer"),
                         ("show", "an offer"),):
        command = action.add_parser(name, help=helped)
        command.add_argument("offer_id")
        if name in ("reject", "reverse"):
            command.add_argument("--reason", required=True)
        if name == "decline":
            command.add_argument("--wants", default="", help="what would make the customer satisfied instead")
        if name == "present":
            command.add_argument("--channel", help="email, phone, in_person, ...")
        if name != "show":
            command.add_argument("--request-id", help="makes a retry safe (default: a new one)")
    listing = action.add_parser("list", help="the organisation's offers, in the order they were proposed")
    for flag in ("complaint", "customer", "store", "status"):
        listing.add_argument(f"--{flag}", default="")
    listing.add_argument("--limit", type=int, default=50, help="at most 500")
    budget = sub.add_parser("budget", help="a month's compensation budget: reserved and left")
    budget.add_argument("--store", default="", help="also this store's budget")
    budget.add_argument("--month", default="", help="like 2026-11 (default: this month)")
    costs = sub.add_parser("costs", help="what compensation cost, by month, store, category and kind")
    costs.add_argument("--from", dest="month_from", default="", help="first month, like 2026-01")
    costs.add_argument("--to", dest="month_to", default="", help="last month, like 2026-12")


def _month(text: str, flag: str) -> str:
    if text and not _MONTH.fullmatch(text):
        raise InputError(f"{flag} {text!r} is not a month like 2026-11")
    return text


def _circumstances(args) -> cev.Circumstances:
    if args.distance_km < 0 or args.delay_minutes < 0:
        raise InputError("--distance-km and --delay-minutes cannot be negative")
    c = cev.Circumstances(flight_distance_km=args.distance_km, intra_eu=args.intra_eu, rerouted=args.rerouted,
                          arrival_delay_minutes=args.delay_minutes)
    if args.order_value is not None:
        c.order_value.CopyFrom(parse_money(args.order_value, args.currency, "--order-value"))
    return c


def _proposal(args) -> api.ProposeOfferRequest:
    kind = parse_enum(cev.OfferKind, "OFFER_KIND_", args.kind, "kind", KIND_ALIASES)
    if args.amount is not None:
        amount = parse_money(args.amount, args.currency)
    elif kind == cev.OFFER_KIND_APOLOGY_ONLY:
        amount = Money(amount_minor=0, currency=parse_currency(args.currency))
    else:
        raise InputError(f"a {words(cev.OfferKind, kind, 'OFFER_KIND_')} needs an amount, like 12.50")
    return api.ProposeOfferRequest(complaint_id=args.complaint_id, request_id=_request_id(args), kind=kind,
                                   amount=amount, description=args.description,
                                   circumstances=_circumstances(args))


def _request_id(args) -> str:
    return getattr(args, "request_id", None) or str(uuid.uuid4())


def _call(args):
    """(the stub's method name, its request, how to print the answer) for the command typed."""
    if args.command == "budget":
        return "GetBudget", api.GetBudgetRequest(store=args.store, month=_month(args.month, "--month")), print_budget
    if args.command == "costs":
        request = api.GetCostReportRequest(month_from=_month(args.month_from, "--from"),
                                           month_to=_month(args.month_to, "--to"))
        return "GetCostReport", request, print_costs
    a, offer = args.action, getattr(args, "offer_id", "")
    if a == "suggest":
        request = api.SuggestOffersRequest(complaint_id=args.complaint_id, circumstances=_circumstances(args))
        return "SuggestOffers", request, print_suggestions
    if a == "propose":
        return "ProposeOffer", _proposal(args), print_offer
    if a == "list":
        status = parse_enum(api.OfferStatus, "OFFER_STATUS_", args.status, "status") if args.status else 0
        request = api.ListOffersRequest(page_size=args.limit, complaint_id=args.complaint, customer_id=args.customer,
                                        store=args.store, status=status)
        return "ListOffers", request, _print_list
    if a == "show":
        return "GetOffer", api.GetOfferRequest(offer_id=offer), print_offer
    rid = _request_id(args)
    if a in ("accept", "decline"):
        request = api.RecordCustomerAnswerRequest(offer_id=offer, request_id=rid, accepted=a == "accept",
                                                  customer_wants=getattr(args, "wants", ""))
        return "RecordCustomerAnswer", request, print_offer
    if a == "present":
        channel = parse_enum(types.Channel, "CHANNEL_", args.channel, "channel") if args.channel else 0
        return "PresentOffer", api.PresentOfferRequest(offer_id=offer, request_id=rid, channel=channel), print_offer
    method, message = {"approve": ("ApproveOffer", api.ApproveOfferRequest),
                       "reject": ("RejectOffer", api.RejectOfferRequest),
                       "issue": ("IssueOffer", api.IssueOfferRequest),
                       "reverse": ("ReverseOffer", api.ReverseOfferRequest)}[a]
    request = message(offer_id=offer, request_id=rid)
    if a in ("reject", "reverse"):
        request.reason = args.reason
    return method, request, print_offer


def _print_list(r: api.ListOffersResponse) -> None:
    for o in r.offers:
        print(offer_line(o))
    if r.next_page_token:
        print("(more: raise --limit, up to 500)", file=sys.stderr)


async def run(args: argparse.Namespace) -> int:
    try:
        method, request, show = _call(args)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return await call(ClientSettings().compensation_address, api_grpc.CompensationServiceStub, method, request, show)
