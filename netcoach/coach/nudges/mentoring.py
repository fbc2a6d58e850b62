"""Nudges about mentors: the member's own pipeline first, then someone whose talks already read like mentoring.

A manager's weekly one-on-ones are the job, not mentoring, however good they
are. Mentoring shows in what is said: advice, career talk, help beyond the
work. And the member's own choice beats any guess: whoever they put in the
pipeline is named, with the step that moves them one stage on.
"""

from __future__ import annotations

import re

from netcoach.coach.nudges.context import RuleContext
from netcoach.coach.nudges.rule import Advice, Priority, Rule, part
from netcoach.coach.relationships import NEXT_STEP, default_cadence, is_mentor, stage_rank
from netcoach.coach.signals import SignalKind
from netcoach.coach.thresholds import MENTOR_GOOD_QUALITY, MENTOR_GOOD_TALKS, SENIOR_ROLES
from netcoach.coach.wording import first_name, plural, with_article
from netcoach.models import Conversation, MentorStage, Person

# Words that mark a talk as about the member's path rather than the week's work.
_CAREER_TALK = re.compile(
    r"\b(career|advice|advised|path|grad(uate)? school|master'?s|phd|return offer|full[- ]time|job search|"
    r"resume|cv|interview|promotion|long[- ]term|next step|what to study|how (she|he|they) got|"
    r"feedback on my|mentor(ing)?)\b",
    re.IGNORECASE,
)

# A possible mentor is the growth step that matters most: above any event or new face of the same kind.
MENTOR_POINTS = part("someone who could mentor you", 10)


def is_career_talk(conversation: Conversation) -> bool:
    text = " ".join([*conversation.topics, conversation.learned, conversation.notes])
    return bool(_CAREER_TALK.search(text))


def _pipeline_step(ctx: RuleContext) -> Advice | None:
    """The candidate the member chose who is furthest along: the step that moves them one stage on."""
    candidates = [
        p
        for p in ctx.people.values()
        if p.id is not None and p.mentor_stage not in (MentorStage.NONE, MentorStage.MENTOR) and not is_mentor(p)
    ]
    if not candidates:
        return None

    def order(p: Person) -> tuple[int, float]:
        talks = ctx.by_person.get(p.id or 0, [])
        return (stage_rank(p.mentor_stage), talks[-1].date.toordinal() if talks else 0)

    best = max(candidates, key=order)
    talks = ctx.by_person.get(best.id or 0, [])
    stage = best.mentor_stage
    reason = f"{best.name} is in your mentor pipeline at '{stage.label.lower()}'"
    if talks:
        reason += f"; {plural(len(talks), 'conversation')} so far, the last on {talks[-1].date:%d %b}."
    else:
        reason += "; no conversation logged yet."
    quiet = (ctx.today - talks[-1].date).days if talks else None
    # Quiet for longer than the usual check-in: the relationship is slipping, not just growing.
    slipping = quiet is None or quiet > default_cadence(best.role)
    parts = [MENTOR_POINTS, part(f"one step from '{_next_stage(stage).label.lower()}'", 2 * stage_rank(stage))]
    if quiet is not None and slipping:
        parts.append(part(f"{plural(quiet, 'day')} since you last talked", min(5, quiet / 10)))
    return Advice(
        f"{first_name(best)}: the next step toward a mentor",
        reason,
        NEXT_STEP[stage].format(name=first_name(best)),
        parts,
        [best.id or 0],
        priority=Priority.SLIPPING if slipping else Priority.BREADTH,
    )


def _next_stage(stage: MentorStage) -> MentorStage:
    order = list(MentorStage)
    return order[min(order.index(stage) + 1, len(order) - 1)]


def _talks_like_mentoring(ctx: RuleContext) -> Advice | None:
    """No pipeline and no mentor: a senior person whose good talks are about the member's path."""
    if any(is_mentor(p) for p in ctx.people.values()):
        return None
    scored: list[tuple[int, int, int]] = []
    for person_id, talks in ctx.by_person.items():
        person = ctx.people.get(person_id)
        if person is None or person.role not in SENIOR_ROLES:
            continue
        advice = sum(1 for s in ctx.signals_about(person_id) if s.kind == SignalKind.ADVICE)
        good = [c for c in talks if c.quality >= MENTOR_GOOD_QUALITY]
        career = [c for c in good if is_career_talk(c)]
        if len(good) >= MENTOR_GOOD_TALKS and (career or advice):
            scored.append((len(career) + advice, len(good), person_id))
    if not scored:
        return None
    scored.sort(reverse=True)
    evidence, good_count, best = scored[0]
    person = ctx.people[best]
    reason = (
        f"{good_count} good conversations (quality {MENTOR_GOOD_QUALITY}+) with {person.name}, "
        f"{with_article(person.role.label.lower())}, {evidence} of them about your path or with advice; no mentor yet."
    )
    # Good talks about the member's path are more than a first chat: the next move is to ask for advice.
    action = NEXT_STEP[MentorStage.FOLLOW_UP_CHAT].format(name=first_name(person))
    parts = [MENTOR_POINTS, part(f"{evidence} talks about your path", min(8, 2 * evidence))]
    return Advice(
        f"{first_name(person)} could be your mentor", reason, action, parts, [best], priority=Priority.BREADTH
    )


def _mentor_next_step(ctx: RuleContext) -> Advice | None:
    return _pipeline_step(ctx) or _talks_like_mentoring(ctx)


RULES = (Rule("mentor-next-step", "seek-mentorship", Priority.SLIPPING, _mentor_next_step),)
