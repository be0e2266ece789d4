"""Vietnam's working days: the one place deadlines are counted.

A deadline the law gives in working days (an initiative's answer, an
information request's 3 or 15 days) skips Saturdays, Sundays and public
holidays, Tết by the lunar calendar included. The holidays come from the
well-kept ``holidays`` library, which follows each year's government
decisions (days off moved or added in lieu); the hub does not keep its own
list. Dates are Hà Nội's: a request received at 23:30 on Friday in Hà Nội
was received on Friday, whatever the server's clock says.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
# Offices close at the end of the day: a deadline is met until 23:59:59 in Hà Nội.
END_OF_DAY = time(23, 59, 59)


@lru_cache(maxsize=64)
def _holidays(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("VN", years=year, language="vi")


def holiday_name(day: date) -> str | None:
    """The public holiday on ``day`` (in Vietnamese), or None."""
    return _holidays(day.year).get(day)


def is_working_day(day: date) -> bool:
    """Monday to Friday and not a public holiday."""
    return day.weekday() < 5 and holiday_name(day) is None


def local_date(moment: datetime) -> date:
    """The date in Hà Nội at ``moment`` (an aware datetime)."""
    return moment.astimezone(VIETNAM).date()


def add_working_days(start: date, days: int) -> date:
    """The ``days``-th working day after ``start`` (``start`` itself is not counted).

    Something received on a Friday with 3 working days to answer is due on the
    following Wednesday; received on a holiday, the count starts the same way,
    from the next working day.
    """
    if days < 0:
        raise ValueError("days must not be negative")
    day = start
    counted = 0
    while counted < days:
        day += timedelta(days=1)
        if is_working_day(day):
            counted += 1
    return day


def working_days_between(start: date, end: date) -> int:
    """Working days after ``start`` up to and including ``end`` (negative if ``end`` is earlier)."""
    if end < start:
        return -working_days_between(end, start)
    days = (start + timedelta(offset) for offset in range(1, (end - start).days + 1))
    return sum(1 for day in days if is_working_day(day))


def deadline_after(received: datetime, days: int) -> datetime:
    """The end (23:59:59 in Hà Nội) of the ``days``-th working day after ``received``, in UTC.

    UTC because that is how the database stores and compares moments (SQLite
    compares them as text: a +07:00 value would sort wrongly among UTC ones).
    """
    due = add_working_days(local_date(received), days)
    return datetime.combine(due, END_OF_DAY, tzinfo=VIETNAM).astimezone(UTC)


def vietnamese_date(moment: datetime | None) -> str:
    """dd/mm/yyyy in Hà Nội, as Vietnamese pages and mails write dates ("" for None)."""
    return "" if moment is None else local_date(moment).strftime("%d/%m/%Y")
