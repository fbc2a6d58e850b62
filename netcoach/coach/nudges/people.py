"""Nudges about whom the member meets: someone new, someone different, a second chat, a check-in.

Whenever the log holds someone who fits, the advice names them: "introduce
yourself to Priya" is a step a member can take today, "introduce yourself to
a supervisor" is homework. A role is named only when nobody in People fits.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from netcoach.coach.nudges.context import GROUP_SETTINGS, SMALL_GROUP, RuleContext
from netcoach.coach.nudges.rule import Advice, Priority, Rule, ScorePart, part
from netcoach.coach.nudges.value import STRONG_TIE, person_parts, points
from netcoach.coach.relationships import TouchStatus, keep_in_touch
from netcoach.coach.thresholds import (
    DEFAULT_RHYTHM_GRACE_DAYS,
    NEW_PERSON_WINDOW_DAYS,
    ONE_OFF_GRACE_DAYS,
    ONE_OFF_LOOKBACK_DAYS,
    ONE_OFF_MAX_REPEAT_SHARE,
    ONE_OFF_MIN_PEOPLE,
    ONE_ROLE_MIN_CONVERSATIONS,
    ONE_ROLE_WINDOW_DAYS,
)
from netcoach.coach.wording import plural, with_article
from netcoach.models import Conversation, MentorStage, Person, Role

_ROLE_PLURAL: dict[Role, str] = {
    Role.FELLOW_INTERN: "fellow interns",
    Role.COLLEAGUE: "colleagues",
    Role.SUPERVISOR: "supervisors",
    Role.MENTOR: "mentors",
    Role.INDUSTRY_PROFESSIONAL: "industry professionals",
    Role.RECRUITER: "recruiters",
    Role.OTHER: "people outside the usual roles",
}

# Whom to meet first when several people are still strangers: the ones who shape the work and the field.
_MEET_ORDER = (
    Role.SUPERVISOR,
    Role.MENTOR,
    Role.COLLEAGUE,
    Role.INDUSTRY_PROFESSIONAL,
    Role.RECRUITER,
    Role.FELLOW_INTERN,
    Role.OTHER,
)
# People outside the office a member can still meet once the placement is over.
_FIELD_ROLES = (Role.INDUSTRY_PROFESSIONAL, Role.RECRUITER)
ALTERNATIVES = 2  # people offered for one piece of advice, so a second can stand in for the first
KEEP_IN_TOUCH_SHOWN = 5  # check-ins offered at once; the rest wait on Follow-ups


def unmet_people(ctx: RuleContext, roles: Iterable[Role] = ()) -> list[Person]:
    """People in the member's list never talked to, the most useful to meet first."""
    wanted = set(roles) or set(Role)
    found = [p for p in ctx.people.values() if p.id is not None and p.id not in ctx.one_on_one and p.role in wanted]
    # Someone the member's notes keep naming ("go and see Okoye") has the strongest reason to be met first.
    return sorted(found, key=lambda p: (-ctx.mentions.get(p.id or 0, 0), _MEET_ORDER.index(p.role), p.id or 0))


def least_met(ctx: RuleContext, roles: Iterable[Role]) -> list[Person]:
    """People of these roles, never-met first, then those talked to least and longest ago."""
    wanted = set(roles)
    found = [p for p in ctx.people.values() if p.id is not None and p.role in wanted]

    def order(p: Person) -> tuple[int, int, int, dt.date, int]:
        talks = ctx.one_on_one.get(p.id or 0, [])
        last = talks[-1].date if talks else dt.date.min
        return (len(talks), -ctx.mentions.get(p.id or 0, 0), _MEET_ORDER.index(p.role), last, p.id or 0)

    return sorted(found, key=order)


def _unmet_role(ctx: RuleContext, exclude: Iterable[Role] = ()) -> Role:
    """A role the member has talked to least, when nobody in People can be named."""
    counts = {role: 0 for role in (Role.COLLEAGUE, Role.SUPERVISOR, Role.INDUSTRY_PROFESSIONAL, Role.FELLOW_INTERN)}
    for person_id in ctx.first_met:
        person = ctx.people.get(person_id)
        if person is not None and person.role in counts:
            counts[person.role] += 1
    candidates = [r for r in counts if r not in set(exclude)] or list(counts)
    return min(candidates, key=lambda r: counts[r])


def _no_new_people(ctx: RuleContext) -> Advice | list[Advice] | None:
    """Nobody new met in the last two weeks.

    Not in the first two weeks (`settling-in` names whom to meet), nor during
    a pause (the way back is someone already liked).
    """
    if ctx.settling_in or ctx.quiet_spell is not None:
        return None
    if ctx.first_met:
        last = max(ctx.first_met.values())
        days = (ctx.today - last).days
        if days < NEW_PERSON_WINDOW_DAYS:
            return None
        reason = f"No one new in your log for {plural(days, 'day')} (last new person on {last:%d %b})."
        parts = [part(f"{plural(days, 'day')} since someone new", min(10, (days - NEW_PERSON_WINDOW_DAYS) / 2))]
    else:
        reason = "0 people in your log so far: everybody starts with a first hello."
        parts = [part("no one met yet", 10)]
    if ctx.after_end:
        return _new_in_the_field(ctx, reason, parts)
    strangers = unmet_people(ctx)
    if strangers:
        # The best stranger first; the next stands in when the first is already asked something else.
        return [
            Advice(
                "Make the first move",
                reason,
                f"Introduce yourself to {who.name} ({who.role.label.lower()}): "
                "ask for fifteen minutes about their work.",
                [*parts, part("the next person to meet", -0.5 * rank)],
                [who.id or 0],
            )
            for rank, who in enumerate(strangers[:ALTERNATIVES])
        ]
    role = _unmet_role(ctx)
    action = (
        f"Introduce yourself to one {role.label.lower()} you have not met yet, "
        "or ask your supervisor whom you should meet."
    )
    return Advice("Make the first move", reason, action, parts)


def _new_in_the_field(ctx: RuleContext, reason: str, parts: list[ScorePart]) -> Advice:
    """After the placement the office is out of reach: someone new in the member's field instead."""
    strangers = unmet_people(ctx, _FIELD_ROLES)
    if strangers:
        who = strangers[0]
        action = (
            f"Write to {who.name} ({who.role.label.lower()}): ask for fifteen minutes about their work in your field."
        )
        return Advice("Meet someone new in your field", reason, action, parts, [who.id or 0])
    action = "Meet one new person in your field this month: at a meetup, a talk, or through a former classmate."
    return Advice("Meet someone new in your field", reason, action, parts)


def _one_role(ctx: RuleContext) -> Advice | list[Advice] | None:
    """The last month's one-on-one talks all with one kind of person.

    Team meetings and events do not count as meeting someone. Not while
    settling in: that rule names whom to meet.
    """
    if ctx.settling_in:
        return None
    month = [c for c in ctx.recent(ONE_ROLE_WINDOW_DAYS) if _personal(c)]
    if len(month) < ONE_ROLE_MIN_CONVERSATIONS:
        return None
    roles = {ctx.people[pid].role if pid in ctx.people else Role.OTHER for c in month for pid in c.person_ids}
    if len(roles) != 1:
        return None
    (role,) = roles
    reason = (
        f"All {len(month)} of your one-on-one talks in the last {ONE_ROLE_WINDOW_DAYS} days "
        f"were with {_ROLE_PLURAL[role]}."
    )
    parts = [part(f"{len(month)} conversations, one kind of person", min(10, len(month)))]
    others = [r for r in _MEET_ORDER if r != role and r != Role.OTHER]
    candidates = least_met(ctx, others)
    if candidates:
        found = []
        for rank, who in enumerate(candidates[:ALTERNATIVES]):
            talks = ctx.one_on_one.get(who.id or 0, [])
            how = (
                f"You last talked one-on-one on {talks[-1].date:%d %b}"
                if talks
                else "You have not talked one-on-one yet"
            )
            action = (
                f"Step outside your circle: ask {who.name} ({who.role.label.lower()}) "
                f"for fifteen minutes about their work. {how}."
            )
            alternative = [*parts, part("the next person to meet", -0.5 * rank)]
            found.append(Advice("Meet outside your circle", reason, action, alternative, [who.id or 0]))
        return found
    other = _unmet_role(ctx, exclude=[role])
    action = f"Step outside your circle: ask {with_article(other.label.lower())} for fifteen minutes about their work."
    return Advice("Meet outside your circle", reason, action, parts)


def _personal(conversation: Conversation) -> bool:
    return conversation.setting not in GROUP_SETTINGS and len(conversation.person_ids) <= SMALL_GROUP


def _one_off_contacts(ctx: RuleContext) -> Advice | None:
    """Many people met once and never again (not in the first two weeks, when everyone is new)."""
    if ctx.settling_in:
        return None
    since = ctx.today - dt.timedelta(days=ONE_OFF_LOOKBACK_DAYS)
    until = ctx.today - dt.timedelta(days=ONE_OFF_GRACE_DAYS)
    considered = [pid for pid, met in ctx.first_met.items() if since <= met <= until]
    one_off = [pid for pid in considered if len(ctx.by_person.get(pid, ())) == 1]
    repeat = len(considered) - len(one_off)
    if len(one_off) < ONE_OFF_MIN_PEOPLE or repeat / len(considered) >= ONE_OFF_MAX_REPEAT_SHARE:
        return None
    reason = (
        f"You talked only once with {len(one_off)} of the {len(considered)} people you met "
        f"in the last {ONE_OFF_LOOKBACK_DAYS} days; {repeat} had a second conversation."
    )
    parts = [part(f"{len(one_off)} one-off chats", min(12, len(one_off)))]
    clicked = _clicked_with(ctx)
    if clicked:
        action = (
            f"Skip the next mixer: put that hour into {ctx.names(clicked)}, the talks you rate highest; "
            "a 20-minute coffee with each this month."
        )
        return Advice("Go deeper with fewer people", reason, action, parts, clicked)
    # Nobody seen twice yet: the best single conversations are the likeliest second ones.
    one_off.sort(key=lambda pid: (ctx.by_person[pid][0].quality, ctx.by_person[pid][0].date), reverse=True)
    ids = one_off[:3]
    action = f"Skip the next mixer: invite {ctx.names(ids)} to a second chat and pick up where the first one ended."
    return Advice("Go deeper with fewer people", reason, action, parts, ids)


def _clicked_with(ctx: RuleContext) -> list[int]:
    """Up to three people the member keeps coming back to and rates well: where depth is already growing."""

    def average(pid: int) -> float:
        talks = ctx.by_person[pid]
        return sum(c.quality for c in talks) / len(talks)

    repeat = [pid for pid, talks in ctx.by_person.items() if len(talks) >= 2 and pid in ctx.people]
    good = [pid for pid in repeat if average(pid) >= 3.5]
    good.sort(key=lambda pid: (-average(pid), -len(ctx.by_person[pid]), pid))
    return good[:3]


def _worth_keeping(person: Person, talks: int, strength: float, days_overdue: int) -> bool:
    """People whose check-in dates deserve a nudge: the ones the member chose or relies on, and strong ties.

    Two chats with someone do not make a relationship to maintain on a
    schedule; a supervisor, a mentor, a chosen rhythm or a strong tie does.
    A strong tie on the default rhythm (one the member never set) gets two
    weeks' grace: the default is a guess, and a few days past it is not cold.
    """
    if person.mentor_stage != MentorStage.NONE or person.role in (Role.SUPERVISOR, Role.MENTOR):
        return True
    if person.cadence_days is not None:
        return True
    return talks >= 2 and strength >= STRONG_TIE and days_overdue >= DEFAULT_RHYTHM_GRACE_DAYS


def _keep_in_touch(ctx: RuleContext) -> list[Advice]:
    """People the member keeps in touch with, now past their check-in date, the ones that matter most first.

    Reviving a warm relationship with someone senior is the best use of one
    message; a contact gone cold for a year can wait. One nudge per person,
    so when the first is already asked something else the next stands in.
    """
    end = ctx.snapshot.profile.internship_end
    overdue = [
        k
        for k in keep_in_touch(ctx.snapshot, ctx.today)
        if k.status == TouchStatus.OVERDUE
        # After the placement, its people get an update every month or two (`after-end`), not the office rhythm.
        and not (ctx.after_end and end is not None and ctx.first_met.get(k.person_id, ctx.today) <= end)
        and k.person_id in ctx.people
        and _worth_keeping(
            ctx.people[k.person_id],
            len(ctx.by_person.get(k.person_id, ())),
            ctx.strength.get(k.person_id, 0.0),
            k.days_overdue,
        )
    ]
    found: list[Advice] = []
    for k in overdue:
        parts = person_parts(ctx, k.person_id, k.days_overdue)
        others = len(overdue) - 1
        reason = (
            f"You last talked with {ctx.name(k.person_id)} on {k.last_date:%d %b}, "
            f"{plural(k.days_overdue, 'day')} past your every-{k.cadence_days}-days check-in"
            + (
                f"; {plural(others, 'other person', 'other people')} {'is' if others == 1 else 'are'} due too."
                if others
                else "."
            )
        )
        action = f"Send {ctx.name(k.person_id)} a short update on your work; no request needed."
        found.append(Advice("Check in with people you know", reason, action, parts, [k.person_id]))
    found.sort(key=lambda a: -points(list(a.parts)))
    return found[:KEEP_IN_TOUCH_SHOWN]


RULES = (
    Rule("no-new-people", "be-proactive", Priority.BREADTH, _no_new_people),
    Rule("one-role", "be-proactive", Priority.HABIT, _one_role),
    Rule("one-off-contacts", "quality-over-quantity", Priority.HABIT, _one_off_contacts),
    Rule("keep-in-touch", "quality-over-quantity", Priority.SLIPPING, _keep_in_touch),
)
