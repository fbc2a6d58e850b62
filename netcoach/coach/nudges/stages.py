"""Nudges by where the member is in the placement: settling in, the last weeks, and after the end.

A coach first asks where the member stands, because each stage calls for its
own advice: in the first two weeks, two or three introductions and no talk of
pace or rates; in the last three weeks, a reference, a return-offer talk and
personal contact details; once it is over, thanks not yet sent, promises made
before leaving, and a short update every month or two.
"""

from __future__ import annotations

import datetime as dt

from netcoach.coach.nudges.context import RuleContext
from netcoach.coach.nudges.rule import Advice, Priority, Rule, ScorePart, part
from netcoach.coach.nudges.value import person_parts, points
from netcoach.coach.relationships import exit_list
from netcoach.coach.thresholds import (
    AFTER_END_SHOWN,
    AFTER_END_THANKS_DAYS,
    AFTER_END_UPDATE_DAYS,
    EXIT_WINDOW_DAYS,
    SETTLING_IN_INTRODUCTIONS,
)
from netcoach.coach.wording import first_name, name_list, plural
from netcoach.models import Person, Role

# Tags a member gives the person who shows them around, and the one they report to.
_BUDDY_WORDS = ("buddy", "onboarding")
_MANAGER_TAGS = frozenset({"manager", "line manager", "supervisor", "boss"})


def _tags(person: Person) -> set[str]:
    return {" ".join(t.lower().split()) for t in person.tags}


def is_manager(person: Person) -> bool:
    return person.role == Role.SUPERVISOR or bool(_tags(person) & _MANAGER_TAGS)


def is_buddy(person: Person) -> bool:
    return any(word in tag for tag in _tags(person) for word in _BUDDY_WORDS)


def in_last_weeks(ctx: RuleContext) -> bool:
    end = ctx.snapshot.profile.internship_end
    return end is not None and 0 <= (end - ctx.today).days <= EXIT_WINDOW_DAYS


def reference_person(ctx: RuleContext) -> Person | None:
    """The supervisor to ask for a reference: of several, the one the member talked to most."""
    managers = [p for p in ctx.people.values() if p.id is not None and is_manager(p)]
    if not managers:
        return None

    def order(p: Person) -> tuple[int, int, dt.date, int]:
        talks = ctx.by_person.get(p.id or 0, [])
        return (p.role == Role.SUPERVISOR, len(talks), talks[-1].date if talks else dt.date.min, -(p.id or 0))

    return max(managers, key=order)


# ------------------------------------------------------------------ the first two weeks


def _intro_rank(person: Person, teams: set[str]) -> int | None:
    """Whom to meet first in a new placement; None for people who can wait (the wider field)."""
    if is_manager(person):
        return 0
    if is_buddy(person):
        return 1
    if person.role == Role.MENTOR:
        return 2
    if person.role == Role.COLLEAGUE:
        return 3 if person.organization.strip().lower() in teams else 4
    if person.role == Role.FELLOW_INTERN:
        return 5
    return None


def _intro_step(person: Person) -> str:
    if is_manager(person):
        return f"ask {person.name} (your supervisor) for fifteen minutes on what a good first month looks like"
    if is_buddy(person):
        return f"ask {person.name} (your onboarding buddy) who does what on the team"
    if person.role == Role.MENTOR:
        return f"book a first chat with {person.name} (mentor)"
    if person.role == Role.FELLOW_INTERN:
        return f"say hello to {person.name} (fellow intern) and compare first weeks"
    return f"invite {person.name} ({person.role.label.lower()}) for a coffee and ask what they work on"


def _introductions(ctx: RuleContext) -> list[Person]:
    """Up to three people in People never talked to, the ones who shape the first weeks first."""
    teams = {p.organization.strip().lower() for p in ctx.people.values() if is_manager(p) and p.organization.strip()}
    ranked: list[tuple[int, int, Person]] = []
    for person in ctx.people.values():
        if person.id is None or person.id in ctx.one_on_one:  # seen at standup is not met yet
            continue
        rank = _intro_rank(person, teams)
        if rank is not None:
            ranked.append((rank, person.id, person))
    ranked.sort(key=lambda r: (r[0], r[1]))
    return [p for _, _, p in ranked[:SETTLING_IN_INTRODUCTIONS]]


def _where_in_the_first_weeks(ctx: RuleContext) -> str:
    start = ctx.snapshot.profile.internship_start or ctx.today
    if ctx.today < start:
        return f"Your internship starts in {plural((start - ctx.today).days, 'day')}"
    return f"Day {(ctx.today - start).days + 1} of your internship"


def _settling_in(ctx: RuleContext) -> Advice | None:
    """The first two weeks: two or three concrete introductions, named whenever People holds them."""
    if not ctx.settling_in:
        return None
    named = _introductions(ctx)
    met = len(ctx.first_met)
    started = ctx.today >= (ctx.snapshot.profile.internship_start or ctx.today)
    reason = _where_in_the_first_weeks(ctx)
    if started or met:
        reason += f"; you have talked with {plural(met, 'person', 'people')} so far"
    if named:
        listed = name_list([f"{p.name} ({'onboarding buddy' if is_buddy(p) else p.role.label.lower()})" for p in named])
        reason += f"; {listed} {'is' if len(named) == 1 else 'are'} in your list, not met yet."
    else:
        reason += "."
    steps = [_intro_step(p) for p in named]
    ids = [p.id or 0 for p in named]
    if len(named) < 2:
        manager = reference_person(ctx)
        if manager is None:
            if not named:
                steps.append("ask your manager for fifteen minutes on what a good first month looks like")
                steps.append("ask whether there is an onboarding buddy")
            steps.append("invite two people on your team for a coffee")
        else:
            steps.append(f"ask {first_name(manager)} which two people on the team you should meet")
            ids.append(manager.id or 0)
    action = ("This week: " if started else "In your first days: ") + "; ".join(steps) + "."
    parts: list[ScorePart] = [part("your first two weeks: introductions come first", 14 if named else 8)]
    if any(is_manager(p) for p in named):
        parts.append(part("your supervisor, not met yet", 4))
    return Advice("Meet the people you will work with", reason, action, parts, ids)


# ------------------------------------------------------------------ the last three weeks


def _exit_asks(ctx: RuleContext) -> Advice | None:
    """The last weeks: a reference, a return-offer talk and personal contact details, from the supervisor."""
    end = ctx.snapshot.profile.internship_end
    if end is None or not in_last_weeks(ctx):
        return None
    days = (end - ctx.today).days
    when = "today" if days == 0 else f"in {plural(days, 'day')}"
    parts = [part(f"{plural(days, 'day')} left", (EXIT_WINDOW_DAYS - days) / 2)]
    who = reference_person(ctx)
    if who is None:
        reason = f"Your internship ends {when}, and no supervisor is in your people list."
        action = (
            "Book fifteen minutes with your manager: thank them, ask whether they would be a reference for you "
            "and whether a return offer is possible, and swap personal email or LinkedIn."
        )
        return Advice("Ask for a reference before you leave", reason, action, parts)
    talks = ctx.by_person.get(who.id or 0, [])
    reason = f"Your internship ends {when}; {plural(len(talks), 'conversation')} with {who.name}, your supervisor"
    reason += f", the last on {talks[-1].date:%d %b}." if talks else "."
    name = first_name(who)
    action = (
        f"Book fifteen minutes with {name}: thank them for the placement, ask whether they would be a reference "
        "for you and whether a return offer is possible, and swap personal email or LinkedIn."
    )
    parts.append(part("your supervisor", 3))
    return Advice(f"Ask {name} for a reference", reason, action, parts, [who.id or 0])


# ------------------------------------------------------------------ after the end


def _last_word(ctx: RuleContext, person_id: int) -> dt.date | None:
    """The last day the member was in touch with someone: a conversation, or a follow-up sent."""
    days = [c.date for c in ctx.by_person.get(person_id, [])]
    days += [c.followup_done for c in ctx.by_person.get(person_id, []) if c.followup_done is not None]
    days = [d for d in days if d <= ctx.today]
    return max(days) if days else None


def _others(count: int, what: str) -> str:
    return f"; {plural(count, 'other person', 'other people')} {what}" if count else ""


def _thanks_owed(ctx: RuleContext, end: dt.date) -> list[Advice]:
    """People on the thank-you list with no word from the member since the last weeks began, one nudge each.

    A thank-you not sent is a relationship that matters going cold, so it
    ranks with the check-ins; one person per nudge lets the next stand in
    when the first is already asked something else.
    """
    since = end - dt.timedelta(days=EXIT_WINDOW_DAYS)
    owed = []
    for contact in exit_list(ctx.snapshot, end):
        last = _last_word(ctx, contact.person_id)
        if last is not None and last < since:  # never talked to: nothing to thank them for
            owed.append(contact.person_id)
    ended = (ctx.today - end).days
    found = []
    for person_id in owed[:AFTER_END_SHOWN]:
        name = ctx.name(person_id)
        reason = (
            f"Your internship ended {plural(ended, 'day')} ago; nothing logged with {name} since {since:%d %b}"
            + _others(len(owed) - 1, "on your thank-you list too")
            + "."
        )
        action = f"Send {name} a thank-you this week: two lines on what you learned from them and how to reach you now."
        parts = [part("a thank-you not yet sent", 4), *person_parts(ctx, person_id)]
        title = f"Thank {name} for the internship"
        found.append(Advice(title, reason, action, parts, [person_id], priority=Priority.SLIPPING))
    return found


def _keep_after_leaving(ctx: RuleContext, end: dt.date) -> list[int]:
    """The people from the placement worth a short update, strongest and most senior first.

    The thank-you list at the last day (mentors, supervisors, those who gave
    advice, the strongest ties) and anyone the member gave a check-in rhythm
    of their own: a handful, not everyone met once at a mixer.
    """
    keep = {c.person_id for c in exit_list(ctx.snapshot, end)}
    keep |= {pid for pid, p in ctx.people.items() if p.cadence_days is not None and pid in ctx.by_person}
    keep = {pid for pid in keep if pid in ctx.people and _last_word(ctx, pid) is not None}
    return sorted(keep, key=lambda pid: (-points(person_parts(ctx, pid)), pid))


def _updates(ctx: RuleContext, end: dt.date, skip: set[int], alone: bool) -> list[Advice]:
    """A short update every month or two, one nudge per person; or, when none is due yet, the day the first is."""
    people = [pid for pid in _keep_after_leaving(ctx, end) if pid not in skip]
    if not people:
        return []
    last = {pid: _last_word(ctx, pid) or end for pid in people}
    due = [pid for pid in people if (ctx.today - last[pid]).days >= AFTER_END_UPDATE_DAYS]
    found = []
    for pid in due[:AFTER_END_SHOWN]:
        name = ctx.name(pid)
        reason = (
            f"Your internship is over; you were last in touch with {name} {(ctx.today - last[pid]).days} days ago"
            + _others(len(due) - 1, "from it are due an update too")
            + "."
        )
        action = (
            f"Send {name} a three-line update: what you are doing now and one thing from the internship "
            "that still helps."
        )
        parts = [part("a short update every month or two", 2), *person_parts(ctx, pid)]
        found.append(Advice(f"Send {name} a short update", reason, action, parts, [pid], priority=Priority.SLIPPING))
    if found or not alone:
        return found
    ids = people[:AFTER_END_SHOWN]
    next_day = min(last[pid] for pid in ids) + dt.timedelta(days=AFTER_END_UPDATE_DAYS)
    ended = (ctx.today - end).days
    reason = (
        f"Your internship ended {plural(ended, 'day')} ago; "
        f"{plural(len(people), 'person', 'people')} from it worth keeping up with."
    )
    action = (
        f"Put {next_day:%d %b} in your calendar to send {ctx.names(ids)} a short update; "
        "one every month or two keeps the door open."
    )
    return [Advice("Plan your first update", reason, action, [part("keeping in touch after the end", 2)], ids)]


def _after_end(ctx: RuleContext) -> list[Advice]:
    """After the placement: thanks not yet sent, and updates that keep ties warm."""
    end = ctx.snapshot.profile.internship_end
    if end is None or not ctx.after_end:
        return []
    found: list[Advice] = []
    # Promises made before leaving are the promise rule's: they are owed whatever the stage.
    if (ctx.today - end).days <= AFTER_END_THANKS_DAYS:
        found += _thanks_owed(ctx, end)
    named = {pid for a in found for pid in a.person_ids}
    return found + _updates(ctx, end, named, alone=not found)


RULES = (
    Rule("settling-in", "be-proactive", Priority.BREADTH, _settling_in),
    Rule("exit-asks", "keep-building", Priority.EXPIRING, _exit_asks),
    Rule("after-end", "keep-building", Priority.BREADTH, _after_end),
)
