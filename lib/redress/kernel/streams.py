"""Each complaint's stream in one service, folded from that service's events in log order.

Pure. The kernel keeps the bookkeeping every service shares (the stream's version, its
organisation, the requests already applied, its history); a domain's `apply` folds only
the business meaning of events it knows. An event of a type this build does not know (a
newer version's) stays in the history and moves the version on, even as a stream's
first event. What cannot be folded cleanly is not lost: it is folded as far as it can
be, and named in `problems` for the dead-letter topic.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Callable, Generic, TypeVar

from google.protobuf import any_pb2
from google.protobuf.message import Message

from redress.kernel.envelope import Envelope

S = TypeVar("S")
Apply = Callable[[S | None, Message, datetime], S]


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


class Streams(Generic[S]):
    def __init__(self, apply: Apply):
        self.apply = apply
        self.streams: dict[str, Stream[S]] = {}
        self.states: dict[str, S] = {}
        self.histories: dict[str, list[Envelope]] = {}
        self.duplicates_skipped = 0
        self.problems: list[tuple[Envelope, str]] = []

    def stream(self, complaint_id: str) -> Stream[S]:
        """The complaint's stream (a fresh, empty one if it has no events)."""
        return self.streams.get(complaint_id) or Stream()

    def fold(self, env: Envelope) -> Stream[S] | None:
        """The stream after the event, or None when the event was seen already."""
        stream = self.streams.setdefault(env.subject, Stream())
        if env.sequence <= stream.version:
            self.duplicates_skipped += 1
            held = self._event_at(env.subject, env.sequence)
            if held is not None and held.event_id != env.event_id:  # a second writer: not a redelivery
                self.problems.append((env, f"conflicting event: {env.subject} already has event {held.event_id} "
                                           f"at sequence {env.sequence}; this one was not applied"))
            return None
        if env.sequence > stream.version + 1:
            self.problems.append((env, f"sequence gap in {env.subject}: expected {stream.version + 1}, "
                                       f"got {env.sequence}; applied, the missing events are not in the log"))
        problem = fold_one(stream, self.apply, env)
        if problem:
            self.problems.append((env, problem))
        if stream.state is not None:
            self.states[env.subject] = stream.state
        self.histories.setdefault(env.subject, []).append(env)
        return stream

    def _event_at(self, complaint_id: str, sequence: int) -> Envelope | None:
        for env in reversed(self.histories.get(complaint_id, [])):
            if env.sequence <= sequence:
                return env if env.sequence == sequence else None
        return None

    def take_problems(self) -> list[tuple[Envelope, str]]:
        problems, self.problems = self.problems, []
        return problems

    def as_of(self, complaint_id: str, version: int) -> S | None:
        """The complaint's state right after its event number `version`."""
        stream: Stream[S] = Stream()
        for env in self.histories.get(complaint_id, []):
            if env.sequence > version:
                break
            fold_one(stream, self.apply, env)
        return stream.state
