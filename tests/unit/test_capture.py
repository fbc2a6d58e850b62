"""Quick capture without Streamlit: matching a typed name, and the one-write save."""

from __future__ import annotations

import datetime as dt

import pytest
from support import TODAY

from netcoach.models import Person, Role, ValidationError, as_seen
from netcoach.service import MemberService
from netcoach.service.capture import match_name

PEOPLE = (
    Person(name="Samira Haddad", role=Role.MENTOR, id=1),
    Person(name="Sam Ortiz", role=Role.COLLEAGUE, id=2),
    Person(name="Sarah Mills", role=Role.SUPERVISOR, id=3),
)


def test_a_whole_name_picks_that_person_whatever_the_case_and_spacing() -> None:
    match = match_name(PEOPLE, "  sam   ORTIZ ")
    assert match.person is not None and match.person.id == 2
    assert not match.is_new


def test_part_of_a_name_picks_nobody_and_offers_the_people_it_resembles() -> None:
    match = match_name(PEOPLE, "Sam")
    assert match.person is None
    assert [p.id for p in match.similar] == [1, 2]  # never Sarah Mills, who only shares letters
    assert match.is_new, "Sam may be someone new: adding them is offered too"


def test_a_name_nobody_has_is_new() -> None:
    match = match_name(PEOPLE, "Jordan Lee")
    assert match.is_new and match.person is None and match.similar == ()
    assert match_name(PEOPLE, "   ").typed == "" and not match_name(PEOPLE, "").is_new


def test_two_people_with_the_same_name_must_be_told_apart() -> None:
    twins = (*PEOPLE, Person(name="Sam Ortiz", role=Role.RECRUITER, id=4))
    match = match_name(twins, "Sam Ortiz")
    assert match.person is None and not match.is_new
    assert [p.id for p in match.same_name] == [2, 4]


def test_quick_log_adds_someone_new_with_their_role_and_the_conversation_together(svc: MemberService) -> None:
    logged = svc.quick_log(
        new_person={"name": "Jordan Lee", "role": "mentor"}, about="How design reviews work", followup_in_days=2
    )
    jordan = svc.person(logged.person_ids[0])
    assert (jordan.name, jordan.role) == ("Jordan Lee", Role.MENTOR)
    assert logged.date == TODAY and logged.notes == "How design reviews work"
    assert logged.followup_due == TODAY + dt.timedelta(days=2)
    assert logged.setting == svc.profile().default_setting


def test_quick_log_never_files_a_new_person_under_a_role_nobody_chose(svc: MemberService) -> None:
    with pytest.raises(ValidationError) as caught:
        svc.quick_log(new_person={"name": "Jordan Lee"}, about="Design reviews")
    assert caught.value.as_seen({"new person role": "What are they to you?"}) == [
        "What are they to you?: pick what they are to you (mentor, colleague, recruiter…)"
    ]
    assert svc.snapshot().people == () and svc.snapshot().conversations == (), "neither was saved"


def test_quick_log_with_someone_known_and_no_follow_up(svc: MemberService) -> None:
    ana = svc.add_person({"name": "Ana Ruiz", "role": "supervisor"})
    logged = svc.quick_log(person_id=ana.id, about="")
    assert logged.person_ids == (ana.id,) and logged.followup_due is None
    assert len(svc.people()) == 1


def test_quick_log_needs_exactly_one_person(svc: MemberService) -> None:
    with pytest.raises(ValidationError, match="person_ids: pick the person"):
        svc.quick_log(about="Nobody")
    with pytest.raises(ValidationError, match="person_ids: no person with id 9"):
        svc.quick_log(person_id=9)


def test_the_full_form_asks_a_new_persons_role_too(svc: MemberService) -> None:
    with pytest.raises(ValidationError) as caught:
        svc.log_conversation({"date": TODAY}, new_people=[{"name": "Bo"}], require_roles=True)
    assert caught.value.as_seen() == ["New person's role: pick what they are to you (mentor, colleague, recruiter…)"]
    # Callers that never ask (imports, sample data) keep the default role.
    logged = svc.log_conversation({"date": TODAY}, new_people=[{"name": "Bo"}])
    assert svc.person(logged.person_ids[0]).role == Role.OTHER


def test_problems_read_with_the_labels_people_see() -> None:
    error = ValidationError(["person_ids: pick at least one person", "followup_due: bad", "row 7: odd"])
    assert error.as_seen() == ["Who did you talk to?: pick at least one person", "Follow up by: bad", "row 7: odd"]
    assert as_seen("notes: too long", {"notes": "What was it about?"}) == "What was it about?: too long"
    assert error.problems[0] == "person_ids: pick at least one person", "the stored form stays for imports and logs"
