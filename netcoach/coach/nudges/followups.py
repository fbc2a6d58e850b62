"""Nudges about following up: notes that are overdue or slow, and thanks before the placement ends."""

from __future__ import annotations

import datetime as dt

from netcoach.coach.nudges.context import RuleContext
from netcoach.coach.nudges.rule import Advice, Rule, unique
from netcoach.coach.relationships import (
    exit_list,
)
from netcoach.coach.thresholds import (
    EXIT_WINDOW_DAYS,
    FOLLOWUP_ON_TIME_DAYS,
    SLOW_FOLLOWUP_MAX_SHARE,
    SLOW_FOLLOWUP_MIN,
    SLOW_FOLLOWUP_WINDOW_DAYS,
)
from netcoach.coach.wording import plural


def _followup_overdue(ctx: RuleContext) -> Advice | None:
    """Open follow-ups past their due date, oldest first."""
    dues = [(due, c) for c in ctx.past if c.needs_followup and (due := c.followup_due) and due < ctx.today]
    if not dues:
        return None
    dues.sort(key=lambda pair: pair[0])
    oldest = (ctx.today - dues[0][0]).days
    overdue = [c for _, c in dues]
    ids = unique(pid for c in overdue for pid in c.person_ids)
    n = len(overdue)
    verb = "is" if n == 1 else "are"
    reason = f"{plural(n, 'follow-up')} {verb} overdue, the oldest by {plural(oldest, 'day')} ({ctx.names(ids)})."
    action = (
        f"Send {ctx.name(ids[0])} a two-line note today: thank them and mention one thing they said."
        if ids
        else "Send the overdue notes today: two lines each is enough."
    )
    return Advice("Follow up", reason, action, 70 + min(20, 2 * oldest) + min(5, n), ids)


def _followup_slow(ctx: RuleContext) -> Advice | None:
    """Follow-ups that do go out, but mostly later than two days after the chat."""
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
    reason = (
        f"Only {on_time} of your last {len(window)} follow-ups went out within "
        f"{FOLLOWUP_ON_TIME_DAYS} days of the conversation ({round(share * 100)}%)."
    )
    action = "Write the thank-you the same day or the next; set the follow-up date two days out when you log a chat."
    return Advice("Follow up sooner", reason, action, 55 + (SLOW_FOLLOWUP_MAX_SHARE - share) * 40)


def _exit_thanks(ctx: RuleContext) -> Advice | None:
    """The last weeks of a placement: thank people before leaving."""
    contacts = exit_list(ctx.snapshot, ctx.today)
    end = ctx.snapshot.profile.internship_end
    if not contacts or end is None:
        return None
    days = (end - ctx.today).days
    ids = [c.person_id for c in contacts]
    reason = (
        f"Your internship ends {'today' if days == 0 else 'in ' + plural(days, 'day')}; "
        f"{plural(len(ids), 'person', 'people')} on your thank-you list ({ctx.names(ids)})."
    )
    action = f"Thank {ctx.name(ids[0])} and ask to stay in touch; start from the drafted message and make it yours."
    return Advice("Say thank you before you leave", reason, action, 85 + (EXIT_WINDOW_DAYS - days) / 2, ids)


RULES = (
    Rule("exit-thanks", "follow-up", _exit_thanks),
    Rule("followup-overdue", "follow-up", _followup_overdue),
    Rule("followup-slow", "follow-up", _followup_slow),
)
