"""Nudges for a member who is doing well: praise with their own numbers, and one next level.

A healthy log deserves more than "nothing pressing". A coach names what the
member did well, in their numbers ("9 conversations this month, 5 follow-ups
all within two days"), and offers one step up: someone more senior to meet,
a newer intern to help, or a goal a quarter higher. Not while the member is
settling in (no pace talk then), not after the placement (`after-end` speaks
then), and not when they wrote that they feel overwhelmed or behind: new asks
would land as pressure.
"""

from __future__ import annotations

import datetime as dt

from netcoach.coach.goals import Pace, PaceStatus, goal_month, goal_paces, pace_words, stretch_target
from netcoach.coach.months import month_label
from netcoach.coach.nudges.context import RuleContext
from netcoach.coach.nudges.people import least_met
from netcoach.coach.nudges.rule import Advice, Priority, Rule, part
from netcoach.coach.nudges.words import low_feelings
from netcoach.coach.thresholds import (
    EARLY_MONTH_DAY,
    FOLLOWUP_ON_TIME_DAYS,
    NEWER_INTERN_DAYS,
    ON_TRACK_ON_TIME_SHARE,
    ON_TRACK_WINDOW_DAYS,
    PRACTICE_MIN_CONVERSATIONS,
    PRACTICE_WINDOW_DAYS,
    QUIET_GAP_DAYS,
    SLOW_FOLLOWUP_WINDOW_DAYS,
)
from netcoach.coach.wording import name_list, plural
from netcoach.models import GoalMetric, Person, Role


def _doing_well(ctx: RuleContext, paces: dict[GoalMetric, Pace]) -> bool:
    """Steady talks, no follow-up left overdue, and no goal behind its pace.

    "Steady" is the other side of `few-conversations` (the same window and
    count), so a member is either warmed up or praised, never left with neither.
    """
    if len(ctx.recent(PRACTICE_WINDOW_DAYS)) < PRACTICE_MIN_CONVERSATIONS:
        return False
    if (ctx.today - ctx.past[-1].date).days >= QUIET_GAP_DAYS:
        return False
    if any(c.needs_followup and c.followup_due is not None and c.followup_due < ctx.today for c in ctx.past):
        return False
    return all(p.status in (PaceStatus.DONE, PaceStatus.ON_PACE) for p in paces.values())


def _followup_praise(ctx: RuleContext) -> str | None:
    latest = ctx.today - dt.timedelta(days=FOLLOWUP_ON_TIME_DAYS)
    window = [c for c in ctx.recent(SLOW_FOLLOWUP_WINDOW_DAYS) if c.followup_due is not None and c.date <= latest]
    on_time = sum(
        1 for c in window if c.followup_done is not None and (c.followup_done - c.date).days <= FOLLOWUP_ON_TIME_DAYS
    )
    if len(window) < 2 or on_time < ON_TRACK_ON_TIME_SHARE * len(window):
        return None
    if on_time == len(window):
        return f"{len(window)} follow-ups, all within two days"
    return f"{on_time} of {len(window)} follow-ups within two days"


def _goal_praise(ctx: RuleContext, paces: dict[GoalMetric, Pace]) -> str | None:
    """Goals reached or on pace, in whole numbers; late in the month only the reached ones (no pace talk)."""
    if not paces:
        return None
    done = [m for m, p in paces.items() if p.status is PaceStatus.DONE]
    if len(done) == len(paces):
        if len(paces) > 1:
            return f"every goal for {month_label(ctx.month)} reached"
        return pace_words(done[0].label.lower(), paces[done[0]])
    if goal_month(ctx.today) != ctx.month:
        return f"{len(done)} of {len(paces)} goals reached" if done else None
    if done:
        return f"{len(done)} of {len(paces)} goals reached and the rest on pace"
    metric, pace = max(paces.items(), key=lambda kv: kv[1].actual / max(kv[1].target, 1))
    lead = "every goal on pace: " if len(paces) > 1 else "on pace: "
    return lead + pace_words(metric.label.lower(), pace)


def _steady_weeks(ctx: RuleContext) -> int:
    """How many of the last four weeks had at least one conversation."""
    weeks = {(ctx.today - c.date).days // 7 for c in ctx.recent(ON_TRACK_WINDOW_DAYS)}
    return len(weeks)


def _praise(ctx: RuleContext, paces: dict[GoalMetric, Pace]) -> list[str]:
    """What the member did well, in their own numbers, most telling first."""
    if ctx.today.day >= EARLY_MONTH_DAY:
        said = [plural(ctx.progress[GoalMetric.CONVERSATIONS], "conversation") + " this month"]
    else:
        said = [plural(len(ctx.recent(ON_TRACK_WINDOW_DAYS)), "conversation") + " in the last four weeks"]
    for found in (_goal_praise(ctx, paces), _followup_praise(ctx)):
        if found:
            said.append(found)
    if _steady_weeks(ctx) == ON_TRACK_WINDOW_DAYS // 7:
        said.append("a conversation in each of the last four weeks")
    new = ctx.progress[GoalMetric.NEW_PEOPLE]
    if ctx.today.day >= EARLY_MONTH_DAY and new >= 2:
        said.append(f"{new} new people this month")
    return said[:3]


def _senior_to_meet(ctx: RuleContext) -> Person | None:
    """Someone senior in People the member has talked to at most once: a field professional first."""
    for roles in ((Role.INDUSTRY_PROFESSIONAL,), (Role.SUPERVISOR, Role.MENTOR)):
        for person in least_met(ctx, roles):
            if len(ctx.by_person.get(person.id or 0, [])) <= 1:
                return person
    return None


def _newer_intern(ctx: RuleContext) -> Person | None:
    """A fellow intern met lately (the newest first), or one never talked to."""
    since = ctx.today - dt.timedelta(days=NEWER_INTERN_DAYS)
    interns = [p for p in ctx.people.values() if p.id is not None and p.role == Role.FELLOW_INTERN]
    recent = sorted(
        (p for p in interns if ctx.first_met.get(p.id or 0, dt.date.min) >= since),
        key=lambda p: (ctx.first_met[p.id or 0], p.id or 0),
        reverse=True,
    )
    never = [p for p in interns if p.id not in ctx.first_met]
    found = recent + sorted(never, key=lambda p: p.id or 0)
    return found[0] if found else None


def _stretch(ctx: RuleContext, paces: dict[GoalMetric, Pace]) -> str:
    """A goal about a quarter above the member's best metric, for this month or, late in it, the next."""
    aim = goal_month(ctx.today)
    if paces:
        metric, pace = max(
            paces.items(), key=lambda kv: (kv[1].actual / max(kv[1].target, 1), -list(GoalMetric).index(kv[0]))
        )
        base = max(pace.actual, pace.target)
        raised = stretch_target(base)
        if aim == ctx.month:
            label = metric.label.lower()
            return f"Next level: raise your {label} goal for {month_label(aim)} from {pace.target} to {raised}."
        return (
            f"Next level: set {metric.label.lower()} to {raised} for {month_label(aim)}, "
            f"a step above this month's {base}."
        )
    count = len(ctx.recent(ON_TRACK_WINDOW_DAYS))
    raised = stretch_target(count)
    return (
        f"Next level: set a goal of {raised} conversations for {month_label(aim)}, "
        f"a step above the {count} of the last four weeks."
    )


def _on_track(ctx: RuleContext) -> Advice | None:
    """Doing well: praise in numbers and one next level (someone senior, giving back, or a stretch goal)."""
    if ctx.settling_in or ctx.after_end or not ctx.past or low_feelings(ctx):
        return None
    paces = goal_paces(ctx.snapshot, ctx.month, ctx.today)
    if not _doing_well(ctx, paces):
        return None
    praise = _praise(ctx, paces)
    reason = name_list(praise) + "."
    reason = reason[:1].upper() + reason[1:]
    parts = [part("steady and on track", 5)]
    senior = _senior_to_meet(ctx)
    if senior is not None:
        talks = ctx.by_person.get(senior.id or 0, [])
        how = "you have not talked yet" if not talks else f"you have talked once, on {talks[-1].date:%d %b}"
        action = (
            f"Next level: ask {senior.name} ({senior.role.label.lower()}) for twenty minutes about how they got "
            f"where they are; {how}."
        )
        return Advice("You are on track", reason, action, parts, [senior.id or 0])
    intern = _newer_intern(ctx)
    if intern is not None:
        action = (
            f"Next level: give back. Offer {intern.name} (fellow intern) one thing that helped you "
            "find your feet, over a coffee this week."
        )
        return Advice("You are on track", reason, action, parts, [intern.id or 0])
    return Advice("You are on track", reason, _stretch(ctx, paces), parts)


RULES = (Rule("on-track", "keep-building", Priority.ENCOURAGE, _on_track),)
