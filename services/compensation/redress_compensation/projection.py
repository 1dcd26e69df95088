"""Compensation's read model, built only from the log: every complaint's offers and every
budget (the streams), a table of offers indexed for listing, for the work a replica
still owes (funding, giving back, payments) and for expiry, and the complaints by
customer (their history, for the policy)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from redress.kernel.readmodel import Book
from redress.kernel.store import Store, micros, walk
from redress_compensation import domain
from redress_compensation import offers as o
from redress_compensation.budget import Budget
from redress_compensation.offers import ComplaintOffers, Offer
from redress_compensation.policy_rules import store_key

SCHEMA = """
CREATE TABLE offers(
    offer_id TEXT PRIMARY KEY, complaint_id TEXT NOT NULL, organisation TEXT NOT NULL, customer_id TEXT NOT NULL,
    store TEXT NOT NULL, store_name TEXT NOT NULL, category INTEGER NOT NULL, kind INTEGER NOT NULL, status TEXT NOT NULL,
    amount INTEGER NOT NULL, currency TEXT NOT NULL, proposed_at INTEGER NOT NULL, proposed_month TEXT NOT NULL,
    issued_month TEXT, presented INTEGER NOT NULL, outcome TEXT NOT NULL, work INTEGER, expires_at INTEGER
) WITHOUT ROWID;
CREATE INDEX offers_by_proposal ON offers(organisation, proposed_at, offer_id);
CREATE INDEX offers_by_complaint ON offers(complaint_id);
CREATE INDEX offers_with_work ON offers(work) WHERE work IS NOT NULL;
CREATE INDEX offers_by_expiry ON offers(expires_at) WHERE expires_at IS NOT NULL;
CREATE TABLE complaints(
    complaint_id TEXT PRIMARY KEY, organisation TEXT NOT NULL, customer_id TEXT NOT NULL, resolved_month TEXT
) WITHOUT ROWID;
CREATE INDEX complaints_by_customer ON complaints(organisation, customer_id);
"""


@dataclass(frozen=True)
class OfferFilter:
    complaint_id: str = ""
    customer_id: str = ""
    store: str = ""
    status: str = ""
    proposed_from: int = 0  # microseconds
    proposed_before: int = 0


def owes_work(offer: Offer) -> bool:
    """Whether a replica still has to act on the offer: fund it, give its amount back, or
    settle a payment whose outcome is not recorded."""
    return offer.funding_due or offer.release_due or offer.payment_open


class OfferBook(Book):
    SCHEMA = SCHEMA

    def __init__(self, store: Store | None = None) -> None:
        super().__init__(domain.apply, store)

    def keeps(self, state) -> bool:
        return isinstance(state, ComplaintOffers)  # budgets have no rows of their own

    def write(self, changed: list[ComplaintOffers]) -> None:
        db = self.store.db
        for state in changed:
            c = state.complaint
            db.execute("INSERT OR REPLACE INTO complaints VALUES (?, ?, ?, ?)",
                       (c.complaint_id, c.organisation, c.customer_id,
                        state.resolved_at and f"{state.resolved_at:%Y-%m}"))
            db.executemany("INSERT OR REPLACE INTO offers VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           [_row(state, offer) for offer in state.offers.values()])

    # -- questions --------------------------------------------------------------------------
    def complaint(self, organisation: str, complaint_id: str) -> ComplaintOffers | None:
        state = self.states.get(complaint_id)
        return state if isinstance(state, ComplaintOffers) and state.organisation == organisation else None

    def complaint_of(self, organisation: str, offer_id: str) -> str | None:
        row = self.store.db.execute("SELECT complaint_id FROM offers WHERE offer_id = ? AND organisation = ?",
                                    (offer_id, organisation)).fetchone()
        return row[0] if row else None

    def budget(self, budget_id: str) -> Budget | None:
        state = self.states.get(budget_id)
        return state if isinstance(state, Budget) else None

    def history_of(self, organisation: str, customer_id: str, complaint_id: str) -> tuple[int, int]:
        """The customer's other complaints, and the offers they declined."""
        db = self.store.db
        complaints = db.execute("SELECT COUNT(*) FROM complaints WHERE organisation = ? AND customer_id = ? "
                                "AND complaint_id != ?", (organisation, customer_id, complaint_id)).fetchone()[0]
        declined = db.execute("SELECT COUNT(*) FROM offers WHERE organisation = ? AND customer_id = ? "
                              "AND status = ?", (organisation, customer_id, o.DECLINED)).fetchone()[0]
        return complaints, declined

    def with_work(self, limit: int = 1000) -> list[tuple[str, str]]:
        """(complaint id, offer id) of the offers a replica still has to act on."""
        return self.store.db.execute("SELECT complaint_id, offer_id FROM offers WHERE work = 1 LIMIT ?",
                                     (limit,)).fetchall()

    def expiring(self, now: datetime, limit: int = 1000) -> list[tuple[str, str]]:
        return self.store.db.execute("SELECT complaint_id, offer_id FROM offers WHERE expires_at <= ? "
                                     "ORDER BY expires_at LIMIT ?", (micros(now), limit)).fetchall()

    def list(self, organisation: str, where: OfferFilter, after: tuple[int, str] | None,
             limit: int) -> list[tuple[int, Offer]]:
        """Oldest proposed first (then by id), after a (proposed_at in microseconds, id) key."""
        clauses = [("complaint_id = ?", where.complaint_id), ("customer_id = ?", where.customer_id),
                   ("store = ?", store_key(where.store)), ("status = ?", where.status),
                   ("proposed_at >= ?", where.proposed_from), ("proposed_at < ?", where.proposed_before)]
        ids = walk(self.store.db, "offers", "proposed_at", organisation, clauses, after, limit, key="offer_id")
        complaints = dict(self.store.db.execute(
            f"SELECT offer_id, complaint_id FROM offers WHERE offer_id IN ({', '.join('?' * len(ids))})", ids))
        offers = [self.states[complaints[oid]].offers[oid] for oid in ids]
        return [(micros(offer.proposed_at), offer) for offer in offers]

    def costs(self, organisation: str, month_from: str, month_to: str) -> list[tuple]:
        """(category, store, month, kind, currency, cost, offers) of issued offers, by issue month."""
        return self.store.db.execute(
            "SELECT category, MIN(store_name), issued_month, kind, currency, SUM(amount), COUNT(*) FROM offers "
            "WHERE organisation = ? AND status = ? AND issued_month BETWEEN ? AND ? "
            "GROUP BY category, store, issued_month, kind, currency ORDER BY issued_month, store, category, kind",
            (organisation, o.ISSUED, month_from, month_to)).fetchall()

    def answers(self, organisation: str, month_from: str, month_to: str) -> dict[str, int]:
        """Offers presented to customers (by proposal month), by the customer's answer
        ("accepted", "declined", "expired", or "" while they think)."""
        rows = self.store.db.execute(
            "SELECT outcome, COUNT(*) FROM offers WHERE organisation = ? AND presented = 1 "
            "AND proposed_month BETWEEN ? AND ? GROUP BY outcome", (organisation, month_from, month_to))
        return dict(rows.fetchall())

    def resolved(self, organisation: str, month_from: str, month_to: str) -> int:
        return self.store.db.execute(
            "SELECT COUNT(*) FROM complaints WHERE organisation = ? AND resolved_month BETWEEN ? AND ?",
            (organisation, month_from, month_to)).fetchone()[0]


def _row(state: ComplaintOffers, offer: Offer) -> tuple:
    c, p = state.complaint, offer.proposed
    open_to_expiry = offer.status in o.OPEN_TO_EXPIRY
    return (offer.offer_id, c.complaint_id, c.organisation, c.customer_id, store_key(p.store), p.store, c.category,
            p.kind, offer.status, offer.amount, offer.currency, micros(offer.proposed_at),
            f"{offer.proposed_at:%Y-%m}", offer.issued_at and f"{offer.issued_at:%Y-%m}", int(offer.presented),
            offer.answer or (o.EXPIRED if offer.status == o.EXPIRED else ""),
            1 if owes_work(offer) else None, micros(offer.expires_at) if open_to_expiry else None)
