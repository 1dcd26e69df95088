"""Intake's read model: every complaint, its history, and the customer index.

Built only by applying events from the log, in log order; applying an event twice
changes nothing (its sequence number is not above the complaint's version). Pure:
no Kafka, no gRPC.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
import uuid
from typing import Callable

import structlog

from redress.kernel.envelope import Envelope
from redress.kernel.ids import customer_id
from redress.kernel.store import Store, micros, walk
from redress.kernel.streams import Streams
from redress.events.v1 import intake_pb2 as ev
from redress.types.v1 import complaint_pb2 as types
from redress_intake import domain
from redress_intake.domain import Complaint

log = structlog.get_logger(__name__)


@dataclass(frozen=True)
class ComplaintFilter:
    status: str = ""
    channel: int = 0
    category: int = 0
    customer_id: str = ""
    store: str = ""
    filed_after: datetime | None = None
    filed_before: datetime | None = None



SCHEMA = """
CREATE TABLE complaints(
    complaint_id TEXT PRIMARY KEY, organisation TEXT NOT NULL, filed_at INTEGER NOT NULL, status TEXT NOT NULL,
    channel INTEGER NOT NULL, category INTEGER NOT NULL, customer_id TEXT NOT NULL, store TEXT NOT NULL,
    reference TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX complaints_by_reference ON complaints(organisation, reference);
CREATE INDEX complaints_by_filing ON complaints(organisation, filed_at, complaint_id);
CREATE INDEX complaints_by_customer ON complaints(customer_id, status, filed_at, complaint_id);
CREATE TABLE customers(organisation TEXT, contact TEXT, customer_id TEXT NOT NULL,
                       PRIMARY KEY (organisation, contact)) WITHOUT ROWID;
CREATE TABLE requests(organisation TEXT, request_id TEXT, complaint_id TEXT NOT NULL,
                      PRIMARY KEY (organisation, request_id)) WITHOUT ROWID;
"""
class ComplaintBook:
    SCHEMA = SCHEMA

    def __init__(self, store: Store | None = None) -> None:
        self.streams: Streams[Complaint] = Streams(domain.apply, store or Store.in_memory(SCHEMA))
        self.store = self.streams.store
        self.complaints = self.streams.states
        self.histories = self.streams.histories
        self._changed: dict[str, Complaint] = {}
        self._watchers: list[Callable[[Envelope], None]] = []
        self.store.before_commit(self._flush)
        self.store.after_rollback(self._changed.clear)

    # -- building ---------------------------------------------------------------------
    @property
    def duplicates_skipped(self) -> int:
        return self.streams.duplicates_skipped

    def apply(self, env: Envelope) -> bool:
        with self.store.transaction():
            stream = self.streams.fold(env)
            if stream is None:
                return False
            if stream.state is not None:  # None: nothing this version knows has founded it yet
                self._changed[env.subject] = stream.state
                self._index(env, stream.state)
        for watcher in list(self._watchers):
            try:
                watcher(env)
            except Exception:
                log.exception("a watcher failed", complaint_id=env.subject)
        return True

    def _index(self, env: Envelope, state: Complaint) -> None:
        if isinstance(env.payload, ev.ComplaintFiled):
            self._index_contact(state.filed.organisation, state.filed.customer_id, env.payload.contact)
        elif isinstance(env.payload, ev.RepeatContactRecorded):
            self._index_contact(state.filed.organisation, state.filed.customer_id, env.payload.contact)
        else:
            return
        self.store.db.execute("INSERT OR IGNORE INTO requests VALUES (?, ?, ?)",
                              (env.organisation, env.request_id, env.subject))

    def _index_contact(self, organisation: str, customer_id: str, contact: types.CustomerContact) -> None:
        self.store.db.executemany("INSERT OR IGNORE INTO customers VALUES (?, ?, ?)",
                                  [(organisation, key, customer_id) for key in domain.contact_keys(contact)])

    def _flush(self) -> None:
        rows = [(cid, c.filed.organisation, micros(c.filed_at), c.status, c.filed.channel, c.filed.category,
                 c.filed.customer_id, c.filed.store.casefold(), c.reference) for cid, c in self._changed.items()]
        self.store.db.executemany("INSERT OR REPLACE INTO complaints VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        self._changed.clear()

    def watch(self, watcher: Callable[[Envelope], None]) -> Callable[[], None]:
        self._watchers.append(watcher)
        return lambda: self._watchers.remove(watcher)

    # -- questions --------------------------------------------------------------------------
    def get(self, organisation: str, complaint_id: str) -> Complaint | None:
        """The complaint, only if it belongs to this organisation."""
        c = self.complaints.get(complaint_id)
        return c if c and c.filed.organisation == organisation else None

    def as_of(self, complaint_id: str, version: int) -> Complaint:
        return self.streams.as_of(complaint_id, version)

    def complaint_for_request(self, organisation: str, request_id: str) -> str | None:
        found = self.store.db.execute("SELECT complaint_id FROM requests WHERE organisation = ? AND request_id = ?",
                                      (organisation, request_id)).fetchone()
        return found[0] if found else None

    def customer_for(self, organisation: str, contact: types.CustomerContact, request_id: str = "") -> str:
        """The known customer with any of these contacts, or a new id stable for them (for a
        customer known only by name, stable for the request)."""
        keys = domain.contact_keys(contact)
        for key in keys:
            found = self.store.db.execute("SELECT customer_id FROM customers WHERE organisation = ? AND contact = ?",
                                          (organisation, key)).fetchone()
            if found:
                return found[0]
        seed = keys[0] if keys else f"name:{contact.name.strip().casefold()}:{request_id or uuid.uuid4()}"
        return customer_id(organisation, seed)

    def complaint_for_reference(self, organisation: str, reference: str) -> Complaint | None:
        """The organisation's complaint whose acknowledgement gave this reference."""
        found = self.store.db.execute("SELECT complaint_id FROM complaints WHERE organisation = ? AND reference = ?",
                                      (organisation, reference)).fetchone()
        return self.complaints[found[0]] if found else None

    def open_complaints_of(self, organisation: str, customer_id: str, exclude: str = "") -> list[Complaint]:
        rows = self.store.db.execute(
            "SELECT complaint_id FROM complaints WHERE customer_id = ? AND status = ? AND organisation = ? "
            "AND complaint_id != ? ORDER BY filed_at, complaint_id", (customer_id, domain.OPEN, organisation, exclude))
        return [self.complaints[cid] for (cid,) in rows.fetchall()]

    def same_open_problem(self, organisation: str, draft: ev.ComplaintFiled) -> Complaint | None:
        for c in self.open_complaints_of(organisation, draft.customer_id):
            if domain.same_problem(c, draft):
                return c
        return None

    def list(self, organisation: str, where: ComplaintFilter, after: tuple[int, str] | None = None,
             limit: int = 2**31) -> list[Complaint]:
        """Oldest filed first (then by id), after a (filed_at in microseconds, id) key: one walk
        along an index."""
        where_clauses = [
            ("status = ?", where.status), ("channel = ?", where.channel), ("category = ?", where.category),
            ("customer_id = ?", where.customer_id), ("store = ?", where.store.casefold()),
            ("filed_at >= ?", where.filed_after and micros(where.filed_after)),
            ("filed_at < ?", where.filed_before and micros(where.filed_before))]
        ids = walk(self.store.db, "complaints", "filed_at", organisation, where_clauses, after, limit)
        return [self.complaints[cid] for cid in ids]


def with_customer(draft: ev.ComplaintFiled, customer_id: str, other_open: list[str]) -> ev.ComplaintFiled:
    filed = ev.ComplaintFiled()
    filed.CopyFrom(draft)
    filed.customer_id = customer_id
    del filed.other_open_complaint_ids[:]
    filed.other_open_complaint_ids.extend(other_open)
    return filed

