"""Deadlines in business time: working days, opening hours and holidays of an organisation.

Pure calendar arithmetic on aware datetimes; results are UTC.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class Calendar:
    timezone: str = "UTC"
    working_days: frozenset[int] = frozenset({0, 1, 2, 3, 4})  # Monday is 0
    opens: time = time(9, 0)
    closes: time = time(17, 0)
    holidays: frozenset[date] = field(default_factory=frozenset)

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def is_business_day(self, day: date) -> bool:
        return day.weekday() in self.working_days and day not in self.holidays

    def _day_window(self, day: date) -> tuple[datetime, datetime]:
        return (datetime.combine(day, self.opens, self.zone), datetime.combine(day, self.closes, self.zone))


@dataclass(frozen=True)
class Duration:
    """An amount of time on a basis: "business" (opening hours only) or "calendar"."""
    amount: timedelta
    basis: str = "business"
    days: int = 0  # whole business days, counted on the calendar's business days

    @classmethod
    def parse(cls, spec: dict) -> "Duration":
        basis = spec.get("basis", "business")
        if basis not in ("business", "calendar"):
            raise ValueError(f"basis must be business or calendar, not {basis!r}")
        days = int(spec.get("days", 0)) + 7 * int(spec.get("weeks", 0))
        time_part = timedelta(hours=float(spec.get("hours", 0)), minutes=float(spec.get("minutes", 0)),
                              seconds=float(spec.get("seconds", 0)))
        if basis == "calendar":
            return cls(timedelta(days=days) + time_part, "calendar")
        return cls(time_part, "business", days)


def add(calendar: Calendar, start: datetime, duration: Duration) -> datetime:
    if duration.basis == "calendar":
        # Wall-clock arithmetic in the organisation's zone: eight weeks is the same local time.
        return (start.astimezone(calendar.zone) + duration.amount).astimezone(timezone.utc)
    moment = add_business_days(calendar, start, duration.days) if duration.days else start
    return add_business_hours(calendar, moment, duration.amount) if duration.amount else moment


def add_business_days(calendar: Calendar, start: datetime, days: int) -> datetime:
    """Close of business on the `days`-th business day after the day of receipt (the way
    regulators count: received Friday evening, 3 business days ends Wednesday at closing)."""
    day, counted = start.astimezone(calendar.zone).date(), 0
    while counted < days:
        day += timedelta(days=1)
        if calendar.is_business_day(day):
            counted += 1
    return datetime.combine(day, calendar.closes, calendar.zone).astimezone(timezone.utc)


def add_business_hours(calendar: Calendar, start: datetime, amount: timedelta) -> datetime:
    moment = start.astimezone(calendar.zone)
    remaining = amount
    for _ in range(3660):  # ten years of days: a calendar with no business day at all stops here
        moment = _next_open_moment(calendar, moment)
        _, closes = calendar._day_window(moment.date())
        available = closes - moment
        if remaining <= available:
            return (moment + remaining).astimezone(timezone.utc)
        remaining -= available
        moment = closes + timedelta(microseconds=1)
    raise ValueError("the calendar has no business hours")


def business_between(calendar: Calendar, start: datetime, end: datetime) -> timedelta:
    """Business time between two instants (zero when end is not after start)."""
    total = timedelta()
    day = start.astimezone(calendar.zone).date()
    last = end.astimezone(calendar.zone).date()
    while day <= last:
        if calendar.is_business_day(day):
            opens, closes = calendar._day_window(day)
            a, b = max(opens, start), min(closes, end)
            if b > a:
                total += b - a
        day += timedelta(days=1)
    return total


def _next_open_moment(calendar: Calendar, moment: datetime) -> datetime:
    for _ in range(3660):
        day = moment.date()
        if calendar.is_business_day(day):
            opens, closes = calendar._day_window(day)
            if moment < opens:
                return opens
            if moment < closes:
                return moment
        moment = datetime.combine(day + timedelta(days=1), time(0), calendar.zone)
    raise ValueError("the calendar has no business hours")
