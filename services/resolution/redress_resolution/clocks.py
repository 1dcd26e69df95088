"""The clock rules: which deadlines are due, pausing while the case waits on the customer,
resuming (deadlines move on by the time paused), extensions, and warnings and breaches."""
from __future__ import annotations

from datetime import datetime, timezone

from redress.events.v1 import resolution_pb2 as rev
from redress.kernel.rejections import NotFound, Rejected
from redress.resolution.v1 import commands_pb2 as cmd
from redress_resolution import business_time as bt
from redress_resolution.case import CLOSED, RUNNING, Case, require_not_closed
from redress_resolution.inputs import check_text
from redress_resolution.policy import Policy


def due(case: Case, now: datetime) -> list[tuple[str, str]]:
    """(clock, "warning" | "breach") whose moment has come. While the case waits on the
    customer only the clocks that run while waiting (regulatory ones) count."""
    if case.status == CLOSED:
        return []
    found = []
    for name, run in case.clocks.items():
        if run.state != RUNNING or (case.paused_since and not run.clock.runs_while_waiting):
            continue
        if now >= run.due_at:
            found.append((name, "breach"))
        elif not run.warned and now >= run.warn_at:
            found.append((name, "warning"))
    return found


def next_moment(case: Case) -> datetime | None:
    """The earliest instant at which `due` will find something, if any (the clock index)."""
    if case.status == CLOSED:
        return None
    moments = [run.due_at if run.warned else min(run.warn_at, run.due_at) for run in case.clocks.values()
               if run.state == RUNNING and not (case.paused_since and not run.clock.runs_while_waiting)]
    return min(moments, default=None)


def met(case: Case, name: str) -> list:
    run = case.clocks.get(name)
    return [rev.ClockMet(name=name)] if run and run.state == RUNNING else []


def pause(case: Case, payload: cmd.PauseClocks, now: datetime, policy: Policy) -> list:
    check_text("reason", payload.reason, required=True)
    require_not_closed(case, "paused")
    if case.paused_since:
        raise Rejected("the clocks are already paused", "complaint_id")
    return [rev.ClocksPaused(reason=payload.reason)]


def resume(case: Case, payload: cmd.ResumeClocks, now: datetime, policy: Policy) -> list:
    if not case.paused_since:
        raise Rejected("the clocks are not paused", "complaint_id")
    return resumed_now(case, now, policy)


def extend(case: Case, payload: cmd.ExtendClock, now: datetime, policy: Policy) -> list:
    check_text("reason", payload.reason, required=True)
    run = case.clocks.get(payload.name)
    if run is None:
        raise NotFound(f"the case has no clock {payload.name!r}", "clock")
    if not run.clock.HasField("extended_due_at") or run.extended:
        raise Rejected(f"clock {payload.name} has no extension to give", "clock")
    if run.state != RUNNING:
        raise Rejected(f"clock {payload.name} is {run.state}", "clock")
    clock = rev.Clock()
    clock.CopyFrom(run.clock)
    start = case.opened.filed_at.ToDatetime(timezone.utc)
    due_at = run.clock.extended_due_at.ToDatetime(timezone.utc)
    clock.due_at.CopyFrom(run.clock.extended_due_at)
    clock.warn_at.FromDatetime(start + (due_at - start) * policy.warn_fraction)
    return [rev.ClockExtended(clock=clock, reason=payload.reason)]


def clock_due(case: Case, payload: cmd.ClockDue, now: datetime) -> list:
    """The clock watch says a moment has come; decided again here, so a stale tick does nothing.
    Whether a breach escalates is the ladder's business (workflow)."""
    if (payload.name, payload.kind) not in due(case, now):
        return []
    run = case.clocks[payload.name]
    if payload.kind == "warning":
        return [rev.ClockWarned(name=payload.name, due_at=run.clock.due_at)]
    return [rev.ClockBreached(name=payload.name, due_at=run.clock.due_at)]


def resumed_now(case: Case, now: datetime, policy: Policy) -> list:
    calendar = policy.calendar(case.organisation)
    moved = [_shifted(run.clock, calendar, case.paused_since, now) for run in case.clocks.values()
             if run.state == RUNNING and not run.clock.runs_while_waiting]
    return [rev.ClocksResumed(clocks=moved)]


def _shifted(clock: rev.Clock, calendar: bt.Calendar, paused_at: datetime, now: datetime) -> rev.Clock:
    """The clock with its instants moved on by the time it was paused (on its own basis)."""
    moved = rev.Clock()
    moved.CopyFrom(clock)
    if clock.basis == "calendar":
        def shift(ts) -> datetime:
            return ts.ToDatetime(timezone.utc) + (now - paused_at)
    else:
        paused = bt.business_between(calendar, paused_at, now)

        def shift(ts) -> datetime:
            return bt.add_business_hours(calendar, ts.ToDatetime(timezone.utc), paused)
    for name in ("due_at", "warn_at", "extended_due_at"):
        if clock.HasField(name):
            getattr(moved, name).FromDatetime(shift(getattr(clock, name)))
    return moved
