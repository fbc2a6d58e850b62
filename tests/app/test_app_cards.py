"""Home guides and acts: first steps tick off, the coach's cards do what they say, goals pace in honest words, and
the Tips page marks a tip in one click without closing it.

The app runs on a fixed day near a month's end, the 29th of November 2026, so
the pace and "next month" stories read the same whenever they run.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from app_helpers import click, open_app, texts

from netcoach.models import GoalMetric
from netcoach.service import MemberService, member_service
from netcoach.web import session

TODAY = dt.date(2026, 11, 29)


@pytest.fixture
def app_day(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setattr(session, "system_today", lambda: TODAY)
    yield data_dir


def service(root: Path) -> MemberService:
    return member_service(root, "me", today=lambda: TODAY)


def days_ago(n: int) -> dt.date:
    return TODAY - dt.timedelta(days=n)


def owe_ana_a_follow_up(root: Path) -> int:
    svc = service(root)
    ana = svc.add_person({"name": "Ana Costa", "role": "supervisor"})
    logged = svc.log_conversation(
        {"date": days_ago(9), "person_ids": [ana.id], "topics": ["testing"], "followup_due": days_ago(7)}
    )
    return logged.id or 0


def button(at, label: str):
    return next(b for b in at.button if b.label == label)


def test_marks_the_follow_up_done_from_the_coachs_card_and_can_undo_it(app_day: Path) -> None:
    talk = owe_ana_a_follow_up(app_day)
    at = open_app()
    assert "Follow up" in texts(at) and "Ranked by:" in texts(at)
    click(at, "Mark follow-up done")
    assert service(app_day).conversation(talk).followup_done == TODAY
    assert "Marked the follow-up with Ana Costa as sent today." in texts(at)
    click(at, "Undo the follow-up with Ana Costa")
    assert service(app_day).conversation(talk).followup_done is None
    assert "Undone." in texts(at)


def test_snoozes_a_follow_up_from_its_card_for_three_days(app_day: Path) -> None:
    talk = owe_ana_a_follow_up(app_day)
    at = open_app()
    click(at, "Snooze 3 days")
    assert service(app_day).conversation(talk).followup_due == TODAY + dt.timedelta(days=3)
    assert "now due 02 Dec 2026" in texts(at)
    assert not any(b.label == "Mark follow-up done" for b in at.button)  # the card went with it


def test_the_follow_up_card_shows_a_draft_to_copy_and_keeps_its_links(app_day: Path) -> None:
    owe_ana_a_follow_up(app_day)
    at = open_app()
    assert any(c.value.startswith("Hi Ana,") and "testing" in c.value for c in at.code)
    links = {link.proto.label for link in at.get("page_link")}
    assert {"Open their page", "Why this matters"} <= links


def test_a_card_set_aside_stays_away_and_can_be_brought_back(app_day: Path) -> None:
    owe_ana_a_follow_up(app_day)
    at = open_app()
    card_button = f"card_aside_followup-overdue_{service(app_day).people()[0].id}"
    at.button(key=card_button).click().run()
    assert "Set aside until 06 Dec 2026: Follow up." in texts(at)
    assert not any(b.label == "Mark follow-up done" for b in at.button)
    assert len(service(app_day).set_aside()) == 1
    at = open_app()  # another visit: still away
    assert not any(b.label == "Mark follow-up done" for b in at.button)
    click(at, "Bring back")
    assert any(b.label == "Mark follow-up done" for b in at.button)
    assert service(app_day).set_aside() == []


def test_a_stale_card_does_not_mark_a_follow_up_changed_in_another_tab(app_day: Path) -> None:
    talk = owe_ana_a_follow_up(app_day)
    at = open_app()
    service(app_day).update_conversation(talk, {"followup_due": days_ago(1)})  # another tab moved it
    click(at, "Mark follow-up done")
    assert service(app_day).conversation(talk).followup_done is None
    assert "changed in another tab or window" in texts(at)


def test_a_prep_advice_card_opens_the_prep_card(app_day: Path) -> None:
    svc = service(app_day)
    ana = svc.add_person({"name": "Ana Costa", "role": "supervisor"})
    victor = svc.add_person({"name": "Victor Hale", "role": "supervisor"})
    when = TODAY + dt.timedelta(days=2)
    svc.log_conversation(
        {
            "date": days_ago(1),
            "person_ids": [ana.id],
            "notes": f"Ana set up a chat for me with Victor Hale on {when:%A %d %B}. Honestly really nervous.",
        }
    )
    at = open_app()
    (link,) = [el for el in at.get("page_link") if el.proto.label == "Open the prep card"]
    assert link.proto.query_string == f"person={victor.id}&tab=prepare"


def test_first_steps_tick_off_until_the_last_then_say_all_set_once(app_day: Path) -> None:
    at = open_app()
    assert "First steps: 0 of 3 done" in texts(at)
    svc = service(app_day)
    cleo = svc.add_person({"name": "Cleo Park", "role": "fellow_intern"})
    svc.log_conversation({"date": TODAY, "person_ids": [cleo.id]})
    at.run()
    shown = texts(at)
    assert "First steps: 1 of 3 done" in shown and "Your first conversation" in shown
    assert "Conversations this month" in shown  # the dashboard is there beside the steps
    svc.set_goals("2026-11", {GoalMetric.NEW_PEOPLE: 2})
    svc.save_profile({"internship_start": days_ago(60), "internship_end": TODAY + dt.timedelta(days=30)})
    at.run()
    assert "All set" in texts(at) and "First steps" not in texts(at)
    at.run()
    assert "All set" not in texts(at)


def test_goal_pace_near_the_month_end_is_in_whole_people_and_offers_next_months_goals(app_day: Path) -> None:
    svc = service(app_day)
    people = [svc.add_person({"name": f"Person {i}"}) for i in range(5)]
    for person in people:
        svc.log_conversation({"date": days_ago(3), "person_ids": [person.id]})
    svc.set_goals("2026-11", {GoalMetric.NEW_PEOPLE: 8, GoalMetric.CONVERSATIONS: 5})
    home = open_app()
    bars = [p.text for p in home.get("progress")]
    assert any("New people**: 5 of 8" in t and "3 more in the 2 days left is a stretch" in t for t in bars), bars
    assert any("Conversations**: 5 of 5" in t and "reached" in t for t in bars), bars
    assert not any("expected" in t or "a week needed" in t for t in bars)
    (offer,) = [el for el in home.get("page_link") if el.proto.label == "Set goals for December 2026"]
    assert offer.proto.query_string == "month=2026-12"

    goals = open_app("goals")
    assert "3 more in the 2 days left is a stretch" in " ".join(p.text for p in goals.get("progress"))
    click(goals, "Set goals for December 2026")
    assert goals.selectbox(key="goals_month").value == "2026-12"
    goals.number_input(key="target_2026-12_new_people").set_value(6)
    click(goals, "Save goals")
    assert {g.metric: g.target for g in service(app_day).goals("2026-12")} == {GoalMetric.NEW_PEOPLE: 6}


def test_a_link_to_next_months_goals_opens_the_goals_page_on_that_month(app_day: Path) -> None:
    at = open_app()
    at.query_params["month"] = "2026-12"
    at.switch_page("pages/goals.py").run()
    assert at.selectbox(key="goals_month").value == "2026-12"


def test_tips_are_short_cards_marked_read_tried_and_useful_in_one_click_each(app_day: Path) -> None:
    at = open_app("tips")
    headings = [s.value for s in at.subheader]
    assert headings[:4] == ["Why it matters", "Ways to build connections", "When it feels hard", "Keep going"]
    assert "A good conversation fades fast unless someone takes the next step." in texts(at)
    at.button(key="read_follow-up").click().run()
    at.button(key="tried_follow-up").click().run()
    at.button(key="useful_follow-up").click().run()
    state = service(app_day).tip_progress()["follow-up"]
    assert (state.read_on, state.tried_on, state.useful) == (TODAY, TODAY, True)
    assert state.next_review is not None and state.next_review > TODAY
    assert at.button(key="useful_follow-up").proto.type == "primary"  # shown as marked, in the same place
    at.button(key="useful_follow-up").click().run()
    assert service(app_day).tip_progress()["follow-up"].useful is False
    assert not at.exception


def test_a_tip_opened_from_a_card_link_shows_its_full_text_and_takes_a_note(app_day: Path) -> None:
    at = open_app()
    at.query_params["tip"] = "follow-up"
    at.switch_page("pages/tips.py").run()
    opened = [e for e in at.expander if e.proto.expanded]
    assert len(opened) == 1 and "This week:" in " ".join(m.value for m in opened[0].markdown)
    opened[0].text_input[0].input("Sent two thank-you notes.")
    next(b for b in opened[0].button if b.label == "Save the note").click().run()
    state = service(app_day).tip_progress()["follow-up"]
    assert (state.tried_on, state.reflection) == (TODAY, "Sent two thank-you notes.")
