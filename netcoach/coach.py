"""The coach: reads a member's own log back to them as advice.

A contact list only reminds you of what you asked it to; this module looks at
what was logged (who, how often, how well, what followed) and says what to do
next, with the numbers that led to it. Everything here is a pure function of a
`Snapshot` and a date, so every rule can be checked on a handful of records and
nothing depends on the clock, the disk or the page that shows it.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import enum
import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from fractions import Fraction

import pandas as pd

from . import analytics
from .models import (
    Conversation,
    EventKind,
    GoalMetric,
    MentorStage,
    Person,
    Role,
    Setting,
    Snapshot,
)

__all__ = [
    "RULE_TIPS",
    "ExitContact",
    "KeepInTouch",
    "MentorCandidate",
    "MetricResult",
    "MonthlyReview",
    "Nudge",
    "Pace",
    "PaceStatus",
    "TouchStatus",
    "default_cadence",
    "draft_followup_message",
    "exit_list",
    "followthrough",
    "goal_paces",
    "goal_streak",
    "keep_in_touch",
    "mentor_pipeline",
    "month_of",
    "monthly_review",
    "nudges",
    "pace",
    "relationship_strength",
    "shift_month",
    "suggest_target",
    "suggested_targets",
]

# ------------------------------------------------------------------ thresholds
# Named so that the reasons shown to the member and the tests agree on them.

FOLLOWUP_ON_TIME_DAYS = 2  # a follow-up "on time" goes out within 48 hours
NEW_PERSON_WINDOW_DAYS = 14  # meeting nobody new for this long prompts a first move
EARLY_MONTH_DAY = 10  # "nothing this month" rules wait until this day of the month
SETTLING_IN_DAYS = 7  # the first week of a placement is for finding one's feet
ONE_ROLE_MIN_CONVERSATIONS = 3
HELP_MIN_CONVERSATIONS = 3
MENTOR_GOOD_QUALITY = 4
MENTOR_GOOD_TALKS = 2
ONE_OFF_LOOKBACK_DAYS = 120
ONE_OFF_GRACE_DAYS = 7  # people met this recently have not had time for a second chat
ONE_OFF_MIN_PEOPLE = 5
ONE_OFF_MAX_REPEAT_SHARE = 0.25
SLOW_FOLLOWUP_WINDOW_DAYS = 30
SLOW_FOLLOWUP_MIN = 3
SLOW_FOLLOWUP_MAX_SHARE = 0.5
LEARNED_WINDOW_DAYS = 30
LEARNED_RECENT = 6
LEARNED_MIN_EMPTY = 3
LEARNED_MIN_SHARE = 0.6
QUIET_GAP_DAYS = 10
QUIET_STEADY_WINDOW_DAYS = 28
QUIET_STEADY_MIN = 4
PRACTICE_WINDOW_DAYS = 30
PRACTICE_MIN_CONVERSATIONS = 3
DUE_SOON_DAYS = 3
EXIT_WINDOW_DAYS = 21
STRENGTH_HALF_LIFE_DAYS = 60.0
# Raw strength at which the score reaches ~63/100; three recent average chats give ~70.
STRENGTH_SCALE = 2.5
TARGET_NUDGE = Fraction(11, 10)

SENIOR_ROLES = frozenset({Role.SUPERVISOR, Role.INDUSTRY_PROFESSIONAL, Role.MENTOR})
EVENT_SETTINGS = frozenset({Setting.COMPANY_EVENT, Setting.INDUSTRY_EVENT})

# Where to start when there is no history yet: small, reachable numbers.
STARTER_TARGETS: dict[GoalMetric, int] = {
    GoalMetric.NEW_PEOPLE: 4,
    GoalMetric.CONVERSATIONS: 6,
    GoalMetric.EVENTS_ATTENDED: 1,
    GoalMetric.FOLLOW_UPS_SENT: 3,
    GoalMetric.HELP_OFFERED: 2,
    GoalMetric.MENTOR_CONVERSATIONS: 1,
    GoalMetric.ONLINE_ACTIONS: 2,
}

_CADENCE_DAYS: dict[Role, int] = {
    Role.SUPERVISOR: 14,
    Role.MENTOR: 21,
    Role.COLLEAGUE: 30,
    Role.FELLOW_INTERN: 30,
    Role.INDUSTRY_PROFESSIONAL: 45,
    Role.RECRUITER: 60,
    Role.OTHER: 60,
}

_ROLE_PLURAL: dict[Role, str] = {
    Role.FELLOW_INTERN: "fellow interns",
    Role.COLLEAGUE: "colleagues",
    Role.SUPERVISOR: "supervisors",
    Role.MENTOR: "mentors",
    Role.INDUSTRY_PROFESSIONAL: "industry professionals",
    Role.RECRUITER: "recruiters",
    Role.OTHER: "people outside the usual roles",
}

_MENTOR_ORDER: tuple[MentorStage, ...] = (
    MentorStage.FIRST_CHAT,
    MentorStage.FOLLOW_UP_CHAT,
    MentorStage.ASKED_ADVICE,
    MentorStage.ACTED_AND_REPORTED,
    MentorStage.MENTOR,
)

_NEXT_STEP: dict[MentorStage, str] = {
    MentorStage.NONE: "Book a first short chat with {name} about how they got to where they are.",
    MentorStage.FIRST_CHAT: "Ask {name} for a second chat and bring one question that grew out of the first.",
    MentorStage.FOLLOW_UP_CHAT: "Ask {name} for advice on one concrete decision you are facing.",
    MentorStage.ASKED_ADVICE: "Act on {name}'s advice, then tell them what you did and how it went.",
    MentorStage.ACTED_AND_REPORTED: "Ask {name} whether they would be open to meeting now and then, say monthly.",
    MentorStage.MENTOR: "Keep the rhythm with {name}: meet on your cadence and share what changed since last time.",
}


# ------------------------------------------------------------------ months, names and wording


def month_of(day: dt.date) -> str:
    """The 'YYYY-MM' month a date falls in."""
    return f"{day.year:04d}-{day.month:02d}"


def shift_month(month: str, delta: int) -> str:
    """The month `delta` months after `month` (negative: before)."""
    year, mon = int(month[:4]), int(month[5:7])
    index = year * 12 + (mon - 1) + delta
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _month_days(month: str) -> tuple[dt.date, dt.date]:
    """First and last day of a month."""
    year, mon = int(month[:4]), int(month[5:7])
    return dt.date(year, mon, 1), dt.date(year, mon, calendar.monthrange(year, mon)[1])


def _month_label(month: str) -> str:
    year, mon = int(month[:4]), int(month[5:7])
    return f"{calendar.month_name[mon]} {year}"


def _plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else (many or word + 's')}"


def _a(noun: str) -> str:
    """'a colleague', 'an industry professional'."""
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"


def _first_name(person: Person | None) -> str:
    if person is None or not person.name.strip():
        return "them"
    return person.name.split()[0]


def _name_list(names: Sequence[str], limit: int = 3) -> str:
    """'Ana', 'Ana and Ben', 'Ana, Ben and Chi', 'Ana, Ben, Chi and 2 more'."""
    names = list(names)
    if not names:
        return ""
    if len(names) > limit:
        rest = len(names) - limit
        return ", ".join(names[:limit]) + f" and {rest} more"
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " and " + names[-1]


def _unique(ids: Iterable[int]) -> tuple[int, ...]:
    return tuple(dict.fromkeys(ids))


def _stage_rank(stage: MentorStage) -> int:
    """0 for no stage, then 1 (first chat) to 5 (mentor)."""
    return _MENTOR_ORDER.index(stage) + 1 if stage in _MENTOR_ORDER else 0


def _is_mentor(person: Person) -> bool:
    return person.mentor_stage == MentorStage.MENTOR or person.role == Role.MENTOR


# ------------------------------------------------------------------ the context rules share


@dataclasses.dataclass(frozen=True)
class _Context:
    """What every rule needs, worked out once per call."""

    snapshot: Snapshot
    today: dt.date
    frames: analytics.Frames
    people: dict[int, Person]
    month: str
    progress: dict[GoalMetric, int]  # this month, from the analytics counts
    past: tuple[Conversation, ...]  # conversations up to today, oldest first
    by_person: dict[int, list[Conversation]]  # the same, per person
    first_met: dict[int, dt.date]

    def name(self, person_id: int) -> str:
        return _first_name(self.people.get(person_id))

    def names(self, ids: Iterable[int], limit: int = 3) -> str:
        return _name_list([self.name(i) for i in ids], limit)

    def month_conversations(self) -> list[Conversation]:
        start, _ = _month_days(self.month)
        return [c for c in self.past if c.date >= start]

    def recent(self, days: int) -> list[Conversation]:
        """Conversations of the last `days` days, today included."""
        since = self.today - dt.timedelta(days=days - 1)
        return [c for c in self.past if c.date >= since]

    @property
    def settling_in(self) -> bool:
        """True in the first week of a placement (or before it starts)."""
        start = self.snapshot.profile.internship_start
        return start is not None and self.today < start + dt.timedelta(days=SETTLING_IN_DAYS)


def _context(snapshot: Snapshot, today: dt.date) -> _Context:
    frames = analytics.frames_for(snapshot)
    past = tuple(sorted((c for c in snapshot.conversations if c.date <= today), key=lambda c: (c.date, c.id or 0)))
    by_person: dict[int, list[Conversation]] = defaultdict(list)
    for conversation in past:
        for person_id in conversation.person_ids:
            by_person[person_id].append(conversation)
    met = analytics.first_met(frames)
    first_met = {int(pid): ts.date() for pid, ts in met.items() if ts.date() <= today}
    month = month_of(today)
    return _Context(
        snapshot=snapshot,
        today=today,
        frames=frames,
        people=snapshot.person_by_id(),
        month=month,
        progress=analytics.month_progress(frames, month),
        past=past,
        by_person=dict(by_person),
        first_met=first_met,
    )


# ------------------------------------------------------------------ nudges


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
class _Rule:
    id: str
    tip_id: str
    check: Callable[[_Context], Nudge | None]


def _nudge(
    rule: str, tip_id: str, title: str, reason: str, action: str, score: float, ids: Iterable[int] = ()
) -> Nudge:
    """Build a nudge with its score kept in 0-100."""
    return Nudge(rule, title, reason, _unique(ids), tip_id, action, round(min(100.0, max(0.0, score)), 1))


def _rule_followup_overdue(ctx: _Context) -> Nudge | None:
    """Open follow-ups past their due date, oldest first."""
    overdue = [c for c in ctx.past if c.needs_followup and c.followup_due < ctx.today]
    if not overdue:
        return None
    overdue.sort(key=lambda c: c.followup_due)
    oldest = (ctx.today - overdue[0].followup_due).days
    ids = _unique(pid for c in overdue for pid in c.person_ids)
    n = len(overdue)
    verb = "is" if n == 1 else "are"
    reason = f"{_plural(n, 'follow-up')} {verb} overdue, the oldest by {_plural(oldest, 'day')} ({ctx.names(ids)})."
    action = (
        f"Send {ctx.name(ids[0])} a two-line note today: thank them and mention one thing they said."
        if ids
        else "Send the overdue notes today: two lines each is enough."
    )
    return _nudge(
        "followup-overdue", "follow-up", "Follow up", reason, action, 70 + min(20, 2 * oldest) + min(5, n), ids
    )


def _rule_followup_slow(ctx: _Context) -> Nudge | None:
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
    return _nudge(
        "followup-slow", "follow-up", "Follow up sooner", reason, action, 55 + (SLOW_FOLLOWUP_MAX_SHARE - share) * 40
    )


def _rule_exit_thanks(ctx: _Context) -> Nudge | None:
    """The last weeks of a placement: thank people before leaving."""
    contacts = exit_list(ctx.snapshot, ctx.today)
    if not contacts:
        return None
    end = ctx.snapshot.profile.internship_end
    days = (end - ctx.today).days
    ids = [c.person_id for c in contacts]
    reason = (
        f"Your internship ends {'today' if days == 0 else 'in ' + _plural(days, 'day')}; "
        f"{_plural(len(ids), 'person', 'people')} on your thank-you list ({ctx.names(ids)})."
    )
    action = f"Thank {ctx.name(ids[0])} and ask to stay in touch; start from the drafted message and make it yours."
    return _nudge(
        "exit-thanks",
        "follow-up",
        "Say thank you before you leave",
        reason,
        action,
        85 + (EXIT_WINDOW_DAYS - days) / 2,
        ids,
    )


def _unmet_role(ctx: _Context, exclude: Iterable[Role] = ()) -> Role:
    """A role the member has talked to least, to point them somewhere new."""
    counts = {role: 0 for role in (Role.COLLEAGUE, Role.SUPERVISOR, Role.INDUSTRY_PROFESSIONAL, Role.FELLOW_INTERN)}
    for person_id in ctx.first_met:
        person = ctx.people.get(person_id)
        if person is not None and person.role in counts:
            counts[person.role] += 1
    candidates = [r for r in counts if r not in set(exclude)] or list(counts)
    return min(candidates, key=lambda r: counts[r])


def _rule_no_new_people(ctx: _Context) -> Nudge | None:
    """Nobody new met in the last two weeks."""
    if ctx.first_met:
        last = max(ctx.first_met.values())
        days = (ctx.today - last).days
        if days < NEW_PERSON_WINDOW_DAYS:
            return None
        reason = f"No one new in your log for {_plural(days, 'day')} (last new person on {last:%d %b})."
        score = 45 + min(20, days - NEW_PERSON_WINDOW_DAYS)
    else:
        reason = "0 people in your log so far: everybody starts with a first hello."
        score = 50
    role = _unmet_role(ctx)
    action = (
        f"Introduce yourself to one {role.label.lower()} you have not met yet, "
        "or ask your supervisor whom you should meet."
    )
    return _nudge("no-new-people", "be-proactive", "Make the first move", reason, action, score)


def _rule_one_role(ctx: _Context) -> Nudge | None:
    """This month's conversations all with one kind of person."""
    month = ctx.month_conversations()
    if len(month) < ONE_ROLE_MIN_CONVERSATIONS:
        return None
    roles = {ctx.people[pid].role if pid in ctx.people else Role.OTHER for c in month for pid in c.person_ids}
    if len(roles) != 1:
        return None
    (role,) = roles
    other = _unmet_role(ctx, exclude=[role])
    reason = f"All {len(month)} conversations this month were with {_ROLE_PLURAL[role]}."
    action = f"Step outside your circle: ask {_a(other.label.lower())} for fifteen minutes about their work."
    return _nudge("one-role", "be-proactive", "Meet outside your circle", reason, action, 50)


def _rule_no_help(ctx: _Context) -> Nudge | None:
    """Several conversations this month, none where the member offered help."""
    if ctx.today.day < EARLY_MONTH_DAY or ctx.settling_in:
        return None
    month = ctx.month_conversations()
    if len(month) < HELP_MIN_CONVERSATIONS or ctx.progress[GoalMetric.HELP_OFFERED] > 0:
        return None
    if any(c.help_offered.strip() for c in month):
        return None
    ids = _unique(pid for c in reversed(month) for pid in c.person_ids)[:3]
    reason = f"None of your {len(month)} conversations this month notes any help you offered."
    action = f"Ask {ctx.name(ids[0])} what they are busy with and offer to take one small piece of it."
    return _nudge("no-help", "offer-help", "Offer help", reason, action, 45 + min(10, len(month) - 3), ids)


def _rule_mentor_candidate(ctx: _Context) -> Nudge | None:
    """Good, repeated talks with a senior person while nobody is a mentor yet."""
    if any(_is_mentor(p) for p in ctx.people.values()):
        return None
    scored: list[tuple[int, dt.date, int]] = []
    for person_id, talks in ctx.by_person.items():
        person = ctx.people.get(person_id)
        if person is None or person.role not in SENIOR_ROLES:
            continue
        good = [c for c in talks if c.quality >= MENTOR_GOOD_QUALITY]
        if len(good) >= MENTOR_GOOD_TALKS:
            scored.append((len(good), good[-1].date, person_id))
    if not scored:
        return None
    scored.sort(reverse=True)
    count, _, best = scored[0]
    person = ctx.people[best]
    reason = (
        f"{count} good conversations (quality {MENTOR_GOOD_QUALITY}+) with {person.name}, "
        f"{_a(person.role.label.lower())}, and no mentor yet."
    )
    # Two good talks are already more than a first chat: the next move is to ask for advice.
    stage = max(person.mentor_stage, MentorStage.FOLLOW_UP_CHAT, key=_stage_rank)
    action = _NEXT_STEP[stage].format(name=_first_name(person))
    ids = [pid for _, _, pid in scored[:2]]
    return _nudge(
        "mentor-candidate",
        "seek-mentorship",
        f"{_first_name(person)} could be your mentor",
        reason,
        action,
        60 + min(15, 5 * (count - MENTOR_GOOD_TALKS)),
        ids,
    )


def _rule_one_off_contacts(ctx: _Context) -> Nudge | None:
    """Many people met once and never again."""
    since = ctx.today - dt.timedelta(days=ONE_OFF_LOOKBACK_DAYS)
    until = ctx.today - dt.timedelta(days=ONE_OFF_GRACE_DAYS)
    considered = [pid for pid, met in ctx.first_met.items() if since <= met <= until]
    one_off = [pid for pid in considered if len(ctx.by_person.get(pid, ())) == 1]
    repeat = len(considered) - len(one_off)
    if len(one_off) < ONE_OFF_MIN_PEOPLE or repeat / len(considered) >= ONE_OFF_MAX_REPEAT_SHARE:
        return None
    # The best single conversations are the likeliest second ones.
    one_off.sort(key=lambda pid: (ctx.by_person[pid][0].quality, ctx.by_person[pid][0].date), reverse=True)
    ids = one_off[:3]
    reason = (
        f"You talked only once with {len(one_off)} of the {len(considered)} people you met "
        f"in the last {ONE_OFF_LOOKBACK_DAYS} days; {repeat} had a second conversation."
    )
    action = f"Invite {ctx.names(ids)} to a second chat and pick up where the first one ended."
    return _nudge("one-off-contacts", "quality-over-quantity", "Go deeper with fewer people", reason, action, 50, ids)


def _worth_keeping(person: Person, talks: int) -> bool:
    """People whose check-in dates deserve a nudge (not every one-off contact)."""
    return (
        person.mentor_stage != MentorStage.NONE
        or person.role in (Role.SUPERVISOR, Role.MENTOR)
        or person.cadence_days is not None
        or talks >= 2
    )


def _rule_keep_in_touch(ctx: _Context) -> Nudge | None:
    """People the member keeps in touch with, now past their check-in date.

    The strongest of them come first: reviving a warm relationship is the
    best use of one message, and a contact gone cold for a year can wait.
    """
    strength = relationship_strength(ctx.snapshot, ctx.today)
    overdue = [
        k
        for k in keep_in_touch(ctx.snapshot, ctx.today)
        if k.status == TouchStatus.OVERDUE
        and k.person_id in ctx.people
        and _worth_keeping(ctx.people[k.person_id], len(ctx.by_person.get(k.person_id, ())))
    ]
    if not overdue:
        return None
    overdue.sort(key=lambda k: (-strength.get(k.person_id, 0.0), k.days_overdue))
    first = overdue[0]
    ids = [k.person_id for k in overdue]
    reason = (
        f"{_plural(len(ids), 'person', 'people')} you keep in touch with "
        f"{'is' if len(ids) == 1 else 'are'} past their check-in date; "
        f"{ctx.name(first.person_id)} by {_plural(first.days_overdue, 'day')} "
        f"(every {first.cadence_days} days)."
    )
    action = f"Send {ctx.name(first.person_id)} a short update on your work; no request needed."
    return _nudge(
        "keep-in-touch",
        "quality-over-quantity",
        "Check in with people you know",
        reason,
        action,
        50 + min(20, 4 * len(ids)),
        ids,
    )


def _missed(ctx: _Context, month: str) -> dict[GoalMetric, tuple[int, int]]:
    """Goals of a month that were not met: metric -> (actual, target)."""
    goals = [g for g in ctx.snapshot.goals if g.month == month]
    if not goals:
        return {}
    actual = analytics.month_progress(ctx.frames, month)
    return {g.metric: (actual[g.metric], g.target) for g in goals if actual[g.metric] < g.target}


def _rule_realistic_goals(ctx: _Context) -> Nudge | None:
    """Goals missed in each of the last two months: suggest a reachable target."""
    last, before = shift_month(ctx.month, -1), shift_month(ctx.month, -2)
    missed_last, missed_before = _missed(ctx, last), _missed(ctx, before)
    if not missed_last or not missed_before:
        return None
    current = {g.metric: g.target for g in ctx.snapshot.goals if g.month == ctx.month}
    reachable = suggested_targets(ctx.snapshot, ctx.month)
    choices: list[tuple[bool, float, GoalMetric, int]] = []
    for metric, (actual, target) in missed_last.items():
        suggested = reachable[metric]
        if target > 1:
            suggested = min(suggested, target - 1)
        if current.get(metric, target) <= suggested:
            continue  # already set this month at a reachable level
        choices.append((metric not in missed_before, actual / target, metric, suggested))
    if not choices:
        return None
    choices.sort(key=lambda c: (c[0], c[1], list(GoalMetric).index(c[2])))
    _, _, metric, suggested = choices[0]
    a1, t1 = missed_last[metric]
    parts = [f"{metric.label.lower()} reached {a1} of {t1} in {_month_label(last)}"]
    if metric in missed_before:
        a2, t2 = missed_before[metric]
        parts.append(f"{a2} of {t2} in {_month_label(before)}")
    else:
        parts.append(f"{_plural(len(missed_before), 'goal')} missed in {_month_label(before)}")
    reason = "Goals missed two months in a row: " + "; ".join(parts) + "."
    action = (
        f"Set {metric.label.lower()} to {suggested} for {_month_label(ctx.month)}, close to what you managed, "
        "and raise it once you hit it."
    )
    return _nudge("realistic-goals", "realistic-goals", "Set goals you can reach", reason, action, 65)


def _rule_no_events(ctx: _Context) -> Nudge | None:
    """No event attended this month, once the month is well under way."""
    if ctx.today.day < EARLY_MONTH_DAY or ctx.settling_in or not ctx.past:
        return None
    if ctx.progress[GoalMetric.EVENTS_ATTENDED] > 0:
        return None
    if any(c.setting in EVENT_SETTINGS for c in ctx.month_conversations()):
        return None
    upcoming = sorted(
        (e for e in ctx.snapshot.events if not e.attended and ctx.today <= e.date <= ctx.today + dt.timedelta(30)),
        key=lambda e: e.date,
    )
    reason = f"0 events attended this month, {ctx.today.day} days in."
    if upcoming:
        event = upcoming[0]
        action = f"{event.name} is on your list for {event.date:%d %b}: go, and aim to leave with two new names."
    else:
        action = "Find one meetup, talk or workshop in your field this month and sign up today."
    return _nudge(
        "no-events", "attend-events", "Go to an event", reason, action, 40 + min(15, ctx.today.day - EARLY_MONTH_DAY)
    )


def _rule_no_online(ctx: _Context) -> Nudge | None:
    """Nothing done online this month, once the month is well under way."""
    if ctx.today.day < EARLY_MONTH_DAY or ctx.settling_in or not ctx.past:
        return None
    if ctx.progress[GoalMetric.ONLINE_ACTIONS] > 0:
        return None
    start, _ = _month_days(ctx.month)
    if any(e.attended and e.kind == EventKind.ONLINE and start <= e.date <= ctx.today for e in ctx.snapshot.events):
        return None
    fresh = sorted((pid for pid, met in ctx.first_met.items() if met >= start), key=ctx.first_met.get, reverse=True)
    reason = f"0 online actions logged this month, {ctx.today.day} days in."
    if fresh:
        action = f"Connect online with {ctx.names(fresh)}, each with a one-line note about your chat."
    else:
        action = "Bring your profile up to date with this placement and one project you work on."
    return _nudge("no-online", "online-presence", "Tend your online presence", reason, action, 35, fresh[:3])


def _rule_learned_empty(ctx: _Context) -> Nudge | None:
    """Recent conversations with nothing noted under what was learned."""
    recent = ctx.recent(LEARNED_WINDOW_DAYS)[-LEARNED_RECENT:]
    if len(recent) < LEARNED_MIN_EMPTY:
        return None
    empty = [c for c in recent if not c.learned.strip()]
    if len(empty) < LEARNED_MIN_EMPTY or len(empty) / len(recent) < LEARNED_MIN_SHARE:
        return None
    ids = _unique(pid for c in reversed(empty) for pid in c.person_ids)[:3]
    reason = f"{len(empty)} of your last {len(recent)} conversations have nothing noted under what you learned."
    action = (
        f"Before you next see {ctx.name(ids[0])}, write down two questions about their work, "
        "and log one answer afterwards."
    )
    return _nudge("learned-empty", "genuine-interest", "Ask more, listen more", reason, action, 45, ids)


def _rule_quiet_stretch(ctx: _Context) -> Nudge | None:
    """A pause after weeks of steady effort: encouragement, not alarm."""
    if not ctx.past:
        return None
    last = ctx.past[-1].date
    gap = (ctx.today - last).days
    if gap < QUIET_GAP_DAYS:
        return None
    since = last - dt.timedelta(days=QUIET_STEADY_WINDOW_DAYS - 1)
    before = sum(1 for c in ctx.past if since <= c.date <= last)
    if before < QUIET_STEADY_MIN:
        return None
    reason = f"No conversations in {gap} days, after {before} in the four weeks before that."
    action = "Pick one person you enjoyed talking to and suggest a short coffee; one chat restarts the rhythm."
    return _nudge("quiet-stretch", "be-patient", "Keep going, it adds up", reason, action, 40)


def _rule_few_conversations(ctx: _Context) -> Nudge | None:
    """Few conversations lately: suggest low-stakes practice."""
    recent = ctx.recent(PRACTICE_WINDOW_DAYS)
    if len(recent) >= PRACTICE_MIN_CONVERSATIONS:
        return None
    reason = f"{_plural(len(recent), 'conversation')} logged in the last {PRACTICE_WINDOW_DAYS} days."
    action = (
        "Rehearse a two-sentence introduction with a friend or another intern, then log it as a practice conversation."
    )
    return _nudge(
        "few-conversations", "practice", "Warm up with low-stakes chats", reason, action, 55 - 5 * len(recent)
    )


_RULES: tuple[_Rule, ...] = (
    _Rule("exit-thanks", "follow-up", _rule_exit_thanks),
    _Rule("followup-overdue", "follow-up", _rule_followup_overdue),
    _Rule("followup-slow", "follow-up", _rule_followup_slow),
    _Rule("no-new-people", "be-proactive", _rule_no_new_people),
    _Rule("one-role", "be-proactive", _rule_one_role),
    _Rule("learned-empty", "genuine-interest", _rule_learned_empty),
    _Rule("no-help", "offer-help", _rule_no_help),
    _Rule("no-online", "online-presence", _rule_no_online),
    _Rule("no-events", "attend-events", _rule_no_events),
    _Rule("mentor-candidate", "seek-mentorship", _rule_mentor_candidate),
    _Rule("quiet-stretch", "be-patient", _rule_quiet_stretch),
    _Rule("few-conversations", "practice", _rule_few_conversations),
    _Rule("realistic-goals", "realistic-goals", _rule_realistic_goals),
    _Rule("one-off-contacts", "quality-over-quantity", _rule_one_off_contacts),
    _Rule("keep-in-touch", "quality-over-quantity", _rule_keep_in_touch),
)

RULE_TIPS: dict[str, str] = {rule.id: rule.tip_id for rule in _RULES}


def nudges(snapshot: Snapshot, today: dt.date, limit: int | None = None) -> list[Nudge]:
    """Every rule that applies today, most urgent first (Home shows the top three)."""
    ctx = _context(snapshot, today)
    found = [n for rule in _RULES if (n := rule.check(ctx)) is not None]
    found.sort(key=lambda n: (-n.score, n.rule))
    return found if limit is None else found[:limit]


# ------------------------------------------------------------------ goals and pacing


def suggest_target(history: Sequence[int]) -> int:
    """A target a little above the median of the last three months, never below 1.

    The median ignores one unusually busy or quiet month; adding a tenth
    (rounded up, so at least one more) keeps the goal a stretch, not a leap.
    """
    recent = sorted(max(0, int(v)) for v in list(history)[-3:])
    if not recent:
        return 1
    mid = len(recent) // 2
    median = Fraction(recent[mid]) if len(recent) % 2 else Fraction(recent[mid - 1] + recent[mid], 2)
    return max(1, math.ceil(median * TARGET_NUDGE))


def _first_active_month(snapshot: Snapshot) -> str | None:
    """The month the member's history starts: placement start, first activity or first goal."""
    dates = [c.date for c in snapshot.conversations] + [e.date for e in snapshot.events if e.attended]
    if snapshot.profile.internship_start is not None:
        dates.append(snapshot.profile.internship_start)
    months = [month_of(d) for d in dates] + [g.month for g in snapshot.goals]
    return min(months) if months else None


def suggested_targets(snapshot: Snapshot, month: str) -> dict[GoalMetric, int]:
    """A target per metric for `month`, from the three months before it.

    Months before the member's history starts do not count as zeros; with no
    history at all, small starter targets are offered instead.
    """
    start = _first_active_month(snapshot)
    months = [shift_month(month, -k) for k in (3, 2, 1)]
    months = [m for m in months if start is not None and m >= start]
    if not months:
        return dict(STARTER_TARGETS)
    frames = analytics.frames_for(snapshot)
    counts = [analytics.month_progress(frames, m) for m in months]
    return {metric: suggest_target([c[metric] for c in counts]) for metric in GoalMetric}


class PaceStatus(enum.StrEnum):
    DONE = "done"
    ON_PACE = "on_pace"
    BEHIND = "behind"
    MISSED = "missed"  # the period is over and the target was not reached

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


@dataclasses.dataclass(frozen=True)
class Pace:
    actual: int
    target: int
    expected: float  # how many a steady pace would have reached by the end of today
    status: PaceStatus
    remaining: int
    days_left: int  # today included
    per_week_needed: float
    period_start: dt.date
    period_end: dt.date
    ends_with_internship: bool  # the placement ends before the month does


def pace(
    actual: int,
    target: int,
    month: str,
    today: dt.date,
    *,
    internship_start: dt.date | None = None,
    internship_end: dt.date | None = None,
) -> Pace:
    """Where a monthly count stands against a steady pace to its target.

    When the placement starts or ends inside the month, only those days count:
    an intern leaving on the 12th has twelve days, not thirty, to get there.
    """
    first, last = _month_days(month)
    start, end, ends_with = first, last, False
    if internship_end is not None and first <= internship_end < last:
        end, ends_with = internship_end, True
    if internship_start is not None and first < internship_start <= end:
        start = internship_start
    actual, target = max(0, actual), max(0, target)
    total = (end - start).days + 1
    elapsed = min(max((today - start).days + 1, 0), total)
    expected = target * elapsed / total
    remaining = max(0, target - actual)
    days_left = total - elapsed
    if today >= start and today <= end:
        days_left += 1  # today is still usable
    per_week = remaining * 7 / days_left if days_left and remaining else 0.0
    if actual >= target:
        status = PaceStatus.DONE
    elif today > end:
        status = PaceStatus.MISSED
    elif actual >= math.floor(expected + 1e-9):
        status = PaceStatus.ON_PACE
    else:
        status = PaceStatus.BEHIND
    return Pace(
        actual=actual,
        target=target,
        expected=round(expected, 2),
        status=status,
        remaining=remaining,
        days_left=days_left,
        per_week_needed=round(per_week, 2),
        period_start=start,
        period_end=end,
        ends_with_internship=ends_with,
    )


def goal_paces(snapshot: Snapshot, month: str, today: dt.date) -> dict[GoalMetric, Pace]:
    """The pace of every goal set for `month`, counted from the log."""
    frames = analytics.frames_for(snapshot)
    actual = analytics.month_progress(frames, month)
    profile = snapshot.profile
    return {
        g.metric: pace(
            actual[g.metric],
            g.target,
            month,
            today,
            internship_start=profile.internship_start,
            internship_end=profile.internship_end,
        )
        for g in snapshot.goals
        if g.month == month
    }


def goal_streak(snapshot: Snapshot, today: dt.date) -> int:
    """Months in a row, ending last month, in which every goal set was met.

    The current month is still in progress and does not count either way; a
    month without goals ends the streak, since nothing was aimed at.
    """
    by_month: dict[str, list[tuple[GoalMetric, int]]] = defaultdict(list)
    for goal in snapshot.goals:
        by_month[goal.month].append((goal.metric, goal.target))
    if not by_month:
        return 0
    frames = analytics.frames_for(snapshot)
    streak, month = 0, shift_month(month_of(today), -1)
    while month in by_month:
        actual = analytics.month_progress(frames, month)
        if any(actual[metric] < target for metric, target in by_month[month]):
            break
        streak += 1
        month = shift_month(month, -1)
    return streak


@dataclasses.dataclass(frozen=True)
class MetricResult:
    metric: GoalMetric
    actual: int
    target: int | None
    met: bool | None  # None when no goal was set


@dataclasses.dataclass(frozen=True)
class MonthlyReview:
    month: str
    results: tuple[MetricResult, ...]
    goals_set: int
    goals_met: int
    conversations: int
    people_met: int  # distinct people talked to in the month
    new_people: int
    best_conversation: Conversation | None


def monthly_review(snapshot: Snapshot, month: str) -> MonthlyReview:
    """A month in numbers beside its targets, and its best conversation."""
    frames = analytics.frames_for(snapshot)
    actual = analytics.month_progress(frames, month)
    targets = {g.metric: g.target for g in snapshot.goals if g.month == month}
    results = tuple(
        MetricResult(m, actual[m], targets.get(m), None if m not in targets else actual[m] >= targets[m])
        for m in GoalMetric
    )
    start, end = _month_days(month)
    in_month = [c for c in snapshot.conversations if start <= c.date <= end]
    best = max(in_month, key=lambda c: (c.quality, c.date, c.id or 0), default=None)
    return MonthlyReview(
        month=month,
        results=results,
        goals_set=len(targets),
        goals_met=sum(1 for r in results if r.met),
        conversations=len(in_month),
        people_met=len({pid for c in in_month for pid in c.person_ids}),
        new_people=actual[GoalMetric.NEW_PEOPLE],
        best_conversation=best,
    )


# ------------------------------------------------------------------ relationships


def default_cadence(role: Role) -> int:
    """Days between check-ins a relationship with this role usually needs."""
    return _CADENCE_DAYS.get(role, _CADENCE_DAYS[Role.OTHER])


class TouchStatus(enum.StrEnum):
    OK = "ok"
    DUE = "due"  # due within the next few days, or today
    OVERDUE = "overdue"

    @property
    def label(self) -> str:
        return self.value.capitalize()


@dataclasses.dataclass(frozen=True)
class KeepInTouch:
    person_id: int
    name: str
    last_date: dt.date
    last_conversation_id: int | None
    cadence_days: int
    due_date: dt.date
    status: TouchStatus
    days_overdue: int  # 0 unless overdue


def keep_in_touch(snapshot: Snapshot, today: dt.date) -> list[KeepInTouch]:
    """Everyone talked to, with their next check-in date; overdue first.

    Any logged conversation with a person restarts their clock. People never
    talked to are left out: there is nothing to keep up yet.
    """
    last: dict[int, Conversation] = {}
    for conversation in snapshot.conversations:
        if conversation.date > today:
            continue
        for person_id in conversation.person_ids:
            seen = last.get(person_id)
            if seen is None or conversation.date >= seen.date:
                last[person_id] = conversation
    rows: list[KeepInTouch] = []
    for person in snapshot.people:
        if person.id is None or person.id not in last:
            continue
        conversation = last[person.id]
        cadence = person.cadence_days or default_cadence(person.role)
        due = conversation.date + dt.timedelta(days=cadence)
        if today > due:
            status = TouchStatus.OVERDUE
        elif today >= due - dt.timedelta(days=DUE_SOON_DAYS):
            status = TouchStatus.DUE
        else:
            status = TouchStatus.OK
        rows.append(
            KeepInTouch(
                person_id=person.id,
                name=person.name,
                last_date=conversation.date,
                last_conversation_id=conversation.id,
                cadence_days=cadence,
                due_date=due,
                status=status,
                days_overdue=max(0, (today - due).days),
            )
        )
    order = {TouchStatus.OVERDUE: 0, TouchStatus.DUE: 1, TouchStatus.OK: 2}
    rows.sort(key=lambda r: (order[r.status], -r.days_overdue, r.due_date, r.name))
    return rows


def relationship_strength(
    snapshot: Snapshot, today: dt.date, half_life_days: float = STRENGTH_HALF_LIFE_DAYS
) -> dict[int, float]:
    """A 0-100 score per person from how recently and how well you talked.

    Each conversation adds its quality (3 counts as 1) halved every
    `half_life_days`; group conversations count less per person. The sum is
    squashed into 0-100, so a long history holds up through one missed
    check-in instead of dropping to zero, and no score ever exceeds 100.
    """
    raw: dict[int, float] = {p.id: 0.0 for p in snapshot.people if p.id is not None}
    for conversation in snapshot.conversations:
        if conversation.date > today or not conversation.person_ids:
            continue
        age = (today - conversation.date).days
        weight = 0.5 ** (age / half_life_days) * conversation.quality / 3 / math.sqrt(len(conversation.person_ids))
        for person_id in conversation.person_ids:
            if person_id in raw:
                raw[person_id] += weight
    return {pid: round(100 * (1 - math.exp(-value / STRENGTH_SCALE)), 1) for pid, value in raw.items()}


@dataclasses.dataclass(frozen=True)
class MentorCandidate:
    person_id: int
    name: str
    role: Role
    stage: MentorStage
    step: int  # 1 (first chat) to 5 (mentor)
    next_step: str
    conversations: int
    last_date: dt.date | None


def mentor_pipeline(snapshot: Snapshot) -> list[MentorCandidate]:
    """Everyone on the way to becoming a mentor, furthest along first, with a next step.

    A person whose role is mentor counts as a mentor even if no stage was set.
    """
    counts: dict[int, list[dt.date]] = defaultdict(list)
    for conversation in snapshot.conversations:
        for person_id in conversation.person_ids:
            counts[person_id].append(conversation.date)
    rows: list[MentorCandidate] = []
    for person in snapshot.people:
        if person.id is None:
            continue
        stage = person.mentor_stage
        if stage == MentorStage.NONE and person.role == Role.MENTOR:
            stage = MentorStage.MENTOR
        if stage == MentorStage.NONE:
            continue
        dates = counts.get(person.id, [])
        rows.append(
            MentorCandidate(
                person_id=person.id,
                name=person.name,
                role=person.role,
                stage=stage,
                step=_stage_rank(stage),
                next_step=_NEXT_STEP[stage].format(name=_first_name(person)),
                conversations=len(dates),
                last_date=max(dates) if dates else None,
            )
        )
    rows.sort(key=lambda r: (-r.step, r.name.lower()))
    return rows


FOLLOWTHROUGH_COLUMNS = ["month", "needing", "done", "on_time", "share_on_time", "median_delay_days"]


def followthrough(snapshot: Snapshot, today: dt.date | None = None) -> pd.DataFrame:
    """Per month: conversations needing a follow-up, the share done within 48 hours, the median delay.

    A conversation counts in the month it happened. With `today` given, open
    follow-ups still inside their 48 hours are left out: they are not late yet.
    """
    frames = analytics.frames_for(snapshot)
    conv = frames.conversations
    needing = conv[conv["followup_due"].notna()].copy()
    if today is not None:
        fresh = needing["followup_done"].isna() & (
            needing["date"] > pd.Timestamp(today - dt.timedelta(days=FOLLOWUP_ON_TIME_DAYS))
        )
        needing = needing[~fresh]
    if needing.empty:
        return pd.DataFrame(columns=FOLLOWTHROUGH_COLUMNS)
    needing["month"] = needing["date"].dt.strftime("%Y-%m")
    needing["delay"] = (needing["followup_done"] - needing["date"]).dt.days
    needing["on_time"] = needing["delay"].le(FOLLOWUP_ON_TIME_DAYS) & needing["followup_done"].notna()
    grouped = needing.groupby("month", sort=True)
    out = pd.DataFrame(
        {
            "needing": grouped.size(),
            "done": grouped["followup_done"].count(),
            "on_time": grouped["on_time"].sum().astype(int),
            "median_delay_days": grouped["delay"].median(),
        }
    )
    out["share_on_time"] = out["on_time"] / out["needing"]
    return out.reset_index()[FOLLOWTHROUGH_COLUMNS]


@dataclasses.dataclass(frozen=True)
class ExitContact:
    person_id: int
    name: str
    reason: str
    strength: float
    last_conversation: Conversation | None


def exit_list(snapshot: Snapshot, today: dt.date, top: int = 5) -> list[ExitContact]:
    """Who to thank and stay in touch with, in the last three weeks of the placement.

    Mentors and supervisors first, then those who gave advice, then the
    strongest relationships; empty outside that window.
    """
    end = snapshot.profile.internship_end
    if end is None or not 0 <= (end - today).days <= EXIT_WINDOW_DAYS:
        return []
    strength = relationship_strength(snapshot, today)
    last: dict[int, Conversation] = {}
    for conversation in sorted(snapshot.conversations, key=lambda c: (c.date, c.id or 0)):
        if conversation.date <= today:
            for person_id in conversation.person_ids:
                last[person_id] = conversation
    strongest = {
        pid for pid, score in sorted(strength.items(), key=lambda kv: -kv[1])[:top] if score > 0 and pid in last
    }
    rows: list[tuple[int, ExitContact]] = []
    for person in snapshot.people:
        if person.id is None:
            continue
        if _is_mentor(person):
            rank, reason = 0, "your mentor"
        elif person.role == Role.SUPERVISOR:
            rank, reason = 1, "your supervisor"
        elif person.mentor_stage in (MentorStage.ASKED_ADVICE, MentorStage.ACTED_AND_REPORTED):
            rank, reason = 2, "gave you advice"
        elif person.id in strongest:
            rank, reason = 3, f"one of your strongest relationships ({strength[person.id]:.0f}/100)"
        else:
            continue
        contact = ExitContact(person.id, person.name, reason, strength.get(person.id, 0.0), last.get(person.id))
        rows.append((rank, contact))
    rows.sort(key=lambda r: (r[0], -r[1].strength, r[1].name.lower()))
    return [contact for _, contact in rows]


# ------------------------------------------------------------------ drafts


def _snippet(text: str, limit: int = 140) -> str:
    """The first sentence of a note, trimmed to fit a short message."""
    text = " ".join(text.split())
    for stop in (". ", "! ", "? "):
        if stop in text:
            text = text.split(stop, 1)[0]
    text = text.rstrip(".!? ")
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        text = text[0].lower() + text[1:]  # it continues a sentence of the draft
    if len(text) > limit:
        text = text[: limit - 1].rsplit(" ", 1)[0] + "…"
    return text


def _topic_phrase(topics: Sequence[str]) -> str:
    topics = [t for t in topics if t.strip()][:3]
    return _name_list(topics) if topics else ""


def draft_followup_message(
    person: Person,
    conversation: Conversation | None = None,
    kind: str = "thank_you",
    sender: str = "",
) -> str:
    """A short message to edit and send: a thank-you after a chat, or a stay-in-touch note when leaving.

    It uses the topics and what was learned when they were logged, so the note
    reads as written for this person rather than a template.
    """
    if kind not in ("thank_you", "stay_in_touch"):
        raise ValueError(f"kind must be 'thank_you' or 'stay_in_touch', got {kind!r}")
    first = _first_name(person) if person.name.strip() else "there"
    topics = _topic_phrase(conversation.topics) if conversation else ""
    learned = _snippet(conversation.learned) if conversation and conversation.learned.strip() else ""
    lines = [f"Hi {first},", ""]
    if kind == "thank_you":
        when = ""
        if conversation is not None and conversation.event.strip():
            when = f" at {conversation.event.strip()}"
        body = f"Thanks a lot for taking the time to talk with me{when}."
        if topics:
            body += f" I enjoyed hearing your take on {topics}."
        if learned:
            body += f" One thing I am taking away: {learned}."
        body += " If it suits you, I would like to keep in touch and let you know how things go."
    else:
        body = "My internship is coming to an end, and I wanted to thank you for your time and help along the way."
        if learned:
            body += f" Something you shared has stayed with me: {learned}."
        elif topics:
            body += f" I still think about our talk on {topics}."
        body += " I would be glad to stay in touch; may I send you a short update now and then?"
    lines.append(body)
    lines += ["", "Best regards,", sender.strip() or "[your name]"]
    return "\n".join(lines)
