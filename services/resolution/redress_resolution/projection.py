"""Resolution's read model: every case and its history, built only from the log. Pure."""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Iterator

import structlog

from redress.envelope import Envelope
from redress_resolution import domain
from redress_resolution.domain import Case

log = structlog.get_logger(__name__)


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
        self.cases: dict[str, Case] = {}
        self.histories: dict[str, list[Envelope]] = {}
        self._by_org: dict[str, list[str]] = {}
        self.duplicates_skipped = 0

    def apply(self, env: Envelope) -> bool:
        state = self.cases.get(env.subject)
        version = state.version if state else 0
        if env.sequence <= version:
            self.duplicates_skipped += 1
            return False
        if env.sequence > version + 1:
            log.warning("gap in a case's events", complaint_id=env.subject, expected=version + 1, got=env.sequence)
        state = replace(domain.apply(state, env.payload, env.time, env.request_id), version=env.sequence)
        if env.subject not in self.cases:
            self._by_org.setdefault(state.organisation, []).append(env.subject)
        self.cases[env.subject] = state
        self.histories.setdefault(env.subject, []).append(env)
        return True

    def get(self, organisation: str, complaint_id: str) -> Case | None:
        case = self.cases.get(complaint_id)
        return case if case and case.organisation == organisation else None

    def as_of(self, complaint_id: str, version: int) -> Case:
        state = None
        for env in self.histories[complaint_id]:
            if env.sequence > version:
                break
            state = replace(domain.apply(state, env.payload, env.time, env.request_id), version=env.sequence)
        return state

    def list(self, organisation: str, where: CaseFilter) -> Iterator[Case]:
        """Oldest opened first."""
        chosen = (self.cases[cid] for cid in self._by_org.get(organisation, []))
        return iter(sorted((c for c in chosen if where.matches(c)), key=lambda c: (c.opened_at, c.complaint_id)))
