"""Monthly goals: reachable targets, pace against them, streaks and the month in review.

A goal is a number for a month; this module turns the log into how far along
each goal is, what a fair next target would be, and how the month went, so
the Goals and Home pages only have to show it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import math
from collections import defaultdict
from collections.abc import Sequence
from fractions import Fraction

from netcoach.coach.months import month_days, month_of, shift_month
from netcoach.coach.thresholds import LATE_MONTH_DAYS, STARTER_TARGETS, STRETCH, TARGET_NUDGE
from netcoach.insights import analytics
from netcoach.models import Conversation, GoalMetric, Snapshot


def suggest_target(history: Sequence[int]) -> int:
    """A target a little above the median of the last three months, never below 1.

    The median ignores one unusually busy or quiet month; adding a tenth
    (rounded up, so at least one more) keeps the goal a stretch, not a leap.
    """
    recent = sorted(max(0, int(v)) for v in list(history)[-3:])
    if not recent:
        return 1
    mid = len(recent) // 2
    median = Fraction(recent[mid]) if len(recent) % 2 else Fraction(recent[mid - 1] + recent[mid], 2)
    return max(1, math.ceil(median * TARGET_NUDGE))


def _first_active_month(snapshot: Snapshot) -> str | None:
    """The month the member's history starts: placement start, first activity or first goal."""
    dates = [c.date for c in snapshot.conversations] + [e.date for e in snapshot.events if e.attended]
    if snapshot.profile.internship_start is not None:
        dates.append(snapshot.profile.internship_start)
    months = [month_of(d) for d in dates] + [g.month for g in snapshot.goals]
    return min(months) if months else None


def suggested_targets(snapshot: Snapshot, month: str) -> dict[GoalMetric, int]:
    """A target per metric for `month`, from the three months before it.

    Months before the member's history starts do not count as zeros; with no
    history at all, small starter targets are offered instead.
    """
    start = _first_active_month(snapshot)
    months = [shift_month(month, -k) for k in (3, 2, 1)]
    months = [m for m in months if start is not None and m >= start]
    if not months:
        return dict(STARTER_TARGETS)
    frames = analytics.frames_for(snapshot)
    counts = [analytics.month_progress(frames, m) for m in months]
    return {metric: suggest_target([c[metric] for c in counts]) for metric in GoalMetric}


def goal_month(today: dt.date) -> str:
    """The month advice about goals speaks of: this one, or the next in this month's last days.

    Five days before a month ends, "three more a week" is no longer a plan;
    what the member can still shape is next month's targets.
    """
    month = month_of(today)
    _, last = month_days(month)
    return shift_month(month, 1) if (last - today).days < LATE_MONTH_DAYS else month


def history_months(snapshot: Snapshot, through: str) -> list[str]:
    """The member's months from the first with any activity or goal up to `through`, oldest first."""
    start = _first_active_month(snapshot)
    if start is None or start > through:
        return []
    months = [start]
    while months[-1] < through:
        months.append(shift_month(months[-1], 1))
    return months


@dataclasses.dataclass(frozen=True)
class BestMonth:
    """The most the member ever did of one metric in a month, and when."""

    count: int
    month: str | None  # None when nothing was ever done


def best_months(snapshot: Snapshot, through: str) -> dict[GoalMetric, BestMonth]:
    """Per metric, the member's best month up to `through` (its progress so far included).

    A target is judged against what the member has actually done at their
    best, not against an average that one slow month drags down.
    """
    frames = analytics.frames_for(snapshot)
    best = {metric: BestMonth(0, None) for metric in GoalMetric}
    for month in history_months(snapshot, through):
        counts = analytics.month_progress(frames, month)
        for metric in GoalMetric:
            if counts[metric] > best[metric].count:
                best[metric] = BestMonth(counts[metric], month)
    return best


def stretch_target(base: int) -> int:
    """The next level above `base`: about a quarter more, and always at least one more."""
    return max(base + 1, math.ceil(max(0, base) * STRETCH))


class PaceStatus(enum.StrEnum):
    DONE = "done"
    ON_PACE = "on_pace"
    BEHIND = "behind"
    MISSED = "missed"  # the period is over and the target was not reached

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


@dataclasses.dataclass(frozen=True)
class Pace:
    actual: int
    target: int
    expected: float  # how many a steady pace would have reached by the end of today
    status: PaceStatus
    remaining: int
    days_left: int  # today included
    per_week_needed: float
    period_start: dt.date
    period_end: dt.date
    ends_with_internship: bool  # the placement ends before the month does


def pace(
    actual: int,
    target: int,
    month: str,
    today: dt.date,
    *,
    internship_start: dt.date | None = None,
    internship_end: dt.date | None = None,
) -> Pace:
    """Where a monthly count stands against a steady pace to its target.

    When the placement starts or ends inside the month, only those days count:
    an intern leaving on the 12th has twelve days, not thirty, to get there.
    """
    first, last = month_days(month)
    start, end, ends_with = first, last, False
    if internship_end is not None and first <= internship_end < last:
        end, ends_with = internship_end, True
    if internship_start is not None and first < internship_start <= end:
        start = internship_start
    actual, target = max(0, actual), max(0, target)
    total = (end - start).days + 1
    elapsed = min(max((today - start).days + 1, 0), total)
    expected = target * elapsed / total
    remaining = max(0, target - actual)
    days_left = total - elapsed
    if today >= start and today <= end:
        days_left += 1  # today is still usable
    per_week = remaining * 7 / days_left if days_left and remaining else 0.0
    if actual >= target:
        status = PaceStatus.DONE
    elif today > end:
        status = PaceStatus.MISSED
    elif actual >= math.floor(expected + 1e-9):
        status = PaceStatus.ON_PACE
    else:
        status = PaceStatus.BEHIND
    return Pace(
        actual=actual,
        target=target,
        expected=round(expected, 2),
        status=status,
        remaining=remaining,
        days_left=days_left,
        per_week_needed=round(per_week, 2),
        period_start=start,
        period_end=end,
        ends_with_internship=ends_with,
    )


def pace_words(label: str, p: Pace) -> str:
    """A pace in whole numbers a member can act on: never "7.73 expected" or "2.63 a week".

    People and conversations come whole, so the words say how many are done,
    how many remain and in how many days.
    """
    done = f"{label} {p.actual} of {p.target}"
    if p.status is PaceStatus.DONE:
        return f"{done}, reached"
    if p.status is PaceStatus.MISSED or not p.days_left:
        return done
    days = "today" if p.days_left == 1 else f"{p.days_left} days"
    return f"{done}, {p.remaining} to go in {days}"


def _days_left_words(days_left: int) -> str:
    return "today" if days_left == 1 else f"in the {days_left} days left"


def is_stretch(p: Pace) -> bool:
    """Whether what is left needs more than twice the steady pace the goal was set at (and at least two more).

    One more in the last day is a plan; eight more in two days is a hope,
    and saying so is kinder than "28 a week needed".
    """
    if p.status in (PaceStatus.DONE, PaceStatus.MISSED) or p.remaining < 2 or not p.days_left:
        return False
    total = (p.period_end - p.period_start).days + 1
    return p.remaining * total > 2 * p.target * p.days_left


def pace_note(p: Pace) -> str:
    """Where a goal stands, in whole people and days: "on pace · 2 more in the 9 days left",
    "3 more in the 2 days left is a stretch", never "7.73 expected by today"."""
    if p.status is PaceStatus.DONE:
        return "reached"
    if p.status is PaceStatus.MISSED:
        return f"missed by {p.remaining}"
    if not p.days_left:
        return f"{p.remaining} to go"
    more = f"{p.remaining} more {_days_left_words(p.days_left)}"
    if is_stretch(p):
        return f"{more} is a stretch"
    if p.status is PaceStatus.ON_PACE:
        return f"on pace · {more}"
    weekly = math.ceil(p.remaining * 7 / p.days_left)
    if p.days_left >= 14 and weekly < p.remaining:
        return f"behind · {more}, about {weekly} a week"
    return f"behind · {more}"


def next_goals_month(today: dt.date) -> str | None:
    """The next month, offered for goals in the last days of this one; None earlier in the month."""
    aim = goal_month(today)
    return aim if aim != month_of(today) else None


def goal_paces(snapshot: Snapshot, month: str, today: dt.date) -> dict[GoalMetric, Pace]:
    """The pace of every goal set for `month`, counted from the log."""
    frames = analytics.frames_for(snapshot)
    actual = analytics.month_progress(frames, month)
    profile = snapshot.profile
    return {
        g.metric: pace(
            actual[g.metric],
            g.target,
            month,
            today,
            internship_start=profile.internship_start,
            internship_end=profile.internship_end,
        )
        for g in snapshot.goals
        if g.month == month
    }


def goal_streak(snapshot: Snapshot, today: dt.date) -> int:
    """Months in a row, ending last month, in which every goal set was met.

    The current month is still in progress and does not count either way; a
    month without goals ends the streak, since nothing was aimed at.
    """
    by_month: dict[str, list[tuple[GoalMetric, int]]] = defaultdict(list)
    for goal in snapshot.goals:
        by_month[goal.month].append((goal.metric, goal.target))
    if not by_month:
        return 0
    frames = analytics.frames_for(snapshot)
    streak, month = 0, shift_month(month_of(today), -1)
    while month in by_month:
        actual = analytics.month_progress(frames, month)
        if any(actual[metric] < target for metric, target in by_month[month]):
            break
        streak += 1
        month = shift_month(month, -1)
    return streak


@dataclasses.dataclass(frozen=True)
class MetricResult:
    metric: GoalMetric
    actual: int
    target: int | None
    met: bool | None  # None when no goal was set


@dataclasses.dataclass(frozen=True)
class MonthlyReview:
    month: str
    results: tuple[MetricResult, ...]
    goals_set: int
    goals_met: int
    conversations: int
    people_met: int  # distinct people talked to in the month
    new_people: int
    best_conversation: Conversation | None


def monthly_review(snapshot: Snapshot, month: str) -> MonthlyReview:
    """A month in numbers beside its targets, and its best conversation."""
    frames = analytics.frames_for(snapshot)
    actual = analytics.month_progress(frames, month)
    targets = {g.metric: g.target for g in snapshot.goals if g.month == month}
    results = tuple(
        MetricResult(m, actual[m], targets.get(m), None if m not in targets else actual[m] >= targets[m])
        for m in GoalMetric
    )
    start, end = month_days(month)
    in_month = [c for c in snapshot.conversations if start <= c.date <= end]
    best = max(in_month, key=lambda c: (c.quality, c.date, c.id or 0), default=None)
    return MonthlyReview(
        month=month,
        results=results,
        goals_set=len(targets),
        goals_met=sum(1 for r in results if r.met),
        conversations=len(in_month),
        people_met=len({pid for c in in_month for pid in c.person_ids}),
        new_people=actual[GoalMetric.NEW_PEOPLE],
        best_conversation=best,
    )
