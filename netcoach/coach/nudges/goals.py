"""Nudges about monthly goals: targets far beyond the member's history get a full reachable set.

Goals set too high do quiet harm: every month ends in a miss, and the member
stops looking at them. When any target is far above the member's best month,
or was missed two months running, the coach offers a whole set of reachable
targets at once ("conversations 20 -> 6, new people 16 -> 3"), not one metric
at a time, and in a month's last days it speaks of next month's goals.
"""

from __future__ import annotations

import dataclasses

from netcoach.coach.goals import BestMonth, best_months, goal_month, history_months, suggested_targets
from netcoach.coach.months import month_label, shift_month
from netcoach.coach.nudges.context import RuleContext
from netcoach.coach.nudges.rule import Advice, Priority, Rule, part
from netcoach.coach.thresholds import REALISTIC_GOAL_FACTOR, REALISTIC_GOAL_MIN_GAP
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


def _targets(ctx: RuleContext, month: str) -> dict[GoalMetric, int]:
    return {g.metric: g.target for g in ctx.snapshot.goals if g.month == month}


def _far_above(target: int, best: BestMonth) -> bool:
    return target > REALISTIC_GOAL_FACTOR * max(best.count, 1) and target - best.count >= REALISTIC_GOAL_MIN_GAP


@dataclasses.dataclass(frozen=True)
class _Change:
    metric: GoalMetric
    target: int
    reachable: int
    evidence: str  # why this target is out of reach, in the member's numbers; "" when it is fine


def _label(metric: GoalMetric) -> str:
    return metric.label.lower()


def _changes(ctx: RuleContext, judged: dict[GoalMetric, int], aim: str) -> list[_Change]:
    """Every goal in the set, with a reachable target and, for those out of reach, the evidence."""
    last, before = shift_month(ctx.month, -1), shift_month(ctx.month, -2)
    missed_last, missed_before = _missed(ctx, last), _missed(ctx, before)
    best = best_months(ctx.snapshot, ctx.month)
    suggested = suggested_targets(ctx.snapshot, aim)
    changes = []
    for metric in GoalMetric:
        if metric not in judged:
            continue
        target = judged[metric]
        evidence = ""
        if metric in missed_last and metric in missed_before and target > suggested[metric]:
            (a2, t2), (a1, t1) = missed_before[metric], missed_last[metric]
            evidence = (
                f"{_label(metric)} reached {a2} of {t2} in {month_label(before)} "
                f"and {a1} of {t1} in {month_label(last)}"
            )
        elif _far_above(target, best[metric]):
            top = best[metric]
            when = f" ({month_label(top.month)})" if top.month else ""
            evidence = f"{_label(metric)} {target} against a best month of {top.count}{when}"
        # Out of reach: always a step down; within reach: lowered to the suggestion only if above it.
        reachable = min(suggested[metric], target - 1 if evidence and target > 1 else target)
        changes.append(_Change(metric, target, reachable, evidence))
    return changes


def _change_words(change: _Change) -> str:
    """'conversations 20 -> 6', or 'events attended 1 (keep)' for a target already within reach."""
    if change.reachable < change.target:
        return f"{_label(change.metric)} {change.target} -> {change.reachable}"
    return f"{_label(change.metric)} {change.target} (keep)"


def _realistic_goals(ctx: RuleContext) -> Advice | None:
    """Targets far above anything the member has done, or missed two months running: a full reachable set."""
    if ctx.settling_in or len(history_months(ctx.snapshot, ctx.month)) < 2:
        return None  # no pace talk in the first weeks, and nothing to judge a target by in a first month
    aim = goal_month(ctx.today)
    judged_month = aim if _targets(ctx, aim) else shift_month(aim, -1)
    judged = _targets(ctx, judged_month)
    if not judged:
        return None
    changes = _changes(ctx, judged, aim)
    out_of_reach = [c for c in changes if c.evidence]
    if not out_of_reach:
        return None
    reason = "Targets beyond what you have done so far: " + "; ".join(c.evidence for c in out_of_reach) + "."
    label = month_label(aim)
    if len(changes) == 1:
        (only,) = changes
        action = (
            f"Set {_label(only.metric)} to {only.reachable} for {label}, close to what you managed, "
            "and raise it once you hit it."
        )
    else:
        listed = ", ".join(_change_words(c) for c in changes)
        action = f"Set these for {label}, close to what you manage, and raise each once you hit it: {listed}."
    parts = [part(f"{plural(len(out_of_reach), 'target')} out of reach", min(10, 3 * len(out_of_reach)))]
    return Advice("Set goals you can reach", reason, action, parts)


RULES = (Rule("realistic-goals", "realistic-goals", Priority.HABIT, _realistic_goals),)
