"""The sample member's monthly goals and tips read, set against what the log actually holds.

Goals are drawn after the conversations so that targets can be placed just
under or just over what each month achieved: the review page then has months
met and months missed to show.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from collections.abc import Sequence
from typing import Any

from netcoach.insights import analytics
from netcoach.models import Conversation, Event, Goal, GoalMetric, Person, TipProgress, parse_goal, parse_tip_progress
from netcoach.sample.material import material
from netcoach.sample.timeline import Timeline, between, months


def draw_goals(
    rng: random.Random,
    timeline: Timeline,
    people: Sequence[Person],
    convs: Sequence[Conversation],
    events: Sequence[Event],
) -> list[Goal]:
    """Three or four goals a month, set so that some past months are met and some missed."""
    frames = analytics.build_frames(people, convs, events)
    this_month = timeline.today.strftime("%Y-%m")
    raws: list[dict[str, Any]] = []
    past: list[tuple[dict[str, Any], int]] = []
    optional = [m for m in GoalMetric if m not in (GoalMetric.CONVERSATIONS, GoalMetric.NEW_PEOPLE)]
    for month in months(timeline.internship_start, timeline.today):
        actual = analytics.month_progress(frames, month)
        metrics = [GoalMetric.CONVERSATIONS, GoalMetric.NEW_PEOPLE, *rng.sample(optional, rng.randint(1, 2))]
        for metric in metrics:
            raw: dict[str, Any] = {"month": month, "metric": metric.value}
            if month == this_month:
                raw["target"] = round(actual[metric] * 1.5) + 2  # a month in progress: a stretch
            else:
                raw["target"] = _target(rng, actual[metric], met=rng.random() < 0.6)
                past.append((raw, actual[metric]))
            raws.append(raw)
    _mix_outcomes(rng, past)
    for raw in raws:
        raw["target"] = min(999, max(1, raw["target"]))
    return [dataclasses.replace(parse_goal(raw), id=i) for i, raw in enumerate(raws, start=1)]


def _target(rng: random.Random, actual: int, *, met: bool) -> int:
    return actual - rng.randint(0, 2) if met else actual + rng.randint(1, 3)


def _mix_outcomes(rng: random.Random, past: Sequence[tuple[dict[str, Any], int]]) -> None:
    """However the dice fell, at least one past goal met and one missed."""
    if len(past) < 2:
        return
    met = [raw["target"] <= actual for raw, actual in past]
    if all(met):
        raw, actual = rng.choice(past)
        raw["target"] = _target(rng, actual, met=False)
    elif not any(met):
        reachable = [(raw, actual) for raw, actual in past if actual >= 1]
        if reachable:
            raw, actual = rng.choice(reachable)
            raw["target"] = actual


def draw_tips(rng: random.Random, timeline: Timeline) -> list[TipProgress]:
    """Some tips read, a few tried with a reflection, one or two due for another look."""
    tips = material().tips
    chosen = rng.sample(tips, k=min(len(tips), rng.randint(5, 7)))
    progress = []
    for index, (tip_id, reflection) in enumerate(chosen, start=1):
        read_on = between(rng, timeline.internship_start, timeline.today)
        tried = index <= 3 and bool(reflection)
        tried_on = between(rng, read_on, timeline.today) if tried else None
        raw = {
            "tip_id": tip_id,
            "read_on": read_on,
            "tried_on": tried_on,
            "reflection": reflection if tried else "",
            "next_review": timeline.today + dt.timedelta(days=rng.randint(3, 21)) if index in (2, 4) else None,
            "useful": rng.random() < 0.8 if tried else None,
        }
        progress.append(dataclasses.replace(parse_tip_progress(raw), id=index))
    return progress
