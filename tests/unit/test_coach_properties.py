"""What holds for every member's top three, whatever they logged.

The scenarios check what the coach says to a handful of written members;
these properties check the promises Home makes to anyone: three different
people, three different kinds of advice, something to do in every nudge,
whole people in every number, and the same advice for the same log. The
logs are generated from a small vocabulary of the sentences interns write,
promises, offers, openings and feelings included, so the rules that read
the member's own words are exercised too.
"""

from __future__ import annotations

import copy
import datetime as dt
import itertools
import re
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from support import TODAY

from netcoach import coach
from netcoach.models import (
    Conversation,
    Event,
    EventKind,
    Goal,
    GoalMetric,
    MentorStage,
    Person,
    Profile,
    Reflection,
    Role,
    Setting,
    Snapshot,
)

PROPERTY = settings(max_examples=60, deadline=None)
TOP = 3

NAMES = ("Tomas Novak", "Maria Santos", "Ana Ruiz", "Ben Okafor", "Chi Wu", "Dee Park", "Eli Moss", "Fay Lund")
SENTENCES = (
    "",
    "Nice chat about the roadmap.",
    "She explained how the team plans a quarter.",
    "I promised to send her the slides by Friday.",
    "I'll send him my notes on the survey tomorrow.",
    "He asked me to send my CV before 12 May.",
    "She offered to introduce me to her manager.",
    "He said he owes me one and to ping him if I want a review.",
    "They're hiring a junior analyst for September, applications close 12 May.",
    "She said she'd put in a referral if I apply.",
    "His advice: learn SQL window functions and read The Goal.",
    "Did what she suggested and rewrote the memo.",
    "Sent it the same afternoon.",
    "Honestly I'm overwhelmed this week.",
    "I feel behind on everything.",
    "Really nervous about meeting the VP on Thursday.",
    "The demo went badly.",
    "Proud of how the presentation went.",
    "He prefers email. She is based in Lisbon.",
)
TOPICS = ("career", "sql", "design", "portfolio", "forecasting")
TAGS = ("mentor", "want to meet", "onboarding buddy")

sentences = st.sampled_from(SENTENCES)


@st.composite
def profiles(draw: st.DrawFn, today: dt.date) -> Profile:
    if draw(st.booleans()):
        return Profile()
    start = today + dt.timedelta(days=draw(st.integers(-220, 10)))
    end = start + dt.timedelta(days=draw(st.integers(20, 200)))
    return Profile(display_name="Member", internship_start=start, internship_end=end)


@st.composite
def people(draw: st.DrawFn) -> tuple[Person, ...]:
    count = draw(st.integers(1, len(NAMES)))
    return tuple(
        Person(
            name=NAMES[i],
            role=draw(st.sampled_from(Role)),
            organization=draw(st.sampled_from(("", "Payments", "Fernwood"))),
            tags=tuple(draw(st.lists(st.sampled_from(TAGS), max_size=2, unique=True))),
            mentor_stage=draw(st.sampled_from(MentorStage)),
            cadence_days=draw(st.none() | st.integers(7, 60)),
            notes=draw(sentences),
            id=i + 1,
        )
        for i in range(count)
    )


@st.composite
def conversations(draw: st.DrawFn, today: dt.date, person_count: int) -> tuple[Conversation, ...]:
    count = draw(st.integers(0, 30))
    talks = []
    for number in range(1, count + 1):
        date = today - dt.timedelta(days=draw(st.integers(0, 150)))
        due = draw(st.none() | st.integers(0, 10).map(lambda d, date=date: date + dt.timedelta(days=d)))
        done = None
        if due is not None and draw(st.booleans()):
            done = min(today, date + dt.timedelta(days=draw(st.integers(0, 20))))
        ids = draw(st.lists(st.integers(1, person_count), min_size=1, max_size=3, unique=True))
        talks.append(
            Conversation(
                date=date,
                person_ids=tuple(ids),
                setting=draw(st.sampled_from(Setting)),
                topics=tuple(draw(st.lists(st.sampled_from(TOPICS), max_size=2, unique=True))),
                learned=draw(sentences),
                help_offered=draw(st.sampled_from(("", "", "Reviewed his code", "Shared my notes"))),
                quality=draw(st.integers(1, 5)),
                followup_due=due,
                followup_done=done,
                notes=draw(sentences),
                id=number,
            )
        )
    return tuple(talks)


@st.composite
def months(draw: st.DrawFn, today: dt.date) -> str:
    back = draw(st.integers(0, 3))
    year, month = divmod(today.year * 12 + today.month - 1 - back, 12)
    return f"{year:04d}-{month + 1:02d}"


@st.composite
def members(draw: st.DrawFn) -> tuple[Snapshot, dt.date]:
    """A member's whole log and the day the coach reads it on."""
    today = TODAY + dt.timedelta(days=draw(st.integers(-30, 150)))
    crew = draw(people())
    events = tuple(
        Event(
            name=f"Event {number}",
            date=today + dt.timedelta(days=draw(st.integers(-60, 40))),
            kind=draw(st.sampled_from(EventKind)),
            attended=draw(st.booleans()),
            id=number,
        )
        for number in range(1, draw(st.integers(0, 5)) + 1)
    )
    goals = tuple(
        Goal(month=draw(months(today)), metric=draw(st.sampled_from(GoalMetric)), target=draw(st.integers(1, 60)), id=n)
        for n in range(1, draw(st.integers(0, 6)) + 1)
    )
    reflections = tuple(
        Reflection(month=draw(months(today)), text=draw(sentences), id=n) for n in range(1, draw(st.integers(0, 3)) + 1)
    )
    snapshot = Snapshot(
        revision=0,
        profile=draw(profiles(today)),
        people=crew,
        conversations=draw(conversations(today, len(crew))),
        events=events,
        goals=goals,
        tips=(),
        reflections=reflections,
    )
    return snapshot, today


def texts(nudge: coach.Nudge) -> tuple[str, str, str]:
    return nudge.title, nudge.reason, nudge.action


def shown(nudges: list[coach.Nudge]) -> list[dict[str, Any]]:
    """The nudges as a reader of the failure sees them."""
    return [{"rule": n.rule, "people": n.person_ids, "title": n.title, "action": n.action} for n in nudges]


# A count with a fractional part ("7.73 people", "2.5 conversations a week"); a 1-5 rating
# written against its scale ("4.5/5") is the one decimal a member may see.
FRACTION = re.compile(r"\b\d+\.\d+\b(?!\s*(?:/\s*5|out of 5))")


@PROPERTY
@given(members())
def test_no_person_appears_in_two_of_the_top_three(member: tuple[Snapshot, dt.date]) -> None:
    snapshot, today = member
    top = coach.nudges(snapshot, today, limit=TOP)
    assert len(top) <= TOP
    for first, second in itertools.combinations(top, 2):
        assert not set(first.person_ids) & set(second.person_ids), shown(top)


@PROPERTY
@given(members())
def test_the_top_three_repeat_a_kind_of_advice_only_when_nothing_else_applies(
    member: tuple[Snapshot, dt.date],
) -> None:
    snapshot, today = member
    top = coach.nudges(snapshot, today, limit=TOP)
    rules = [n.rule for n in top]
    if len(set(rules)) < len(rules):
        # Another kind of advice could have taken the slot, unless it asks someone already asked above.
        named = {pid for n in top for pid in n.person_ids}
        others = {
            n.rule for n in coach.nudges(snapshot, today) if n.rule not in rules and named.isdisjoint(n.person_ids)
        }
        assert not others, (shown(top), sorted(others))


@PROPERTY
@given(members())
def test_every_nudge_says_why_and_what_to_do_with_a_score_from_0_to_100(member: tuple[Snapshot, dt.date]) -> None:
    snapshot, today = member
    for nudge in coach.nudges(snapshot, today):
        assert 0 <= nudge.score <= 100, nudge
        assert all(text.strip() for text in texts(nudge)), nudge


@PROPERTY
@given(members())
def test_no_nudge_counts_a_fraction_of_a_person(member: tuple[Snapshot, dt.date]) -> None:
    snapshot, today = member
    for nudge in coach.nudges(snapshot, today):
        for text in texts(nudge):
            assert not FRACTION.search(text), (nudge.rule, text)


@PROPERTY
@given(members())
def test_the_same_log_gets_the_same_advice(member: tuple[Snapshot, dt.date]) -> None:
    snapshot, today = member
    first = coach.nudges(snapshot, today)
    assert coach.nudges(copy.deepcopy(snapshot), today) == first
    assert coach.nudges(snapshot, today, limit=TOP) == coach.nudges(snapshot, today, limit=TOP)


def test_the_fraction_check_catches_fractions_and_spares_ratings_and_dates() -> None:
    assert FRACTION.search("You met 7.73 new people a month")
    assert FRACTION.search("about 2.5 conversations a week")
    assert not FRACTION.search("average quality 4.5/5 on 2026-04-15, 3 people")
