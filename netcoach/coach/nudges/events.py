"""Nudges about showing up: events attended this month and presence online."""

from __future__ import annotations

import datetime as dt

from netcoach.coach.months import month_days
from netcoach.coach.nudges.context import RuleContext
from netcoach.coach.nudges.rule import Advice, Priority, Rule, part
from netcoach.coach.thresholds import (
    EARLY_EVENT_AHEAD_DAYS,
    EARLY_MONTH_DAY,
    EVENT_SETTINGS,
)
from netcoach.models import Event, EventKind, GoalMetric


def _no_events(ctx: RuleContext) -> Advice | None:
    """No event attended this month, once the month is well under way.

    Early in the month the rule speaks only for an event already on the
    member's list in the next two weeks, and only after a month without any:
    a listed meetup is the easiest way in, for a remote member most of all.
    """
    if ctx.settling_in or not ctx.past or ctx.quiet_spell is not None:
        return None
    if ctx.today.day < EARLY_MONTH_DAY:
        return _listed_event_soon(ctx)
    start, _ = month_days(ctx.month)
    if any(_in_person(e) and e.attended and start <= e.date <= ctx.today for e in ctx.snapshot.events):
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


def _in_person(event: Event) -> bool:
    """Showing up in a room: an online event is online presence, the other rule's concern."""
    return event.kind != EventKind.ONLINE


def _listed_event_soon(ctx: RuleContext) -> Advice | None:
    since = ctx.today - dt.timedelta(days=30)
    if any(_in_person(e) and e.attended and since <= e.date <= ctx.today for e in ctx.snapshot.events):
        return None
    if any(c.setting in EVENT_SETTINGS for c in ctx.recent(30)):
        return None
    ahead = ctx.today + dt.timedelta(days=EARLY_EVENT_AHEAD_DAYS)
    soon = sorted(
        (
            e
            for e in ctx.snapshot.events
            if not e.attended and ctx.today <= e.date <= ahead and not (ctx.after_end and e.kind == EventKind.COMPANY)
        ),
        key=lambda e: e.date,
    )
    if not soon:
        return None
    event = soon[0]
    reason = f"No event in the last 30 days; {event.name} is on your list for {event.date:%d %b}."
    action = f"Sign up for {event.name} now and aim to leave with two new names."
    return Advice("Go to an event", reason, action, [part("an event on your list soon", 4)])


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
