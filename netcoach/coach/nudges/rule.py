"""What a nudge rule is: an id, the tip it comes from, and a check that may find advice.

A rule's id and its tip are written once, in the rule table of its theme;
the check only says what it found, and `Rule.apply` turns that into the
`Nudge` Home shows, so a nudge can never carry another rule's tip.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable

from netcoach.coach.nudges.context import RuleContext


def unique(ids: Iterable[int]) -> tuple[int, ...]:
    """Ids in first-seen order, each once."""
    return tuple(dict.fromkeys(ids))


@dataclasses.dataclass(frozen=True)
class Nudge:
    """One piece of advice: why (in numbers), about whom, which tip, what to do."""

    rule: str
    title: str
    reason: str
    person_ids: tuple[int, ...]
    tip_id: str
    action: str
    score: float  # 0-100; higher is more urgent


@dataclasses.dataclass(frozen=True)
class Advice:
    """What a rule's check found, before it is tied to the rule and its tip."""

    title: str
    reason: str
    action: str
    score: float
    person_ids: Iterable[int] = ()


@dataclasses.dataclass(frozen=True)
class Rule:
    id: str
    tip_id: str
    check: Callable[[RuleContext], Advice | None]

    def apply(self, ctx: RuleContext) -> Nudge | None:
        """The rule's nudge for this context (score kept in 0-100), or None when it stays quiet."""
        advice = self.check(ctx)
        if advice is None:
            return None
        score = round(min(100.0, max(0.0, advice.score)), 1)
        return Nudge(self.id, advice.title, advice.reason, unique(advice.person_ids), self.tip_id, advice.action, score)
