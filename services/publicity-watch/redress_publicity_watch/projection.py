"""Publicity-watch's read model, built only from the log: every mention, complaint story and
burst with its history; indexes for listing mentions and public escalations, for finding a
post's complaint (identities, references, recent complaints), and which mention is linked
to which complaint."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Callable

from redress.kernel.envelope import Envelope
from redress.kernel.readmodel import Book
from redress.kernel.store import Store, micros, walk
from redress_publicity_watch import domain, linking
from redress_publicity_watch.mentions import Mention
from redress_publicity_watch.story import ComplaintStory, PublicEscalation

log = logging.getLogger(__name__)
RECENT = 500  # complaints compared by their words when nothing else names them

SCHEMA = """
CREATE TABLE mentions(
    mention_id TEXT PRIMARY KEY, organisation TEXT NOT NULL, source INTEGER NOT NULL,
    published_at INTEGER NOT NULL, deleted INTEGER NOT NULL, sentiment TEXT NOT NULL,
    complaint_id TEXT NOT NULL, matched TEXT NOT NULL, author_key TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX mentions_by_publication ON mentions(organisation, published_at, mention_id);
CREATE INDEX mentions_by_author ON mentions(organisation, author_key);
CREATE TABLE identities(
    organisation TEXT NOT NULL, kind TEXT NOT NULL, value TEXT NOT NULL, complaint_id TEXT NOT NULL,
    PRIMARY KEY (organisation, kind, value, complaint_id)
) WITHOUT ROWID;
CREATE TABLE links(mention_id TEXT PRIMARY KEY, complaint_id TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE unlinks(mention_id TEXT NOT NULL, complaint_id TEXT NOT NULL, PRIMARY KEY (mention_id, complaint_id))
    WITHOUT ROWID;
CREATE INDEX links_by_complaint ON links(complaint_id);
CREATE TABLE stories(
    complaint_id TEXT PRIMARY KEY, organisation TEXT NOT NULL, filed_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX stories_by_filing ON stories(organisation, filed_at);
CREATE TABLE escalations(
    escalation TEXT PRIMARY KEY, mention_id TEXT NOT NULL, organisation TEXT NOT NULL, complaint_id TEXT NOT NULL,
    status TEXT NOT NULL, opened_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX escalations_by_opening ON escalations(organisation, opened_at, escalation);
CREATE INDEX escalations_by_mention ON escalations(mention_id, opened_at);
"""
LINKED = {"linked": "complaint_id != ''", "unlinked": "complaint_id = ''",
          "review": "complaint_id = '' AND matched = 'review' AND mention_id NOT IN (SELECT mention_id FROM unlinks)"}


@dataclass(frozen=True)
class MentionFilter:
    source: int = 0
    published_from: int = 0  # microseconds
    published_before: int = 0
    include_deleted: bool = False
    sentiment: str = ""
    linked: str = ""  # "", "linked", "unlinked" or "review"


def published(mention: Mention) -> int:
    r = mention.reported
    return micros(r.published_at.ToDatetime()) if r.HasField("published_at") else micros(mention.first_seen_at)


def escalation_key(mention_id: str, complaint_id: str) -> str:
    return f"{mention_id}@{complaint_id}"


def author_key(author: str, handle: str) -> str:
    return linking.fold_handle(handle) or linking.fold_name(author) or author.strip().casefold()


class MentionBook(Book):
    SCHEMA = SCHEMA

    def __init__(self, store: Store | None = None) -> None:
        super().__init__(domain.apply, store)
        self._watchers: list[Callable[[Envelope], None]] = []

    def apply(self, env: Envelope) -> bool:
        applied = super().apply(env)
        if applied:
            for watcher in list(self._watchers):
                try:
                    watcher(env)
                except Exception:  # a watcher's failure must not stop the read model
                    log.exception("a mention watcher failed")
        return applied

    def watch(self, watcher: Callable[[Envelope], None]) -> Callable[[], None]:
        self._watchers.append(watcher)
        return lambda: self._watchers.remove(watcher)

    # -- rows ---------------------------------------------------------------------------------

    def write(self, states: list) -> None:
        for state in states:
            if isinstance(state, ComplaintStory):
                self._write_story(state)
        rows = [self._mention_row(m) for m in states if isinstance(m, Mention)]
        self.store.db.executemany("INSERT OR REPLACE INTO mentions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)

    def _mention_row(self, m: Mention) -> tuple:
        r = m.reported
        return (m.mention_id, m.organisation, r.source, published(m), int(m.deleted), m.sentiment,
                self.linked(m.mention_id), m.match.outcome if m.match else "",
                author_key(r.author, r.author_handle))

    def _write_story(self, story: ComplaintStory) -> None:
        db, org = self.store.db, story.organisation
        if not org:
            return
        # The two streams replay in any order: the link is kept apart and copied to the mention's row.
        for (mid,) in db.execute("SELECT mention_id FROM links WHERE complaint_id = ?",
                                 (story.complaint_id,)).fetchall():
            if mid not in story.links:
                db.execute("DELETE FROM links WHERE mention_id = ?", (mid,))
                db.execute("UPDATE mentions SET complaint_id = '' WHERE mention_id = ?", (mid,))
        db.executemany("INSERT OR IGNORE INTO unlinks VALUES (?, ?)", [(m, story.complaint_id) for m in story.unlinked])
        for mid in story.links:
            db.execute("INSERT OR REPLACE INTO links VALUES (?, ?)", (mid, story.complaint_id))
            db.execute("UPDATE mentions SET complaint_id = ? WHERE mention_id = ?", (story.complaint_id, mid))
        keys = [(org, kind, value, story.complaint_id)
                for kind, values in linking.story_identities(story).items() for value in values]
        db.executemany("INSERT OR IGNORE INTO identities VALUES (?, ?, ?, ?)", keys)
        filed = micros(story.filed_at) if story.filed_at and not story.withdrawn else 0
        db.execute("INSERT OR REPLACE INTO stories VALUES (?, ?, ?)", (story.complaint_id, org, filed))
        # One escalation per mention and complaint: a mention relinked elsewhere opens another.
        db.executemany("INSERT OR REPLACE INTO escalations VALUES (?, ?, ?, ?, ?, ?)", [
            (escalation_key(e.mention_id, story.complaint_id), e.mention_id, org, story.complaint_id, e.status,
             micros(e.opened_at)) for e in story.escalations.values()])

    # -- queries ------------------------------------------------------------------------------

    def get(self, organisation: str, mention_id: str) -> Mention | None:
        mention = self.states.get(mention_id)
        return mention if isinstance(mention, Mention) and mention.organisation == organisation else None

    def unlinked_from(self, mention_id: str) -> set[str]:
        """The complaints a person said this mention is not about."""
        rows = self.store.db.execute("SELECT complaint_id FROM unlinks WHERE mention_id = ?", (mention_id,))
        return {cid for (cid,) in rows}

    def bursts(self, organisation: str, last: int = 20) -> list:
        found = self.states.get(f"{domain.BURSTS}{organisation}")
        return list(found.detected[-last:]) if isinstance(found, domain.Bursts) else []

    def linked(self, mention_id: str) -> str:
        """The complaint the mention is linked to ("" when none)."""
        row = self.store.db.execute("SELECT complaint_id FROM links WHERE mention_id = ?", (mention_id,)).fetchone()
        return row[0] if row else ""

    def story(self, organisation: str, complaint_id: str) -> ComplaintStory | None:
        story = self.states.get(complaint_id)
        return story if isinstance(story, ComplaintStory) and story.organisation == organisation else None

    def list(self, organisation: str, where: MentionFilter, after: tuple[int, str] | None,
             limit: int) -> list[Mention]:
        """Oldest published first (then by id), after a (published_at in microseconds, id) key."""
        clauses = [("source = ?", where.source), ("published_at >= ?", where.published_from),
                   ("published_at < ?", where.published_before), ("sentiment = ?", where.sentiment),
                   ("deleted < ?", None if where.include_deleted else 1)]
        if where.linked:
            clauses.append((LINKED[where.linked], True))
        ids = walk(self.store.db, "mentions", "published_at", organisation, clauses, after, limit, key="mention_id")
        return [self.states[mid] for mid in ids]

    def escalations(self, organisation: str, status: str, after: tuple[int, str] | None,
                    limit: int) -> list[tuple[ComplaintStory, PublicEscalation]]:
        keys = walk(self.store.db, "escalations", "opened_at", organisation, [("status = ?", status)], after, limit,
                    key="escalation")
        return [self._escalation(key) for key in keys]

    def _escalation(self, key: str) -> tuple[ComplaintStory, PublicEscalation]:
        mention_id, complaint_id = key.split("@", 1)
        story = self.states[complaint_id]
        return story, story.escalations[mention_id]

    def all_escalations(self, organisation: str) -> list[PublicEscalation]:
        rows = self.store.db.execute("SELECT escalation FROM escalations WHERE organisation = ?",
                                     (organisation,)).fetchall()
        return [self._escalation(key)[1] for (key,) in rows]

    def candidates(self, organisation: str, keys: dict[str, set[str]]) -> list[ComplaintStory]:
        """The complaints a post may be about: those its identities and references name, and the
        organisation's most recent ones (for similar words)."""
        db = self.store.db
        ids: dict[str, None] = {}
        for kind, values in keys.items():
            for value in values:
                for (cid,) in db.execute("SELECT complaint_id FROM identities WHERE organisation = ? AND kind = ? "
                                         "AND value = ?", (organisation, kind, value)):
                    ids[cid] = None
        for (cid,) in db.execute("SELECT complaint_id FROM stories WHERE organisation = ? AND filed_at > 0 "
                                 "ORDER BY filed_at DESC LIMIT ?", (organisation, RECENT)):
            ids[cid] = None
        return [s for cid in ids if isinstance(s := self.states.get(cid), ComplaintStory)]

    def by_author(self, organisation: str, author: str, handle: str) -> list[Mention]:
        key = author_key(author, handle)
        if not key:
            return []
        rows = self.store.db.execute("SELECT mention_id FROM mentions WHERE organisation = ? AND author_key = ?",
                                     (organisation, key)).fetchall()
        return [self.states[mid] for (mid,) in rows]

    def awaiting_link(self, limit: int = 100) -> list[Mention]:
        """Mentions matching said to link that nobody has linked yet."""
        rows = self.store.db.execute(
            "SELECT mention_id FROM mentions WHERE matched = 'auto_link' AND complaint_id = '' AND deleted = 0 "
            "AND mention_id NOT IN (SELECT mention_id FROM unlinks) ORDER BY random() LIMIT ?", (limit,)).fetchall()
        return [self.states[mid] for (mid,) in rows]

    def escalation_of(self, organisation: str, mention_id: str) -> tuple[ComplaintStory, PublicEscalation] | None:
        """The mention's escalation on the complaint it is linked to now, else its latest."""
        linked = self.linked(mention_id)
        row = self.store.db.execute(
            "SELECT escalation FROM escalations WHERE mention_id = ? AND organisation = ? "
            "ORDER BY complaint_id = ? DESC, opened_at DESC LIMIT 1", (mention_id, organisation, linked)).fetchone()
        return self._escalation(row[0]) if row else None
