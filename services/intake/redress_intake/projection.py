"""Intake's read model: every complaint, its history, and the customer index.

Built only by applying events from the log, in log order; applying an event twice
changes nothing (its sequence number is not above the complaint's version). Pure:
no Kafka, no gRPC.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
import uuid
from typing import Callable, Iterator

import structlog

from redress.kernel.envelope import Envelope
from redress.kernel.ids import customer_id
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

    def matches(self, c: Complaint) -> bool:
        f = c.filed
        return (
            (not self.status or c.status == self.status)
            and (not self.channel or f.channel == self.channel)
            and (not self.category or f.category == self.category)
            and (not self.customer_id or f.customer_id == self.customer_id)
            and (not self.store or f.store.casefold() == self.store.casefold())
            and (self.filed_after is None or c.filed_at >= self.filed_after)
            and (self.filed_before is None or c.filed_at < self.filed_before)
        )


class ComplaintBook:
    def __init__(self) -> None:
        self.streams: Streams[Complaint] = Streams(domain.apply)
        self.complaints = self.streams.states
        self.histories = self.streams.histories
        self._customers: dict[tuple[str, str], str] = {}
        self._by_customer: dict[str, list[str]] = {}
        self._by_org: dict[str, list[str]] = {}
        self._requests: dict[tuple[str, str], str] = {}
        self._watchers: list[Callable[[Envelope], None]] = []

    # -- building ---------------------------------------------------------------------
    @property
    def duplicates_skipped(self) -> int:
        return self.streams.duplicates_skipped

    def apply(self, env: Envelope) -> bool:
        stream = self.streams.fold(env)
        if stream is None:
            return False
        if stream.state is not None:  # None: nothing this version knows has founded it yet
            self._index(env, stream.state)
        for watcher in list(self._watchers):
            try:
                watcher(env)
            except Exception:
                log.exception("a watcher failed", complaint_id=env.subject)
        return True

    def _index(self, env: Envelope, state: Complaint) -> None:
        if isinstance(env.payload, ev.ComplaintFiled):
            self._index_filing(env.payload)
            self._requests[(env.organisation, env.request_id)] = env.subject
        elif isinstance(env.payload, ev.RepeatContactRecorded):
            self._index_contact(state.filed.organisation, state.filed.customer_id, env.payload.contact)
            self._requests[(env.organisation, env.request_id)] = env.subject

    def _index_filing(self, filed: ev.ComplaintFiled) -> None:
        self._by_org.setdefault(filed.organisation, []).append(filed.complaint_id)
        self._by_customer.setdefault(filed.customer_id, []).append(filed.complaint_id)
        self._index_contact(filed.organisation, filed.customer_id, filed.contact)

    def _index_contact(self, organisation: str, customer_id: str, contact: types.CustomerContact) -> None:
        for key in domain.contact_keys(contact):
            self._customers.setdefault((organisation, key), customer_id)

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
        return self._requests.get((organisation, request_id))

    def customer_for(self, organisation: str, contact: types.CustomerContact) -> str:
        """The known customer with any of these contacts, or a new id stable for them."""
        keys = domain.contact_keys(contact)
        for key in keys:
            if (organisation, key) in self._customers:
                return self._customers[(organisation, key)]
        seed = keys[0] if keys else f"name:{contact.name.strip().casefold()}:{uuid.uuid4()}"
        return customer_id(organisation, seed)

    def open_complaints_of(self, organisation: str, customer_id: str, exclude: str = "") -> list[Complaint]:
        return [
            c for cid in self._by_customer.get(customer_id, [])
            if cid != exclude and (c := self.complaints[cid]).status == domain.OPEN
            and c.filed.organisation == organisation
        ]

    def same_open_problem(self, organisation: str, draft: ev.ComplaintFiled) -> Complaint | None:
        for c in self.open_complaints_of(organisation, draft.customer_id):
            if domain.same_problem(c, draft):
                return c
        return None

    def list(self, organisation: str, where: ComplaintFilter) -> Iterator[Complaint]:
        """Oldest filed first (log order within a partition, filing time across them)."""
        ids = self._by_org.get(organisation, [])
        chosen = (self.complaints[cid] for cid in ids)
        return iter(sorted((c for c in chosen if where.matches(c)), key=lambda c: (c.filed_at, c.complaint_id)))



def with_customer(draft: ev.ComplaintFiled, customer_id: str, other_open: list[str]) -> ev.ComplaintFiled:
    filed = ev.ComplaintFiled()
    filed.CopyFrom(draft)
    filed.customer_id = customer_id
    del filed.other_open_complaint_ids[:]
    filed.other_open_complaint_ids.extend(other_open)
    return filed

