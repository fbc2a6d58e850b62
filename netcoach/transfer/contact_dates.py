"""Dates as contact files write them: LinkedIn's two forms, spreadsheet re-saves, other languages.

The common forms are read with `strptime` (fast: a 20,000-row file repeats
them); anything else goes to `dateparser`, which knows month names in many
languages. Each distinct text is parsed once.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

import dateparser

# The forms seen in real files, tried in order before the general parser.
_FORMATS = (
    "%d %b %Y",  # 12 Mar 2024 (LinkedIn today)
    "%m/%d/%y, %I:%M %p",  # 1/8/18, 6:14 PM (LinkedIn's earlier export)
    "%d-%b-%y",  # 04-May-22 (a spreadsheet's re-save)
    "%d %B %Y",  # 12 March 2024
    "%Y-%m-%d",
)
_DAY_FIRST_FORMATS = ("%d.%m.%Y", "%d/%m/%Y", "%d.%m.%y", "%d/%m/%y")
_MONTH_FIRST_FORMATS = ("%m/%d/%Y", "%m/%d/%y")
# Placeholders some exports write for "no date".
_EMPTY = re.compile(r"^0{1,2}[./-]0{1,2}[./-]0{2,4}$")


@functools.lru_cache(maxsize=8192)
def parse_contact_date(text: str, *, day_first: bool = False) -> dt.date | None:
    """The day a cell names, or None when it names none. `day_first` reads 03/04 as 3 April."""
    text = " ".join(text.split())
    if not text:
        return None
    numeric = _DAY_FIRST_FORMATS if day_first else _MONTH_FIRST_FORMATS
    for form in (*_FORMATS, *numeric):
        try:
            return dt.datetime.strptime(text, form).date()
        except ValueError:
            continue
    if not re.search(r"\d", text):
        return None
    found = dateparser.parse(
        text,
        settings={
            "DATE_ORDER": "DMY" if day_first else "MDY",
            "REQUIRE_PARTS": ["day", "month", "year"],
            "PREFER_DAY_OF_MONTH": "first",
        },
    )
    return found.date() if found is not None else None


def is_empty_date(text: str) -> bool:
    """'0/0/00' and the like: how some exports say there is no date."""
    return not text.strip() or bool(_EMPTY.match(text.strip()))


def parse_birthday(text: str, *, day_first: bool = False) -> str | None:
    """A birthday as netcoach keeps it: '1999-03-12', or '--03-12' without the year.

    '' when the cell says there is none, None when it cannot be read.
    """
    text = text.strip()
    if is_empty_date(text):
        return ""
    no_year = re.fullmatch(r"--(\d{2})-?(\d{2})", text)  # vCard and Google: --0312, --03-12
    if no_year:
        return f"--{no_year.group(1)}-{no_year.group(2)}"
    compact = re.fullmatch(r"(\d{4})(\d{2})(\d{2})", text)  # vCard 3.0: 19990312
    if compact:
        text = "-".join(compact.groups())
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}(T.*)?", text):
        try:
            return dt.date.fromisoformat(text[:10]).isoformat()
        except ValueError:
            return None
    found = parse_contact_date(text, day_first=day_first)
    return found.isoformat() if found else None
