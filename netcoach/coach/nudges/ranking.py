"""Every nudge rule in one table, and the order Home shows them in: most urgent first."""

from __future__ import annotations

import datetime as dt

from netcoach.coach.nudges import events, followups, goals, habits, people
from netcoach.coach.nudges.context import rule_context
from netcoach.coach.nudges.rule import Nudge, Rule
from netcoach.models import Snapshot

RULES: tuple[Rule, ...] = (*followups.RULES, *people.RULES, *habits.RULES, *events.RULES, *goals.RULES)

RULE_TIPS: dict[str, str] = {rule.id: rule.tip_id for rule in RULES}
"""Each rule's tip, so the tips library and the advice cannot drift apart."""


def nudges(snapshot: Snapshot, today: dt.date, limit: int | None = None) -> list[Nudge]:
    """Every rule that applies today, most urgent first (Home shows the top three)."""
    ctx = rule_context(snapshot, today)
    found = [n for rule in RULES if (n := rule.apply(ctx)) is not None]
    found.sort(key=lambda n: (-n.score, n.rule))
    return found if limit is None else found[:limit]
