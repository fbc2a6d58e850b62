"""The day a sentence names ("by Friday", "applications close 3 May"), counted from the day it was written.

Every phrase is read relative to `written_on`, never to the clock, so a note
says the same thing on every read. How each phrase is counted:

- "today", "tonight", "end of day": the day written.
- "tomorrow": the day after; "the day after tomorrow": two days after.
- a weekday ("by Friday", "before Monday", "this Friday"): the next such day
  strictly after the day written (a note written on a Friday saying "by
  Friday" means a week later). "next Friday" is the Friday of the week after
  the week written in. A bare weekday ("on Monday") is left alone: in a note
  it is as often the day something happened as the day something is due.
- "next week": the Monday of the week after the week written in.
- "end of the week": the first Friday on or after the day written.
- "end of the month": the last day of the month written in; "end of next
  month" the last day of the month after; "next month" its first day.
- "in two weeks", "in 3 days", "within a month", "two weeks from now": that
  long after the day written.
- "3 May", "3rd of May", "May 3rd", "May 3, 2026", "2026-05-03", "end of May":
  that day; without a year, the first such day on or after the day written.

Numeric dates like 03/05 are not read: half the world reads them one way and
half the other, and a wrong date is worse than none. A date more than a year
before or two years after the day written is taken for a typo and dropped.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Iterator

_EARLIEST = dt.timedelta(days=366)
_LATEST = dt.timedelta(days=731)

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = r"(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "a couple of": 2,
    "couple of": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}
_NUMBER = r"(?P<count>\d{1,3}|an?|one|two|(?:a\s+)?couple\s+of|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
# Words that make a date a deadline rather than a mention ("by Friday", "applications close 3 May").
_DEADLINE_BEFORE = re.compile(
    r"\b(?:by|before|until|till|due|deadline|closes?|closing|no\s+later\s+than|latest)\b[^\w]*(?:\w+\W+){0,2}$",
    re.IGNORECASE,
)


@dataclasses.dataclass(frozen=True)
class _Reading:
    """One way of naming a day, and what a text must hold for it to be worth trying."""

    pattern: re.Pattern[str]
    day: Callable[[re.Match[str], dt.date], dt.date | None]
    needs: frozenset[str]  # words of which the text must hold one (none: no such condition)
    digits: bool  # the text must hold a digit


def _next_weekday(after: dt.date, weekday: int) -> dt.date:
    return after + dt.timedelta(days=(weekday - after.weekday()) % 7 or 7)


def _next_week_monday(after: dt.date) -> dt.date:
    return after + dt.timedelta(days=7 - after.weekday())


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _on_or_after(written_on: dt.date, month: int, day: int) -> dt.date | None:
    """The first `day` of `month` on or after the day written (29 February waits for a leap year)."""
    for year in range(written_on.year, written_on.year + 5):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if candidate >= written_on:
            return candidate
    return None


def _calendar_day(m: re.Match[str], written_on: dt.date) -> dt.date | None:
    month = _MONTHS[m["month"][:3].lower()]
    day = int(m["day"])
    if m["year"]:
        try:
            return dt.date(int(m["year"]), month, day)
        except ValueError:
            return None
    return _on_or_after(written_on, month, day)


def _iso_day(m: re.Match[str], _: dt.date) -> dt.date | None:
    try:
        return dt.date(int(m["year"]), int(m["month"]), int(m["day"]))
    except ValueError:
        return None


def _weekday(m: re.Match[str], written_on: dt.date) -> dt.date:
    weekday = _WEEKDAYS.index(m["weekday"].lower())
    if m["next"] or m["next2"]:
        return _next_week_monday(written_on) + dt.timedelta(days=weekday)
    return _next_weekday(written_on, weekday)


def _in_a_while(m: re.Match[str], written_on: dt.date) -> dt.date:
    raw = " ".join(m["count"].lower().split())
    count = int(raw) if raw.isdigit() else _NUMBERS[raw]
    unit = m["unit"].lower()
    if unit.startswith("month"):
        return _add_months(written_on, count)
    return written_on + dt.timedelta(days=count * (7 if unit.startswith("week") else 1))


def _end_of_named_month(m: re.Match[str], written_on: dt.date) -> dt.date:
    month = _MONTHS[m["month"][:3].lower()]
    year = written_on.year if month >= written_on.month else written_on.year + 1
    return _month_end(year, month)


def _this_month_end(_: re.Match[str], written_on: dt.date) -> dt.date:
    return _month_end(written_on.year, written_on.month)


def _next_month_end(_: re.Match[str], written_on: dt.date) -> dt.date:
    first = _add_months(written_on.replace(day=1), 1)
    return _month_end(first.year, first.month)


def _next_month_start(_: re.Match[str], written_on: dt.date) -> dt.date:
    return _add_months(written_on.replace(day=1), 1)


def _week_end(_: re.Match[str], written_on: dt.date) -> dt.date:
    return written_on + dt.timedelta(days=(4 - written_on.weekday()) % 7)


def _shift(days: int) -> Callable[[re.Match[str], dt.date], dt.date]:
    return lambda _, written_on: written_on + dt.timedelta(days=days)


def _reading(
    pattern: str, day: Callable[[re.Match[str], dt.date], dt.date | None], needs: str = "", digits: bool = False
) -> _Reading:
    return _Reading(re.compile(pattern, re.IGNORECASE), day, frozenset(needs.split()), digits)


_MONTH_WORDS = (
    "jan january feb february mar march apr april may jun june jul july aug august sep sept september"
    " oct october nov november dec december"
)


_ORDINAL = r"(?:st|nd|rd|th)?"
_UNITS = "day days week weeks month months"
_READINGS = (
    # 2026-05-03
    _reading(r"\b(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})\b", _iso_day, digits=True),
    # 3 May, 3rd May, 3rd of May, 3 May 2026
    _reading(
        rf"\b(?P<day>\d{{1,2}}){_ORDINAL}(?:\s+of)?\s+{_MONTH}(?:,?\s+(?P<year>\d{{4}}))?\b",
        _calendar_day,
        _MONTH_WORDS,
        digits=True,
    ),
    # May 3, May 3rd, May 3, 2026
    _reading(
        rf"\b{_MONTH}\s+(?P<day>\d{{1,2}}){_ORDINAL}\b(?:,?\s+(?P<year>\d{{4}})\b)?",
        _calendar_day,
        _MONTH_WORDS,
        digits=True,
    ),
    # end of May
    _reading(rf"\bend\s+of\s+{_MONTH}(?!\w)", _end_of_named_month, "end"),
    # by Friday, before Monday, this Friday, next Friday, closes Friday
    _reading(
        rf"\b(?:by|before|until|till|due|this|coming|closes?|closing|(?P<next>next))\s+"
        rf"(?:(?:this|the|coming|(?P<next2>next))\s+)?{_WEEKDAY}\b",
        _weekday,
        " ".join(_WEEKDAYS),
    ),
    # today, tonight, end of (the) day, EOD
    _reading(
        r"\b(?:today|tonight|end\s+of\s+(?:the\s+)?day|eod|this\s+(?:morning|afternoon|evening))\b",
        _shift(0),
        "today tonight day eod morning afternoon evening",
    ),
    # the day after tomorrow (before "tomorrow" alone)
    _reading(r"\bday\s+after\s+tomorrow\b", _shift(2), "tomorrow"),
    # tomorrow
    _reading(r"(?<!after )\btomorrow\b", _shift(1), "tomorrow"),
    # next week
    _reading(r"\bnext\s+week\b", lambda _, w: _next_week_monday(w), "week"),
    # end of (the|this) week
    _reading(r"\bend\s+of\s+(?:the\s+|this\s+)?week\b", _week_end, "week"),
    # end of (the|this) month, month end
    _reading(r"\b(?:end\s+of\s+(?:the\s+|this\s+)?month|month[\s-]end)\b", _this_month_end, "month"),
    # end of next month
    _reading(r"\bend\s+of\s+next\s+month\b", _next_month_end, "month"),
    # next month (not "end of next month")
    _reading(r"(?<!of )\bnext\s+month\b", _next_month_start, "month"),
    # in two weeks, within 3 days, two weeks from now
    _reading(rf"\b(?:in|within)\s+{_NUMBER}\s+(?P<unit>days?|weeks?|months?)\b", _in_a_while, _UNITS),
    _reading(rf"\b{_NUMBER}\s+(?P<unit>days?|weeks?|months?)\s+from\s+(?:now|today)\b", _in_a_while, _UNITS),
    # in a fortnight
    _reading(r"\b(?:in|within)\s+a\s+fortnight\b", _shift(14), "fortnight"),
)


_WORD = re.compile(r"[a-z]+")
_DIGIT = re.compile(r"\d")


@dataclasses.dataclass(frozen=True)
class Mention:
    """A day named in a text, where it was named, and whether it reads as a deadline."""

    day: dt.date
    start: int
    deadline: bool


def mentions(text: str, written_on: dt.date) -> Iterator[Mention]:
    """Every readable day the text names, within a year before or two years after the day written."""
    words = frozenset(_WORD.findall(text.lower()))
    has_digit = bool(_DIGIT.search(text))
    for reading in _READINGS:
        if (reading.digits and not has_digit) or (reading.needs and reading.needs.isdisjoint(words)):
            continue
        for m in reading.pattern.finditer(text):
            day = reading.day(m, written_on)
            if day is None or not written_on - _EARLIEST <= day <= written_on + _LATEST:
                continue
            yield Mention(day, m.start(), bool(_DEADLINE_BEFORE.search(text[: m.start()])))


def due_date(text: str, written_on: dt.date, within: tuple[int, int] | None = None) -> dt.date | None:
    """The day a text sets, if it names one; with `within`, a day named in that span of it comes first.

    With several, a deadline ("by", "before", "close") wins over a passing
    mention, and the earliest wins among equals: a reminder a little early
    costs less than a chance missed.
    """
    found = list(mentions(text, written_on))
    if within is not None:
        found = [m for m in found if within[0] <= m.start < within[1]] or found
    if not found:
        return None
    deadlines = [m for m in found if m.deadline] or found
    return min(m.day for m in deadlines)
