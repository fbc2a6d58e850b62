"""Nudges about whom the member meets: someone new, someone different, a mentor, a second chat, a check-in."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from netcoach.coach.nudges.context import RuleContext
from netcoach.coach.nudges.rule import Advice, Rule
from netcoach.coach.relationships import (
    NEXT_STEP,
    TouchStatus,
    is_mentor,
    keep_in_touch,
    relationship_strength,
    stage_rank,
)
from netcoach.coach.thresholds import (
    MENTOR_GOOD_QUALITY,
    MENTOR_GOOD_TALKS,
    NEW_PERSON_WINDOW_DAYS,
    ONE_OFF_GRACE_DAYS,
    ONE_OFF_LOOKBACK_DAYS,
    ONE_OFF_MAX_REPEAT_SHARE,
    ONE_OFF_MIN_PEOPLE,
    ONE_ROLE_MIN_CONVERSATIONS,
    SENIOR_ROLES,
)
from netcoach.coach.wording import first_name, plural, with_article
from netcoach.models import MentorStage, Person, Role

_ROLE_PLURAL: dict[Role, str] = {
    Role.FELLOW_INTERN: "fellow interns",
    Role.COLLEAGUE: "colleagues",
    Role.SUPERVISOR: "supervisors",
    Role.MENTOR: "mentors",
    Role.INDUSTRY_PROFESSIONAL: "industry professionals",
    Role.RECRUITER: "recruiters",
    Role.OTHER: "people outside the usual roles",
}


def _unmet_role(ctx: RuleContext, exclude: Iterable[Role] = ()) -> Role:
    """A role the member has talked to least, to point them somewhere new."""
    counts = {role: 0 for role in (Role.COLLEAGUE, Role.SUPERVISOR, Role.INDUSTRY_PROFESSIONAL, Role.FELLOW_INTERN)}
    for person_id in ctx.first_met:
        person = ctx.people.get(person_id)
        if person is not None and person.role in counts:
            counts[person.role] += 1
    candidates = [r for r in counts if r not in set(exclude)] or list(counts)
    return min(candidates, key=lambda r: counts[r])


def _no_new_people(ctx: RuleContext) -> Advice | None:
    """Nobody new met in the last two weeks."""
    if ctx.first_met:
        last = max(ctx.first_met.values())
        days = (ctx.today - last).days
        if days < NEW_PERSON_WINDOW_DAYS:
            return None
        reason = f"No one new in your log for {plural(days, 'day')} (last new person on {last:%d %b})."
        score = 45 + min(20, days - NEW_PERSON_WINDOW_DAYS)
    else:
        reason = "0 people in your log so far: everybody starts with a first hello."
        score = 50
    role = _unmet_role(ctx)
    action = (
        f"Introduce yourself to one {role.label.lower()} you have not met yet, "
        "or ask your supervisor whom you should meet."
    )
    return Advice("Make the first move", reason, action, score)


def _one_role(ctx: RuleContext) -> Advice | None:
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
    action = f"Step outside your circle: ask {with_article(other.label.lower())} for fifteen minutes about their work."
    return Advice("Meet outside your circle", reason, action, 50)


def _mentor_candidate(ctx: RuleContext) -> Advice | None:
    """Good, repeated talks with a senior person while nobody is a mentor yet."""
    if any(is_mentor(p) for p in ctx.people.values()):
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
        f"{with_article(person.role.label.lower())}, and no mentor yet."
    )
    # Two good talks are already more than a first chat: the next move is to ask for advice.
    stage = max(person.mentor_stage, MentorStage.FOLLOW_UP_CHAT, key=stage_rank)
    action = NEXT_STEP[stage].format(name=first_name(person))
    ids = [pid for _, _, pid in scored[:2]]
    return Advice(
        f"{first_name(person)} could be your mentor", reason, action, 60 + min(15, 5 * (count - MENTOR_GOOD_TALKS)), ids
    )


def _one_off_contacts(ctx: RuleContext) -> Advice | None:
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
    return Advice("Go deeper with fewer people", reason, action, 50, ids)


def _worth_keeping(person: Person, talks: int) -> bool:
    """People whose check-in dates deserve a nudge (not every one-off contact)."""
    return (
        person.mentor_stage != MentorStage.NONE
        or person.role in (Role.SUPERVISOR, Role.MENTOR)
        or person.cadence_days is not None
        or talks >= 2
    )


def _keep_in_touch(ctx: RuleContext) -> Advice | None:
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
        f"{plural(len(ids), 'person', 'people')} you keep in touch with "
        f"{'is' if len(ids) == 1 else 'are'} past their check-in date; "
        f"{ctx.name(first.person_id)} by {plural(first.days_overdue, 'day')} "
        f"(every {first.cadence_days} days)."
    )
    action = f"Send {ctx.name(first.person_id)} a short update on your work; no request needed."
    return Advice("Check in with people you know", reason, action, 50 + min(20, 4 * len(ids)), ids)


RULES = (
    Rule("no-new-people", "be-proactive", _no_new_people),
    Rule("one-role", "be-proactive", _one_role),
    Rule("mentor-candidate", "seek-mentorship", _mentor_candidate),
    Rule("one-off-contacts", "quality-over-quantity", _one_off_contacts),
    Rule("keep-in-touch", "quality-over-quantity", _keep_in_touch),
)
