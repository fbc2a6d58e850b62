"""The coach reading the member's own words: openings, promises both ways, advice acted on, feelings.

Each story writes a note the way an intern types it and checks what the
coach says first, that it quotes the note, and that the member's own
decisions (confirm, dismiss, close) are respected.
"""

from __future__ import annotations

import datetime as dt
import itertools

from support import TODAY

from netcoach import coach
from netcoach.coach.signals import extract
from netcoach.models import (
    Conversation,
    Event,
    Loop,
    LoopKind,
    LoopStatus,
    Person,
    Profile,
    Reflection,
    Role,
    Snapshot,
)

_ids = itertools.count(1)

ANA = Person("Ana Ruiz", Role.SUPERVISOR, id=1)
BEN = Person("Ben Okafor", Role.FELLOW_INTERN, id=2)
TOMAS = Person("Tomas Berg", Role.INDUSTRY_PROFESSIONAL, id=3)
CLAIRE = Person("Claire Fontaine", Role.INDUSTRY_PROFESSIONAL, id=4)
VICTOR = Person("Victor Hale", Role.SUPERVISOR, id=5)
PEOPLE = (ANA, BEN, TOMAS, CLAIRE, VICTOR)


def day(offset: int) -> dt.date:
    return TODAY + dt.timedelta(days=offset)


def talk(when: dt.date, *person_ids: int, **kw) -> Conversation:
    kw.setdefault("learned", "How the team plans its sprints.")
    return Conversation(date=when, person_ids=person_ids, id=next(_ids), **kw)


def snap(conversations=(), loops=(), reflections=(), events=(), people=PEOPLE) -> Snapshot:
    return Snapshot(
        revision=0,
        profile=Profile(internship_start=day(-90), internship_end=day(90)),
        people=tuple(people),
        conversations=tuple(conversations),
        events=tuple(events),
        goals=(),
        tips=(),
        reflections=tuple(reflections),
        loops=tuple(loops),
    )


def top(snapshot: Snapshot, today: dt.date = TODAY) -> list[coach.Nudge]:
    return coach.nudges(snapshot, today, limit=3)


def steady_weeks() -> list[Conversation]:
    """A member who talks to Ana and Ben every week: nothing slips, so the words decide."""
    return [talk(day(-7 * i), ANA.id or 0, BEN.id or 0, quality=4) for i in range(1, 8)]


def test_an_open_role_in_a_note_comes_first_quoted_with_its_date():
    lead = talk(
        day(-2),
        TOMAS.id or 0,
        quality=5,
        notes="Tomas said his team is hiring a junior analyst. Applications close 24 April.",
    )
    first = top(snap([*steady_weeks(), lead]))[0]
    assert (first.rule, first.person_ids) == ("opportunity", (TOMAS.id,))
    assert "Tomas said his team is hiring a junior analyst. Applications close 24 April." in first.reason
    assert "due 24 Apr" in first.ranking


def test_a_contact_asking_for_the_slides_is_a_promise_owed_naming_the_slides():
    ask = talk(day(-3), TOMAS.id or 0, notes="He asked me to send him the slides from my demo.")
    owed = next(n for n in top(snap([*steady_weeks(), ask])) if n.rule == "promise-owed")
    assert owed.person_ids == (TOMAS.id,)
    assert "Send Tomas the slides from my demo today" in owed.action or "Send Tomas the slides" in owed.action


def test_a_dismissed_promise_never_comes_back():
    ask = talk(day(-3), TOMAS.id or 0, notes="He asked me to send him the slides from my demo.")
    (signal,) = [s for s in extract(snap([ask]), TODAY) if s.kind.is_promise]
    dismissed = Loop(LoopKind.THEY_ASKED, (TOMAS.id or 0,), LoopStatus.DISMISSED, signal_key=signal.key, id=1)
    assert "promise-owed" not in {n.rule for n in coach.nudges(snap([*steady_weeks(), ask], [dismissed]), TODAY)}


def test_a_confirmed_promise_stays_open_past_the_month_and_a_later_talk_until_it_is_closed():
    ask = talk(day(-50), TOMAS.id or 0, notes="He asked me to send him the slides from my demo.")
    later = talk(day(-20), TOMAS.id or 0, quality=4)
    (signal,) = [s for s in extract(snap([ask]), TODAY) if s.kind.is_promise]
    loop = Loop(LoopKind.THEY_ASKED, (TOMAS.id or 0,), signal_key=signal.key, text=signal.quote, id=1)
    log = [*steady_weeks(), ask, later]
    assert "promise-owed" not in {n.rule for n in coach.nudges(snap(log), TODAY)}  # unconfirmed: it lapsed
    owed = next(n for n in coach.nudges(snap(log, [loop]), TODAY) if n.rule == "promise-owed")
    assert owed.person_ids == (TOMAS.id,) and "an open loop you confirmed" in owed.ranking
    closed = Loop(LoopKind.THEY_ASKED, (TOMAS.id or 0,), LoopStatus.CLOSED, signal_key=signal.key, id=1)
    assert "promise-owed" not in {n.rule for n in coach.nudges(snap(log, [closed]), TODAY)}


def test_a_promise_typed_in_by_hand_is_owed_like_one_read_in_a_note():
    typed = Loop(LoopKind.I_PROMISED, (TOMAS.id or 0,), text="Send Tomas my notes", what="my notes", id=1)
    owed = next(n for n in coach.nudges(snap(steady_weeks(), [typed]), TODAY) if n.rule == "promise-owed")
    assert owed.person_ids == (TOMAS.id,) and "Send Tomas my notes" in owed.action


def test_advice_acted_on_weeks_ago_gets_a_report_back_quoting_what_the_member_did():
    advice = talk(day(-40), CLAIRE.id or 0, quality=5, learned="Claire suggested I write a one-page memo on a company.")
    acted = talk(day(-25), BEN.id or 0, notes="Finally wrote the one-page memo like Claire suggested.")
    nudge = next(n for n in coach.nudges(snap([*steady_weeks(), advice, acted]), TODAY) if n.rule == "report-back")
    assert nudge.person_ids == (CLAIRE.id,)
    assert "Finally wrote the one-page memo like Claire suggested." in nudge.reason


def test_advice_never_acted_on_gets_no_report_back():
    advice = talk(day(-40), CLAIRE.id or 0, quality=5, learned="Claire suggested I write a one-page memo on a company.")
    assert "report-back" not in {n.rule for n in coach.nudges(snap([*steady_weeks(), advice]), TODAY)}


def test_after_writing_im_overwhelmed_the_member_hears_recognition_and_one_small_step_only():
    note = Reflection(month=TODAY.strftime("%Y-%m"), text="Honestly I'm overwhelmed and behind on everything.", id=1)
    found = top(snap(steady_weeks(), reflections=[note]))
    assert found[0].rule == "feeling-low"
    assert "I'm overwhelmed" in found[0].reason and "7 conversations" in found[0].reason
    assert all(n.priority.value >= 60 for n in found)  # no habits, events, new people or stretch goals


def test_nervous_about_a_talk_in_three_days_gets_a_prep_card_for_that_person():
    note = talk(
        day(-1),
        ANA.id or 0,
        notes=f"Ana set up a chat for me with Victor Hale on {day(3):%A %d %B}. Honestly really nervous.",
    )
    first = top(snap([*steady_weeks(), note]))[0]
    assert (first.rule, first.person_ids) == ("prepare", (VICTOR.id,))
    assert "prep card" in first.action


def test_nervous_before_an_event_this_week_gets_the_event_prep():
    worry = Reflection(month=TODAY.strftime("%Y-%m"), text="I feel nervous about networking events.", id=1)
    fair = Event("Data careers fair", day(4))
    nudge = next(n for n in top(snap(steady_weeks(), reflections=[worry], events=[fair])) if n.rule == "prepare")
    assert "Data careers fair" in nudge.action


def test_a_member_who_only_gives_is_pointed_to_the_person_who_offered_to_return_the_favour():
    giving = [talk(day(-7 * i), BEN.id or 0, help_offered="Reviewed his pandas code.", learned="") for i in range(1, 5)]
    offer = talk(
        day(-10), TOMAS.id or 0, help_offered="Helped him clean a dataset.", notes="Tomas said he owes me one."
    )
    found = coach.nudges(snap([*giving, offer]), TODAY)
    first_for_tomas = next(n for n in found if TOMAS.id in n.person_ids)
    assert first_for_tomas.rule in ("offer-open", "only-giving")


def test_a_promised_favour_is_said_as_a_promise_kept_not_as_something_to_send_and_waits_for_a_dated_one():
    favour = talk(day(-5), BEN.id or 0, notes="Told Ben I'd show him around the dbt repo at some point.")
    dated = talk(day(-2), TOMAS.id or 0, notes=f"Said I'd get the funnel breakdown to Tomas by {day(1):%A}.")
    owed = [n for n in coach.nudges(snap([*steady_weeks(), favour, dated]), TODAY) if n.rule == "promise-owed"]
    assert [n.person_ids for n in owed] == [(TOMAS.id,), (BEN.id,)]
    assert owed[0].title == "Send Tomas the funnel breakdown"
    assert owed[1].title == "Keep your word to Ben" and "Send Ben around" not in owed[1].action
