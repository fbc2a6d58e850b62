"""The sample internship's dates: when it started, when it ends, and which days are busy."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random


@dataclasses.dataclass(frozen=True)
class Timeline:
    internship_start: dt.date
    internship_end: dt.date
    today: dt.date


def draw_timeline(rng: random.Random, today: dt.date) -> Timeline:
    """An internship of five to six months that started four to five months ago."""
    start = today - dt.timedelta(days=rng.randint(110, 150))
    end = max(start + dt.timedelta(days=rng.randint(150, 182)), today + dt.timedelta(days=14))
    return Timeline(start, end, today)


def day_weights(timeline: Timeline) -> tuple[list[dt.date], list[float]]:
    """Weekdays more than weekends, and a slow first few weeks."""
    days = (timeline.today - timeline.internship_start).days + 1
    dates = [timeline.internship_start + dt.timedelta(days=i) for i in range(days)]
    ramp = max(1.0, days * 0.3)
    weights = [(1.0 if d.weekday() < 5 else 0.25) * (0.4 + 0.6 * min(1.0, i / ramp)) for i, d in enumerate(dates)]
    return dates, weights


def between(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    """A day from first to last, both included (first when last is earlier)."""
    return first + dt.timedelta(days=rng.randint(0, max(0, (last - first).days)))


def months(first: dt.date, last: dt.date) -> list[str]:
    """The 'YYYY-MM' months from first's to last's, in order."""
    found = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        found.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return found
