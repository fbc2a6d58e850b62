"""Every nudge rule in one table, and the order Home shows them in: most urgent first, the top ones diverse."""

from __future__ import annotations

import datetime as dt

from netcoach.coach.nudges import encouragement, events, followups, goals, habits, mentoring, people, stages, words
from netcoach.coach.nudges.context import rule_context
from netcoach.coach.nudges.rule import Nudge, Priority, Rule
from netcoach.models import Snapshot

RULES: tuple[Rule, ...] = (
    *words.RULES,
    *followups.RULES,
    *people.RULES,
    *mentoring.RULES,
    *habits.RULES,
    *events.RULES,
    *goals.RULES,
    *stages.RULES,
    *encouragement.RULES,
)

RULE_TIPS: dict[str, str] = {rule.id: rule.tip_id for rule in RULES}
"""Each rule's tip, so the tips library and the advice cannot drift apart."""

TOP = 3
"""How many nudges Home leads with."""


def nudges(snapshot: Snapshot, today: dt.date, limit: int | None = None) -> list[Nudge]:
    """Every rule that applies today, most urgent first, the first `TOP` about different people and things.

    With a `limit` of at most `TOP`, only those diverse leaders are returned
    (fewer when fewer differ), so Home never asks one person twice.
    """
    ctx = rule_context(snapshot, today)
    found = sized_to_the_member(praise_when_nothing_is_wrong([n for rule in RULES for n in rule.apply(ctx)]))
    found.sort(key=lambda n: (-n.score, n.rule, n.person_ids))
    leaders, others = diverse_leaders(found, TOP)
    if limit is not None and limit <= TOP:
        return leaders[:limit]
    ranked = leaders + others
    return ranked if limit is None else ranked[:limit]


# When the member wrote that they are overwhelmed or behind, these still help: they lower the load.
_LIGHTENING = frozenset({"realistic-goals"})


def praise_when_nothing_is_wrong(found: list[Nudge]) -> list[Nudge]:
    """Praise only when nothing expires, slips or holds the member back: "you are on track" beside a habit to fix
    reads as if the coach had not looked."""
    if any(n.priority > Priority.ENCOURAGE for n in found):
        return [n for n in found if n.priority != Priority.ENCOURAGE]
    return found


def sized_to_the_member(found: list[Nudge]) -> list[Nudge]:
    """Advice sized to how the member feels: after "I'm overwhelmed", no new asks.

    Promises and relationships that matter still count (they expire or slip
    either way); new people, events, habits to fix and stretch goals wait
    until the member has had one small win.
    """
    if not any(n.rule == "feeling-low" for n in found):
        return found
    keep = (Priority.EXPIRING, Priority.SLIPPING)
    return [n for n in found if n.priority in keep or n.rule in _LIGHTENING]


def diverse_leaders(ranked: list[Nudge], slots: int) -> tuple[list[Nudge], list[Nudge]]:
    """The most urgent nudges that differ from those above them (up to `slots`), and the rest in order.

    A coach never makes two asks of the same person in one breath: two asks
    compete, and they can contradict each other ("ask for advice" beside
    "send an update, no request needed"). Nor does a coach say the same kind
    of thing twice while something else needs saying: a second nudge of one
    rule leads only when no other rule has a nudge left for the free slot.
    """
    leaders: list[Nudge] = []
    named: set[int] = set()
    for fresh_rules_only in (True, False):
        for nudge in ranked:
            if len(leaders) == slots:
                break
            if nudge in leaders or not named.isdisjoint(nudge.person_ids):
                continue
            if fresh_rules_only and any(n.rule == nudge.rule for n in leaders):
                continue
            leaders.append(nudge)
            named.update(nudge.person_ids)
    leaders.sort(key=lambda n: (-n.score, n.rule, n.person_ids))
    others = [n for n in ranked if n not in leaders]
    return leaders, others
