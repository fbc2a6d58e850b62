"""The first-run checklist on Home: three steps that make the coach useful, each ticked off once done.

The list stays until every step is done, so it keeps guiding after the first
conversation is logged instead of vanishing half way.
"""

from __future__ import annotations

import dataclasses
import enum

from netcoach.models import Snapshot


class StepKind(enum.StrEnum):
    DATES = "dates"
    GOALS = "goals"
    CONVERSATION = "conversation"


@dataclasses.dataclass(frozen=True)
class Step:
    kind: StepKind
    title: str
    why: str
    done: bool


def first_steps(snapshot: Snapshot) -> list[Step]:
    """The three first steps, in the order they help most, each marked done or not."""
    profile = snapshot.profile
    return [
        Step(
            StepKind.DATES,
            "Your internship dates",
            "So the coach can pace your goals and remind you before you leave.",
            profile.internship_start is not None and profile.internship_end is not None,
        ),
        Step(
            StepKind.GOALS,
            "Your goals for a month",
            "A few people to meet, events to attend, follow-ups to send.",
            bool(snapshot.goals),
        ),
        Step(
            StepKind.CONVERSATION,
            "Your first conversation",
            "Even a two-minute chat at the coffee machine counts.",
            bool(snapshot.conversations),
        ),
    ]


def all_done(steps: list[Step]) -> bool:
    return all(step.done for step in steps)
