"""The prep card: what the member reads before a planned talk or an event.

Each test builds a small log as a member would have typed it and checks what
the card recalls and what it suggests saying, including that a private note
about someone never ends up in a sentence meant for them.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re

import pytest
from support import TODAY, said

from netcoach.coach import prep
from netcoach.coach.signals import Feeling, Signal, SignalKind, Source, SourceKind
from netcoach.coach.thresholds import PREP_EVENT_PEOPLE, PREP_LAST_TALKS
from netcoach.models import (
    Conversation,
    Event,
    EventKind,
    Loop,
    LoopKind,
    LoopStatus,
    Person,
    Profile,
    Role,
    Setting,
    Snapshot,
)

_ids = itertools.count(100)
THIRD_PERSON = re.compile(r"\b(he|she|him|his|her|hers|they|them|their)\b", re.IGNORECASE)


def day(offset: int) -> dt.date:
    return TODAY + dt.timedelta(days=offset)


def talk(when: dt.date, *person_ids: int, **fields: object) -> Conversation:
    return Conversation(date=when, person_ids=person_ids, id=next(_ids), **fields)  # type: ignore[arg-type]


def snap(people=(), conversations=(), events=(), loops=(), me: str = "Sam") -> Snapshot:
    return Snapshot(
        revision=0,
        profile=Profile(display_name=me),
        people=tuple(people),
        conversations=tuple(conversations),
        events=tuple(events),
        goals=(),
        tips=(),
        loops=tuple(loops),
    )


ANA = Person("Ana Ruiz", Role.SUPERVISOR, organization="Data Platform", notes="She prefers mornings.", id=1)
BEN = Person("Ben Okoro", Role.FELLOW_INTERN, id=2)
CHI = Person("Chi Wu", Role.INDUSTRY_PROFESSIONAL, tags=("pydata",), id=3)
DEE = Person("Dee Park", Role.COLLEAGUE, id=4)


def card(snapshot: Snapshot, person_id: int, signals: tuple[Signal, ...] = ()) -> prep.PrepCard:
    return prep.prep_card(snapshot, person_id, TODAY, signals, snapshot.loops)


# ------------------------------------------------------------------ before a talk with one person
def test_recalls_the_last_three_talks_newest_first_with_setting_topics_and_what_was_learned() -> None:
    talks = [
        talk(day(-40), 1, topics=("onboarding",), learned="Ask early."),
        talk(day(-3), 1, setting=Setting.COFFEE_CHAT, topics=("the data platform migration",), learned="Go slow."),
        talk(day(-20), 1, 2, topics=("testing",)),
        talk(day(-10), 1, topics=("hiring",), learned="Teams grow in autumn."),
        talk(day(1), 1, topics=("tomorrow",)),  # logged ahead; not a past talk yet
    ]
    found = card(snap([ANA, BEN], talks), 1)
    assert len(found.last_talks) == PREP_LAST_TALKS
    assert [(t.date, t.setting, t.topics, t.learned) for t in found.last_talks] == [
        (day(-3), Setting.COFFEE_CHAT, ("the data platform migration",), "Go slow."),
        (day(-10), Setting.ONE_ON_ONE, ("hiring",), "Teams grow in autumn."),
        (day(-20), Setting.ONE_ON_ONE, ("testing",), ""),
    ]
    assert not found.first_talk and found.intro == ""


def test_asks_about_what_they_mentioned_last_time_in_the_second_person() -> None:
    talks = [
        talk(day(-30), 1, topics=("hiring", "Kubernetes")),
        talk(day(-3), 1, topics=("the data platform migration", "hiring")),
    ]
    questions = card(snap([ANA], talks), 1).questions
    assert questions == (
        "Last time you mentioned the data platform migration; how has that gone since?",
        "What are you most curious about in hiring at the moment?",
    )


def test_what_they_care_about_is_their_most_talked_about_topics_then_the_most_recent() -> None:
    talks = [
        talk(day(-30), 1, topics=("hiring", "Kubernetes")),
        talk(day(-20), 1, topics=("Hiring",)),
        talk(day(-3), 1, topics=("migration",)),
        talk(day(-25), 1, topics=("kubernetes", "testing")),
    ]
    found = card(snap([ANA], talks), 1)
    assert found.cares_about == ("Hiring", "kubernetes", "migration", "testing")
    assert found.notes == ("She prefers mornings.",), "the member's own notes are there to read"


def test_an_open_offer_comes_first_and_is_said_back_to_them() -> None:
    offer = Loop(LoopKind.THEY_OFFERED, (1,), what="To introduce me to the analytics lead", id=1)
    owed = Loop(LoopKind.I_PROMISED, (1,), what="the onboarding notes", due=day(2), id=2)
    closed = Loop(LoopKind.THEY_OFFERED, (1,), LoopStatus.CLOSED, what="a CV review", closed_on=day(-1), id=3)
    found = card(snap([ANA], [talk(day(-3), 1, topics=("migration",))], loops=[offer, owed, closed]), 1)
    assert found.you_owe == (owed,) and found.they_offered == (offer,)
    assert found.questions == (
        "You offered to introduce me to the analytics lead; is that still on, and when would suit you?",
        "Last time you mentioned migration; how has that gone since?",
    )


@pytest.mark.parametrize(
    ("what", "said_back"),
    [
        ("introduce me to the analytics lead", "You offered to introduce me to the analytics lead;"),
        ("To introduce me to Priya", "You offered to introduce me to Priya;"),
        ("a look at my CV", "You offered a look at my CV;"),
        ("Feedback on my draft", "You offered feedback on my draft;"),
        ("review my pull request", "You offered to review my pull request;"),
    ],
)
def test_an_offer_reads_as_said_whether_the_note_named_a_thing_or_an_act(what: str, said_back: str) -> None:
    offer = Loop(LoopKind.THEY_OFFERED, (1,), what=what, id=1)
    found = card(snap([ANA], [talk(day(-3), 1)], loops=[offer]), 1)
    assert found.questions[0].startswith(said_back)


def test_advice_they_gave_is_recalled_and_the_question_offers_to_report_back() -> None:
    advice = said(SignalKind.ADVICE, "Ana told me to pair with the SRE team.", 1, written=day(-3))
    found = card(snap([ANA], [talk(day(-3), 1)]), 1, (advice,))
    assert found.advice == ("Ana told me to pair with the SRE team.",)
    assert found.questions[0].startswith("I acted on your advice from last time")


def test_promises_with_them_spotted_in_notes_are_listed_until_decided() -> None:
    asked = said(SignalKind.THEY_ASKED, "Ana asked me for the slides.", 1, written=day(-2))
    decided = said(SignalKind.I_PROMISED, "I said I'd write up the demo.", 1, written=day(-2), record_id=2)
    other = said(SignalKind.THEY_ASKED, "Ben asked for my notes.", 2, written=day(-2), record_id=3)
    dismissed = Loop(LoopKind.I_PROMISED, (1,), LoopStatus.DISMISSED, signal_key=decided.key)
    found = card(snap([ANA, BEN], [talk(day(-2), 1)], loops=[dismissed]), 1, (asked, decided, other))
    assert found.spotted == (asked,)


def test_a_note_about_them_is_never_said_to_them() -> None:
    talks = [talk(day(-3), 1, topics=("her promotion", "Ana's team move", "budgets"), learned="She is stressed.")]
    offer = Loop(LoopKind.THEY_OFFERED, (1,), what="her contacts at Globex", id=1)
    found = card(snap([ANA], talks, loops=[offer]), 1)
    assert found.questions[0] == "Last time you mentioned budgets; how has that gone since?"
    for sentence in (*found.questions, found.intro):
        assert not THIRD_PERSON.search(sentence) and "Ana" not in sentence, sentence


def test_before_a_first_talk_two_openers_about_their_path_and_work_and_a_short_intro() -> None:
    found = card(snap([ANA, BEN, DEE]), 1)
    assert found.first_talk and found.last_talks == ()
    assert found.questions == (
        "How did you end up doing the work you do now, and what would you do the same way again?",
        "What is your team at Data Platform focused on these days?",
    )
    assert found.intro == (
        "Hi Ana, I'm Sam, one of the interns. I'd love to hear how you got to where you are, if you have ten minutes."
    )
    assert card(snap([ANA, BEN, DEE]), 2).questions[0].startswith("What made you pick this internship")
    assert card(snap([DEE], me=""), 4).intro.startswith("Hi Dee, I'm one of the interns here.")
    assert card(snap([DEE]), 4).questions == (
        "How did you end up doing the work you do now, and what would you do the same way again?",
        "What does a good week in your work look like at the moment?",
    )


def test_always_two_different_questions_whatever_the_log_holds() -> None:
    logs = [
        [],
        [talk(day(-1), 4)],
        [talk(day(-1), 4, topics=("a",))],
        [talk(day(-1), 4, topics=("x" * 90,))],
        [talk(day(-1), 4, topics=("her thing", "his thing"))],
    ]
    for log in logs:
        questions = card(snap([DEE], log), 4).questions
        assert len(questions) == 2 and questions[0] != questions[1], log


def test_a_person_who_is_not_there_has_no_card() -> None:
    with pytest.raises(KeyError):
        card(snap([ANA]), 9)


# ------------------------------------------------------------------ before an event
MEETUP_3 = Event("PyData meetup #3", day(-30), EventKind.INDUSTRY, attended=True, id=1)
ALL_HANDS = Event("All hands", day(-10), EventKind.COMPANY, attended=True, id=2)
TOWN_HALL = Event("Town hall", day(-5), EventKind.COMPANY, attended=True, id=3)
MEETUP_4 = Event("PyData Meetup #4", day(7), EventKind.INDUSTRY, id=4)
OFFSITE = Event("Summer offsite", day(9), EventKind.COMPANY, id=5)


def event_card(snapshot: Snapshot, event_id: int, signals: tuple[Signal, ...] = ()) -> prep.EventPrep:
    return prep.event_prep(snapshot, event_id, TODAY, signals, snapshot.loops)


def test_names_people_met_at_earlier_events_of_the_series_then_those_tagged_for_it() -> None:
    talks = [
        talk(day(-30), 2, event_id=1, event="PyData meetup #3", setting=Setting.INDUSTRY_EVENT),
        talk(day(-60), 4, event="pydata meetup #2", setting=Setting.INDUSTRY_EVENT),  # logged by name only
        talk(day(-10), 1, event_id=2, setting=Setting.COMPANY_EVENT),
    ]
    owed = Loop(LoopKind.I_PROMISED, (2,), what="the notebook", id=1)
    found = event_card(snap([ANA, BEN, CHI, DEE], talks, [MEETUP_3, ALL_HANDS, MEETUP_4], [owed]), 4)
    assert [(f.name, f.reason) for f in found.people] == [
        ("Ben Okoro", f"met at PyData meetup #3 on {day(-30):%d %b %Y}"),
        ("Dee Park", f"met at pydata meetup #2 on {day(-60):%d %b %Y}"),
        ("Chi Wu", "tagged 'pydata'"),
    ]
    assert found.people[0].open_loops == (owed,), "a promise to settle in person"
    assert found.goal == "Say hello to Ben and Dee again, then leave with two new names and one follow-up."


def test_people_met_at_events_of_the_same_kind_come_after_and_the_list_is_short() -> None:
    crowd = [Person(f"Guest{i} Lee", id=10 + i) for i in range(8)]
    talks = [talk(day(-10), 10 + i, event_id=2) for i in range(4)] + [
        talk(day(-5), 14 + i, event_id=3) for i in range(4)
    ]
    found = event_card(snap(crowd, talks, [ALL_HANDS, TOWN_HALL, OFFSITE]), 5)
    assert len(found.people) == PREP_EVENT_PEOPLE
    assert found.people[0].reason == f"met at Town hall on {day(-5):%d %b %Y}", "the most recently met first"


def test_an_intro_to_rehearse_two_questions_for_strangers_and_a_goal_for_the_evening() -> None:
    found = event_card(snap(events=[MEETUP_4]), 4)
    assert found.intro == (
        "Hi, I'm Sam, one of the interns. I came to hear what people in the field are working on and what is changing."
    )
    assert len(found.questions) == 2 and all(q.endswith("?") for q in found.questions)
    assert found.goal == "Leave with two names and one follow-up."
    assert event_card(snap(events=[OFFSITE]), 5).questions[0].startswith("Which team are you on")


def test_a_member_who_wrote_they_feel_nervous_gets_a_smaller_goal() -> None:
    nervous = Signal(
        SignalKind.FEELING,
        "I'm nervous about the meetup.",
        Source(SourceKind.REFLECTION, 1, "text", day(-2)),
        (),
        feeling=Feeling.NERVOUS,
    )
    found = event_card(snap(events=[MEETUP_4]), 4, (nervous,))
    assert found.nervous
    assert found.goal == "Have one good conversation and leave with one name to follow up; that is a win."
    old = Signal(
        nervous.kind, nervous.quote, Source(SourceKind.REFLECTION, 1, "text", day(-40)), (), feeling=Feeling.NERVOUS
    )
    assert not event_card(snap(events=[MEETUP_4]), 4, (old,)).nervous


def test_an_event_that_is_not_there_has_no_card() -> None:
    with pytest.raises(KeyError):
        event_card(snap(events=[MEETUP_4]), 99)
