"""Each complaint's stream in one service, folded from that service's events in log order.

The kernel keeps the bookkeeping every service shares (the stream's version, its
organisation, the requests already applied, its history); a domain's `apply` folds only
the business meaning of events it knows. An event of a type this build does not know (a
newer version's) stays in the history and moves the version on, even as a stream's
first event. What cannot be folded cleanly is not lost: it is folded as far as it can
be, and named in `problems` for the dead-letter topic.

The histories live in the replica's store (redress.kernel.store); a stream's state is
folded from its history when it is first needed and kept in a bounded cache, so memory
follows the work, not the length of the log.
"""
from __future__ import annotations

import pickle
from collections import OrderedDict
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Callable, Generic, Iterator, TypeVar

from google.protobuf import any_pb2
from google.protobuf.message import Message

from redress.kernel.envelope import Envelope, decode, encode
from redress.kernel.store import Store

S = TypeVar("S")
Apply = Callable[[S | None, Message, datetime], S]
CACHED_STREAMS = 10_000


@dataclass
class Stream(Generic[S]):
    """One complaint's stream: its domain state (None until an event the domain knows
    founds it) and the kernel's bookkeeping."""
    state: S | None = None
    version: int = 0
    organisation: str = ""
    # request_id -> (the stream's version right after that request, the command's action).
    requests: dict[str, tuple[int, str]] = field(default_factory=dict)

    def copy(self) -> "Stream[S]":
        return replace(self, requests=dict(self.requests))


def fold_one(stream: Stream[S], apply: Apply, env: Envelope) -> str | None:
    """Folds one event into `stream` (in place); returns a problem to report, or None."""
    problem = None
    if not isinstance(env.payload, any_pb2.Any):
        try:
            stream.state = apply(stream.state, env.payload, env.time)
        except Exception as exc:  # the event stays in the history; its meaning is lost
            problem = f"could not apply {env.type} at sequence {env.sequence}: {exc!r}"
    stream.version = env.sequence
    stream.organisation = stream.organisation or env.organisation
    if env.request_id:
        first_action = stream.requests.get(env.request_id, (0, env.command))[1]
        stream.requests[env.request_id] = (env.sequence, first_action)
    if stream.state is not None:
        stream.state = _with_version(stream.state, env.sequence)
    return problem


def _with_version(state, version: int):
    return replace(state, version=version) if hasattr(state, "version") else state


def _raw(env: Envelope) -> tuple[bytes, bytes]:
    value, headers = (env.raw if env.raw else encode(env)[1:])
    return value, pickle.dumps(headers, protocol=pickle.HIGHEST_PROTOCOL)


class Streams(Generic[S]):
    def __init__(self, apply: Apply, store: Store | None = None, cached: int = CACHED_STREAMS):
        self.apply = apply
        self.store = store or Store.in_memory()
        self._cached = cached
        self._cache: OrderedDict[str, Stream[S]] = OrderedDict()
        self._pending: dict[tuple[str, int], tuple] = {}  # history rows of the open transaction
        self._pending_of: dict[str, list[tuple]] = {}  # the same, by stream
        self.duplicates_skipped = 0
        self.problems: list[tuple[Envelope, str]] = []
        self.states = States(self)
        self.histories = Histories(self)
        self.store.before_commit(self._flush)
        self.store.after_rollback(self._forget)

    # -- reading ----------------------------------------------------------------------------
    def stream(self, complaint_id: str) -> Stream[S]:
        """The complaint's stream (a fresh, empty one if it has no events)."""
        stream = self._cache.get(complaint_id)
        if stream is not None:
            self._cache.move_to_end(complaint_id)
            return stream
        stream = Stream()
        for env in self.history(complaint_id):
            fold_one(stream, self.apply, env)
        if stream.version:
            self._keep(complaint_id, stream)
        return stream

    def history(self, complaint_id: str, up_to: int | None = None) -> list[Envelope]:
        """The complaint's events in order (up to a version)."""
        rows = self.store.db.execute(
            "SELECT value, headers, partition, offset FROM events WHERE complaint_id = ? AND sequence <= ? "
            "ORDER BY sequence", (complaint_id, up_to if up_to is not None else 2**62))
        found = [decode(v, pickle.loads(h), p, o) for v, h, p, o in rows]
        pending = [row for row in self._pending_of.get(complaint_id, ()) if up_to is None or row[1] <= up_to]
        return found + [decode(row[5], pickle.loads(row[6]), row[3], row[4]) for row in pending]

    def as_of(self, complaint_id: str, version: int) -> S | None:
        """The complaint's state right after its event number `version`."""
        current = self.stream(complaint_id)
        if current.version == version:
            return current.state
        stream: Stream[S] = Stream()
        for env in self.history(complaint_id, version):
            fold_one(stream, self.apply, env)
        return stream.state

    def ids(self) -> Iterator[str]:
        for (complaint_id,) in self.store.db.execute("SELECT DISTINCT complaint_id FROM events"):
            yield complaint_id

    # -- folding ------------------------------------------------------------------------------
    def fold(self, env: Envelope) -> Stream[S] | None:
        """The stream after the event, or None when the event was seen already."""
        with self.store.transaction():
            return self._fold(env)

    def _fold(self, env: Envelope) -> Stream[S] | None:
        stream = self.stream(env.subject)
        if env.sequence <= stream.version:
            self.duplicates_skipped += 1
            held = self._event_id_at(env.subject, env.sequence)
            if held is not None and held != env.event_id:  # a second writer: not a redelivery
                self.problems.append((env, f"conflicting event: {env.subject} already has event {held} "
                                           f"at sequence {env.sequence}; this one was not applied"))
            return None
        if env.sequence > stream.version + 1:
            self.problems.append((env, f"sequence gap in {env.subject}: expected {stream.version + 1}, "
                                       f"got {env.sequence}; applied, the missing events are not in the log"))
        problem = fold_one(stream, self.apply, env)
        if problem:
            self.problems.append((env, problem))
        row = (env.subject, env.sequence, env.event_id, env.partition, env.offset, *_raw(env))
        self._pending[(env.subject, env.sequence)] = row
        self._pending_of.setdefault(env.subject, []).append(row)
        self._keep(env.subject, stream)
        return stream

    def _event_id_at(self, complaint_id: str, sequence: int) -> str | None:
        row = self._pending.get((complaint_id, sequence))
        if row:
            return row[2]
        found = self.store.db.execute("SELECT event_id FROM events WHERE complaint_id = ? AND sequence = ?",
                                      (complaint_id, sequence)).fetchone()
        return found[0] if found else None

    def take_problems(self) -> list[tuple[Envelope, str]]:
        problems, self.problems = self.problems, []
        return problems

    # -- the cache and the store ------------------------------------------------------------------
    def _keep(self, complaint_id: str, stream: Stream[S]) -> None:
        self._cache[complaint_id] = stream
        self._cache.move_to_end(complaint_id)
        while len(self._cache) > self._cached:
            oldest = next(iter(self._cache))
            if oldest in self._pending_of:
                break  # its events are not written yet; the batch's end trims the cache
            self._cache.popitem(last=False)

    def _flush(self) -> None:
        if self._pending:
            self.store.db.executemany("INSERT OR IGNORE INTO events VALUES (?, ?, ?, ?, ?, ?, ?)",
                                      self._pending.values())
            self._pending, self._pending_of = {}, {}
        while len(self._cache) > self._cached:
            self._cache.popitem(last=False)

    def _forget(self) -> None:
        self._pending, self._pending_of = {}, {}
        self._cache.clear()


class States:
    """The streams' states as a read-only mapping (complaint id -> state)."""

    def __init__(self, streams: Streams):
        self._streams = streams

    def get(self, complaint_id: str, default=None):
        state = self._streams.stream(complaint_id).state
        return default if state is None else state

    def __getitem__(self, complaint_id: str):
        state = self._streams.stream(complaint_id).state
        if state is None:
            raise KeyError(complaint_id)
        return state

    def __contains__(self, complaint_id: str) -> bool:
        return self._streams.stream(complaint_id).state is not None

    def __len__(self) -> int:
        return sum(1 for _ in self.keys())

    def keys(self) -> Iterator[str]:
        return (cid for cid in self._streams.ids() if cid in self)


class Histories:
    """The streams' histories as a read-only mapping (complaint id -> events in order)."""

    def __init__(self, streams: Streams):
        self._streams = streams

    def __getitem__(self, complaint_id: str) -> list[Envelope]:
        found = self._streams.history(complaint_id)
        if not found:
            raise KeyError(complaint_id)
        return found

    def get(self, complaint_id: str, default=None):
        return self._streams.history(complaint_id) or default
