"""Nudges about showing up: events attended this month and presence online."""

from __future__ import annotations

import datetime as dt

from netcoach.coach.months import month_days
from netcoach.coach.nudges.context import RuleContext
from netcoach.coach.nudges.rule import Advice, Priority, Rule, part
from netcoach.coach.thresholds import (
    EARLY_MONTH_DAY,
    EVENT_SETTINGS,
)
from netcoach.models import EventKind, GoalMetric


def _no_events(ctx: RuleContext) -> Advice | None:
    """No event attended this month, once the month is well under way."""
    if ctx.today.day < EARLY_MONTH_DAY or ctx.settling_in or not ctx.past or ctx.quiet_spell is not None:
        return None
    if ctx.progress[GoalMetric.EVENTS_ATTENDED] > 0:
        return None
    if any(c.setting in EVENT_SETTINGS for c in ctx.month_conversations()):
        return None
    upcoming = sorted(
        (
            e
            for e in ctx.snapshot.events
            if not e.attended
            and ctx.today <= e.date <= ctx.today + dt.timedelta(30)
            # Once the placement is over, the company's events are no longer the member's to attend.
            and not (ctx.after_end and e.kind == EventKind.COMPANY)
        ),
        key=lambda e: e.date,
    )
    reason = f"0 events attended this month, {ctx.today.day} days in."
    if upcoming:
        event = upcoming[0]
        action = f"{event.name} is on your list for {event.date:%d %b}: go, and aim to leave with two new names."
    elif ctx.after_end:
        action = "Find a meetup in your field this month and sign up today; aim to leave with two new names."
    else:
        action = "Find one meetup, talk or workshop in your field this month and sign up today."
    parts = [part(f"{ctx.today.day} days into the month", min(8, (ctx.today.day - EARLY_MONTH_DAY) / 2))]
    return Advice("Go to an event", reason, action, parts)


def _no_online(ctx: RuleContext) -> Advice | None:
    """Nothing done online this month, once the month is well under way."""
    if ctx.today.day < EARLY_MONTH_DAY or ctx.settling_in or not ctx.past or ctx.quiet_spell is not None:
        return None
    if ctx.progress[GoalMetric.ONLINE_ACTIONS] > 0:
        return None
    start, _ = month_days(ctx.month)
    if any(e.attended and e.kind == EventKind.ONLINE and start <= e.date <= ctx.today for e in ctx.snapshot.events):
        return None
    # The people the member clicked with this month, not everyone they met: three invitations get written.
    fresh = sorted(
        (pid for pid, met in ctx.first_met.items() if met >= start),
        key=lambda pid: (max(c.quality for c in ctx.by_person[pid]), ctx.first_met[pid]),
        reverse=True,
    )[:3]
    reason = f"0 online actions logged this month, {ctx.today.day} days in."
    if fresh:
        action = f"Connect online with {ctx.names(fresh)}, each with a one-line note about your chat."
    else:
        action = "Bring your profile up to date with this placement and one project you work on."
    return Advice("Tend your online presence", reason, action, [], fresh)


RULES = (
    Rule("no-online", "online-presence", Priority.BREADTH, _no_online),
    Rule("no-events", "attend-events", Priority.BREADTH, _no_events),
)
