"""What a nudge rule is: an id, the tip it comes from, how much its kind of advice matters, and a check.

A rule's id, tip and priority are written once, in the rule table of its
theme; the check only says what it found, and `Rule.apply` turns that into
the `Nudge` Home shows, so a nudge can never carry another rule's tip.

The score a member reads is built the way a career coach decides what to say
first: the kind of advice sets the floor (something about to expire beats a
relationship going cold, which beats a habit; praise for a member doing well
comes before a new face or event), and named points within that band order advice of one kind
(an open role in the notes, a promise owed, how senior and how close the
person is, how late it is).
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Callable, Iterable, Sequence

from netcoach.coach.nudges.context import RuleContext


def unique(ids: Iterable[int]) -> tuple[int, ...]:
    """Ids in first-seen order, each once."""
    return tuple(dict.fromkeys(ids))


class Priority(enum.IntEnum):
    """The kinds of advice in the order a coach raises them; the value is the kind's floor score."""

    EXPIRING = 80  # an opportunity or a promise that runs out
    SLIPPING = 60  # a relationship that matters going cold
    HABIT = 40  # the one habit that most limits the member
    # Praise fires only when nothing expires, slips or holds the member back; then it is said first and
    # carries one next level itself, so the breadth steps that are left follow it rather than lead.
    ENCOURAGE = 20  # doing well: praise and a next level
    BREADTH = 0  # someone or somewhere new

    @property
    def label(self) -> str:
        return _PRIORITY_LABELS[self]


_PRIORITY_LABELS = {
    Priority.EXPIRING: "time-sensitive",
    Priority.SLIPPING: "a relationship that matters",
    Priority.HABIT: "a habit worth changing",
    Priority.BREADTH: "meeting someone new",
    Priority.ENCOURAGE: "keep it up",
}

BAND = 19.9
"""How far named points can lift a nudge within its kind: never into the kind above."""


@dataclasses.dataclass(frozen=True)
class ScorePart:
    """One readable reason a nudge ranks where it does ("an open role in your notes", 6 points)."""

    label: str
    points: float


@dataclasses.dataclass(frozen=True)
class Nudge:
    """One piece of advice: why (in numbers and the member's words), about whom, which tip, what to do."""

    rule: str
    title: str
    reason: str
    person_ids: tuple[int, ...]  # the first is the person the action is about
    tip_id: str
    action: str
    score: float  # 0-100; higher is more urgent
    priority: Priority = Priority.HABIT
    score_parts: tuple[ScorePart, ...] = ()
    quotes: tuple[str, ...] = ()  # the member's own sentences it came from

    @property
    def subject(self) -> int | None:
        return self.person_ids[0] if self.person_ids else None

    @property
    def ranking(self) -> str:
        """How the score was built, as the member reads it: 'time-sensitive · an open role in your notes'."""
        return " · ".join([self.priority.label, *(p.label for p in self.score_parts if p.points > 0)])


@dataclasses.dataclass(frozen=True)
class Advice:
    """What a rule's check found, before it is tied to the rule and its tip."""

    title: str
    reason: str
    action: str
    parts: Sequence[ScorePart] = ()
    person_ids: Iterable[int] = ()
    quotes: Sequence[str] = ()
    priority: Priority | None = None  # the rule's own, unless this finding is of another kind


Check = Callable[[RuleContext], "Advice | Sequence[Advice] | None"]


@dataclasses.dataclass(frozen=True)
class Rule:
    id: str
    tip_id: str
    priority: Priority
    check: Check

    def apply(self, ctx: RuleContext) -> list[Nudge]:
        """The rule's nudges for this context (none when it stays quiet), each scored within its kind's band."""
        found = self.check(ctx)
        if found is None:
            return []
        return [self._nudge(a) for a in ([found] if isinstance(found, Advice) else found)]

    def _nudge(self, advice: Advice) -> Nudge:
        priority = advice.priority if advice.priority is not None else self.priority
        parts = tuple(p for p in advice.parts if p.points)
        points = min(BAND, max(0.0, sum(p.points for p in parts)))
        return Nudge(
            rule=self.id,
            title=advice.title,
            reason=advice.reason,
            person_ids=unique(advice.person_ids),
            tip_id=self.tip_id,
            action=advice.action,
            score=round(priority + points, 1),
            priority=priority,
            score_parts=parts,
            quotes=tuple(dict.fromkeys(advice.quotes)),
        )


def part(label: str, points: float) -> ScorePart:
    return ScorePart(label, round(points, 1))
