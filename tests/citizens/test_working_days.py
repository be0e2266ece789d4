"""Working-day deadlines on the real calendar (holidays from the `holidays` library)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from hub.working_days import (
    add_working_days,
    deadline_after,
    holiday_name,
    is_working_day,
    local_date,
    working_days_between,
)


def test_tet_2026_is_not_a_working_day() -> None:
    # Tết Bính Ngọ: the first day of the lunar year is Tuesday 17/02/2026.
    assert holiday_name(date(2026, 2, 17)) is not None
    assert not is_working_day(date(2026, 2, 16))  # the eve, a Monday
    assert not is_working_day(date(2026, 2, 20))  # the fourth day, a Friday
    assert is_working_day(date(2026, 2, 13))  # the last working day before Tết
    assert is_working_day(date(2026, 2, 23))  # the first one after


def test_a_deadline_from_the_last_working_day_before_tet_skips_the_holiday() -> None:
    # Received Friday 13/02/2026; 14/02 to 22/02 are a weekend, Tết and a weekend.
    assert add_working_days(date(2026, 2, 13), 1) == date(2026, 2, 23)
    assert add_working_days(date(2026, 2, 13), 10) == date(2026, 3, 6)
    # Without the holiday it would have been 27/02: the five days of Tết are skipped.
    assert working_days_between(date(2026, 2, 13), date(2026, 3, 6)) == 10


def test_tet_2027_moves_with_the_lunar_calendar() -> None:
    # Tết Đinh Mùi falls on Saturday 06/02/2027, three weeks earlier in the solar year.
    assert holiday_name(date(2027, 2, 6)) is not None
    assert not is_working_day(date(2027, 2, 8))
    assert add_working_days(date(2027, 2, 3), 1) == date(2027, 2, 11)


def test_weekends_and_national_day() -> None:
    assert add_working_days(date(2026, 12, 4), 3) == date(2026, 12, 9)  # Fri → Wed
    assert not is_working_day(date(2026, 9, 2))
    assert add_working_days(date(2026, 8, 28), 1) == date(2026, 9, 3)  # 31/8, 1–2/9 off


def test_the_deadline_is_the_end_of_the_day_in_hanoi() -> None:
    # 23:30 on Thursday in Hà Nội is 16:30 UTC: received on Thursday, due Tuesday.
    due = deadline_after(datetime(2026, 12, 3, 16, 30, tzinfo=UTC), 3)
    assert due.tzinfo == UTC  # stored and compared as UTC
    assert due == datetime(2026, 12, 8, 16, 59, 59, tzinfo=UTC)  # 23:59:59 in Hà Nội
    # Just after midnight in Hà Nội (17:05 UTC) is already Friday: due Wednesday.
    later = deadline_after(datetime(2026, 12, 3, 17, 5, tzinfo=UTC), 3)
    assert local_date(later) == date(2026, 12, 9)


def test_negative_days_are_refused() -> None:
    with pytest.raises(ValueError):
        add_working_days(date(2026, 1, 5), -1)
