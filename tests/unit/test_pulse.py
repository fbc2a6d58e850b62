"""The pulse: a coordinator's short check-in, answered once per member, read back only as counts from five answers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from netcoach.models import ValidationError
from netcoach.service import StaleRecordError
from netcoach.storage import data_dir
from netcoach.team import Team
from netcoach.team.pulse import (
    CHOICE,
    MIN_ANSWERS,
    SCALE,
    Pulse,
    Question,
    check_answers,
    count_answers,
    open_for,
    parse_pulse,
)

TODAY = dt.date(2026, 7, 6)
NEXT_WEEK = TODAY + dt.timedelta(days=7)


def raw(*questions: dict[str, object], opens: object = TODAY, closes: object = NEXT_WEEK) -> dict[str, object]:
    return {"questions": list(questions), "opens": opens, "closes": closes}


def problems(data: dict[str, object]) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        parse_pulse(data, TODAY)
    return caught.value.problems


MOOD = {"text": "How is your week going?", "kind": SCALE}
MENTOR = {"text": "Have you met your mentor?", "kind": CHOICE, "options": "Yes\nNot yet\n\n"}


def test_a_pulse_of_a_scale_and_a_choice_is_read_as_posted() -> None:
    questions, opens, closes = parse_pulse(raw(MOOD, MENTOR, {"text": "  ", "kind": SCALE}), TODAY)
    assert [q.text for q in questions] == ["How is your week going?", "Have you met your mentor?"]
    assert questions[0].options == ("1", "2", "3", "4", "5")
    assert questions[1].options == ("Yes", "Not yet")
    assert (opens, closes) == (TODAY, NEXT_WEEK)


def test_every_problem_names_the_field_as_the_form_labels_it() -> None:
    assert problems(raw()) == ["Question 1: type a question"]
    found = problems(
        raw(
            {"text": "Pick one", "kind": CHOICE, "options": "Only one"},
            {"text": "x" * 201, "kind": SCALE},
            {"text": "Again?", "kind": CHOICE, "options": "Yes\nyes"},
            opens="",
            closes=TODAY - dt.timedelta(days=1),
        )
    )
    assert found == [
        "Options for question 1: give 2 to 5 options, one per line",
        "Question 2: at most 200 characters",
        "Options for question 3: 'yes' is there twice",
        "Opens on: pick a date",
    ]
    assert problems(raw(MOOD, closes=TODAY - dt.timedelta(days=1))) == ["Closes on: that day has passed"]
    assert problems(raw(MOOD, opens=NEXT_WEEK, closes=TODAY)) == ["Closes on: on or after the day it opens"]
    six = {"text": "Too many", "kind": CHOICE, "options": "a\nb\nc\nd\ne\nf"}
    assert problems(raw(six)) == ["Options for question 1: give 2 to 5 options, one per line"]
    assert problems(raw(MOOD, MOOD, MOOD, MOOD))[0] == "Questions: at most 3"


def pulse(*questions: Question) -> Pulse:
    return Pulse(1, questions or (Question("Mood?", SCALE, ("1", "2", "3", "4", "5")),), TODAY, NEXT_WEEK)


def test_results_stay_hidden_under_five_answers_and_then_show_counts_per_option() -> None:
    mood = pulse(Question("Mood?", SCALE, ("1", "2", "3", "4", "5")), Question("Mentor?", CHOICE, ("Yes", "No")))
    four = [("4", "Yes"), ("5", "No"), ("4", "Yes"), ("2", "Yes")]
    after = NEXT_WEEK + dt.timedelta(days=1)
    hidden = count_answers(mood, four, after)
    assert not hidden.shown and hidden.counts is None
    assert hidden.summary == "4 answers; results show from 5"
    still_open = count_answers(mood, [*four, ("4", "No")], NEXT_WEEK)  # live counts would give the 5th away
    assert (
        not still_open.shown and still_open.summary == "5 answers so far; results show once it closes, from 5 answers"
    )
    shown = count_answers(mood, [*four, ("4", "No")], after)
    assert shown.shown and shown.answered == MIN_ANSWERS and shown.summary == "5 answers"
    assert shown.counts == (
        (("1", 0), ("2", 1), ("3", 0), ("4", 3), ("5", 1)),
        (("Yes", 3), ("No", 2)),
    )


def test_an_answer_needs_one_option_per_question() -> None:
    two = pulse(Question("Mood?", SCALE, ("1", "2", "3", "4", "5")), Question("Mentor?", CHOICE, ("Yes", "No")))
    assert check_answers(two, ["3", "No"]) == ("3", "No")
    with pytest.raises(ValidationError) as caught:
        check_answers(two, [None, "Maybe"])
    assert caught.value.problems == ["Question 1: pick one answer", "Question 2: pick one answer"]
    with pytest.raises(ValidationError) as caught:
        check_answers(pulse(), [None])
    assert caught.value.problems == ["Mood?: pick one answer"]


def test_a_member_is_asked_the_open_pulse_they_have_not_answered() -> None:
    early = Pulse(1, pulse().questions, TODAY - dt.timedelta(days=3), TODAY)
    later = Pulse(2, pulse().questions, TODAY, NEXT_WEEK)
    closed = Pulse(3, pulse().questions, TODAY - dt.timedelta(days=9), TODAY - dt.timedelta(days=1))
    future = Pulse(4, pulse().questions, NEXT_WEEK, NEXT_WEEK)
    assert open_for([later, early, closed, future], TODAY, answered=[]) == early
    assert open_for([later, early, closed, future], TODAY, answered=[1]) == later
    assert open_for([later, early, closed, future], TODAY, answered=[1, 2]) is None


@pytest.fixture
def team(tmp_path: Path) -> Team:
    clock = {"today": TODAY}
    made = Team(data_dir(tmp_path), today=lambda: clock["today"])
    made.clock = clock  # type: ignore[attr-defined]
    return made


def test_one_member_answers_once_and_may_change_it_while_open(team: Team) -> None:
    posted = team.pulses.post(raw(MENTOR), by="coach@acme.test")
    for n in range(4):
        team.pulses.answer(f"m{n}", posted, ["Yes"])
    team.pulses.answer("m0", posted, ["Not yet"])  # a change, not a fifth answer
    (result,) = team.pulses.results()
    assert result.answered == 4 and not result.shown
    team.pulses.answer("m4", posted, ["Not yet"])
    (result,) = team.pulses.results()
    assert result.answered == 5 and not result.shown  # open: no counts that move as answers come in
    team.clock["today"] = NEXT_WEEK + dt.timedelta(days=1)  # type: ignore[attr-defined]
    (result,) = team.pulses.results()
    assert result.counts == ((("Yes", 3), ("Not yet", 2)),)
    assert team.pulses.answered_by("m0") == {posted.id} and team.pulses.answered_by("nobody") == set()


def test_the_coordinators_results_never_hold_who_answered(team: Team) -> None:
    posted = team.pulses.post(raw(MENTOR), by="coach@acme.test")
    for n in range(6):
        team.pulses.answer(f"member-{n}", posted, ["Yes"])
    (result,) = team.pulses.results()
    assert "member-" not in repr(result)


def test_an_answer_to_a_closed_or_changed_pulse_is_refused(team: Team) -> None:
    posted = team.pulses.post(raw(MOOD, closes=TODAY), by="coach@acme.test")
    with pytest.raises(StaleRecordError):
        team.pulses.answer("m1", Pulse(posted.id, posted.questions, TODAY, NEXT_WEEK), ["3"])
    team.clock["today"] = TODAY + dt.timedelta(days=1)  # type: ignore[attr-defined]
    with pytest.raises(StaleRecordError, match="closed on"):
        team.pulses.answer("m1", posted, ["3"])
    assert team.pulses.results()[0].answered == 0
