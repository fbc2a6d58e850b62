"""Nudges: the advice on Home, each rule reading the log and saying what to do next and why.

Every rule is a small function of a shared context worked out once per call;
each one either stays quiet or returns a `Nudge` with the numbers that led to
it and the tip it comes from. `RULE_TIPS` ties each rule to its tip so the
tips library and the advice cannot drift apart.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable

from netcoach.coach.goals import suggested_targets
from netcoach.coach.months import _month_days, _month_label, month_of, shift_month
from netcoach.coach.relationships import (
    _NEXT_STEP,
    TouchStatus,
    _is_mentor,
    _stage_rank,
    exit_list,
    keep_in_touch,
    relationship_strength,
)
from netcoach.coach.thresholds import (
    EARLY_MONTH_DAY,
    EVENT_SETTINGS,
    EXIT_WINDOW_DAYS,
    FOLLOWUP_ON_TIME_DAYS,
    HELP_MIN_CONVERSATIONS,
    LEARNED_MIN_EMPTY,
    LEARNED_MIN_SHARE,
    LEARNED_RECENT,
    LEARNED_WINDOW_DAYS,
    MENTOR_GOOD_QUALITY,
    MENTOR_GOOD_TALKS,
    NEW_PERSON_WINDOW_DAYS,
    ONE_OFF_GRACE_DAYS,
    ONE_OFF_LOOKBACK_DAYS,
    ONE_OFF_MAX_REPEAT_SHARE,
    ONE_OFF_MIN_PEOPLE,
    ONE_ROLE_MIN_CONVERSATIONS,
    PRACTICE_MIN_CONVERSATIONS,
    PRACTICE_WINDOW_DAYS,
    QUIET_GAP_DAYS,
    QUIET_STEADY_MIN,
    QUIET_STEADY_WINDOW_DAYS,
    SENIOR_ROLES,
    SETTLING_IN_DAYS,
    SLOW_FOLLOWUP_MAX_SHARE,
    SLOW_FOLLOWUP_MIN,
    SLOW_FOLLOWUP_WINDOW_DAYS,
)
from netcoach.coach.wording import _a, _first_name, _name_list, _plural
from netcoach.insights import analytics
from netcoach.models import Conversation, EventKind, GoalMetric, MentorStage, Person, Role, Snapshot

_ROLE_PLURAL: dict[Role, str] = {
    Role.FELLOW_INTERN: "fellow interns",
    Role.COLLEAGUE: "colleagues",
    Role.SUPERVISOR: "supervisors",
    Role.MENTOR: "mentors",
    Role.INDUSTRY_PROFESSIONAL: "industry professionals",
    Role.RECRUITER: "recruiters",
    Role.OTHER: "people outside the usual roles",
}


def _unique(ids: Iterable[int]) -> tuple[int, ...]:
    return tuple(dict.fromkeys(ids))


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
