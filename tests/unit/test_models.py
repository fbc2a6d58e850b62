"""Validation rules: every bad field is named, and every problem is reported at once.

A person filling a form must learn from one message what to fix, so each test
checks the exact field name and the gist of the message, not only that
something failed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from netcoach.models import (
    LIST_MAX_ITEMS,
    NAME_MAX,
    NOTE_MAX,
    SHORT_TEXT_MAX,
    Conversation,
    Event,
    EventKind,
    Goal,
    GoalMetric,
    MentorStage,
    Person,
    Profile,
    Role,
    Setting,
    TipProgress,
    ValidationError,
    from_record,
    parse_conversation,
    parse_event,
    parse_goal,
    parse_month,
    parse_person,
    parse_profile,
    parse_tip_progress,
    to_record,
)


def problems_of(parse: Any, raw: Any) -> list[str]:
    """The problems a parser reports for `raw` (the test fails if it accepts it)."""
    with pytest.raises(ValidationError) as caught:
        parse(raw)
    assert str(caught.value) == "; ".join(caught.value.problems)
    return caught.value.problems


def one_problem(parse: Any, raw: Any) -> str:
    problems = problems_of(parse, raw)
    assert len(problems) == 1, problems
    return problems[0]


CONVERSATION = {"date": "2026-03-02", "person_ids": [1]}


# ----------------------------------------------------------------- people
def test_a_person_needs_only_a_name_and_gets_sensible_defaults() -> None:
    person = parse_person({"name": "  Priya Shah  "})
    assert person == Person(name="Priya Shah")
    assert person.role is Role.OTHER
    assert person.mentor_stage is MentorStage.NONE


def test_a_missing_or_blank_name_is_refused_as_required() -> None:
    assert one_problem(parse_person, {}) == "name: required"
    assert one_problem(parse_person, {"name": "   "}) == "name: required"


def test_a_person_with_every_field_filled_in_keeps_them_all() -> None:
    person = parse_person(
        {
            "name": "Dana Wu",
            "role": "Industry professional",
            "organization": "Acme Robotics",
            "how_met": "Career fair",
            "links": ["https://example.com/dana", "mailto:dana@example.com"],
            "tags": "robotics, hiring, robotics",
            "mentor_stage": "first chat",
            "cadence_days": "30",
            "email": "dana@example.com",
            "notes": "Likes climbing.\nAsk about the new lab.",
        }
    )
    assert person.role is Role.INDUSTRY_PROFESSIONAL
    assert person.links == ("https://example.com/dana", "mailto:dana@example.com")
    assert person.tags == ("robotics", "hiring"), "a comma list is split, trimmed and de-duplicated"
    assert person.mentor_stage is MentorStage.FIRST_CHAT
    assert person.cadence_days == 30
    assert "\n" in person.notes


@pytest.mark.parametrize("spelled", ["fellow_intern", "Fellow intern", "FELLOW-INTERN", Role.FELLOW_INTERN])
def test_a_role_is_understood_however_a_form_spells_it(spelled: Any) -> None:
    assert parse_person({"name": "Sam", "role": spelled}).role is Role.FELLOW_INTERN


def test_an_unknown_role_names_the_field_and_lists_the_choices() -> None:
    problem = one_problem(parse_person, {"name": "Sam", "role": "wizard"})
    assert problem.startswith("role: 'wizard' is not one of: ")
    assert "fellow_intern" in problem and "recruiter" in problem


def test_an_unknown_mentor_stage_is_refused() -> None:
    assert one_problem(parse_person, {"name": "Sam", "mentor_stage": "bff"}).startswith("mentor_stage: 'bff'")


def test_a_name_longer_than_the_limit_is_refused_with_its_length() -> None:
    assert parse_person({"name": "x" * NAME_MAX}).name == "x" * NAME_MAX
    problem = one_problem(parse_person, {"name": "x" * (NAME_MAX + 1)})
    assert problem == f"name: too long ({NAME_MAX + 1} characters, at most {NAME_MAX})"


def test_short_text_and_notes_have_their_own_limits() -> None:
    assert parse_person({"name": "A", "organization": "o" * SHORT_TEXT_MAX}).organization
    assert one_problem(parse_person, {"name": "A", "organization": "o" * (SHORT_TEXT_MAX + 1)}).startswith(
        "organization: too long"
    )
    assert parse_person({"name": "A", "notes": "n" * NOTE_MAX}).notes
    assert one_problem(parse_person, {"name": "A", "notes": "n" * (NOTE_MAX + 1)}).startswith("notes: too long")


def test_text_fields_refuse_things_that_are_not_text() -> None:
    assert one_problem(parse_person, {"name": 42}) == "name: must be text, got int"


def test_a_link_must_be_a_web_or_mail_address() -> None:
    problem = one_problem(parse_person, {"name": "A", "links": ["javascript:alert(1)"]})
    assert problem == "links: 'javascript:alert(1)' must start with http://, https:// or mailto:"


def test_an_email_must_look_like_one() -> None:
    assert one_problem(parse_person, {"name": "A", "email": "dana at example"}) == (
        "email: 'dana at example' is not an email address"
    )


def test_lists_are_capped_in_length_and_per_item() -> None:
    tags = [f"t{i}" for i in range(LIST_MAX_ITEMS)]
    assert len(parse_person({"name": "A", "tags": tags}).tags) == LIST_MAX_ITEMS
    assert one_problem(parse_person, {"name": "A", "tags": [*tags, "one-more"]}) == (
        f"tags: too many items ({LIST_MAX_ITEMS + 1}, at most {LIST_MAX_ITEMS})"
    )
    assert one_problem(parse_person, {"name": "A", "tags": ["x" * 41]}).startswith("tags: an item is too long (41")


def test_a_list_field_refuses_other_shapes() -> None:
    assert one_problem(parse_person, {"name": "A", "tags": 5}) == "tags: must be a list of text, got int"
    assert one_problem(parse_person, {"name": "A", "tags": ["ok", 5]}) == "tags: must be a list of text, found int"


@pytest.mark.parametrize("days", ["0", 366, -1])
def test_keep_in_touch_cadence_is_one_day_to_a_year(days: Any) -> None:
    assert one_problem(parse_person, {"name": "A", "cadence_days": days}).startswith("cadence_days: must be")


def test_no_cadence_means_none() -> None:
    assert parse_person({"name": "A", "cadence_days": ""}).cadence_days is None


@pytest.mark.parametrize(
    "bad",
    ["\x00", "\x07bell", "\x1b[31mred", "del\x7f", "lone \ud800 surrogate", "\udfff"],
    ids=["nul", "bell", "escape", "delete", "high-surrogate", "low-surrogate"],
)
def test_control_characters_and_lone_surrogates_are_refused(bad: str) -> None:
    assert one_problem(parse_person, {"name": f"A{bad}B"}) == "name: contains control or invalid characters"
    assert one_problem(parse_person, {"name": "A", "tags": [f"x{bad}y"]}) == (
        "tags: contains control or invalid characters"
    )


def test_newlines_and_tabs_are_fine_in_notes_but_not_in_a_tag() -> None:
    assert parse_person({"name": "A", "notes": "line one\n\tline two"}).notes == "line one\n\tline two"
    assert one_problem(parse_person, {"name": "A", "tags": ["two\nlines"]}) == (
        "tags: contains control or invalid characters"
    )


def test_a_record_id_must_be_a_positive_whole_number() -> None:
    assert parse_person({"name": "A", "id": 7}).id == 7
    for bad in (0, -3, "7", True, 1.5):
        assert one_problem(parse_person, {"name": "A", "id": bad}) == "id: must be a positive whole number"


def test_something_that_is_not_a_set_of_fields_is_refused() -> None:
    assert one_problem(parse_person, ["name", "A"]) == "record: expected a set of fields, got list"
    assert one_problem(parse_conversation, "2026-01-01") == "record: expected a set of fields, got str"


def test_every_problem_of_a_person_is_reported_at_once() -> None:
    problems = problems_of(
        parse_person,
        {"role": "wizard", "email": "nope", "links": ["ftp://x"], "cadence_days": 0, "notes": "\x00"},
    )
    fields = [p.split(":", 1)[0] for p in problems]
    assert sorted(fields) == sorted(["name", "role", "links", "cadence_days", "notes", "email"])


# ---------------------------------------------------------- conversations
def test_a_conversation_needs_a_date_and_a_person() -> None:
    problems = problems_of(parse_conversation, {})
    assert "date: required" in problems
    assert "person_ids: pick at least one person" in problems


def test_an_impossible_date_is_named_and_explained() -> None:
    problem = one_problem(parse_conversation, {**CONVERSATION, "date": "2026-13-01"})
    assert problem == "date: 2026-13-01 is not a date (use YYYY-MM-DD)"


def test_a_date_can_come_as_text_a_date_or_a_datetime() -> None:
    for given in ("2026-03-02", dt.date(2026, 3, 2), dt.datetime(2026, 3, 2, 18, 30)):
        assert parse_conversation({**CONVERSATION, "date": given}).date == dt.date(2026, 3, 2)


def test_dates_before_1990_are_refused_as_typos() -> None:
    assert one_problem(parse_conversation, {**CONVERSATION, "date": "1989-12-31"}) == (
        "date: 1989-12-31 is before 1990"
    )


def test_a_date_of_the_wrong_type_is_refused() -> None:
    assert one_problem(parse_conversation, {**CONVERSATION, "date": 20260302}) == "date: must be a date, got int"


def test_quality_must_be_one_to_five() -> None:
    assert one_problem(parse_conversation, {**CONVERSATION, "quality": 9}) == "quality: must be 1 to 5, got 9"
    assert one_problem(parse_conversation, {**CONVERSATION, "quality": 0}) == "quality: must be 1 to 5, got 0"
    assert one_problem(parse_conversation, {**CONVERSATION, "quality": "high"}) == (
        "quality: must be a whole number from 1 to 5, got 'high'"
    )
    assert one_problem(parse_conversation, {**CONVERSATION, "quality": True}).startswith("quality: must be")
    assert one_problem(parse_conversation, {**CONVERSATION, "quality": 4.5}).startswith("quality: must be")


def test_quality_accepts_text_and_whole_floats_and_defaults_to_three() -> None:
    assert parse_conversation({**CONVERSATION, "quality": "5"}).quality == 5
    assert parse_conversation({**CONVERSATION, "quality": 4.0}).quality == 4
    assert parse_conversation(CONVERSATION).quality == 3


@pytest.mark.parametrize("ids", [[0], [-1], ["1"], [True], "1", 1, [1.0]])
def test_person_ids_must_be_a_list_of_positive_ids(ids: Any) -> None:
    assert one_problem(parse_conversation, {**CONVERSATION, "person_ids": ids}) == (
        "person_ids: must be a list of person ids"
    )


def test_person_ids_are_de_duplicated_and_capped() -> None:
    assert parse_conversation({**CONVERSATION, "person_ids": [3, 1, 3]}).person_ids == (3, 1)
    too_many = list(range(1, LIST_MAX_ITEMS + 2))
    assert one_problem(parse_conversation, {**CONVERSATION, "person_ids": too_many}) == (
        f"person_ids: too many people ({LIST_MAX_ITEMS + 1}, at most {LIST_MAX_ITEMS})"
    )


def test_setting_and_event_id_are_checked() -> None:
    assert parse_conversation({**CONVERSATION, "setting": "Coffee chat"}).setting is Setting.COFFEE_CHAT
    assert one_problem(parse_conversation, {**CONVERSATION, "setting": "pub"}).startswith("setting: 'pub'")
    assert one_problem(parse_conversation, {**CONVERSATION, "event_id": 0}).startswith("event_id: must be")


def test_a_follow_up_cannot_be_due_or_done_before_the_conversation() -> None:
    problems = problems_of(
        parse_conversation, {**CONVERSATION, "followup_due": "2026-03-01", "followup_done": "2026-02-01"}
    )
    assert problems == [
        "followup_due: must be on or after the conversation date",
        "followup_done: must be on or after the conversation date",
    ]


def test_a_conversation_with_open_follow_up_needs_one() -> None:
    open_ = parse_conversation({**CONVERSATION, "followup_due": "2026-03-04"})
    done = parse_conversation({**CONVERSATION, "followup_due": "2026-03-04", "followup_done": "2026-03-05"})
    assert open_.needs_followup and not done.needs_followup


def test_every_problem_of_a_conversation_is_reported_at_once() -> None:
    problems = problems_of(
        parse_conversation,
        {"date": "2026-02-30", "person_ids": [], "quality": 9, "setting": "pub", "topics": ["x" * 61]},
    )
    assert [p.split(":", 1)[0] for p in problems] == ["date", "person_ids", "setting", "topics", "quality"]


# ----------------------------------------------------------------- events
def test_an_event_needs_a_name_and_a_date() -> None:
    assert problems_of(parse_event, {}) == ["name: required", "date: required"]


def test_an_event_understands_yes_and_no_for_attended() -> None:
    base = {"name": "Career fair", "date": "2026-03-10"}
    assert parse_event(base) == Event(name="Career fair", date=dt.date(2026, 3, 10))
    for yes in (True, "yes", "True", "1", 1):
        assert parse_event({**base, "attended": yes}).attended is True
    for no in (False, "no", "0", 0):
        assert parse_event({**base, "attended": no}).attended is False
    assert one_problem(parse_event, {**base, "attended": "maybe"}) == "attended: must be yes or no"


def test_an_event_kind_must_be_known() -> None:
    base = {"name": "Meetup", "date": "2026-03-10"}
    assert parse_event({**base, "kind": "Workshop"}).kind is EventKind.WORKSHOP
    assert one_problem(parse_event, {**base, "kind": "rave"}).startswith("kind: 'rave' is not one of")


# ------------------------------------------------------------------ goals
@pytest.mark.parametrize(
    ("given", "month"),
    [("2026-01", "2026-01"), (" 2026-12 ", "2026-12"), (dt.date(2026, 5, 31), "2026-05"), ("1990-01", "1990-01")],
)
def test_a_month_is_read_as_year_and_month(given: Any, month: str) -> None:
    assert parse_month(given) == month


@pytest.mark.parametrize("given", ["2026-13", "2026-00", "2026-1", "26-01", "2026-01-01", "1989-12", "March", ""])
def test_a_month_that_is_not_one_is_refused_by_name(given: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_month(given)
    assert caught.value.problems[0].startswith("month: ")
    assert "is not a month (use YYYY-MM)" in caught.value.problems[0]


def test_a_missing_month_says_empty() -> None:
    with pytest.raises(ValidationError, match="month: empty is not a month"):
        parse_month(None)


def test_a_month_written_with_other_digits_is_stored_in_plain_digits() -> None:
    """Goals are matched by month text: one month must have one spelling."""
    assert parse_month("\uff12\uff10\uff12\uff16-\uff10\uff13") == "2026-03"  # full-width digits


def test_a_date_before_1990_is_not_a_month_either() -> None:
    with pytest.raises(ValidationError, match="month: "):
        parse_month(dt.date(1, 1, 1))


def test_a_goal_needs_a_month_a_metric_and_a_target_of_1_to_999() -> None:
    assert parse_goal({"month": "2026-03", "metric": "new people", "target": "5"}) == Goal(
        month="2026-03", metric=GoalMetric.NEW_PEOPLE, target=5
    )
    assert problems_of(parse_goal, {}) == [
        "month: empty is not a month (use YYYY-MM)",
        "metric: required",
        "target: required",
    ]
    assert one_problem(parse_goal, {"month": "2026-03", "metric": "conversations", "target": 1000}) == (
        "target: must be 1 to 999, got 1000"
    )


# ------------------------------------------------------- tips and profile
def test_tip_progress_needs_a_tip_and_checks_its_dates() -> None:
    assert one_problem(parse_tip_progress, {}) == "tip_id: required"
    progress = parse_tip_progress({"tip_id": "ask-for-advice", "read_on": "2026-03-01", "useful": "yes"})
    assert progress == TipProgress(tip_id="ask-for-advice", read_on=dt.date(2026, 3, 1), useful=True)
    assert one_problem(parse_tip_progress, {"tip_id": "x", "next_review": "soon"}) == (
        "next_review: soon is not a date (use YYYY-MM-DD)"
    )


def test_an_internship_cannot_end_before_it_starts() -> None:
    assert one_problem(parse_profile, {"internship_start": "2026-06-01", "internship_end": "2026-05-31"}) == (
        "internship_end: must be on or after the day the internship starts"
    )
    same_day = parse_profile({"internship_start": "2026-06-01", "internship_end": "2026-06-01"})
    assert same_day.internship_end == dt.date(2026, 6, 1)


def test_a_profile_has_defaults_and_checks_its_numbers() -> None:
    assert parse_profile({}) == Profile()
    assert parse_profile({"default_followup_days": 0}).default_followup_days == 0
    assert one_problem(parse_profile, {"default_followup_days": 61}) == "default_followup_days: must be 0 to 60, got 61"
    assert one_problem(parse_profile, {"default_setting": "pub"}).startswith("default_setting: 'pub'")


# ---------------------------------------------------------------- records
@pytest.mark.parametrize(
    "value",
    [
        Person(
            name="Dana",
            role=Role.MENTOR,
            links=("https://example.com",),
            tags=("a", "b"),
            mentor_stage=MentorStage.MENTOR,
            cadence_days=14,
            email="d@example.com",
        ),
        Conversation(
            date=dt.date(2026, 3, 2),
            person_ids=(1, 2),
            setting=Setting.ONLINE,
            event_id=4,
            topics=("ml",),
            quality=5,
            followup_due=dt.date(2026, 3, 4),
            followup_done=dt.date(2026, 3, 5),
        ),
        Event(name="Fair", date=dt.date(2026, 3, 1), kind=EventKind.INDUSTRY, attended=True),
        Goal(month="2026-03", metric=GoalMetric.HELP_OFFERED, target=2),
        TipProgress(tip_id="t", read_on=dt.date(2026, 3, 1), useful=False),
        Profile(display_name="Me", internship_start=dt.date(2026, 6, 1), default_setting=Setting.SOCIAL),
    ],
    ids=lambda v: type(v).__name__,
)
def test_a_value_survives_storage_as_plain_json(value: Any) -> None:
    record = to_record(value)
    assert "id" not in record, "the id lives in the document id, not in the record"
    assert all(isinstance(v, (str, int, bool, list, type(None))) for v in record.values())
    restored = from_record(type(value), record, 7 if hasattr(value, "id") else None)
    expected = value if not hasattr(value, "id") else type(value)(**{**vars(value), "id": 7})
    assert restored == expected


def test_a_stored_record_with_unknown_keys_and_missing_fields_still_loads() -> None:
    person = from_record(Person, {"name": "Old", "favourite_colour": "blue"}, 3)
    assert person == Person(name="Old", id=3)
