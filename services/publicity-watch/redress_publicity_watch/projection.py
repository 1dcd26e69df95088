"""Publicity-watch's read model, built only from the log: every mention and its history,
and an index for listing by organisation and publication time."""
from __future__ import annotations

from dataclasses import dataclass

from redress.kernel.readmodel import Book
from redress.kernel.store import Store, micros, walk
from redress_publicity_watch import domain
from redress_publicity_watch.domain import Mention

SCHEMA = """
CREATE TABLE mentions(
    mention_id TEXT PRIMARY KEY, organisation TEXT NOT NULL, source INTEGER NOT NULL,
    published_at INTEGER NOT NULL, deleted INTEGER NOT NULL, sentiment TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX mentions_by_publication ON mentions(organisation, published_at, mention_id);
"""


@dataclass(frozen=True)
class MentionFilter:
    source: int = 0
    published_from: int = 0  # microseconds
    published_before: int = 0
    include_deleted: bool = False
    sentiment: str = ""


def published(mention: Mention) -> int:
    r = mention.reported
    return micros(r.published_at.ToDatetime()) if r.HasField("published_at") else micros(mention.first_seen_at)


class MentionBook(Book):
    SCHEMA = SCHEMA

    def __init__(self, store: Store | None = None) -> None:
        super().__init__(domain.apply, store)
        self.mentions = self.states

    def write(self, mentions: list[Mention]) -> None:
        rows = [(m.mention_id, m.organisation, m.reported.source, published(m), int(m.deleted), m.sentiment)
                for m in mentions]
        self.store.db.executemany("INSERT OR REPLACE INTO mentions VALUES (?, ?, ?, ?, ?, ?)", rows)

    def get(self, organisation: str, mention_id: str) -> Mention | None:
        mention = self.mentions.get(mention_id)
        return mention if mention and mention.organisation == organisation else None

    def list(self, organisation: str, where: MentionFilter, after: tuple[int, str] | None,
             limit: int) -> list[Mention]:
        """Oldest published first (then by id), after a (published_at in microseconds, id) key."""
        clauses = [("source = ?", where.source), ("published_at >= ?", where.published_from),
                   ("published_at < ?", where.published_before), ("sentiment = ?", where.sentiment),
                   ("deleted < ?", None if where.include_deleted else 1)]
        ids = walk(self.store.db, "mentions", "published_at", organisation, clauses, after, limit, key="mention_id")
        return [self.mentions[mid] for mid in ids]
