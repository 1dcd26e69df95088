"""Publicity-watch's read model, built only from the log: every mention and its history,
and an index for listing by organisation and publication time."""
from __future__ import annotations

from dataclasses import dataclass

from redress.kernel.envelope import Envelope
from redress.kernel.store import Store, micros
from redress.kernel.streams import Streams
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


class MentionBook:
    SCHEMA = SCHEMA

    def __init__(self, store: Store | None = None) -> None:
        self.streams: Streams[Mention] = Streams(domain.apply, store or Store.in_memory(SCHEMA))
        self.store = self.streams.store
        self.mentions = self.streams.states
        self.histories = self.streams.histories
        self._changed: dict[str, Mention] = {}
        self.store.before_commit(self._flush)
        self.store.after_rollback(self._changed.clear)

    def apply(self, env: Envelope) -> bool:
        with self.store.transaction():
            stream = self.streams.fold(env)
            if stream is None:
                return False
            if stream.state is not None:
                self._changed[env.subject] = stream.state
        return True

    def _flush(self) -> None:
        rows = [(m.mention_id, m.organisation, m.reported.source, published(m), int(m.deleted), m.sentiment)
                for m in self._changed.values()]
        self.store.db.executemany("INSERT OR REPLACE INTO mentions VALUES (?, ?, ?, ?, ?, ?)", rows)
        self._changed.clear()

    def get(self, organisation: str, mention_id: str) -> Mention | None:
        mention = self.mentions.get(mention_id)
        return mention if mention and mention.organisation == organisation else None

    def list(self, organisation: str, where: MentionFilter, after: tuple[int, str] | None,
             limit: int) -> list[Mention]:
        """Oldest published first (then by id), after a (published_at in microseconds, id) key."""
        clauses = [("source = ?", where.source), ("published_at >= ?", where.published_from),
                   ("published_at < ?", where.published_before), ("sentiment = ?", where.sentiment)]
        wanted = [(clause, value) for clause, value in clauses if value]
        if not where.include_deleted:
            wanted.append(("deleted = ?", 0))
        sql, args = "SELECT mention_id FROM mentions WHERE organisation = ?", [organisation]
        if after:
            sql += " AND (published_at, mention_id) > (?, ?)"
            args += list(after)
        sql += "".join(f" AND {clause}" for clause, _ in wanted) + " ORDER BY published_at, mention_id LIMIT ?"
        rows = self.store.db.execute(sql, [*args, *(v for _, v in wanted), limit]).fetchall()
        return [self.mentions[mid] for (mid,) in rows]
