"""Nudges about following up: notes that are overdue or slow, and thanks before the placement ends."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from netcoach.coach.nudges.context import RuleContext
from netcoach.coach.nudges.rule import Advice, Priority, Rule, ScorePart, part
from netcoach.coach.nudges.stages import reference_person
from netcoach.coach.nudges.value import person_parts, points
from netcoach.coach.relationships import exit_list
from netcoach.coach.thresholds import (
    EXIT_WINDOW_DAYS,
    FOLLOWUP_ON_TIME_DAYS,
    FOLLOWUP_STILL_FRESH_DAYS,
    SLOW_FOLLOWUP_MAX_SHARE,
    SLOW_FOLLOWUP_MIN,
    SLOW_FOLLOWUP_WINDOW_DAYS,
)
from netcoach.coach.wording import plural
from netcoach.models import Conversation


def _overdue_by_person(ctx: RuleContext) -> dict[int, list[Conversation]]:
    """Open follow-ups past their due date, per person, oldest first."""
    found: dict[int, list[Conversation]] = defaultdict(list)
    for c in ctx.past:
        if c.needs_followup and c.followup_due is not None and c.followup_due < ctx.today:
            for person_id in c.person_ids:
                found[person_id].append(c)
    return found


def thank_you_parts(late: int, quality: int) -> list[ScorePart]:
    """A thank-you matters more after a good talk and while it is fresh; two months late it is a lighter note."""
    parts = [part("a thank-you you owe", 3)]
    if quality >= 4:
        parts.append(part("a good talk" if quality == 4 else "a great talk", 1.5 * (quality - 3)))
    if late <= FOLLOWUP_STILL_FRESH_DAYS:
        parts.append(part(f"{plural(late, 'day')} late, still fresh", min(2.0, late / 4)))
    else:
        parts.append(part(f"{plural(late, 'day')} late", -min(3.0, (late - FOLLOWUP_STILL_FRESH_DAYS) / 15)))
    return parts


def _followup_overdue(ctx: RuleContext) -> list[Advice]:
    """One nudge per person owed a follow-up, ranked by what is at stake with them, not by age.

    Each names one person: the ranking then leads with the most valuable, and
    the next one can stand in when that person is already asked something else.
    """
    overdue = _overdue_by_person(ctx)
    found: list[Advice] = []
    for person_id, conversations in overdue.items():
        oldest = conversations[0]
        due = oldest.followup_due or oldest.date
        late = (ctx.today - due).days
        best = max(c.quality for c in conversations)
        parts = [*person_parts(ctx, person_id), *thank_you_parts(late, best)]
        others = len(overdue) - 1
        reason = f"Your follow-up to {ctx.name(person_id)} after your talk on {oldest.date:%d %b}"
        reason += f" is {plural(late, 'day')} late"
        reason += (
            f"; {plural(others, 'other follow-up')} {'is' if others == 1 else 'are'} waiting too." if others else "."
        )
        action = f"Send {ctx.name(person_id)} a two-line note today: thank them and mention one thing they said."
        # A thank-you still lands within a couple of weeks: it is time-sensitive until then.
        fresh = late <= FOLLOWUP_STILL_FRESH_DAYS
        priority = Priority.EXPIRING if fresh else Priority.SLIPPING
        found.append(Advice("Follow up", reason, action, parts, [person_id], priority=priority))
    found.sort(key=lambda a: -points(list(a.parts)))
    return found


def _followup_slow(ctx: RuleContext) -> Advice | None:
    """Follow-ups that do go out, but mostly later than two days after the chat."""
    if ctx.settling_in:
        return None  # the first two weeks are for introductions, not rates
    latest = ctx.today - dt.timedelta(days=FOLLOWUP_ON_TIME_DAYS)
    window = [c for c in ctx.recent(SLOW_FOLLOWUP_WINDOW_DAYS) if c.followup_due is not None and c.date <= latest]
    if len(window) < SLOW_FOLLOWUP_MIN:
        return None
    on_time = sum(
        1 for c in window if c.followup_done is not None and (c.followup_done - c.date).days <= FOLLOWUP_ON_TIME_DAYS
    )
    share = on_time / len(window)
    if share >= SLOW_FOLLOWUP_MAX_SHARE:
        return None
    never = sum(1 for c in window if c.followup_done is None)
    reason = (
        f"Only {on_time} of your last {len(window)} follow-ups went out within "
        f"{FOLLOWUP_ON_TIME_DAYS} days of the conversation ({round(share * 100)}%)"
        + (f"; {never} never went out." if never else ".")
    )
    action = "Write the thank-you the same day or the next; set the follow-up date two days out when you log a chat."
    parts = [part(f"{round(share * 100)}% on time", (SLOW_FOLLOWUP_MAX_SHARE - share) * 20)]
    return Advice("Follow up sooner", reason, action, parts)


def _exit_thanks(ctx: RuleContext) -> list[Advice]:
    """The last weeks of a placement: thank people before leaving.

    The supervisor asked for a reference (`exit-asks`) is thanked in that
    conversation; this nudge thanks the others (mentors, people who gave
    advice, the strongest relationships), so no one gets two asks at once.
    """
    asked = reference_person(ctx)
    contacts = [c for c in exit_list(ctx.snapshot, ctx.today) if asked is None or c.person_id != asked.id]
    end = ctx.snapshot.profile.internship_end
    if not contacts or end is None:
        return []
    days = (end - ctx.today).days
    ids = [c.person_id for c in contacts]
    # One nudge per person on the list, in its order: when the first is already asked something else,
    # the next one on the list is thanked instead of the whole list waiting.
    found = []
    for rank, contact in enumerate(contacts):
        others = [pid for pid in ids if pid != contact.person_id]
        reason = (
            f"Your internship ends {'today' if days == 0 else 'in ' + plural(days, 'day')}; "
            f"{ctx.people[contact.person_id].name if contact.person_id in ctx.people else contact.name} "
            f"is on your thank-you list ({contact.reason})" + (f", with {ctx.names(others)}." if others else ".")
        )
        action = (
            f"Thank {ctx.name(contact.person_id)} and ask to stay in touch; "
            "start from the drafted message and make it yours."
        )
        parts = [
            part(f"{plural(days, 'day')} left", (EXIT_WINDOW_DAYS - days) / 2),
            part("later on your thank-you list", -0.1 * rank),
        ]
        found.append(Advice("Say thank you before you leave", reason, action, parts, [contact.person_id]))
    return found


RULES = (
    Rule("exit-thanks", "follow-up", Priority.EXPIRING, _exit_thanks),
    Rule("followup-overdue", "follow-up", Priority.SLIPPING, _followup_overdue),
    Rule("followup-slow", "follow-up", Priority.HABIT, _followup_slow),
)
