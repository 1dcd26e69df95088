"""What every read model shares: the service's streams folded event by event (states and
histories, from the store), and the tables the model keeps from the states a transaction
changed, written just before it commits."""
from __future__ import annotations

from typing import Any, Callable

from redress.kernel.envelope import Envelope
from redress.kernel.store import Store
from redress.kernel.streams import Streams


class Book:
    SCHEMA = ""  # the model's own tables and indexes (SQL)

    def __init__(self, apply: Callable, store: Store | None = None) -> None:
        self.streams: Streams = Streams(apply, store or Store.in_memory(self.SCHEMA))
        self.store = self.streams.store
        self.states = self.streams.states
        self.histories = self.streams.histories
        self._changed: dict[str, Any] = {}
        self.store.before_commit(self._write_changed)
        self.store.after_rollback(self._changed.clear)

    def apply(self, env: Envelope) -> bool:
        """Folds one event in; False when it was applied already."""
        with self.store.transaction():
            stream = self.streams.fold(env)
            if stream is None:
                return False
            if self.keeps(stream.state):
                self._changed[env.subject] = stream.state
        return True

    def keeps(self, state) -> bool:
        """Whether the model's tables have a row for this state."""
        return state is not None

    def write(self, states: list) -> None:
        """Writes the rows of the states the transaction changed."""

    def _write_changed(self) -> None:
        if self._changed:
            self.write(list(self._changed.values()))
            self._changed.clear()
