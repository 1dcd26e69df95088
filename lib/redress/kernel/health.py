"""Whether a replica may answer, told the same way to its RPCs and to the health service.

Starting: until it has joined its consumer group and caught up with the log. Serving:
from then on, unless the broker has been unreachable for longer than the grace
(REDRESS_BROKER_GRACE_S); serving again when the broker answers. Stopping: draining.
"""
from __future__ import annotations

from typing import Awaitable, Callable

import structlog

log = structlog.get_logger(__name__)
STARTING, SERVING, BROKER_UNREACHABLE, STOPPING = "starting", "serving", "broker unreachable", "stopping"
Listener = Callable[[bool], Awaitable[None]]


class Readiness:
    def __init__(self, service: str):
        self.service = service
        self.state = STARTING
        self._listeners: list[Listener] = []

    @property
    def serving(self) -> bool:
        return self.state == SERVING

    def listen(self, listener: Listener) -> None:
        """`listener(serving)` is awaited on every change between serving and not."""
        self._listeners.append(listener)

    async def set(self, state: str) -> None:
        if state == self.state or (self.state == STOPPING and state != STOPPING):
            return
        was = self.serving
        self.state = state
        log.info("readiness changed", service=self.service, state=state)
        if was != self.serving:
            for listener in self._listeners:
                await listener(self.serving)

    def refusal(self) -> str | None:
        """Why an RPC cannot be answered now (UNAVAILABLE), or None when it can."""
        if self.state == SERVING:
            return None
        if self.state == STARTING:
            return (f"{self.service} is starting: it answers once it has joined its consumer group and "
                    "caught up with the event log; retry shortly")
        if self.state == BROKER_UNREACHABLE:
            return f"{self.service} cannot reach Kafka; nothing can be read or recorded now: retry later"
        return f"{self.service} is shutting down; retry on another replica"
