"""Which digests are due for a member at a given moment: pure, so a timer can run it as often as it likes.

A weekly digest is due from its day and hour until its ISO week ends; a
daily one from its hour until its day ends. A run that finds a digest of
that period already in the log sends nothing, so a timer that fires twice
sends once, and a timer that was down catches up once when it comes back.
On a day the weekly digest goes out it replaces the daily: one mail a day at
most.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable

from netcoach.models import DigestSent, Reminders

WEEKLY = "weekly"
DAILY = "daily"


@dataclasses.dataclass(frozen=True)
class Due:
    """One digest to send: its kind and the period it covers ("2026-W48" or "2026-11-29")."""

    kind: str
    period: str


def week_period(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def day_period(day: dt.date) -> str:
    return day.isoformat()


def weekly_moment(reminders: Reminders, day: dt.date) -> dt.datetime:
    """When the weekly digest of `day`'s ISO week is due (its weekday at its hour)."""
    monday = day - dt.timedelta(days=day.weekday())
    return dt.datetime.combine(monday + dt.timedelta(days=reminders.weekday), dt.time(reminders.hour))


def _sent_on(log: Iterable[DigestSent], kind: str, day: dt.date) -> bool:
    """Whether a digest of this kind went out on `day` (by its send time)."""
    return any(s.kind == kind and s.sent_at[:10] == day.isoformat() for s in log)


def due_digests(reminders: Reminders, now: dt.datetime, log: Iterable[DigestSent]) -> list[Due]:
    """The digests to send now (server local time, naive), given what the log says already went out."""
    log = tuple(log)
    sent = {(s.kind, s.period) for s in log}
    today = now.date()
    due: list[Due] = []
    weekly_today = False
    if reminders.weekly:
        period = week_period(today)
        moment = weekly_moment(reminders, today)
        weekly_today = moment.date() == today
        if now >= moment and (WEEKLY, period) not in sent:
            due.append(Due(WEEKLY, period))
    if reminders.daily:
        period = day_period(today)
        replaced = weekly_today or bool(due) or _sent_on(log, WEEKLY, today)
        if not replaced and now.hour >= reminders.hour and (DAILY, period) not in sent:
            due.append(Due(DAILY, period))
    return due
