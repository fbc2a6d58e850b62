"""Nudges about monthly goals: targets missed two months running get a reachable suggestion."""

from __future__ import annotations

from netcoach.coach.goals import suggested_targets
from netcoach.coach.months import month_label, shift_month
from netcoach.coach.nudges.context import RuleContext
from netcoach.coach.nudges.rule import Advice, Priority, Rule
from netcoach.coach.wording import plural
from netcoach.insights import analytics
from netcoach.models import GoalMetric


def _missed(ctx: RuleContext, month: str) -> dict[GoalMetric, tuple[int, int]]:
    """Goals of a month that were not met: metric -> (actual, target)."""
    goals = [g for g in ctx.snapshot.goals if g.month == month]
    if not goals:
        return {}
    actual = analytics.month_progress(ctx.frames, month)
    return {g.metric: (actual[g.metric], g.target) for g in goals if actual[g.metric] < g.target}


def _realistic_goals(ctx: RuleContext) -> Advice | None:
    """Goals missed in each of the last two months: suggest a reachable target."""
    last, before = shift_month(ctx.month, -1), shift_month(ctx.month, -2)
    missed_last, missed_before = _missed(ctx, last), _missed(ctx, before)
    if not missed_last or not missed_before:
        return None
    current = {g.metric: g.target for g in ctx.snapshot.goals if g.month == ctx.month}
    reachable = suggested_targets(ctx.snapshot, ctx.month)
    choices: list[tuple[bool, float, GoalMetric, int]] = []
    for metric, (actual, target) in missed_last.items():
        suggested = reachable[metric]
        if target > 1:
            suggested = min(suggested, target - 1)
        if current.get(metric, target) <= suggested:
            continue  # already set this month at a reachable level
        choices.append((metric not in missed_before, actual / target, metric, suggested))
    if not choices:
        return None
    choices.sort(key=lambda c: (c[0], c[1], list(GoalMetric).index(c[2])))
    _, _, metric, suggested = choices[0]
    a1, t1 = missed_last[metric]
    parts = [f"{metric.label.lower()} reached {a1} of {t1} in {month_label(last)}"]
    if metric in missed_before:
        a2, t2 = missed_before[metric]
        parts.append(f"{a2} of {t2} in {month_label(before)}")
    else:
        parts.append(f"{plural(len(missed_before), 'goal')} missed in {month_label(before)}")
    reason = "Goals missed two months in a row: " + "; ".join(parts) + "."
    action = (
        f"Set {metric.label.lower()} to {suggested} for {month_label(ctx.month)}, close to what you managed, "
        "and raise it once you hit it."
    )
    return Advice("Set goals you can reach", reason, action)


RULES = (Rule("realistic-goals", "realistic-goals", Priority.HABIT, _realistic_goals),)
