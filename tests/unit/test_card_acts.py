"""A coach card's button does what the advice asks, and "not now" keeps the advice away for a week.

The acts are worked out from the nudge and the member's data, with no web
page involved; the service tests check that what the member set aside is
written to their file and comes back on its day.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from support import TODAY

from netcoach.coach import Nudge, pace
from netcoach.coach.first_steps import StepKind, all_done, first_steps
from netcoach.coach.goals import is_stretch, next_goals_month, pace_note
from netcoach.coach.nudges.acts import SET_ASIDE_DAYS, SNOOZE_DAYS, ActKind, card_acts, shown_nudges
from netcoach.coach.tips import load_tips, tip_line
from netcoach.models import Conversation, Goal, GoalMetric, Person, Profile, SetAside, Snapshot
from netcoach.service import MemberService, StaleRecordError, member_service


def day(offset: int) -> dt.date:
    return TODAY + dt.timedelta(days=offset)


ANA = Person(name="Ana Costa", id=1)
BEN = Person(name="Ben Ode", id=2)


def snap(conversations=(), goals=(), profile: Profile | None = None, set_aside=()) -> Snapshot:
    return Snapshot(
        revision=0,
        profile=profile or Profile(),
        people=(ANA, BEN),
        conversations=tuple(sorted(conversations, key=lambda c: (c.date, c.id or 0), reverse=True)),
        events=(),
        goals=tuple(goals),
        tips=(),
        set_aside=tuple(set_aside),
    )


def nudge(rule: str, *person_ids: int, score: float = 60.0, title: str = "Advice") -> Nudge:
    return Nudge(rule, title, "why", person_ids, "follow-up", "do it", score)


# ------------------------------------------------------------------ what each card does


def test_an_overdue_follow_up_card_marks_done_drafts_and_snoozes_the_oldest_one_owed_to_that_person() -> None:
    older = Conversation(date=day(-20), person_ids=(1,), followup_due=day(-18), id=10)
    newer = Conversation(date=day(-5), person_ids=(1,), followup_due=day(-3), id=11)
    someone_else = Conversation(date=day(-30), person_ids=(2,), followup_due=day(-28), id=12)
    acts = card_acts(nudge("followup-overdue", 1), snap([older, newer, someone_else]), TODAY)
    assert [a.kind for a in acts] == [ActKind.MARK_DONE, ActKind.DRAFT, ActKind.SNOOZE]
    assert all(a.conversation == older and a.person_id == 1 for a in acts)
    assert acts[0].label == "Mark follow-up done" and acts[1].draft_kind == "thank_you"
    assert acts[2].label == f"Snooze {SNOOZE_DAYS} days"


def test_a_follow_up_card_whose_follow_up_was_sent_meanwhile_opens_the_person_instead() -> None:
    sent = Conversation(date=day(-9), person_ids=(1,), followup_due=day(-7), followup_done=day(-1), id=10)
    acts = card_acts(nudge("followup-overdue", 1), snap([sent]), TODAY)
    assert [(a.kind, a.person_id) for a in acts] == [(ActKind.OPEN_PERSON, 1)]


@pytest.mark.parametrize(
    ("rule", "people", "kind", "label"),
    [
        ("prepare", (2,), ActKind.OPEN_PREP, "Open the prep card"),
        ("exit-thanks", (1,), ActKind.DRAFT, "Draft the message"),
        ("no-events", (), ActKind.OPEN_EVENTS, "Open events"),
        ("no-new-people", (), ActKind.LOG, "Log a conversation"),
        ("feeling-low", (1,), ActKind.LOG, "Log a conversation"),
        ("keep-in-touch", (2,), ActKind.OPEN_PERSON, "Open their page"),
        ("opportunity", (1,), ActKind.OPEN_PERSON, "Open their page"),
        ("on-track", (1,), ActKind.OPEN_PERSON, "Open their page"),
    ],
)
def test_each_kind_of_advice_gets_the_button_that_does_it(rule: str, people: tuple[int, ...], kind, label) -> None:
    (act,) = card_acts(nudge(rule, *people), snap([Conversation(date=day(-3), person_ids=(1,), id=5)]), TODAY)
    assert (act.kind, act.label) == (kind, label)
    assert act.person_id == (people[0] if people else None)


def test_goal_advice_opens_the_goals_of_the_month_it_speaks_of_next_month_in_the_last_days() -> None:
    (mid,) = card_acts(nudge("realistic-goals"), snap(), dt.date(2026, 11, 10))
    (late,) = card_acts(nudge("realistic-goals"), snap(), dt.date(2026, 11, 29))
    (stretch,) = card_acts(nudge("on-track"), snap(), dt.date(2026, 11, 29))
    assert (mid.kind, mid.month, mid.label) == (ActKind.SET_GOALS, "2026-11", "Set goals for November 2026")
    assert (late.month, late.label) == ("2026-12", "Set goals for December 2026")
    assert stretch.kind is ActKind.SET_GOALS


def test_advice_about_someone_no_longer_in_the_list_offers_no_person_button() -> None:
    assert card_acts(nudge("keep-in-touch", 99), snap(), TODAY) == ()
    assert card_acts(nudge("no-online"), snap(), TODAY) == ()  # nothing in the app updates an online profile


# ------------------------------------------------------------------ not now


def test_advice_set_aside_stays_away_until_its_day_and_the_next_one_moves_up() -> None:
    ranked = [nudge("followup-overdue", 1, score=70), nudge("followup-overdue", 2, score=65), nudge("no-events")]
    aside = [SetAside(rule="followup-overdue", person_id=1, until=day(7), set_on=TODAY, id=1)]
    shown = shown_nudges(ranked, aside, TODAY, limit=3)
    assert [(n.rule, n.subject) for n in shown] == [("followup-overdue", 2), ("no-events", None)]
    assert shown_nudges(ranked, aside, day(7), limit=3)[0].subject == 1  # back on its day
    assert shown_nudges(ranked, [], TODAY) == ranked  # nothing set aside: the coach's own order


def test_setting_aside_advice_about_one_person_keeps_the_same_advice_about_another() -> None:
    ranked = [nudge("keep-in-touch", 1), nudge("keep-in-touch", 2, score=50)]
    aside = [SetAside(rule="keep-in-touch", person_id=1, until=day(3), id=1)]
    assert [n.subject for n in shown_nudges(ranked, aside, TODAY)] == [2]


def _follow_up_owed(svc: MemberService) -> Conversation:
    ana = svc.add_person({"name": "Ana Costa", "role": "supervisor"})
    return svc.log_conversation({"date": day(-9), "person_ids": [ana.id], "followup_due": day(-7)})


def test_not_now_is_written_to_the_members_file_and_the_card_comes_back_a_week_later(data_root: Path) -> None:
    svc = member_service(data_root, "me", today=lambda: TODAY)
    _follow_up_owed(svc)
    first = svc.nudges(limit=3)[0]
    assert first.rule == "followup-overdue"
    item = svc.set_nudge_aside(first)
    assert (item.until, item.title) == (day(SET_ASIDE_DAYS), "Follow up")
    svc.set_nudge_aside(first)  # twice is still one record
    again = member_service(data_root, "me", today=lambda: TODAY)
    assert len(again.set_aside()) == 1
    assert first not in again.nudges(limit=3)
    week_later = member_service(data_root, "me", today=lambda: day(SET_ASIDE_DAYS))
    assert week_later.nudges(limit=3)[0].rule == "followup-overdue"
    assert week_later.set_aside() == []


def test_advice_brought_back_shows_again_at_once(svc: MemberService) -> None:
    _follow_up_owed(svc)
    first = svc.nudges(limit=3)[0]
    item = svc.set_nudge_aside(first)
    svc.bring_back_nudge(item.id or 0)
    assert svc.nudges(limit=3)[0] == first
    svc.bring_back_nudge(item.id or 0)  # a second click does nothing


def test_snooze_moves_the_follow_up_three_days_from_today_and_refuses_a_stale_card(svc: MemberService) -> None:
    owed = _follow_up_owed(svc)
    moved = svc.postpone_followup(owed.id or 0, expected=owed)
    assert moved.followup_due == day(SNOOZE_DAYS)
    assert svc.followups().overdue == ()
    with pytest.raises(StaleRecordError):
        svc.postpone_followup(owed.id or 0, expected=owed)  # the card showed the old due date
    assert svc.conversation(owed.id or 0).followup_due == day(SNOOZE_DAYS)


# ------------------------------------------------------------------ goal pace in words

MONEY = re.compile(r"\d\.\d")  # any fraction of a person


@pytest.mark.parametrize(
    ("actual", "target", "on", "words"),
    [
        (0, 8, 29, "8 more in the 2 days left is a stretch"),
        (5, 8, 29, "3 more in the 2 days left is a stretch"),
        (7, 8, 29, "on pace · 1 more in the 2 days left"),
        (3, 8, 30, "5 more today is a stretch"),
        (0, 8, 5, "behind · 8 more in the 26 days left, about 3 a week"),
        (2, 8, 5, "on pace · 6 more in the 26 days left"),
        (8, 8, 20, "reached"),
    ],
)
def test_goal_pace_reads_in_whole_people_and_days(actual: int, target: int, on: int, words: str) -> None:
    found = pace_note(pace(actual, target, "2026-11", dt.date(2026, 11, on)))
    assert found == words
    assert not MONEY.search(found)


def test_a_past_month_says_by_how_many_it_was_missed() -> None:
    assert pace_note(pace(2, 8, "2026-10", dt.date(2026, 11, 3))) == "missed by 6"


def test_one_more_on_the_last_day_is_a_plan_not_a_stretch() -> None:
    assert not is_stretch(pace(7, 8, "2026-11", dt.date(2026, 11, 30)))


def test_next_months_goals_are_offered_only_in_a_months_last_days() -> None:
    assert next_goals_month(dt.date(2026, 11, 29)) == "2026-12"
    assert next_goals_month(dt.date(2026, 12, 28)) == "2027-01"
    assert next_goals_month(dt.date(2026, 11, 10)) is None


# ------------------------------------------------------------------ first steps and tips


def test_first_steps_tick_off_one_by_one_and_are_all_done_only_at_the_end() -> None:
    steps = first_steps(snap())
    assert [s.done for s in steps] == [False, False, False]
    talked = snap([Conversation(date=day(-1), person_ids=(1,), id=3)])
    assert [s.kind for s in first_steps(talked) if s.done] == [StepKind.CONVERSATION]
    with_goals = snap(talked.conversations, goals=[Goal("2026-04", GoalMetric.NEW_PEOPLE, 3, id=1)])
    assert not all_done(first_steps(with_goals))
    dated = Profile(internship_start=day(-30), internship_end=day(60))
    assert all_done(first_steps(snap(talked.conversations, with_goals.goals, profile=dated)))


def test_every_tip_has_a_one_line_summary_that_is_its_first_sentence() -> None:
    for tip in load_tips():
        line = tip_line(tip)
        assert line.endswith((".", "!", "?")) and len(line) <= 140, tip.id
        assert " ".join(tip.why.split()).startswith(line)
