"""Resolution's read model: every case and its history, built only from the log, with an
index for listing and one on each case's next clock moment (what the clock watch reads)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from redress.kernel.readmodel import Book
from redress.kernel.store import Store, micros, walk
from redress_resolution import domain
from redress_resolution.clocks import next_moment
from redress_resolution.domain import Case

SCHEMA = """
CREATE TABLE cases(
    complaint_id TEXT PRIMARY KEY, organisation TEXT NOT NULL, opened_at INTEGER NOT NULL, status TEXT NOT NULL,
    level INTEGER NOT NULL, handler TEXT NOT NULL, next_moment INTEGER, priority TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX cases_by_opening ON cases(organisation, opened_at, complaint_id);
CREATE INDEX cases_by_next_moment ON cases(next_moment) WHERE next_moment IS NOT NULL;
"""


@dataclass(frozen=True)
class CaseFilter:
    status: str = ""
    level: int = 0
    handler: str = ""
    priority: str = ""


class CaseBook(Book):
    SCHEMA = SCHEMA

    def __init__(self, store: Store | None = None) -> None:
        super().__init__(domain.apply, store)
        self.cases = self.states

    def write(self, cases: list[Case]) -> None:
        rows = [(c.complaint_id, c.organisation, micros(c.opened_at), c.status, c.level, c.handler,
                 (moment := next_moment(c)) and micros(moment), c.priority) for c in cases]
        self.store.db.executemany("INSERT OR REPLACE INTO cases VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)

    def get(self, organisation: str, complaint_id: str) -> Case | None:
        case = self.cases.get(complaint_id)
        return case if case and case.organisation == organisation else None

    def as_of(self, complaint_id: str, version: int) -> Case:
        return self.streams.as_of(complaint_id, version)

    def due(self, now: datetime, limit: int = 1000) -> list[str]:
        """The cases with a clock moment at or before `now`, soonest first."""
        rows = self.store.db.execute("SELECT complaint_id FROM cases WHERE next_moment <= ? "
                                     "ORDER BY next_moment LIMIT ?", (micros(now), limit))
        return [cid for (cid,) in rows.fetchall()]

    def list(self, organisation: str, where: CaseFilter, after: tuple[int, str] | None = None,
             limit: int = 2**31) -> list[Case]:
        """Oldest opened first (then by id), after an (opened_at in microseconds, id) key."""
        where_clauses = [("status = ?", where.status), ("level = ?", where.level), ("handler = ?", where.handler),
                         ("priority = ?", where.priority)]
        return [self.cases[cid] for cid in walk(self.store.db, "cases", "opened_at", organisation, where_clauses,
                                                after, limit)]
