"""Deadlines in business hours: weekends, holidays, opening hours, time zones."""
from datetime import date, datetime, timedelta, timezone

from redress_resolution.business_time import Calendar, Duration, add, business_between

LONDON = Calendar("Europe/London", holidays=frozenset({date(2026, 12, 25), date(2026, 12, 28)}))
UTC = timezone.utc


def at(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def test_hours_run_only_while_open_and_skip_weekends_and_holidays():
    thursday_4pm = at(2026, 12, 24, 16, 0)
    # one hour on Thursday; Friday 25 and Monday 28 are holidays; three hours on Tuesday
    assert add(LONDON, thursday_4pm, Duration.parse({"hours": 4})) == at(2026, 12, 29, 12, 0)


def test_days_end_at_close_of_business_on_the_nth_business_day_after_receipt():
    friday_10am, friday_evening = at(2026, 11, 20, 10, 0), at(2026, 11, 20, 20, 0)
    assert add(LONDON, friday_10am, Duration.parse({"days": 3})) == at(2026, 11, 25, 17, 0)
    assert add(LONDON, friday_evening, Duration.parse({"days": 3})) == at(2026, 11, 25, 17, 0)
    christmas_eve = at(2026, 12, 24, 12, 0)  # 25th and 28th are holidays
    assert add(LONDON, christmas_eve, Duration.parse({"days": 1})) == at(2026, 12, 29, 17, 0)


def test_calendar_weeks_keep_the_local_time_across_a_clock_change():
    march = at(2026, 3, 1, 23, 30)  # 23:30 GMT; eight weeks later is 23:30 BST
    assert add(LONDON, march, Duration.parse({"weeks": 8, "basis": "calendar"})) == at(2026, 4, 26, 22, 30)


def test_a_start_outside_opening_hours_counts_from_the_next_opening():
    saturday = at(2026, 11, 21, 12, 0)
    assert add(LONDON, saturday, Duration.parse({"hours": 1})) == at(2026, 11, 23, 10, 0)


def test_calendar_time_ignores_the_calendar():
    start = at(2026, 12, 24, 16, 0)
    assert add(LONDON, start, Duration.parse({"weeks": 8, "basis": "calendar"})) == start + timedelta(weeks=8)


def test_opening_hours_follow_the_organisations_time_zone():
    athens = Calendar("Europe/Athens")
    monday_6am_utc = at(2026, 11, 23, 6, 0)  # 08:00 in Athens: opens at 09:00 local = 07:00 UTC
    assert add(athens, monday_6am_utc, Duration.parse({"hours": 1})) == at(2026, 11, 23, 8, 0)


def test_business_time_between_two_instants():
    assert business_between(LONDON, at(2026, 11, 20, 16, 0), at(2026, 11, 23, 10, 0)) == timedelta(hours=2)
    assert business_between(LONDON, at(2026, 11, 23, 10, 0), at(2026, 11, 20, 16, 0)) == timedelta()
