"""Cohort totals: numbers per month over the members who share, never a person, an organization or a note."""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Sequence
from typing import Any

import pandas as pd

from netcoach.coach.months import month_of, shift_month
from netcoach.insights import analytics
from netcoach.models import GoalMetric
from netcoach.service import MemberService
from netcoach.storage import StoreError

MIN_SHARING_FOR_BENCHMARKS = 5
"""Fewer sharing members than this and a median would come close to naming one of them."""


def cohort_totals(services: Sequence[MemberService], today: dt.date, months: int = 6) -> pd.DataFrame:
    """Per month, totals over the given (sharing) members; no row names a person.

    A member whose file cannot be read right now (a `StoreError`: broken by
    hand, unreadable, deleted meanwhile) is left out of every month rather
    than stopping the whole cohort; `members_skipped` counts them.

    Columns: month, members_sharing (members counted), members_skipped,
    conversations, new_people, events_attended, followups_needed,
    followups_on_time, followthrough_rate, goals_set, goals_met.
    """
    month_list = recent_months(today, months)
    counted: list[dict[str, dict[str, int]]] = []
    for svc in services:
        try:
            counted.append({month: member_month_totals(svc, month) for month in month_list})
        except StoreError:
            continue
    rows = []
    for month in month_list:
        row: dict[str, Any] = {
            "month": pd.Timestamp(f"{month}-01"),
            "members_sharing": len(counted),
            "members_skipped": len(services) - len(counted),
            "conversations": 0,
            "new_people": 0,
            "events_attended": 0,
            "followups_needed": 0,
            "followups_on_time": 0,
            "goals_set": 0,
            "goals_met": 0,
        }
        for member in counted:
            for key, value in member[month].items():
                row[key] += value
        rows.append(row)
    table = pd.DataFrame(rows)
    needed = table["followups_needed"].where(table["followups_needed"] > 0)
    table["followthrough_rate"] = (table["followups_on_time"] / needed).round(3)
    return table


def cohort_benchmarks(services: Sequence[MemberService], month: str) -> dict[GoalMetric, float] | None:
    """Cohort medians per metric for the month, or None while fewer than five can be counted.

    A member whose file cannot be read right now is left out, and the five are
    counted among those who remain: a median over fewer would come close to naming one.
    """
    if len(services) < MIN_SHARING_FOR_BENCHMARKS:
        return None  # too few even before reading anyone's file
    counts = []
    for svc in services:
        try:
            # Each member's counts are kept per version of their file: Home asks on every rerun.
            counts.append({p.metric: p.actual for p in svc.goal_progress(month)})
        except StoreError:
            continue
    if len(counts) < MIN_SHARING_FOR_BENCHMARKS:
        return None
    return {metric: statistics.median(c[metric] for c in counts) for metric in GoalMetric}


def member_month_totals(svc: MemberService, month: str) -> dict[str, int]:
    """The few numbers a sharing member contributes to the cohort for one month."""
    progress = analytics.month_progress(svc.frames(), month)
    followthrough = svc.followthrough()
    in_month = followthrough[followthrough["month"] == month]
    goals = svc.goals(month)
    return {
        "conversations": progress[GoalMetric.CONVERSATIONS],
        "new_people": progress[GoalMetric.NEW_PEOPLE],
        "events_attended": progress[GoalMetric.EVENTS_ATTENDED],
        "followups_needed": int(in_month["needing"].sum()),
        "followups_on_time": int(in_month["on_time"].sum()),
        "goals_set": len(goals),
        "goals_met": sum(1 for g in goals if progress[g.metric] >= g.target),
    }


def recent_months(today: dt.date, count: int) -> list[str]:
    """The last `count` months up to today's, oldest first."""
    this_month = month_of(today)
    return [shift_month(this_month, -i) for i in range(count - 1, -1, -1)]
