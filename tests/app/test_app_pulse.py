"""The pulse through AppTest: a coordinator posts a check-in, members answer on Home in a tap, counts show from five."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from app_helpers import click, texts
from streamlit.testing.v1 import AppTest
from test_app_team import ISSUER, team, visit

from netcoach.member_text import seen_in_markdown
from netcoach.team import Identity
from netcoach.team.pulse import CHOICE, PULSES, SCALE

pytest_plugins = ["test_app_team"]  # its `root` fixture: a fresh data folder per test

MENTOR = "Have you met your mentor this week?"
OPTIONS = "Yes\nNot yet\n**Bold** [x](javascript:alert(1))"
THANKS = "Thanks: your answer is in."


def field(at: AppTest, kind: str, label: str):
    return next(w for w in getattr(at, kind) if w.label == label)


def post_choice(coach: AppTest) -> AppTest:
    field(coach, "text_input", "Question 1").input(MENTOR)
    field(coach, "radio", "Answers to question 1").set_value(CHOICE)
    field(coach, "text_area", "Options for question 1").input(OPTIONS)
    return click(coach, "Post the check-in")


def member_id(email: str) -> str:
    return Identity(ISSUER, email.split("@")[0], email).member_id


def test_the_coordinator_posts_a_check_in_and_a_bad_one_names_the_field(root: Path) -> None:
    coach = visit("coach@acme.test", "pulse")
    click(coach, "Post the check-in")
    assert "Not posted:" in texts(coach) and "Question 1: type a question" in texts(coach)
    field(coach, "text_input", "Question 1").input(MENTOR)
    field(coach, "radio", "Answers to question 1").set_value(CHOICE)
    field(coach, "text_area", "Options for question 1").input("Only one")
    click(coach, "Post the check-in")
    assert "Options for question 1: give 2 to 5 options, one per line" in texts(coach)
    assert not team(root).pulses.all()

    post_choice(coach)
    shown = texts(coach)
    assert "Posted: interns see it on their Home page" in shown
    assert MENTOR in shown and "0 answers so far; results show once it closes, from 5 answers" in shown
    assert not coach.progress  # no counts, not even zeros, under five answers


def test_a_member_answers_in_one_tap_and_the_block_goes_away(root: Path) -> None:
    post_choice(visit("coach@acme.test", "pulse"))
    ana = visit("ana@acme.test")
    assert "A quick check-in from your coordinator" in texts(ana)
    (pick,) = ana.button_group
    assert seen_in_markdown(pick.label) == MENTOR and len(pick.options) == 3
    assert "](javascript" not in pick.options[2]  # the coordinator's words stay inert
    pick.set_value("Not yet").run()
    shown = texts(ana)
    assert THANKS in shown and "A quick check-in" not in shown and not ana.button_group
    ana = visit("ana@acme.test")  # later, in a new session: still gone
    assert "A quick check-in" not in texts(ana) and not ana.button_group
    assert "results show from 5" not in texts(ana) and "Not yet" not in texts(ana)
    ben = visit("ben@acme.test")  # another member is still asked
    assert "A quick check-in from your coordinator" in texts(ben)


def test_a_check_in_of_several_questions_is_one_form_with_one_send(root: Path) -> None:
    today = dt.date.today()
    questions = [
        {"text": "How was your week?", "kind": SCALE},
        {"text": "Met your mentor?", "kind": CHOICE, "options": "Yes\nNo"},
    ]
    team(root).pulses.post({"questions": questions, "opens": today, "closes": today}, by="coach@acme.test")
    ana = visit("ana@acme.test")
    assert len(ana.button_group) == 2
    ana.button_group[0].set_value("4")
    click(ana, "Send my answers")
    assert "Not sent:" in texts(ana) and "Question 2: pick one answer" in texts(ana)
    ana.button_group[1].set_value("Yes")
    click(ana, "Send my answers")
    assert THANKS in texts(ana) and not ana.button_group


def test_counts_show_to_the_coordinator_only_from_five_answers(root: Path) -> None:
    post_choice(visit("coach@acme.test", "pulse"))
    for email in ("ana@acme.test", "ben@acme.test", "cy@acme.test"):
        visit(email).button_group[0].set_value("Yes").run()
    coach = visit("coach@acme.test", "pulse")
    assert "3 answers so far; results show once it closes, from 5 answers" in texts(coach) and not coach.progress

    (posted,) = team(root).pulses.all()
    team(root).pulses.answer(member_id("dee@acme.test"), posted, ["Not yet"])
    visit("eve@acme.test").button_group[0].set_value("Not yet").run()
    coach = visit("coach@acme.test", "pulse")
    # Five answered, but the pulse is open: counts that move as answers come in would give the next one away.
    assert "5 answers so far; results show once it closes" in texts(coach) and not coach.progress

    a_week_ago, yesterday = dt.date.today() - dt.timedelta(days=7), dt.date.today() - dt.timedelta(days=1)
    with team(root).store.transaction() as db:  # the week passes: the pulse closed yesterday
        db.table(PULSES).update({"opens": a_week_ago.isoformat(), "closes": yesterday.isoformat()})
    coach = visit("coach@acme.test", "pulse")
    assert "5 answers" in texts(coach) and "results show" not in texts(coach)
    bars = [seen_in_markdown(bar.proto.text) for bar in coach.progress]
    assert bars[:2] == ["Yes · 3 of 5", "Not yet · 2 of 5"] and bars[2].endswith("· 0 of 5")
    assert "ana@acme.test" not in texts(coach) and not coach.get("download_button") and not coach.dataframe


def test_members_refused_and_signed_out_visitors_see_no_pulse_and_no_results(root: Path) -> None:
    coach = post_choice(visit("coach@acme.test", "pulse"))
    posted = team(root).pulses.all()[0]
    for n in range(5):
        team(root).pulses.answer(f"m{n}", posted, ["Yes"])
    ana = visit("ana@acme.test", "pulse")  # a member opening the coordinator's page by its address
    assert "Pulse" not in [t.value for t in ana.title] and "5 answers" not in texts(ana) and not ana.progress
    for email in ("mallory@evil.test", None):
        at = visit(email)
        assert "A quick check-in" not in texts(at) and not at.button_group, email
        at = visit(email, "pulse")
        assert "5 answers" not in texts(at) and not at.progress, email
    assert "5 answers" in texts(visit("coach@acme.test", "pulse"))
    del coach
