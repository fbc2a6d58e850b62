"""Nudges about how the member talks and logs: listening, offering help, and keeping a rhythm."""

from __future__ import annotations

from netcoach.coach.nudges.context import RuleContext
from netcoach.coach.nudges.rule import Advice, Priority, Rule, part, unique
from netcoach.coach.thresholds import (
    EARLY_MONTH_DAY,
    HELP_MIN_CONVERSATIONS,
    LEARNED_MIN_EMPTY,
    LEARNED_MIN_SHARE,
    LEARNED_RECENT,
    LEARNED_WINDOW_DAYS,
    PRACTICE_MIN_CONVERSATIONS,
    PRACTICE_WINDOW_DAYS,
    QUIET_STEADY_WINDOW_DAYS,
)
from netcoach.coach.wording import plural
from netcoach.models import GoalMetric, Role


def _learned_empty(ctx: RuleContext) -> Advice | None:
    """Recent conversations with nothing noted under what was learned."""
    recent = ctx.recent(LEARNED_WINDOW_DAYS)[-LEARNED_RECENT:]
    if len(recent) < LEARNED_MIN_EMPTY:
        return None
    empty = [c for c in recent if not c.learned.strip()]
    if len(empty) < LEARNED_MIN_EMPTY or len(empty) / len(recent) < LEARNED_MIN_SHARE:
        return None
    # One person to try it with; naming more would block them from other advice without asking them anything.
    ids = unique(pid for c in reversed(empty) for pid in c.person_ids)[:1]
    reason = f"{len(empty)} of your last {len(recent)} conversations have nothing noted under what you learned."
    action = (
        f"Before you next see {ctx.name(ids[0])}, write down two questions about their work, "
        "and log one answer afterwards."
    )
    return Advice(
        "Ask more, listen more", reason, action, [part(f"{len(empty)} talks with nothing learned", len(empty))], ids
    )


def _no_help(ctx: RuleContext) -> Advice | None:
    """Several conversations this month, none where the member offered help."""
    if ctx.today.day < EARLY_MONTH_DAY or ctx.settling_in:
        return None
    month = ctx.month_conversations()
    if len(month) < HELP_MIN_CONVERSATIONS or ctx.progress[GoalMetric.HELP_OFFERED] > 0:
        return None
    if any(c.help_offered.strip() for c in month):
        return None
    # Help lands best with someone the member clicked with: best talk first, then the most recent.
    ranked = sorted(month, key=lambda c: (c.quality, c.date), reverse=True)
    ids = unique(pid for c in ranked for pid in c.person_ids)[:1]
    reason = f"None of your {len(month)} conversations this month notes any help you offered."
    action = f"Ask {ctx.name(ids[0])} what they are busy with and offer to take one small piece of it."
    return Advice(
        "Offer help", reason, action, [part(f"{len(month)} talks, no help offered", min(10, len(month) - 3))], ids
    )


def _quiet_stretch(ctx: RuleContext) -> Advice | None:
    """A pause after weeks of steady effort: no guilt, one easy chat with the person the member enjoyed most.

    Said first, and instead of "meet someone new" or "practise": the way back
    after a quiet spell is someone they already like.
    """
    spell = ctx.quiet_spell
    if spell is None or ctx.after_end:  # after the placement, keeping in touch is the after-end advice's
        return None
    reason = (
        f"No conversations in {spell.gap_days} days, after {plural(len(spell.steady), 'conversation')} "
        f"in the {QUIET_STEADY_WINDOW_DAYS // 7} weeks before that. A pause is normal."
    )
    parts = [part(f"{spell.gap_days} quiet days", 10 + min(5, spell.gap_days / 10))]
    talks: dict[int, list[int]] = {}
    for c in spell.steady:
        for pid in c.person_ids:
            talks.setdefault(pid, []).append(c.quality)
    if talks:
        # The person the member enjoyed most: most good talks, then the best average.
        who = max(talks, key=lambda pid: (sum(q >= 4 for q in talks[pid]), sum(talks[pid]) / len(talks[pid])))
        good = sum(q >= 4 for q in talks[who])
        action = (
            f"Suggest a short coffee to {ctx.name(who)} ({plural(good, 'good talk')} before the pause); "
            "one easy chat restarts the rhythm."
        )
        return Advice("Keep going, it adds up", reason, action, parts, [who])
    action = "Pick one person you enjoyed talking to and suggest a short coffee; one chat restarts the rhythm."
    return Advice("Keep going, it adds up", reason, action, parts)


def _few_conversations(ctx: RuleContext) -> Advice | None:
    """Few conversations lately: suggest low-stakes practice.

    Not while settling in (no rates then), nor after the placement, when
    keeping in touch (`after-end`) matters more than a count of chats.
    """
    if ctx.settling_in or ctx.after_end:
        return None
    recent = ctx.recent(PRACTICE_WINDOW_DAYS)
    if len(recent) >= PRACTICE_MIN_CONVERSATIONS or ctx.quiet_spell is not None:
        return None
    reason = f"{plural(len(recent), 'conversation')} logged in the last {PRACTICE_WINDOW_DAYS} days."
    parts = [part("few chats lately", 10 - 3 * len(recent))]
    # Practice is easiest with a peer: the fellow intern the member gets on with best.
    peers = [p for p in ctx.people.values() if p.role == Role.FELLOW_INTERN and p.id is not None]
    if peers:
        peer = max(
            peers, key=lambda p: (max((c.quality for c in ctx.by_person.get(p.id or 0, [])), default=0), -(p.id or 0))
        )
        action = (
            f"Rehearse a two-sentence introduction with {peer.name} over a coffee, "
            "then log it as a practice conversation."
        )
        return Advice("Warm up with low-stakes chats", reason, action, parts, [peer.id or 0])
    action = (
        "Rehearse a two-sentence introduction with a friend or another intern, then log it as a practice conversation."
    )
    return Advice("Warm up with low-stakes chats", reason, action, parts)


RULES = (
    Rule("learned-empty", "genuine-interest", Priority.HABIT, _learned_empty),
    Rule("no-help", "offer-help", Priority.HABIT, _no_help),
    Rule("quiet-stretch", "be-patient", Priority.SLIPPING, _quiet_stretch),
    Rule("few-conversations", "practice", Priority.HABIT, _few_conversations),
)
