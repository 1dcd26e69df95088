"""Each complaint's state in one service, folded from that service's events in log order.

Pure. An event whose sequence number is not above the complaint's version has been
seen already (a redelivery, or a late append by a second writer) and changes nothing.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Callable, Generic, TypeVar

import structlog
from google.protobuf.message import Message

from redress.kernel.envelope import Envelope

log = structlog.get_logger(__name__)
S = TypeVar("S")


class ComplaintStreams(Generic[S]):
    def __init__(self, apply: Callable[[S | None, Message, datetime, str], S]):
        self._apply = apply
        self.states: dict[str, S] = {}
        self.histories: dict[str, list[Envelope]] = {}
        self.duplicates_skipped = 0

    def fold(self, env: Envelope) -> S | None:
        """The complaint's state after the event, or None when the event was seen already."""
        state = self.states.get(env.subject)
        version = state.version if state else 0
        if env.sequence <= version:
            self.duplicates_skipped += 1
            return None
        if env.sequence > version + 1:
            log.warning("gap in a complaint's events", complaint_id=env.subject, expected=version + 1,
                        got=env.sequence)
        state = replace(self._apply(state, env.payload, env.time, env.request_id), version=env.sequence)
        self.states[env.subject] = state
        self.histories.setdefault(env.subject, []).append(env)
        return state

    def as_of(self, complaint_id: str, version: int) -> S:
        """The complaint's state right after its event number `version`."""
        state = None
        for env in self.histories[complaint_id]:
            if env.sequence > version:
                break
            state = replace(self._apply(state, env.payload, env.time, env.request_id), version=env.sequence)
        return state
