"""What a member can do through the service, told as their stories.

Every refused change is checked against the bytes of the member file: a
message is only half the promise, the other half is that nothing was written.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest
from support import TODAY

from netcoach.models import LIST_MAX_ITEMS, GoalMetric, Person, Role, Setting, ValidationError
from netcoach.service import GoalProgress, MemberService, NotFoundError, member_service


def file_bytes(svc: MemberService) -> bytes | None:
    """The member file as it is on disk (None when nothing was ever written)."""
    path = svc.data_file
    return path.read_bytes() if path.exists() else None


def other_member(data_root: Path, member_id: str = "other") -> MemberService:
    return member_service(data_root, member_id, today=lambda: TODAY)


def person(svc: MemberService, name: str, role: str = "other", **fields: Any) -> int:
    created = svc.add_person({"name": name, "role": role, **fields})
    assert created.id is not None
    return created.id


def talk(svc: MemberService, day: str, *person_ids: int, **fields: Any) -> int:
    logged = svc.log_conversation({"date": day, "person_ids": list(person_ids), **fields})
    assert logged.id is not None
    return logged.id


# ----------------------------------------------------------------- people
def test_adds_a_person_and_finds_them_again(svc: MemberService) -> None:
    added = svc.add_person({"name": "Priya Shah", "role": "mentor", "organization": "Globex"})
    assert added.id is not None
    assert svc.person(added.id) == added
    assert svc.people() == [added]


def test_a_person_with_problems_is_refused_with_every_problem_and_not_saved(svc: MemberService) -> None:
    with pytest.raises(ValidationError) as caught:
        svc.add_person({"name": "", "role": "wizard", "email": "nope"})
    assert [p.split(":")[0] for p in caught.value.problems] == ["name", "role", "email"]
    assert file_bytes(svc) is None


def test_edits_a_person_and_keeps_what_was_not_changed(svc: MemberService) -> None:
    dana = person(svc, "Dana", "mentor", organization="Acme", tags=["robotics"])
    edited = svc.update_person(dana, {"organization": "Globex"})
    assert (edited.name, edited.role, edited.organization, edited.tags) == (
        "Dana",
        Role.MENTOR,
        "Globex",
        ("robotics",),
    )
    assert svc.person(dana) == edited


def test_a_bad_edit_names_the_field_and_changes_nothing(svc: MemberService) -> None:
    dana = person(svc, "Dana")
    before = file_bytes(svc)
    with pytest.raises(ValidationError, match="email: 'not-an-email' is not an email address"):
        svc.update_person(dana, {"email": "not-an-email"})
    assert file_bytes(svc) == before
    assert svc.person(dana).email == ""


def test_someone_who_is_not_there_cannot_be_read_edited_or_deleted(svc: MemberService) -> None:
    person(svc, "Dana")
    before = file_bytes(svc)
    for call in (
        lambda: svc.person(99),
        lambda: svc.update_person(99, {"name": "X"}),
        lambda: svc.delete_person(99),
        lambda: svc.merge_people(99, [1]),
    ):
        with pytest.raises(NotFoundError, match="person: no person with id 99"):
            call()
    assert file_bytes(svc) == before


def test_deleting_a_person_removes_their_one_on_ones_and_keeps_group_talks_for_the_others(
    svc: MemberService,
) -> None:
    ann, bob = person(svc, "Ann"), person(svc, "Bob")
    talk(svc, "2026-04-01", ann, notes="just Ann")
    talk(svc, "2026-04-02", ann, notes="Ann again")
    group = talk(svc, "2026-04-03", ann, bob, notes="Ann and Bob")
    assert svc.delete_impact(ann) == (2, 1), "the page warns: 2 conversations go, 1 loses Ann"

    assert svc.delete_person(ann).conversations == 2
    assert [p.name for p in svc.people()] == ["Bob"]
    remaining = svc.conversations()
    assert [(c.id, c.person_ids, c.notes) for c in remaining] == [(group, (bob,), "Ann and Bob")]


def test_merges_duplicates_into_one_person_with_all_their_conversations(svc: MemberService) -> None:
    keep = person(svc, "Dana Wu", links=["https://example.com/dana"], tags=["robotics"], notes="Met at the fair.")
    dupe = person(
        svc,
        "Dana W.",
        "mentor",
        organization="Acme",
        links=["https://example.com/dana", "mailto:dana@example.com"],
        tags=["hiring", "robotics"],
        notes="Prefers email.",
    )
    ann = person(svc, "Ann")
    solo = talk(svc, "2026-04-01", dupe)
    both = talk(svc, "2026-04-02", keep, dupe, ann)

    merged = svc.merge_people(keep, [dupe])
    assert merged.id == keep and merged.name == "Dana Wu"
    assert merged.role is Role.MENTOR and merged.organization == "Acme", "empty details are filled from the duplicate"
    assert merged.links == ("https://example.com/dana", "mailto:dana@example.com")
    assert merged.tags == ("robotics", "hiring")
    assert merged.notes == "Met at the fair.\nPrefers email."
    assert [p.name for p in svc.people()] == ["Ann", "Dana Wu"]
    assert svc.conversation(solo).person_ids == (keep,)
    assert svc.conversation(both).person_ids == (keep, ann), "one person appears once in a conversation"


def test_merging_two_imported_contacts_keeps_both_addresses_and_every_phone(svc: MemberService) -> None:
    keep = person(svc, "Maya Okafor", email="maya@cobalt.example", phones=["+1 555 0100"])
    dupe = person(svc, "Maya O.", email="maya@mail.example", phones=["+1 555 0101"], title="Recruiter")
    merged = svc.merge_people(keep, [dupe])
    assert (merged.email, merged.other_emails) == ("maya@cobalt.example", ("maya@mail.example",))
    assert (merged.phones, merged.title) == (("+1 555 0100", "+1 555 0101"), "Recruiter")


def test_merging_needs_another_person_and_writes_nothing_otherwise(svc: MemberService) -> None:
    dana = person(svc, "Dana")
    before = file_bytes(svc)
    with pytest.raises(ValidationError, match="merge: pick at least one other person"):
        svc.merge_people(dana, [dana])
    with pytest.raises(NotFoundError):
        svc.merge_people(dana, [42])
    assert file_bytes(svc) == before


def test_searches_people_by_name_organization_how_met_or_tag_and_filters_by_role(svc: MemberService) -> None:
    person(svc, "Priya Shah", "mentor", organization="Globex")
    person(svc, "Sam Lee", "recruiter", how_met="Career fair at ACME")
    person(svc, "Omar", "colleague", tags=["acme-alumni"])
    person(svc, "Lena", "fellow_intern")

    def names(**kw: Any) -> list[str]:
        return [p.name for p in svc.people(**kw)]

    assert names() == ["Lena", "Omar", "Priya Shah", "Sam Lee"], "people are listed by name"
    assert names(text="acme") == ["Omar", "Sam Lee"]
    assert names(text="  GLOBEX ") == ["Priya Shah"]
    assert names(text="shah") == ["Priya Shah"]
    assert names(roles=[Role.MENTOR, Role.FELLOW_INTERN]) == ["Lena", "Priya Shah"]
    assert names(text="acme", roles=[Role.RECRUITER]) == ["Sam Lee"]


# ---------------------------------------------------------- conversations
def test_logs_a_conversation_with_a_new_person_in_one_step_and_both_are_saved(svc: MemberService) -> None:
    logged = svc.log_conversation(
        {"date": "2026-04-14", "setting": "coffee chat", "topics": "careers, ml", "quality": 4},
        new_people=[{"name": "Dana Wu", "role": "industry professional"}],
    )
    dana = svc.people()[0]
    assert (dana.name, dana.role) == ("Dana Wu", Role.INDUSTRY_PROFESSIONAL)
    assert logged.person_ids == (dana.id,)
    assert svc.conversations() == [logged]
    assert (logged.setting, logged.topics, logged.quality) == (Setting.COFFEE_CHAT, ("careers", "ml"), 4)


def test_logs_a_group_conversation_with_known_and_new_people(svc: MemberService) -> None:
    ann = person(svc, "Ann")
    logged = svc.log_conversation(
        {"date": "2026-04-14", "person_ids": [ann, ann]}, new_people=[{"name": "Bob"}, {"name": "Cleo"}]
    )
    ids = {p.name: p.id for p in svc.people()}
    assert logged.person_ids == (ann, ids["Bob"], ids["Cleo"])


def test_a_conversation_with_nobody_is_refused(svc: MemberService) -> None:
    with pytest.raises(ValidationError, match="person_ids: pick at least one person"):
        svc.log_conversation({"date": "2026-04-14"})
    assert file_bytes(svc) is None


@pytest.mark.parametrize("person_ids", [5, "5", [None], {"a": 1}])
def test_person_ids_of_the_wrong_shape_are_refused_by_name(svc: MemberService, person_ids: Any) -> None:
    with pytest.raises(ValidationError, match="person_ids: must be a list of person ids"):
        svc.log_conversation({"date": "2026-04-14", "person_ids": person_ids}, new_people=[{"name": "Bob"}])
    assert file_bytes(svc) is None


def test_problems_with_the_conversation_and_the_new_people_are_reported_together(svc: MemberService) -> None:
    with pytest.raises(ValidationError) as caught:
        svc.log_conversation({"date": "2026-02-30", "quality": 9}, new_people=[{"name": ""}, {"email": "x"}])
    assert caught.value.problems == [
        "new person 1 name: required",
        "new person 2 name: required",
        "new person 2 email: 'x' is not an email address",
        "date: 2026-02-30 is not a date (use YYYY-MM-DD)",
        "quality: must be 1 to 5, got 9",
    ]
    assert file_bytes(svc) is None


def test_references_to_unknown_people_or_events_are_refused_and_nothing_is_written(svc: MemberService) -> None:
    ann = person(svc, "Ann")
    before = file_bytes(svc)
    with pytest.raises(ValidationError) as caught:
        svc.log_conversation({"date": "2026-04-14", "person_ids": [ann, 77], "event_id": 5}, [{"name": "New"}])
    assert caught.value.problems == ["person_ids: no person with id 77", "event_id: no event with id 5"]
    assert file_bytes(svc) == before
    assert [p.name for p in svc.people()] == ["Ann"], "the new person is not saved either"


def test_new_people_count_towards_the_limit_on_people_in_one_conversation(svc: MemberService) -> None:
    known = [person(svc, f"Person {i}") for i in range(LIST_MAX_ITEMS)]
    before = file_bytes(svc)
    with pytest.raises(ValidationError, match=f"too many people \\({LIST_MAX_ITEMS + 1}, at most {LIST_MAX_ITEMS}\\)"):
        svc.log_conversation({"date": "2026-04-14", "person_ids": known}, new_people=[{"name": "One more"}])
    assert file_bytes(svc) == before
    logged = svc.log_conversation({"date": "2026-04-14", "person_ids": known[1:]}, new_people=[{"name": "Last"}])
    assert len(logged.person_ids) == LIST_MAX_ITEMS


def test_a_conversation_cannot_be_logged_for_a_day_that_has_not_come(svc: MemberService) -> None:
    ann = person(svc, "Ann")
    before = file_bytes(svc)
    with pytest.raises(ValidationError, match="date: 2026-04-17 is in the future"):
        talk(svc, "2026-04-17", ann)
    assert file_bytes(svc) == before
    # One day of slack: "tomorrow" in the member's time zone may already be today elsewhere.
    assert svc.conversation(talk(svc, "2026-04-16", ann)).date == dt.date(2026, 4, 16)


def test_edits_a_conversation_and_a_bad_edit_writes_nothing(svc: MemberService) -> None:
    ann, bob = person(svc, "Ann"), person(svc, "Bob")
    conversation = talk(svc, "2026-04-10", ann, learned="About roadmaps")
    edited = svc.update_conversation(conversation, {"person_ids": [ann, bob], "quality": 5})
    assert (edited.person_ids, edited.quality, edited.learned) == ((ann, bob), 5, "About roadmaps")
    assert svc.conversation(conversation) == edited

    before = file_bytes(svc)
    for bad, message in [
        ({"person_ids": [99]}, "person_ids: no person with id 99"),
        ({"quality": 0}, "quality: must be 1 to 5, got 0"),
        ({"date": "2026-05-01"}, "date: 2026-05-01 is in the future"),
    ]:
        with pytest.raises(ValidationError, match=message):
            svc.update_conversation(conversation, bad)
    assert file_bytes(svc) == before
    with pytest.raises(NotFoundError, match="conversation: no conversation with id 99"):
        svc.update_conversation(99, {"quality": 5})


def test_deletes_a_conversation_and_keeps_the_person(svc: MemberService) -> None:
    ann = person(svc, "Ann")
    first, second = talk(svc, "2026-04-01", ann), talk(svc, "2026-04-02", ann)
    svc.delete_conversation(first)
    assert [c.id for c in svc.conversations()] == [second]
    assert [p.name for p in svc.people()] == ["Ann"]
    with pytest.raises(NotFoundError):
        svc.delete_conversation(first)
    with pytest.raises(NotFoundError):
        svc.conversation(first)


def test_finds_conversations_by_dates_role_setting_person_and_text(svc: MemberService) -> None:
    mentor = person(svc, "Maya", "mentor")
    peer = person(svc, "Finn", "fellow_intern")
    boss = person(svc, "Sid", "supervisor")
    c1 = talk(svc, "2026-03-01", mentor, setting="coffee_chat", topics=["careers"])
    c2 = talk(svc, "2026-03-15", peer, setting="social", learned="Where the good ramen is")
    c3 = talk(svc, "2026-03-31", peer, boss, setting="team_meeting", help_offered="Reviewed Finn's slides")
    c4 = talk(svc, "2026-04-10", boss, setting="one_on_one", notes="Asked about a return offer")

    def ids(**kw: Any) -> list[int]:
        return [c.id for c in svc.conversations(**kw)]

    assert ids() == [c4, c3, c2, c1], "newest first"
    assert ids(start=dt.date(2026, 3, 15), end=dt.date(2026, 3, 31)) == [c3, c2], "both ends included"
    assert ids(start=dt.date(2026, 4, 1)) == [c4]
    assert ids(end=dt.date(2026, 3, 1)) == [c1]
    assert ids(roles=[Role.SUPERVISOR]) == [c4, c3]
    assert ids(roles=[Role.MENTOR, Role.FELLOW_INTERN]) == [c3, c2, c1]
    assert ids(settings=[Setting.SOCIAL, Setting.COFFEE_CHAT]) == [c2, c1]
    assert ids(person_id=peer) == [c3, c2]
    assert ids(text="RAMEN") == [c2], "what I learned is searched"
    assert ids(text="maya") == [c1], "the people's names are searched"
    assert ids(text="careers") == [c1], "topics are searched"
    assert ids(text="slides") == [c3], "help offered is searched"
    assert ids(text="return offer") == [c4], "notes are searched"
    assert ids(text="nothing like this") == []
    assert ids(person_id=boss, settings=[Setting.TEAM_MEETING], start=dt.date(2026, 3, 1)) == [c3]


# -------------------------------------------------------------- follow-ups
def test_follow_ups_are_sorted_into_overdue_due_today_and_upcoming(svc: MemberService) -> None:
    ann = person(svc, "Ann")
    late = talk(svc, "2026-04-01", ann, followup_due="2026-04-03")
    later = talk(svc, "2026-04-01", ann, followup_due="2026-04-10")
    today = talk(svc, "2026-04-12", ann, followup_due="2026-04-15")
    soon = talk(svc, "2026-04-14", ann, followup_due="2026-04-20")
    talk(svc, "2026-04-01", ann, followup_due="2026-04-02", followup_done="2026-04-02")
    talk(svc, "2026-04-01", ann)

    due = svc.followups()
    assert [c.id for c in due.overdue] == [late, later], "the longest overdue first"
    assert [c.id for c in due.due_today] == [today]
    assert [c.id for c in due.upcoming] == [soon]


def test_marks_a_follow_up_done_today_or_on_a_given_day_and_can_reopen_it(svc: MemberService) -> None:
    ann = person(svc, "Ann")
    first = talk(svc, "2026-04-01", ann, followup_due="2026-04-03")
    second = talk(svc, "2026-04-01", ann, followup_due="2026-04-04")

    assert svc.mark_followup_done(first).followup_done == TODAY
    assert svc.mark_followup_done(second, on=dt.date(2026, 4, 5)).followup_done == dt.date(2026, 4, 5)
    assert svc.followups().overdue == ()

    reopened = svc.reopen_followup(first)
    assert reopened.followup_done is None and reopened.followup_due == dt.date(2026, 4, 3)
    assert [c.id for c in svc.followups().overdue] == [first]


def test_a_follow_up_cannot_be_done_before_the_conversation(svc: MemberService) -> None:
    ann = person(svc, "Ann")
    conversation = talk(svc, "2026-04-10", ann, followup_due="2026-04-12")
    before = file_bytes(svc)
    with pytest.raises(ValidationError, match="followup_done: must be on or after the conversation date"):
        svc.mark_followup_done(conversation, on=dt.date(2026, 4, 9))
    assert file_bytes(svc) == before


# ----------------------------------------------------------------- events
def test_adds_edits_and_lists_events_by_date(svc: MemberService) -> None:
    fair = svc.add_event({"name": "Career fair", "date": "2026-04-20", "kind": "industry"})
    lunch = svc.add_event({"name": "Intern lunch", "date": "2026-04-02", "kind": "social", "attended": True})
    assert [e.name for e in svc.events()] == ["Intern lunch", "Career fair"]
    assert fair.id is not None and lunch.id is not None

    went = svc.update_event(fair.id, {"attended": "yes", "place": "Hall B"})
    assert (went.name, went.attended, went.place) == ("Career fair", True, "Hall B")
    assert svc.event(fair.id) == went

    before = file_bytes(svc)
    with pytest.raises(ValidationError, match="date: 2026-02-30 is not a date"):
        svc.update_event(fair.id, {"date": "2026-02-30"})
    with pytest.raises(ValidationError, match="name: required"):
        svc.add_event({"date": "2026-04-02"})
    assert file_bytes(svc) == before
    with pytest.raises(NotFoundError, match="event: no event with id 99"):
        svc.update_event(99, {"attended": True})


def test_deleting_an_event_keeps_its_name_on_conversations_but_drops_the_link(svc: MemberService) -> None:
    ann = person(svc, "Ann")
    fair = svc.add_event({"name": "Career fair", "date": "2026-04-02"})
    assert fair.id is not None
    at_fair = talk(svc, "2026-04-02", ann, event_id=fair.id, event="Career fair")
    elsewhere = talk(svc, "2026-04-03", ann)

    svc.delete_event(fair.id)
    assert svc.events() == []
    kept = svc.conversation(at_fair)
    assert (kept.event_id, kept.event) == (None, "Career fair")
    assert svc.conversation(elsewhere).event_id is None
    with pytest.raises(NotFoundError):
        svc.delete_event(fair.id)


# ------------------------------------------------------------------ goals
def test_sets_a_monthly_goal_and_setting_it_again_replaces_it(svc: MemberService) -> None:
    first = svc.set_goal("2026-04", "conversations", 8)
    again = svc.set_goal("2026-04", GoalMetric.CONVERSATIONS, 10)
    svc.set_goal("2026-04", "new_people", 3)
    svc.set_goal("2026-05", "conversations", 12)
    assert again.id == first.id
    assert [(g.metric, g.target) for g in svc.goals("2026-04")] == [
        (GoalMetric.CONVERSATIONS, 10),
        (GoalMetric.NEW_PEOPLE, 3),
    ]
    assert len(svc.goals()) == 3

    svc.delete_goal("2026-04", "conversations")
    assert [g.metric for g in svc.goals("2026-04")] == [GoalMetric.NEW_PEOPLE]
    svc.delete_goal("2026-04", "conversations")  # deleting a goal that is gone is harmless


def test_a_goal_with_a_bad_month_metric_or_target_is_refused(svc: MemberService) -> None:
    with pytest.raises(ValidationError) as caught:
        svc.set_goal("2026-13", "fame", 0)
    assert [p.split(":")[0] for p in caught.value.problems] == ["month", "metric", "target"]
    with pytest.raises(ValidationError, match="month: "):
        svc.goals("April")
    assert file_bytes(svc) is None


def test_goal_progress_counts_each_metric_from_the_log(svc: MemberService) -> None:
    maya = person(svc, "Maya", "mentor")
    colin = person(svc, "Colin", "colleague")
    fran = person(svc, "Fran", "fellow_intern")
    sid = person(svc, "Sid", "supervisor", mentor_stage="mentor")
    # February: Fran is met, and her follow-up is only sent in March.
    talk(svc, "2026-02-20", fran, followup_due="2026-02-25", followup_done="2026-03-02")
    # March.
    talk(svc, "2026-03-03", maya, setting="online", help_offered="Shared my notes")
    talk(svc, "2026-03-10", colin, maya, setting="coffee_chat")
    talk(svc, "2026-03-15", fran, setting="social", followup_due="2026-03-17", followup_done="2026-03-16")
    talk(svc, "2026-03-31", sid, setting="team_meeting", help_offered="Reviewed a slide deck")
    talk(svc, "2026-03-20", fran, followup_due="2026-03-25")  # follow-up still open
    # April.
    talk(svc, "2026-04-01", colin, setting="online", help_offered="Sent an article")
    for name, day, attended in [
        ("Kick-off", "2026-02-28", True),
        ("Meetup", "2026-03-05", True),
        ("Hackathon", "2026-03-20", False),
        ("Fair", "2026-04-02", True),
    ]:
        svc.add_event({"name": name, "date": day, "attended": attended})
    svc.set_goal("2026-03", "conversations", 6)
    svc.set_goal("2026-03", "new_people", 2)

    march = {p.metric: p for p in svc.goal_progress("2026-03")}
    assert list(march) == list(GoalMetric), "every metric is reported"
    assert march[GoalMetric.CONVERSATIONS] == GoalProgress(GoalMetric.CONVERSATIONS, 6, 5)
    assert march[GoalMetric.NEW_PEOPLE] == GoalProgress(GoalMetric.NEW_PEOPLE, 2, 3), "Maya, Colin, Sid"
    assert {m: p.actual for m, p in march.items()} == {
        GoalMetric.NEW_PEOPLE: 3,
        GoalMetric.CONVERSATIONS: 5,
        GoalMetric.EVENTS_ATTENDED: 1,
        GoalMetric.FOLLOW_UPS_SENT: 2,
        GoalMetric.HELP_OFFERED: 2,
        GoalMetric.MENTOR_CONVERSATIONS: 3,
        GoalMetric.ONLINE_ACTIONS: 1,
    }
    assert march[GoalMetric.HELP_OFFERED].target is None

    april = {p.metric: p.actual for p in svc.goal_progress("2026-04")}
    assert april == {
        GoalMetric.NEW_PEOPLE: 0,
        GoalMetric.CONVERSATIONS: 1,
        GoalMetric.EVENTS_ATTENDED: 1,
        GoalMetric.FOLLOW_UPS_SENT: 0,
        GoalMetric.HELP_OFFERED: 1,
        GoalMetric.MENTOR_CONVERSATIONS: 0,
        GoalMetric.ONLINE_ACTIONS: 1,
    }


def test_goal_progress_of_a_new_member_is_all_zero(svc: MemberService) -> None:
    assert [(p.target, p.actual) for p in svc.goal_progress("2026-04")] == [(None, 0)] * len(GoalMetric)


# ------------------------------------------------------- tips and profile
def test_records_progress_on_a_tip_step_by_step(svc: MemberService) -> None:
    svc.save_tip_progress({"tip_id": "ask-for-advice", "read_on": "2026-04-01"})
    svc.save_tip_progress({"tip_id": "offer-help", "read_on": "2026-04-02", "useful": False})
    tried = svc.save_tip_progress({"tip_id": "ask-for-advice", "tried_on": "2026-04-05", "reflection": "It worked."})
    assert tried.read_on == dt.date(2026, 4, 1), "marking a tip tried keeps the day it was read"
    progress = svc.tip_progress()
    assert sorted(progress) == ["ask-for-advice", "offer-help"]
    assert progress["ask-for-advice"] == tried
    assert (tried.tried_on, tried.reflection) == (dt.date(2026, 4, 5), "It worked.")
    assert progress["offer-help"].useful is False
    cleared = svc.save_tip_progress({"tip_id": "ask-for-advice", "tried_on": None})
    assert cleared.tried_on is None and cleared.read_on == dt.date(2026, 4, 1)

    before = file_bytes(svc)
    with pytest.raises(ValidationError, match="tried_on: someday is not a date"):
        svc.save_tip_progress({"tip_id": "offer-help", "tried_on": "someday"})
    assert file_bytes(svc) == before


def test_keeps_a_profile_and_changes_only_what_is_given(svc: MemberService) -> None:
    assert svc.profile().display_name == ""
    svc.save_profile({"display_name": "Alex", "internship_start": "2026-01-12", "internship_end": "2026-06-30"})
    changed = svc.save_profile({"default_followup_days": 5})
    assert (changed.display_name, changed.internship_end, changed.default_followup_days) == (
        "Alex",
        dt.date(2026, 6, 30),
        5,
    )
    assert svc.profile() == changed

    before = file_bytes(svc)
    with pytest.raises(ValidationError, match="internship_end: must be on or after the day the internship starts"):
        svc.save_profile({"internship_end": "2025-12-31"})
    assert file_bytes(svc) == before


# ----------------------------------------------------- export and import
def fill_everything(svc: MemberService) -> None:
    """One of every kind of record, with awkward text, for round trips."""
    maya = person(
        svc, "Maya Ødegård", "mentor", links=["https://example.com/maya"], tags=["ml", "=tag"], cadence_days=30
    )
    sid = person(svc, "=Sid", "supervisor", organization="+Team", notes="line 1\nline 2, with comma")
    fair = svc.add_event({"name": "Career fair", "date": "2026-03-05", "kind": "industry", "attended": True})
    talk(
        svc,
        "2026-03-05",
        maya,
        sid,
        setting="industry_event",
        event_id=fair.id,
        event="Career fair",
        topics=["-negotiation", "careers"],
        learned='=HYPERLINK("http://evil.example")',
        help_offered="@here shared notes",
        quality=5,
        followup_due="2026-03-07",
        followup_done="2026-03-08",
        notes='She said "call me"',
    )
    talk(svc, "2026-04-01", sid, setting="one_on_one", followup_due="2026-04-20")
    svc.set_goal("2026-03", "conversations", 8)
    svc.save_tip_progress({"tip_id": "ask-for-advice", "read_on": "2026-03-01", "useful": True})
    svc.save_profile({"display_name": "Alex", "internship_start": "2026-01-12"})
    offer = svc.add_loop({"kind": "they_offered", "person_id": maya, "what": "=an intro", "due": "2026-05-01"})
    svc.close_loop(offer.id)
    svc.add_loop({"kind": "i_promised", "person_id": sid, "what": "the deck, v2"})


def test_a_json_export_imported_into_an_empty_member_gives_identical_data(data_root: Path, svc: MemberService) -> None:
    fill_everything(svc)
    svc.delete_person(person(svc, "Gone"))  # a gap in the ids must survive too
    exported = json.dumps(svc.export_json()).encode()

    fresh = other_member(data_root)
    plan = fresh.preview_import("json", exported)
    assert plan.errors == []
    assert file_bytes(fresh) is None, "a preview writes nothing"
    fresh.apply_import(plan)

    assert fresh.export_json()["tables"] == svc.export_json()["tables"]
    assert dataclasses.replace(fresh.snapshot(), revision=None) == dataclasses.replace(svc.snapshot(), revision=None)
    # The restored member carries on with fresh ids.
    newcomer = fresh.add_person({"name": "Newcomer"})
    assert newcomer.id not in {p.id for p in svc.people()}


def test_a_json_import_into_a_member_with_data_is_refused(data_root: Path, svc: MemberService) -> None:
    fill_everything(svc)
    exported = json.dumps(svc.export_json())
    busy = other_member(data_root)
    plan_made_while_empty = busy.preview_import("json", exported)
    person(busy, "Already here")
    before = file_bytes(busy)

    plan = busy.preview_import("json", exported)
    assert plan.replace_tables is None
    assert plan.errors == ["member: already holds data; a JSON import restores into an empty member only"]
    with pytest.raises(ValidationError, match="import: a full restore needs an empty member"):
        busy.apply_import(plan_made_while_empty)
    assert file_bytes(busy) == before


def test_a_json_file_with_a_bad_record_is_refused_whole_with_each_problem(data_root: Path, svc: MemberService) -> None:
    fill_everything(svc)
    document = svc.export_json()
    document["tables"]["people"]["1"]["role"] = "wizard"
    document["tables"]["conversations"]["1"]["person_ids"] = [2, 404]
    document["tables"]["goals"]["x"] = {"month": "2026-03", "metric": "conversations", "target": 1}
    fresh = other_member(data_root)
    plan = fresh.preview_import("json", json.dumps(document))
    assert plan.replace_tables is None
    assert any(e.startswith("people 1: role: 'wizard'") for e in plan.errors)
    assert "conversations 1: person_ids: no person with id 404" in plan.errors
    assert "goals 'x': id must be a positive whole number" in plan.errors
    for payload, problem in [(b"{not json", "file: not valid JSON"), (b'{"tables": {}}', "file: not a netcoach")]:
        assert fresh.preview_import("json", payload).errors[0].startswith(problem)
    assert file_bytes(fresh) is None


def read_csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_exports_never_hand_a_spreadsheet_a_formula(svc: MemberService) -> None:
    fill_everything(svc)
    people = {row["name"]: row for row in read_csv(svc.export_csv("people"))}
    assert set(people) == {"'=Sid", "Maya Ødegård"}
    assert people["'=Sid"]["organization"] == "'+Team"
    assert people["Maya Ødegård"]["tags"] == "ml | =tag", "only the start of a cell can trigger a formula"

    rows = read_csv(svc.export_csv("conversations"))
    assert len(rows) == 2
    first = rows[0]
    assert first["learned"] == '\'=HYPERLINK("http://evil.example")'
    assert first["help_offered"] == "'@here shared notes"
    assert first["topics"] == "'-negotiation | careers"
    assert first["people"] == "Maya Ødegård; =Sid"
    assert first["notes"] == 'She said "call me"'
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@")), value
    with pytest.raises(ValueError, match="unknown CSV kind"):
        svc.export_csv("goals")


def test_a_conversations_csv_export_imported_into_an_empty_member_recreates_the_log(
    data_root: Path, svc: MemberService
) -> None:
    fill_everything(svc)
    fresh = other_member(data_root)
    plan = fresh.preview_import("conversations_csv", svc.export_csv("conversations"))
    assert plan.errors == [] and len(plan.new_conversations) == 2
    assert file_bytes(fresh) is None
    assert fresh.apply_import(plan) == {"people": 2, "updated_people": 0, "conversations": 2}

    def comparable(service: MemberService) -> list[tuple[Any, ...]]:
        names = {p.id: p.name for p in service.people()}
        return sorted(
            (
                c.date,
                frozenset(names[i] for i in c.person_ids),
                c.setting,
                c.event,
                c.topics,
                c.learned,
                c.help_offered,
                c.quality,
                c.followup_due,
                c.followup_done,
                c.notes,
            )
            for c in service.conversations()
        )

    assert comparable(fresh) == comparable(svc)
    assert sorted(p.name for p in fresh.people()) == sorted(p.name for p in svc.people())


def test_a_conversations_csv_uses_people_already_known_by_name(data_root: Path, svc: MemberService) -> None:
    fill_everything(svc)
    fresh = other_member(data_root)
    sid = person(fresh, "=sid", "supervisor")  # the same name, spelled in lower case
    plan = fresh.preview_import("conversations_csv", svc.export_csv("conversations"))
    assert [p.name for p in plan.new_people] == ["Maya Ødegård"]
    fresh.apply_import(plan)
    assert len(fresh.people()) == 2
    assert len(fresh.conversations(person_id=sid)) == 2


def test_a_conversations_csv_reports_bad_rows_by_line_and_imports_the_rest(data_root: Path) -> None:
    fresh = other_member(data_root)
    text = (
        "date,people,setting,quality,notes\n"
        "2026-03-01,Ann,coffee_chat,4,fine\n"
        "2026-13-01,Bob,social,3,bad date\n"
        "2026-03-02,,social,3,nobody\n"
        "2026-03-03,Cleo; Ann,pub,9,bad setting and quality\n"
        '2026-03-04,"Dee\n'
        'Dee",online,5,a name over two lines still counts as one row\n'
        "2026-03-05,Ann,online,5,after\n"
    )
    plan = fresh.preview_import("conversations_csv", text)
    assert plan.errors[0] == "row 3: date: 2026-13-01 is not a date (use YYYY-MM-DD)"
    assert plan.errors[1] == "row 4: people: required"
    assert plan.errors[2].startswith("row 5: setting: 'pub'")
    assert plan.errors[3] == "row 5: quality: must be 1 to 5, got 9"
    assert len(plan.errors) == 4
    fresh.apply_import(plan)
    assert sorted(c.notes for c in fresh.conversations()) == [
        "a name over two lines still counts as one row",
        "after",
        "fine",
    ]
    assert sorted(p.name for p in fresh.people()) == ["Ann", "Dee\nDee"]


def test_a_people_csv_export_imports_into_an_empty_member_and_a_second_import_adds_no_one(
    data_root: Path, svc: MemberService
) -> None:
    fill_everything(svc)
    exported = svc.export_csv("people")
    fresh = other_member(data_root)
    fresh.apply_import(fresh.preview_import("people_csv", exported))

    def details(service: MemberService) -> list[tuple[Any, ...]]:
        return [(p.name, p.role, p.organization, p.links, p.tags, p.notes) for p in service.people()]

    assert details(fresh) == details(svc)
    again = fresh.preview_import("people_csv", exported)
    assert again.new_people == [] and len(again.matched) == 2
    assert again.nothing_to_do


LINKEDIN_NOTES = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses are missing. '
    'You will only see email addresses for connections who have allowed it, see https://www.linkedin.com/help."\n'
    "\n"
)
LINKEDIN_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


def linkedin_file(*rows: str) -> bytes:
    """A Connections.csv as LinkedIn writes it; the first data row is on line 5."""
    return (LINKEDIN_NOTES + LINKEDIN_HEADER + "".join(r + "\n" for r in rows)).encode()


CONNECTIONS = linkedin_file(
    "Dana,Wu,https://www.linkedin.com/in/danawu,,Acme Robotics,Talent Acquisition Partner,12 Mar 2024",
    "Priya,Shah,https://www.linkedin.com/in/priyashah,priya@example.com,Globex,Software Engineering Intern,03 Jan 2025",
    ",,https://www.linkedin.com/in/nobody,,,,01 Feb 2024",
    "Sam,Lee,https://www.linkedin.com/in/samlee,,Initech,Engineer,31/12/2024",
    "Dana,Wu,https://www.linkedin.com/in/danawu/,,Acme Robotics,Talent Acquisition Partner,12 Mar 2024",
    "Omar,Haddad,https://www.linkedin.com/in/omar,omar@example.com,Umbrella,Manager,5 May 2023",
    "Lena,Park,https://www.linkedin.com/in/lenapark,,NewCo,Designer,7 Jul 2023",
    "Ken,Ito,https://www.linkedin.com/in/kenito,,Hooli,Engineer,8 Aug 2023",
)


def test_a_linkedin_import_matches_known_people_reports_bad_rows_and_waits_for_confirmation(
    svc: MemberService,
) -> None:
    omar = person(svc, "O. Haddad", "colleague", email="omar@example.com")
    lena = person(svc, "Lena P.", "mentor", organization="OldCo", links=["https://www.linkedin.com/in/lenapark"])
    ken = person(svc, "ken  ito", "colleague")
    before = file_bytes(svc)

    plan = svc.preview_import("linkedin", CONNECTIONS)
    assert file_bytes(svc) == before, "a preview writes nothing"
    assert plan.rows_read == 8
    assert plan.errors == [
        "row 7: name: required",
        "row 9: Dana Wu appears twice in the file (first on row 5)",
    ]
    assert [p.name for p in plan.new_people] == ["Dana Wu", "Priya Shah", "Sam Lee"]  # 31/12/2024 is a date too
    assert [(line, found) for line, found, _ in plan.matched] == [(10, omar), (11, lena)]
    # Ken Ito's record has his name only: whether the Hooli one is him is the person's call.
    assert [(q.line, q.known_id) for q in plan.questions] == [(12, ken)]

    plan.new_people[1:] = []  # the person unticks Priya and Sam before confirming
    plan = svc.decide_import(plan, {12: True}, {})
    assert svc.apply_import(plan) == {"people": 1, "updated_people": 3, "conversations": 0}

    by_name = {p.name: p for p in svc.people()}
    assert sorted(by_name) == ["Dana Wu", "Lena P.", "O. Haddad", "ken  ito"]
    dana = by_name["Dana Wu"]
    assert (dana.role, dana.organization, dana.how_met) == (
        Role.RECRUITER,
        "Acme Robotics",
        "LinkedIn connection since 2024-03-12",
    )
    assert dana.links == ("https://www.linkedin.com/in/danawu",)
    assert dana.title == "Talent Acquisition Partner"
    # Known people only gain what they lacked; nothing they had is overwritten.
    assert by_name["O. Haddad"] == dataclasses.replace(
        svc.person(omar), organization="Umbrella", title="Manager", links=("https://www.linkedin.com/in/omar",)
    )
    assert (by_name["O. Haddad"].role, by_name["O. Haddad"].email) == (Role.COLLEAGUE, "omar@example.com")
    assert (by_name["Lena P."].organization, by_name["Lena P."].role) == ("OldCo", Role.MENTOR)
    assert by_name["ken  ito"].links == ("https://www.linkedin.com/in/kenito",)
    assert by_name["ken  ito"].organization == "Hooli"


def test_importing_the_same_linkedin_file_twice_adds_no_one_twice(svc: MemberService) -> None:
    svc.apply_import(svc.preview_import("linkedin", CONNECTIONS))
    assert len(svc.people()) == 6
    count = len(svc.people())
    again = svc.preview_import("linkedin", CONNECTIONS)
    assert again.new_people == [] and again.person_updates == [], "a link differing by a final '/' is no news"
    assert {found for _, found, _ in again.matched} == {p.id for p in svc.people()}
    svc.apply_import(again)
    assert len(svc.people()) == count


def test_a_linkedin_import_guesses_a_role_from_the_position(svc: MemberService) -> None:
    plan = svc.preview_import("linkedin", CONNECTIONS)
    roles = {p.name: p.role for p in plan.new_people}
    assert roles["Dana Wu"] is Role.RECRUITER
    assert roles["Priya Shah"] is Role.FELLOW_INTERN
    assert {
        p.name: p.role
        for p in svc.preview_import(
            "linkedin", linkedin_file("Omar,Haddad,https://www.linkedin.com/in/omar,,Umbrella,Manager,5 May 2023")
        ).new_people
    } == {"Omar Haddad": Role.INDUSTRY_PROFESSIONAL}


@pytest.mark.parametrize(
    ("payload", "problem"),
    [
        (b"Name,Company\nDana,Acme\n", "header: no row of the file is a header of a layout netcoach reads"),
        (b"\xff\xfe\x00", "file: not UTF-8 or UTF-16 text"),
        (b"", "header: no row of the file is a header of a layout netcoach reads"),
    ],
)
def test_a_file_that_is_not_a_linkedin_export_is_explained(svc: MemberService, payload: bytes, problem: str) -> None:
    plan = svc.preview_import("linkedin", payload)
    assert plan.errors[0].startswith(problem), plan.errors
    assert plan.nothing_to_do
    svc.apply_import(plan)
    assert file_bytes(svc) is None, "an import with nothing to do writes nothing"


def test_an_unknown_import_kind_is_refused(svc: MemberService) -> None:
    with pytest.raises(ValueError, match="import: unknown kind 'xml'"):
        svc.preview_import("xml", b"")


# ------------------------------------------------------------ two members
def test_a_members_service_can_never_see_or_change_another_members_data(data_root: Path, svc: MemberService) -> None:
    ann = person(svc, "Ann")
    conversation = talk(svc, "2026-04-01", ann, followup_due="2026-04-02")
    fair = svc.add_event({"name": "Fair", "date": "2026-04-01"})
    svc.set_goal("2026-04", "conversations", 3)
    assert fair.id is not None
    mine = file_bytes(svc)

    theirs = other_member(data_root, "them")
    assert theirs.people() == [] and theirs.conversations() == [] and theirs.events() == []
    assert theirs.goals() == [] and theirs.followups().overdue == ()
    assert theirs.export_json()["tables"]["people"] == {}
    for call in (
        lambda: theirs.person(ann),
        lambda: theirs.update_person(ann, {"name": "Hacked"}),
        lambda: theirs.delete_person(ann),
        lambda: theirs.conversation(conversation),
        lambda: theirs.delete_conversation(conversation),
        lambda: theirs.mark_followup_done(conversation),
        lambda: theirs.delete_event(fair.id),
    ):
        with pytest.raises(NotFoundError):
            call()
    with pytest.raises(ValidationError, match="person_ids: no person with id"):
        theirs.log_conversation({"date": "2026-04-01", "person_ids": [ann]})
    theirs.add_person({"name": "Their own"})
    assert file_bytes(svc) == mine
    assert [p.name for p in svc.people()] == ["Ann"]
    assert [p.name for p in theirs.people()] == ["Their own"]


def test_people_of_one_member_are_plain_values_no_one_can_change_in_place(svc: MemberService) -> None:
    dana = svc.add_person({"name": "Dana"})
    with pytest.raises(dataclasses.FrozenInstanceError):
        dana.name = "Changed"  # type: ignore[misc]
    assert isinstance(svc.people()[0], Person)
