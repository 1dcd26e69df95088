"""A replica's read models on its own disk: SQLite in WAL mode under REDRESS_STATE_DIR.

It holds every stream's events as they came from the log, the read model's own tables
(its indexes), and the feed's position in each partition. A batch of events and the
position after it are written in one transaction, so a restarted replica resumes where
it stopped, and an event is in the read model exactly once.

The store is a cache of the log, never a source of truth: one that is missing,
unreadable, made by another schema, or that does not match the log it claims to have
read (another cluster, a recreated topic) is thrown away and rebuilt from the log.
"""
from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import sqlite3
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Callable, Iterator

import structlog

log = structlog.get_logger(__name__)
# Bump when the kernel's tables or the way events are kept in them change.
KERNEL_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS positions(
    partition INTEGER PRIMARY KEY, next_offset INTEGER NOT NULL,
    last_offset INTEGER NOT NULL, last_event_id TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS events(
    complaint_id TEXT NOT NULL, sequence INTEGER NOT NULL, event_id TEXT NOT NULL,
    partition INTEGER NOT NULL, offset INTEGER NOT NULL, value BLOB NOT NULL, headers BLOB NOT NULL);
-- Rows are appended in log order; only this small index is written at random places.
CREATE UNIQUE INDEX IF NOT EXISTS events_by_stream ON events(complaint_id, sequence);
"""
KERNEL_VERSION = "store-2"


_JOINED = contextlib.nullcontext()


class StoreInUse(RuntimeError):
    """Another replica (a process on this machine) has this state directory."""


@dataclass(frozen=True)
class Position:
    """How far the feed has read a partition, and the last event it applied there
    (what proves, on the next start, that the log is still the one it read)."""
    next_offset: int
    last_offset: int = -1
    last_event_id: str = ""


class Store:
    def __init__(self, path: Path | None, schema: str, topic: str):
        self.path = path
        self.schema = schema
        self.topic = topic
        self.fingerprint = hashlib.sha256(f"{KERNEL_VERSION}\n{topic}\n{KERNEL_SCHEMA}\n{schema}".encode()).hexdigest()
        self._before_commit: list[Callable[[], None]] = []
        self._after_rollback: list[Callable[[], None]] = []
        self._depth = 0
        self._lock = self._take_lock() if path else None
        self.db = self._open()
        self._checkpoints = Checkpoints(path) if path else None

    @classmethod
    def in_memory(cls, schema: str = "", topic: str = "") -> "Store":
        return cls(None, schema, topic)

    # -- opening ----------------------------------------------------------------------------
    def _take_lock(self):
        self.path.parent.mkdir(parents=True, exist_ok=True)
        lock = open(self.path.with_suffix(".lock"), "w")
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            lock.close()
            raise StoreInUse(f"another replica is using the store {self.path}; give each replica its own "
                             "REDRESS_STATE_DIR") from exc
        return lock

    def _open(self) -> sqlite3.Connection:
        existed = bool(self.path and self.path.exists())
        try:
            db = self._connect()
            found = db.execute("SELECT value FROM meta WHERE key = 'fingerprint'").fetchone()
            if found and found[0] == self.fingerprint:
                return db
            reason = "it was made by another schema" if found else "it is new"
            db.close()
        except sqlite3.DatabaseError as exc:
            reason = f"it cannot be read ({exc})"
        if existed:
            log.warning("the store is rebuilt from the log", store=str(self.path), reason=reason)
        return self._fresh()

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(str(self.path) if self.path else ":memory:", isolation_level=None,
                             check_same_thread=False)
        if self.path:
            db.execute("PRAGMA journal_mode=WAL")
            # A crash loses no committed batch; a power cut may lose the last ones, which the
            # log still has: the positions roll back with them.
            db.execute("PRAGMA synchronous=NORMAL")
            # Checkpoints (copying the log into the file, and syncing it) run on a thread of
            # their own (Checkpoints), not in a commit on the event loop; this one is only the
            # backstop should that thread fall behind (80 MB of log).
            db.execute("PRAGMA wal_autocheckpoint=20000")
            db.execute(f"PRAGMA journal_size_limit={64 * 1024 * 1024}")
        db.execute("PRAGMA cache_size=-16000")
        db.executescript(KERNEL_SCHEMA)
        return db

    def _fresh(self) -> sqlite3.Connection:
        if self.path:
            for suffix in ("", "-wal", "-shm"):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(f"{self.path}{suffix}")
        db = self._connect()
        db.executescript(self.schema)
        db.execute("INSERT OR REPLACE INTO meta VALUES ('fingerprint', ?)", (self.fingerprint,))
        return db

    def reset(self, reason: str) -> None:
        """Throws everything away: the read model is rebuilt from offset zero."""
        log.warning("the store is rebuilt from the log", store=str(self.path or ":memory:"), reason=reason)
        if self._checkpoints:
            self._checkpoints.stop()
        self.db.close()
        self.db = self._fresh()
        if self.path:
            self._checkpoints = Checkpoints(self.path)
        for forget in self._after_rollback:
            forget()

    def close(self) -> None:
        """Leaves the log empty (all in the file), so the next start reads no log back."""
        if self._checkpoints:
            self._checkpoints.stop()
        if self.path:
            with contextlib.suppress(sqlite3.Error):
                self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        self.db.close()
        if self._lock:
            self._lock.close()

    # -- writing ----------------------------------------------------------------------------
    def before_commit(self, flush: Callable[[], None]) -> None:
        """`flush` writes what a read model kept back during the transaction."""
        self._before_commit.append(flush)

    def after_rollback(self, forget: Callable[[], None]) -> None:
        """`forget` drops what a read model holds in memory that the rollback undid."""
        self._after_rollback.append(forget)

    def transaction(self):
        """One transaction (a nested one joins the outer, for nothing)."""
        return _JOINED if self._depth else self._transaction()

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        self._depth = 1
        self.db.execute("BEGIN")
        try:
            yield
            for flush in self._before_commit:
                flush()
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            for forget in self._after_rollback:
                forget()
            raise
        finally:
            self._depth = 0

    # -- the feed's positions -----------------------------------------------------------------
    def positions(self) -> dict[int, Position]:
        rows = self.db.execute("SELECT partition, next_offset, last_offset, last_event_id FROM positions")
        return {p: Position(n, last, event) for p, n, last, event in rows}

    def save_positions(self, positions: dict[int, Position]) -> None:
        self.db.executemany("INSERT OR REPLACE INTO positions VALUES (?, ?, ?, ?)",
                            [(p, x.next_offset, x.last_offset, x.last_event_id) for p, x in positions.items()])


class Checkpoints:
    """Copies the write-ahead log into the database now and then, on a thread with a
    connection of its own (PASSIVE: it never waits for, nor blocks, the replica's writes)."""

    def __init__(self, path: Path, every_s: float = 1.0):
        self._path = path
        self._every_s = every_s
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name="store-checkpoints", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        db = sqlite3.connect(str(self._path), isolation_level=None, check_same_thread=False)
        try:
            while not self._stopping.wait(self._every_s):
                try:
                    db.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
                except sqlite3.Error as exc:  # a store being replaced: the next one starts afresh
                    log.info("checkpoint skipped", store=str(self._path), error=repr(exc))
        finally:
            db.close()

    def stop(self) -> None:
        self._stopping.set()
        self._thread.join(timeout=5)


def store_path(state_dir: Path, service: str) -> Path:
    return state_dir / f"{service}.sqlite"


def micros(at: datetime) -> int:
    """An instant as whole microseconds since the epoch: how the stores keep time, in order."""
    return round(at.timestamp() * 1_000_000)


def walk(db: sqlite3.Connection, table: str, order: str, organisation: str, where: list[tuple[str, object]],
         after: tuple[int, str] | None, limit: int, key: str = "complaint_id") -> list[str]:
    """The `key` ids of an organisation's rows along an index on (organisation, `order`,
    `key`), after a key, matching the clauses of `where` whose value is set (a clause without a
    `?` takes no value: set it to True to apply it)."""
    wanted = [(clause, value) for clause, value in where if value not in ("", 0, None)]
    sql = f"SELECT {key} FROM {table} WHERE organisation = ?"
    args: list = [organisation]
    if after:
        sql += f" AND ({order}, {key}) > (?, ?)"
        args += list(after)
    sql += "".join(f" AND {clause}" for clause, _ in wanted) + f" ORDER BY {order}, {key} LIMIT ?"
    args += [value for clause, value in wanted if "?" in clause] + [limit]
    return [found for (found,) in db.execute(sql, args).fetchall()]
