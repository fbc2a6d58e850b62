"""Monthly goals and reflections, and what the coach makes of them."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

import pandas as pd
from tinydb import where
from tinydb.queries import QueryInstance

from netcoach import coach
from netcoach.insights import analytics
from netcoach.models import Goal, GoalMetric, Reflection, ValidationError, parse_goal, parse_month, parse_reflection
from netcoach.service.unit_of_work import UnitOfWork


@dataclasses.dataclass(frozen=True)
class GoalProgress:
    metric: GoalMetric
    target: int | None
    actual: int


def _same_goal(goal: Goal) -> QueryInstance:
    return (where("month") == goal.month) & (where("metric") == goal.metric.value)


def _goals_for(month: str, targets: Mapping[GoalMetric, int | None]) -> dict[str, Goal]:
    """The goals a month's targets ask for, every problem with them found at once."""
    problems: list[str] = []
    wanted: dict[str, Goal] = {}
    for metric, target in targets.items():
        if not target:
            continue
        try:
            goal = parse_goal({"month": month, "metric": metric, "target": target})
        except ValidationError as exc:
            problems.extend(exc.problems)
        else:
            wanted[goal.metric.value] = goal
    if problems:
        raise ValidationError(problems)
    return wanted


class GoalService(UnitOfWork):
    # ------------------------------------------------------------------ reads
    def goals(self, month: str | None = None) -> list[Goal]:
        month = parse_month(month) if month else None
        return [g for g in self.snapshot().goals if month is None or g.month == month]

    def goal_progress(self, month: str) -> list[GoalProgress]:
        """Every metric's count for the month beside its target, if one is set."""
        month = parse_month(month)

        def compute(_snap: object) -> tuple[GoalProgress, ...]:
            actual = analytics.month_progress(self.frames(), month)
            targets = {g.metric: g.target for g in self.goals(month)}
            return tuple(GoalProgress(m, targets.get(m), actual[m]) for m in GoalMetric)

        # Counted once per version of the file and day: Home asks on every rerun.
        return list(self._derived(("progress", month), compute))

    def goal_paces(self, month: str) -> dict[GoalMetric, coach.Pace]:
        month = parse_month(month)
        return self._derived(("paces", month), lambda snap: coach.goal_paces(snap, month, self.today))

    def suggested_targets(self, month: str) -> dict[GoalMetric, int]:
        month = parse_month(month)
        return self._derived(("suggested", month), lambda snap: coach.suggested_targets(snap, month))

    def goal_streak(self) -> int:
        return self._derived("streak", lambda snap: coach.goal_streak(snap, self.today))

    def monthly_review(self, month: str) -> coach.MonthlyReview:
        month = parse_month(month)
        return self._derived(("review", month), lambda snap: coach.monthly_review(snap, month))

    def goal_history(self, months: int = 6) -> pd.DataFrame:
        """Targets against results for the months before this one."""
        this_month = coach.month_of(self.today)
        past = [coach.shift_month(this_month, -i) for i in range(months, 0, -1)]
        return analytics.goal_history(self.frames(), self.snapshot().goals, past)

    def reflection(self, month: str) -> str:
        month = parse_month(month)
        return next((r.text for r in self.snapshot().reflections if r.month == month), "")

    # ---------------------------------------------------------------- changes
    def set_goal(self, month: str, metric: GoalMetric | str, target: int) -> Goal:
        """Set (or change) the month's target for one metric."""
        goal = parse_goal({"month": month, "metric": metric, "target": target})
        with self._work() as work:
            goal_id = work.goals.upsert(goal, _same_goal(goal))
        return dataclasses.replace(goal, id=goal_id)

    def set_goals(
        self, month: str, targets: Mapping[GoalMetric, int | None], *, fill_with_suggestions: bool = False
    ) -> list[Goal]:
        """Set a whole month's targets at once; a target of None or 0 removes that goal.

        With `fill_with_suggestions`, metrics left at 0 get the suggested target instead.
        """
        month = parse_month(month)
        if fill_with_suggestions:
            suggested = self.suggested_targets(month)
            targets = {metric: target or suggested[GoalMetric(metric)] for metric, target in targets.items()}
        wanted = _goals_for(month, targets)
        cleared = {GoalMetric(m).value for m, t in targets.items() if not t}
        with self._work() as work:
            goals = work.goals
            for stored in goals.search(where("month") == month):
                assert stored.id is not None  # read from the table, so it has its id
                if stored.metric.value in wanted:
                    goals.update(stored.id, wanted.pop(stored.metric.value))
                elif stored.metric.value in cleared:
                    goals.remove([stored.id])
            goals.insert_many(wanted.values())
        return self.goals(month)

    def delete_goal(self, month: str, metric: GoalMetric | str) -> None:
        goal = parse_goal({"month": month, "metric": metric, "target": 1})
        with self._work() as work:
            work.goals.remove(g.id for g in work.goals.search(_same_goal(goal)) if g.id is not None)

    def save_reflection(self, month: str, text: str) -> Reflection:
        reflection = parse_reflection({"month": month, "text": text})
        with self._work() as work:
            work.reflections.upsert(reflection, where("month") == reflection.month)
        return reflection
