"""A change made from a screen that is out of date never lands on a different record.

A person keeps two tabs open. What one tab shows can be deleted or changed in the
other, and a new record may even take the deleted one's id. Each story acts from the
stale screen (passing the record it showed) and checks both that the refusal names
the record as the person knows it and that the member file was not touched.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from support import TODAY

from netcoach import transfer
from netcoach.models import Conversation
from netcoach.service import MemberService, NotFoundError, StaleRecordError
from netcoach.storage import data_dir

Refused = (StaleRecordError, NotFoundError)


def file_bytes(svc: MemberService) -> bytes:
    return svc.data_file.read_bytes()


def talk(svc: MemberService, day: str, *person_ids: int, **fields: Any) -> Conversation:
    return svc.log_conversation({"date": day, "person_ids": list(person_ids), **fields})


# ------------------------------------------------------------ conversations
def test_mark_done_on_a_conversation_deleted_and_replaced_in_another_tab_is_refused(svc: MemberService) -> None:
    ana = svc.add_person({"name": "Ana Ruiz"})
    ben = svc.add_person({"name": "Ben Okoro"})
    shown = talk(svc, "2026-03-03", ana.id, followup_due="2026-04-15")
    # The other tab deletes it and logs a new conversation, which may take the same id.
    svc.delete_conversation(shown.id)
    replacement = talk(svc, "2026-04-14", ben.id, followup_due="2026-04-15")
    before = file_bytes(svc)

    with pytest.raises(Refused) as caught:
        svc.mark_followup_done(shown.id, expected=shown)

    message = str(caught.value)
    assert "The conversation with Ana Ruiz on 03 Mar 2026" in message and "nothing was saved" in message
    assert file_bytes(svc) == before
    assert svc.conversation(replacement.id).followup_done is None


def test_a_conversation_changed_in_another_tab_is_not_overwritten(svc: MemberService) -> None:
    ana = svc.add_person({"name": "Ana Ruiz"})
    shown = talk(svc, "2026-03-03", ana.id, learned="Portfolio tips")
    svc.update_conversation(shown.id, {"learned": "Portfolio tips, and how reviews work"})
    before = file_bytes(svc)

    with pytest.raises(StaleRecordError) as caught:
        svc.update_conversation(shown.id, {"quality": 5}, expected=shown)

    assert caught.value.problems == [
        "The conversation with Ana Ruiz on 03 Mar 2026 changed in another tab or window since this page was "
        "shown; nothing was saved. Look at it again and retry."
    ]
    assert file_bytes(svc) == before


def test_deleting_a_conversation_already_deleted_elsewhere_says_so(svc: MemberService) -> None:
    ana = svc.add_person({"name": "Ana Ruiz"})
    shown = talk(svc, "2026-03-03", ana.id)
    svc.delete_conversation(shown.id)

    with pytest.raises(NotFoundError, match="The conversation with Ana Ruiz on 03 Mar 2026 was deleted"):
        svc.delete_conversation(shown.id, expected=shown)


def test_reopening_a_follow_up_that_changed_elsewhere_is_refused(svc: MemberService) -> None:
    ana = svc.add_person({"name": "Ana Ruiz"})
    logged = talk(svc, "2026-03-03", ana.id, followup_due="2026-04-01")
    shown = svc.mark_followup_done(logged.id, on=dt.date(2026, 4, 2))
    svc.update_conversation(logged.id, {"followup_done": "2026-04-03"})
    before = file_bytes(svc)

    with pytest.raises(StaleRecordError):
        svc.reopen_followup(logged.id, expected=shown)
    assert file_bytes(svc) == before
    assert svc.conversation(logged.id).followup_done == dt.date(2026, 4, 3)


def test_actions_on_the_record_as_shown_go_through(svc: MemberService) -> None:
    ana = svc.add_person({"name": "Ana Ruiz"})
    logged = talk(svc, "2026-03-03", ana.id, followup_due="2026-04-01")
    shown = svc.conversation(logged.id)
    done = svc.mark_followup_done(logged.id, expected=shown)
    assert done.followup_done == TODAY
    reopened = svc.reopen_followup(logged.id, expected=svc.conversation(logged.id))
    assert reopened.followup_done is None
    svc.delete_conversation(logged.id, expected=svc.conversation(logged.id))
    assert svc.conversations() == []


def test_a_record_from_an_older_file_without_a_newer_field_still_matches_what_was_shown(svc: MemberService) -> None:
    ana = svc.add_person({"name": "Ana Ruiz", "cadence_days": 30})
    with (
        data_dir(svc.data_root).store(svc.member_id).transaction() as db
    ):  # as an older version wrote it: no cadence field at all
        db.table("people").update(lambda doc: doc.pop("cadence_days"), doc_ids=[ana.id])
    shown = svc.person(ana.id)
    updated = svc.update_person(ana.id, {"organization": "Globex"}, expected=shown)
    assert updated.organization == "Globex"


# ------------------------------------------------------------------- people
def test_saving_a_person_edited_in_another_tab_is_refused(svc: MemberService) -> None:
    shown = svc.add_person({"name": "Ana Ruiz", "organization": "Design"})
    svc.update_person(shown.id, {"organization": "Research"})
    before = file_bytes(svc)

    with pytest.raises(StaleRecordError, match="The details of Ana Ruiz changed in another tab or window"):
        svc.update_person(shown.id, {"email": "ana@example.org"}, expected=shown)
    assert file_bytes(svc) == before


def test_saving_a_person_deleted_and_replaced_in_another_tab_never_edits_the_newcomer(svc: MemberService) -> None:
    shown = svc.add_person({"name": "Ana Ruiz"})
    svc.delete_person(shown.id)
    newcomer = svc.add_person({"name": "Ben Okoro"})
    before = file_bytes(svc)

    with pytest.raises(Refused, match="Ana Ruiz"):
        svc.update_person(shown.id, {"email": "ana@example.org"}, expected=shown)
    with pytest.raises(Refused, match="Ana Ruiz"):
        svc.delete_person(shown.id, expected=shown)
    assert file_bytes(svc) == before
    assert svc.person(newcomer.id).email == ""


def test_merging_a_duplicate_that_changed_elsewhere_is_refused_whole(svc: MemberService) -> None:
    keep = svc.add_person({"name": "Ana Ruiz"})
    duplicate = svc.add_person({"name": "Ana R."})
    talk(svc, "2026-03-03", duplicate.id)
    svc.update_person(duplicate.id, {"name": "Anabel Ross"})  # it turned out to be someone else
    before = file_bytes(svc)

    with pytest.raises(StaleRecordError, match=r"The details of Ana R\. changed"):
        svc.merge_people(keep.id, [duplicate.id], expected=keep, expected_others=[duplicate])
    assert file_bytes(svc) == before
    assert {p.name for p in svc.people()} == {"Ana Ruiz", "Anabel Ross"}


def test_merging_a_duplicate_the_screen_never_showed_is_refused(svc: MemberService) -> None:
    keep = svc.add_person({"name": "Ana Ruiz"})
    shown = svc.add_person({"name": "Ana R."})
    newcomer = svc.add_person({"name": "A. Ruiz"})  # added in another tab after the page was drawn
    before = file_bytes(svc)

    with pytest.raises(StaleRecordError, match="1 of the chosen people changed or appeared"):
        svc.merge_people(keep.id, [shown.id, newcomer.id], expected=keep, expected_others=[shown])
    assert file_bytes(svc) == before


# ------------------------------------------------------------------- events
def test_ticking_attended_on_an_event_changed_or_deleted_elsewhere_is_refused(svc: MemberService) -> None:
    shown = svc.add_event({"name": "Design meetup", "date": "2026-04-10"})
    svc.update_event(shown.id, {"name": "Design meetup (moved)", "date": "2026-04-11"})
    before = file_bytes(svc)
    with pytest.raises(StaleRecordError, match="The event Design meetup on 10 Apr 2026 changed"):
        svc.update_event(shown.id, {"attended": True}, expected=shown)
    assert file_bytes(svc) == before

    moved = svc.event(shown.id)
    svc.delete_event(moved.id)
    svc.add_event({"name": "Career fair", "date": "2026-04-20"})
    with pytest.raises(Refused, match="Design meetup"):
        svc.delete_event(moved.id, expected=moved)
    assert [e.name for e in svc.events()] == ["Career fair"]


# ------------------------------------------------------------------ imports
LINKEDIN = """Notes:
"When exporting your connection data, you may notice that some of the email addresses are missing."

First Name,Last Name,URL,Email Address,Company,Position,Connected On
Ana,Ruiz,https://www.linkedin.com/in/ana-ruiz,ana@example.org,Globex,Designer,12 Mar 2024
"""


def test_a_linkedin_preview_applied_after_its_person_was_replaced_writes_nothing(svc: MemberService) -> None:
    ana = svc.add_person({"name": "Ana Ruiz"})
    # Same name, no organization on Ana's record: the preview asks, and the person says it is her.
    plan = svc.decide_import(svc.preview_import("linkedin", LINKEDIN), {5: True}, {})
    assert plan.person_updates == [
        (
            ana.id,
            {
                "organization": "Globex",
                "title": "Designer",
                "email": "ana@example.org",
                "links": ["https://www.linkedin.com/in/ana-ruiz"],
            },
        )
    ]
    svc.delete_person(ana.id)
    other = svc.add_person({"name": "Ben Okoro"})  # may take Ana's id
    before = file_bytes(svc)

    with pytest.raises(StaleRecordError) as caught:
        svc.apply_import(plan)

    assert "your people changed since this preview (Ana Ruiz " in str(caught.value)
    assert "Preview the file again" in str(caught.value)
    assert file_bytes(svc) == before
    assert svc.person(other.id).email == ""


def test_a_people_csv_preview_applied_after_its_person_changed_writes_nothing(svc: MemberService) -> None:
    ana = svc.add_person({"name": "Ana Ruiz"})
    plan = svc.preview_import("people_csv", "name,email\nAna Ruiz,ana@example.org\nCleo Park,\n")
    svc.update_person(ana.id, {"email": "ana.ruiz@example.org"})
    before = file_bytes(svc)

    with pytest.raises(StaleRecordError, match=r"\(Ana Ruiz changed\)"):
        svc.apply_import(plan)
    assert file_bytes(svc) == before


def test_a_conversations_preview_never_leaves_a_conversation_pointing_at_a_deleted_person(
    svc: MemberService,
) -> None:
    ana = svc.add_person({"name": "Ana Ruiz"})
    plan = svc.preview_import("conversations_csv", "date,people\n2026-03-03,Ana Ruiz\n")
    svc.delete_person(ana.id)

    with pytest.raises(StaleRecordError, match=r"\(Ana Ruiz was deleted\)"):
        svc.apply_import(plan)
    assert svc.conversations() == []
    fresh = svc.preview_import("conversations_csv", "date,people\n2026-03-03,Ana Ruiz\n")
    svc.apply_import(fresh)  # previewed again: Ana comes back as a new person
    people = {p.id for p in svc.people()}
    assert all(set(c.person_ids) <= people for c in svc.conversations())


def test_an_import_preview_still_applies_when_only_unrelated_records_changed(svc: MemberService) -> None:
    ana = svc.add_person({"name": "Ana Ruiz"})
    bystander = svc.add_person({"name": "Dee Lin"})
    plan = svc.decide_import(svc.preview_import("linkedin", LINKEDIN), {5: True}, {})
    svc.update_person(bystander.id, {"organization": "Initech"})
    svc.add_event({"name": "Design meetup", "date": "2026-04-10"})

    assert svc.apply_import(plan) == {"people": 0, "updated_people": 1, "conversations": 0}
    assert svc.person(ana.id).email == "ana@example.org"


def test_a_plan_without_what_it_read_is_refused_rather_than_guessed(svc: MemberService) -> None:
    ana = svc.add_person({"name": "Ana Ruiz"})
    plan = transfer.ImportPlan(kind="people_csv", person_updates=[(ana.id, {"email": "x@example.org"})])
    with pytest.raises(ValueError, match="without saying what it read"):
        svc.apply_import(plan)
    assert svc.person(ana.id).email == ""
