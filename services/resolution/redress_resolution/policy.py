"""How an organisation runs its cases: routing, clocks, calendars, regulatory clocks,
the conduct rules and the reopen window. Read from JSON files (config/ beside this
module, or the directory REDRESS_RESOLUTION_CONFIG_DIR names); decisions taken with them are recorded in
the events, so a replay never depends on the configuration of the day.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from redress.events.v1 import resolution_pb2 as rev
from redress.types.v1 import complaint_pb2 as types
from redress_resolution import business_time as bt
from redress_resolution.conduct import ConductRule, load_rules, rules_dir

DEFAULT_DIR = Path(__file__).parent / "config"
ANY = "*"


@dataclass(frozen=True)
class RoutingRule:
    id: str
    level: int
    handler: str = ""
    organisation: frozenset[str] = frozenset()
    store: frozenset[str] = frozenset()
    category: frozenset[int] = frozenset()
    channel: frozenset[int] = frozenset()
    severity: frozenset[int] = frozenset()

    def matches(self, case_facts: rev.CaseOpened) -> bool:
        checks = ((self.organisation, case_facts.organisation), (self.store, case_facts.store.casefold()),
                  (self.category, case_facts.category), (self.channel, case_facts.channel),
                  (self.severity, case_facts.severity))
        return all(not allowed or value in allowed for allowed, value in checks)


@dataclass(frozen=True)
class ClockRule:
    name: str
    duration: bt.Duration
    escalates: bool = True
    extended: bt.Duration | None = None
    runs_while_waiting: bool = False  # regulatory clocks do not stop for the customer


@dataclass(frozen=True)
class Policy:
    routing: list[RoutingRule]
    handlers: dict[str, dict[int, str]]
    clocks: dict[str, dict[int, list[ClockRule]]]
    assignment: bt.Duration
    regulatory: dict[str, list[ClockRule]]
    regulatory_by_org: dict[str, list[str]]
    calendars: dict[str, bt.Calendar]
    conduct: list[ConductRule]
    warn_fraction: float = 0.75
    reopen_window: timedelta = timedelta(days=30)

    # -- routing -----------------------------------------------------------------------
    def route(self, facts: rev.CaseOpened) -> RoutingRule:
        return next(r for r in self.routing if r.matches(facts))

    def handler_for(self, organisation: str, level: int) -> str:
        for key in (organisation, ANY):
            handler = self.handlers.get(key, {}).get(level)
            if handler:
                return handler
        return ""

    # -- clocks --------------------------------------------------------------------------
    def calendar(self, organisation: str) -> bt.Calendar:
        return self.calendars.get(organisation) or self.calendars.get(ANY) or bt.Calendar()

    def clock(self, rule: ClockRule, organisation: str, start: datetime) -> rev.Clock:
        calendar = self.calendar(organisation)
        due = bt.add(calendar, start, rule.duration)
        clock = rev.Clock(name=rule.name, basis=rule.duration.basis, escalates=rule.escalates,
                          runs_while_waiting=rule.runs_while_waiting)
        clock.due_at.FromDatetime(due)
        clock.warn_at.FromDatetime(self.warning(calendar, start, due, rule.duration.basis))
        if rule.extended:
            clock.extended_due_at.FromDatetime(bt.add(calendar, start, rule.extended))
        return clock

    def warning(self, calendar: bt.Calendar, start: datetime, due: datetime, basis: str) -> datetime:
        """When `warn_fraction` of the clock's time has passed, counted on its own basis."""
        if basis == "calendar":
            return start + (due - start) * self.warn_fraction
        return bt.add_business_hours(calendar, start, bt.business_between(calendar, start, due) * self.warn_fraction)

    def opening_clocks(self, organisation: str, severity: int, start: datetime) -> list[rev.Clock]:
        table = self.clocks.get(organisation) or self.clocks.get(ANY, {})
        rules = list(table.get(severity, []))
        for name in self.regulatory_by_org.get(organisation, self.regulatory_by_org.get(ANY, [])):
            rules.extend(self.regulatory[name])
        return [self.clock(rule, organisation, start) for rule in rules]

    def assignment_clock(self, organisation: str, start: datetime) -> rev.Clock:
        return self.clock(ClockRule("assignment", self.assignment), organisation, start)

    def resolve_clock(self, organisation: str, severity: int, start: datetime) -> list[rev.Clock]:
        table = self.clocks.get(organisation) or self.clocks.get(ANY, {})
        return [self.clock(r, organisation, start) for r in table.get(severity, []) if r.name == "resolve"]


def _names(values, enum) -> frozenset[int]:
    return frozenset(enum.Value(v) for v in values)


def _clock_rules(spec: dict) -> list[ClockRule]:
    return [ClockRule(name, bt.Duration.parse(duration)) for name, duration in spec.items()]


def _regulatory_rule(spec: dict) -> ClockRule:
    extended = bt.Duration.parse(spec["extended"]) if "extended" in spec else None
    return ClockRule(spec["name"], bt.Duration.parse(spec), spec.get("escalates", True), extended,
                     runs_while_waiting=True)


def _calendar(spec: dict) -> bt.Calendar:
    return bt.Calendar(
        timezone=spec.get("timezone", "UTC"),
        working_days=frozenset(spec.get("working_days", [0, 1, 2, 3, 4])),
        opens=time.fromisoformat(spec.get("opens", "09:00")),
        closes=time.fromisoformat(spec.get("closes", "17:00")),
        holidays=frozenset(date.fromisoformat(d) for d in spec.get("holidays", [])))


def load(directory: Path | None = None) -> Policy:
    directory = directory or DEFAULT_DIR

    def read(name: str) -> dict:
        return json.loads((directory / name).read_text(encoding="utf-8"))

    routing, clocks, regulatory, calendars = (read(n) for n in
                                              ("routing.json", "clocks.json", "regulatory.json", "calendars.json"))
    rules = [RoutingRule(
        id=r["id"], level=types.Level.Value(r["level"]), handler=r.get("handler", ""),
        organisation=frozenset(r.get("organisation", [])), store=frozenset(s.casefold() for s in r.get("store", [])),
        category=_names(r.get("category", []), types.Category), channel=_names(r.get("channel", []), types.Channel),
        severity=_names(r.get("severity", []), types.Severity)) for r in routing["rules"]]
    if not rules or any(rules[-1].__dict__[k] for k in ("organisation", "store", "category", "channel", "severity")):
        raise ValueError("routing.json must end with a rule that matches every case")
    for org, names in clocks.get("regulatory", {}).items():
        unknown = [n for n in names if n not in regulatory]
        if unknown:
            raise ValueError(f"clocks.json: organisation {org} runs regulatory sets {unknown}, "
                             "which regulatory.json does not define")
    return Policy(
        routing=rules,
        handlers={org: {types.Level.Value(k): v for k, v in table.items()} for org, table in routing["handlers"].items()},
        clocks={org: {types.Severity.Value(sev): _clock_rules(spec) for sev, spec in table.items()}
                for org, table in clocks["organisations"].items()},
        assignment=bt.Duration.parse(clocks["assignment"]),
        regulatory={name: [_regulatory_rule(c) for c in spec] for name, spec in regulatory.items()
                    if not name.startswith("_")},
        regulatory_by_org=clocks.get("regulatory", {}),
        calendars={org: _calendar(spec) for org, spec in calendars.items() if not org.startswith("_")},
        conduct=load_rules(rules_dir(directory)),
        warn_fraction=float(clocks.get("warn_fraction", 0.75)),
        reopen_window=timedelta(days=float(clocks.get("reopen_window_days", 30))),
    )


