"""The prep card: what to know and what to ask before a planned talk or an event.

Nerves before a conversation mostly come from not knowing how to start. A
card that recalls the last talks, the promises still open either way and two
questions to ask turns "what do I even say?" into a plan. Questions and intros
are said to the other person, so they are built from topics, offers and the
member's own situation, never from the member's private notes about someone
("she seemed stressed" is for the member to read, not to say).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Sequence

from netcoach.coach.loops import decided_keys, offer_phrase, open_loops
from netcoach.coach.messages import speaks_of_them
from netcoach.coach.signals import Feeling, Signal, SignalKind
from netcoach.coach.thresholds import PREP_EVENT_PEOPLE, PREP_LAST_TALKS
from netcoach.coach.wording import first_name, name_list
from netcoach.models import Conversation, Event, EventKind, Loop, Person, Role, Setting, Snapshot

# A feeling written this recently still colours how big the ask should be.
FEELING_DAYS = 14


@dataclasses.dataclass(frozen=True)
class PastTalk:
    date: dt.date
    setting: Setting
    event: str
    topics: tuple[str, ...]
    learned: str
    conversation_id: int | None


@dataclasses.dataclass(frozen=True)
class PrepCard:
    """Before a talk with one person: what happened so far, what is open, and how to start."""

    person_id: int
    name: str
    first_talk: bool  # nothing logged with them yet
    last_talks: tuple[PastTalk, ...]  # newest first
    you_owe: tuple[Loop, ...]  # what the member promised them or was asked for
    they_offered: tuple[Loop, ...]  # what they offered and the member has not taken up yet
    spotted: tuple[Signal, ...]  # promises with them found in notes, not yet confirmed or dismissed
    cares_about: tuple[str, ...]  # their topics, the most talked-about (then the most recent) first
    notes: tuple[str, ...]  # the member's own notes on them, for the member's eyes
    advice: tuple[str, ...]  # the member's sentences about advice they gave, newest first
    questions: tuple[str, ...]  # two, said to them
    intro: str  # a short opening for a first talk; "" when they have talked before


@dataclasses.dataclass(frozen=True)
class FamiliarFace:
    person_id: int
    name: str
    reason: str  # why they may be there: "met at Data meetup on 12 Mar 2026", "tagged 'pydata'"
    open_loops: tuple[Loop, ...]  # open promises with them, worth settling in person


@dataclasses.dataclass(frozen=True)
class EventPrep:
    """Before an event: who may be there, what to say about yourself, what to ask strangers, one goal."""

    event_id: int
    name: str
    date: dt.date
    kind: EventKind
    people: tuple[FamiliarFace, ...]
    intro: str  # two sentences to rehearse
    questions: tuple[str, ...]  # two, for people met there for the first time
    goal: str
    nervous: bool  # the member wrote lately that they feel nervous or overwhelmed


# ---------------------------------------------------------------- the person card
def prep_card(
    snapshot: Snapshot, person_id: int, today: dt.date, signals: Iterable[Signal], loops: Iterable[Loop]
) -> PrepCard:
    """Everything the member might want in mind before talking to this person (who must exist)."""
    person = snapshot.person_by_id().get(person_id)
    if person is None:
        raise KeyError(f"no person with id {person_id}")
    loops = list(loops)
    talks = _talks_with(snapshot, person_id, today)
    open_ = [loop for loop in open_loops(loops) if person_id in loop.person_ids]
    theirs = sorted((s for s in signals if person_id in s.person_ids), key=lambda s: s.source.written_on, reverse=True)
    decided = decided_keys(loops)
    spotted = tuple(s for s in theirs if s.kind.is_promise and s.key not in decided)
    advice = [s for s in theirs if s.kind is SignalKind.ADVICE]
    cares = _ranked_topics(talks)
    offered = tuple(loop for loop in open_ if not loop.kind.owed_by_member)
    first_talk = not talks
    return PrepCard(
        person_id=person_id,
        name=person.name,
        first_talk=first_talk,
        last_talks=tuple(_past_talk(c) for c in talks[:PREP_LAST_TALKS]),
        you_owe=tuple(loop for loop in open_ if loop.kind.owed_by_member),
        they_offered=offered,
        spotted=spotted,
        cares_about=cares,
        notes=_note_lines(person.notes),
        advice=tuple(dict.fromkeys(s.quote for s in advice))[:2],
        questions=_person_questions(person, talks, cares, offered, bool(advice)),
        intro=_first_intro(person, snapshot.profile.display_name) if first_talk else "",
    )


def _talks_with(snapshot: Snapshot, person_id: int, today: dt.date) -> list[Conversation]:
    """Conversations with the person up to today, newest first."""
    return _newest_first(c for c in snapshot.conversations if person_id in c.person_ids and c.date <= today)


def _newest_first(conversations: Iterable[Conversation]) -> list[Conversation]:
    return sorted(conversations, key=lambda c: (c.date, c.id or 0), reverse=True)


def _past_talk(conversation: Conversation) -> PastTalk:
    return PastTalk(
        date=conversation.date,
        setting=conversation.setting,
        event=conversation.event,
        topics=conversation.topics,
        learned=conversation.learned,
        conversation_id=conversation.id,
    )


def _ranked_topics(talks: Sequence[Conversation]) -> tuple[str, ...]:
    """Topics of the talks, the most frequent first and, among equals, the most recent; spelled as last written."""
    counts: Counter[str] = Counter()
    latest: dict[str, tuple[dt.date, int]] = {}
    spelling: dict[str, str] = {}
    for order, conversation in enumerate(talks):  # newest first
        for topic in conversation.topics:
            key = topic.strip().casefold()
            if not key:
                continue
            counts[key] += 1
            if key not in latest:
                latest[key] = (conversation.date, -order)
                spelling[key] = topic.strip()
    ranked = sorted(counts, key=lambda k: (counts[k], latest[k]), reverse=True)
    return tuple(spelling[k] for k in ranked)


def _note_lines(notes: str, limit: int = 3) -> tuple[str, ...]:
    lines = [" ".join(line.split()) for line in notes.splitlines()]
    return tuple(line for line in lines if line)[:limit]


def sayable(text: str, person: Person | None) -> bool:
    """Whether a short piece of the member's text can be said to the person as it is.

    Topics, offers and organization names are usually fine; one that speaks of
    someone in the third person, or names the person, was written for the member.
    """
    text = text.strip()
    if not text or len(text) > 80:
        return False
    return not speaks_of_them(text, person or Person(name=""))


# Openers for a first talk: one about their path, one about their work, by role.
_PATH_OPENERS: dict[Role, str] = {
    Role.FELLOW_INTERN: "What made you pick this internship, and what do you hope to get out of it?",
    Role.RECRUITER: "How did you come to recruiting, and what do you enjoy most about it?",
}
_PATH_OPENER = "How did you end up doing the work you do now, and what would you do the same way again?"
_WORK_OPENERS: dict[Role, str] = {
    Role.SUPERVISOR: "What would make the biggest difference to the team in the coming weeks, and where could I help?",
    Role.MENTOR: "Looking back, what is one thing you wish you had known at my stage?",
    Role.RECRUITER: "What do the people who do well here tend to do early on?",
    Role.FELLOW_INTERN: "What has surprised you most here so far?",
}
_WORK_OPENER = "What does a good week in your work look like at the moment?"
_REPORT_BACK = "I acted on your advice from last time; can I tell you how it went and ask what you would do next?"


def _person_questions(
    person: Person,
    talks: Sequence[Conversation],
    cares: Sequence[str],
    offered: Sequence[Loop],
    gave_advice: bool,
) -> tuple[str, ...]:
    """Two questions in the second person, the most personal first.

    Before a first talk: an opener about their path and one about their work.
    After that: an offer still open, the last talk's topic, advice to report back
    on, another topic they care about, their organization; the openers fill
    whatever is left.
    """
    path = _PATH_OPENERS.get(person.role, _PATH_OPENER)
    work = _WORK_OPENERS.get(person.role, _WORK_OPENER)
    organization = person.organization.strip()
    if organization and sayable(organization, person):
        work_here = f"What is your team at {organization} focused on these days?"
    else:
        work_here = work
    if not talks:
        return (path, work_here)
    candidates: list[str] = []
    offer = next((loop.what for loop in offered if sayable(loop.what, person)), None)
    if offer:
        candidates.append(f"You offered {offer_phrase(offer)}; is that still on, and when would suit you?")
    last_topic = next((t for t in talks[0].topics if sayable(t, person)), None)
    if last_topic:
        candidates.append(f"Last time you mentioned {last_topic}; how has that gone since?")
    if gave_advice:
        candidates.append(_REPORT_BACK)
    used = last_topic.casefold() if last_topic else None
    other = next((t for t in cares if t.casefold() != used and sayable(t, person)), None)
    if other:
        candidates.append(f"What are you most curious about in {other} at the moment?")
    candidates += [work_here, work, path]
    return tuple(dict.fromkeys(candidates))[:2]


def _first_intro(person: Person, me: str) -> str:
    """One or two sentences to open a first talk: who the member is and why they came to this person."""
    first = first_name(person) if person.name.strip() else ""
    hello = f"Hi {first}" if first else "Hi"
    who = f"I'm {me.strip()}, one of the interns" if me.strip() else "I'm one of the interns here"
    if person.role in (Role.SUPERVISOR, Role.MENTOR, Role.INDUSTRY_PROFESSIONAL):
        why = "I'd love to hear how you got to where you are, if you have ten minutes."
    elif person.role is Role.FELLOW_INTERN:
        why = "How are you finding it so far?"
    else:
        why = "I'd love to hear what you work on, if you have a few minutes."
    return f"{hello}, {who}. {why}"


# ---------------------------------------------------------------- the event card
def event_prep(
    snapshot: Snapshot, event_id: int, today: dt.date, signals: Iterable[Signal], loops: Iterable[Loop]
) -> EventPrep:
    """What to have in mind before an event (which must exist)."""
    event = next((e for e in snapshot.events if e.id == event_id), None)
    if event is None:
        raise KeyError(f"no event with id {event_id}")
    nervous = _feels_nervous(signals, today)
    faces = _familiar_faces(snapshot, event, open_loops(loops))
    return EventPrep(
        event_id=event_id,
        name=event.name,
        date=event.date,
        kind=event.kind,
        people=faces,
        intro=_event_intro(event, snapshot.profile.display_name),
        questions=_STRANGER_QUESTIONS.get(event.kind, _STRANGER_QUESTIONS[EventKind.OTHER]),
        goal=_event_goal(faces, nervous),
        nervous=nervous,
    )


def _feels_nervous(signals: Iterable[Signal], today: dt.date) -> bool:
    since = today - dt.timedelta(days=FEELING_DAYS)
    return any(
        s.kind is SignalKind.FEELING
        and s.feeling in (Feeling.NERVOUS, Feeling.OVERWHELMED)
        and since <= s.source.written_on <= today
        for s in signals
    )


def _words(name: str) -> str:
    """An event name without numbers and punctuation, so "Data meetup #4" is the same series as "#3"."""
    return " ".join(re.sub(r"[\W\d_]+", " ", name.casefold()).split())


def _tagged_for(tag: str, event_words: str) -> bool:
    words = _words(tag)
    if len(words) < 3:
        return False
    return words == event_words or f" {words} " in f" {event_words} "


def _familiar_faces(snapshot: Snapshot, event: Event, open_: Sequence[Loop]) -> tuple[FamiliarFace, ...]:
    """People the member may meet there: met at earlier events of the series, tagged for it, met at the same kind.

    In that order, each group with the most recently met first, and a person named once.
    """
    series = _words(event.name)
    earlier = {e.id: e for e in snapshot.events if e.id != event.id and e.date < event.date}
    people = snapshot.person_by_id()
    same_series: dict[int, tuple[dt.date, str]] = {}
    same_kind: dict[int, tuple[dt.date, str]] = {}
    for conversation in _newest_first(c for c in snapshot.conversations if c.date < event.date):
        linked = earlier.get(conversation.event_id) if conversation.event_id is not None else None
        logged_name = linked.name if linked else conversation.event
        where = f"met at {logged_name.strip()} on {conversation.date:%d %b %Y}"
        in_series = bool(series) and _words(logged_name) == series
        for person_id in conversation.person_ids:
            if in_series:
                same_series.setdefault(person_id, (conversation.date, where))
            elif linked is not None and linked.kind is event.kind:
                same_kind.setdefault(person_id, (conversation.date, where))
    tagged = {
        p.id: f"tagged '{tag}'"
        for p in snapshot.people
        if p.id is not None
        for tag in p.tags
        if _tagged_for(tag, series)
    }
    ordered: list[tuple[int, str]] = [(i, why) for i, (_, why) in same_series.items()]
    ordered += sorted(tagged.items(), key=lambda item: people[item[0]].name.casefold())
    ordered += [(i, why) for i, (_, why) in same_kind.items()]
    faces: list[FamiliarFace] = []
    seen: set[int] = set()
    for person_id, why in ordered:
        if person_id in seen or person_id not in people:
            continue
        seen.add(person_id)
        loops = tuple(loop for loop in open_ if person_id in loop.person_ids)
        faces.append(FamiliarFace(person_id, people[person_id].name, why, loops))
    return tuple(faces[:PREP_EVENT_PEOPLE])


_WHY_HERE: dict[EventKind, str] = {
    EventKind.INDUSTRY: "I came to hear what people in the field are working on and what is changing.",
    EventKind.COMPANY: "I'm still getting to know people outside my own team, so I'd love to hear what yours does.",
    EventKind.WORKSHOP: "I signed up to get better at this, and I'm curious what brought you.",
    EventKind.SOCIAL: "I'm glad of the chance to meet people away from our desks.",
    EventKind.ONLINE: "I joined to hear what others are working on, and I'm happy to share what I'm up to.",
    EventKind.OTHER: "I'm here to meet people and hear what they are working on.",
}

_STRANGER_QUESTIONS: dict[EventKind, tuple[str, str]] = {
    EventKind.INDUSTRY: (
        "What brought you here today?",
        "What are you working on at the moment that you are excited about?",
    ),
    EventKind.COMPANY: (
        "Which team are you on, and what is it working on right now?",
        "What do you wish someone had told you in your first weeks here?",
    ),
    EventKind.WORKSHOP: (
        "What are you hoping to take away from this?",
        "How does this topic show up in your own work?",
    ),
    EventKind.SOCIAL: (
        "How do you know people here?",
        "What has been the best part of your week?",
    ),
    EventKind.ONLINE: (
        "What made you join this one?",
        "What are you working on that others here could help with?",
    ),
    EventKind.OTHER: (
        "What brought you here today?",
        "What are you working on at the moment that you are excited about?",
    ),
}


def _event_intro(event: Event, me: str) -> str:
    """Two sentences: who the member is, and why they came."""
    who = f"Hi, I'm {me.strip()}, one of the interns." if me.strip() else "Hi, I'm one of the interns."
    return f"{who} {_WHY_HERE.get(event.kind, _WHY_HERE[EventKind.OTHER])}"


def _event_goal(faces: Sequence[FamiliarFace], nervous: bool) -> str:
    """One goal for the evening, smaller when the member wrote that they feel nervous."""
    if nervous:
        return "Have one good conversation and leave with one name to follow up; that is a win."
    if faces:
        known = name_list([first_name(Person(name=f.name)) for f in faces[:2]])
        return f"Say hello to {known} again, then leave with two new names and one follow-up."
    return "Leave with two names and one follow-up."
