"""Resolution's read model: every case and its history, built only from the log. Pure."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from redress.kernel.envelope import Envelope
from redress.kernel.streams import Streams
from redress_resolution import domain
from redress_resolution.domain import Case


@dataclass(frozen=True)
class CaseFilter:
    status: str = ""
    level: int = 0
    handler: str = ""

    def matches(self, case: Case) -> bool:
        return ((not self.status or case.status == self.status)
                and (not self.level or case.level == self.level)
                and (not self.handler or case.handler == self.handler))


class CaseBook:
    def __init__(self) -> None:
        self.streams: Streams[Case] = Streams(domain.apply)
        self.cases = self.streams.states
        self.histories = self.streams.histories
        self._by_org: dict[str, list[str]] = {}
        self._listed: set[str] = set()

    def apply(self, env: Envelope) -> bool:
        stream = self.streams.fold(env)
        if stream is None:
            return False
        if stream.state is not None and env.subject not in self._listed:  # founded just now
            self._listed.add(env.subject)
            self._by_org.setdefault(stream.state.organisation, []).append(env.subject)
        return True

    def get(self, organisation: str, complaint_id: str) -> Case | None:
        case = self.cases.get(complaint_id)
        return case if case and case.organisation == organisation else None

    def as_of(self, complaint_id: str, version: int) -> Case:
        return self.streams.as_of(complaint_id, version)

    def list(self, organisation: str, where: CaseFilter) -> Iterator[Case]:
        """Oldest opened first."""
        chosen = (self.cases[cid] for cid in self._by_org.get(organisation, []))
        return iter(sorted((c for c in chosen if where.matches(c)), key=lambda c: (c.opened_at, c.complaint_id)))
