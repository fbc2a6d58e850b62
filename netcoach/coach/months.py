"""Months as the coach counts them: 'YYYY-MM' strings, their first and last days, their names.

Goals, reviews and the monthly rules all work month by month, so the one way
of naming a month and stepping between months lives here.
"""

from __future__ import annotations

import calendar
import datetime as dt


def month_of(day: dt.date) -> str:
    """The 'YYYY-MM' month a date falls in."""
    return f"{day.year:04d}-{day.month:02d}"


def shift_month(month: str, delta: int) -> str:
    """The month `delta` months after `month` (negative: before)."""
    year, mon = int(month[:4]), int(month[5:7])
    index = year * 12 + (mon - 1) + delta
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def month_days(month: str) -> tuple[dt.date, dt.date]:
    """First and last day of a month."""
    year, mon = int(month[:4]), int(month[5:7])
    return dt.date(year, mon, 1), dt.date(year, mon, calendar.monthrange(year, mon)[1])


def month_label(month: str) -> str:
    year, mon = int(month[:4]), int(month[5:7])
    return f"{calendar.month_name[mon]} {year}"
