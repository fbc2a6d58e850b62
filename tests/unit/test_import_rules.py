"""Imports follow the same rules as the forms, count what they skip honestly, and never lose a record.

And a record that today's rules would refuse (an older file, a hand edit) still opens,
and its other fields can still be fixed and saved.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from support import TODAY

from netcoach import transfer
from netcoach.models import ValidationError
from netcoach.service import MemberService
from netcoach.storage import data_dir


def file_bytes(svc: MemberService) -> bytes | None:
    path = svc.data_file
    return path.read_bytes() if path.exists() else None


# ----------------------------------------------------------- date rules
def test_a_conversations_csv_row_dated_decades_ahead_is_skipped_like_the_form_would(svc: MemberService) -> None:
    text = (
        "date,people,followup_due,followup_done\n"
        "2052-03-01,Ann,,\n"  # a typo for 2025
        "2026-04-16,Ben,,\n"  # tomorrow: the form allows it
        "2026-04-01,Cleo,2030-01-01,\n"  # a follow-up years away
        "2026-04-01,Dee,2026-04-20,2026-04-30\n"  # sent in the future
        "2026-04-01,Eve,2026-05-01,\n"
    )
    plan = svc.preview_import("conversations_csv", text)

    assert plan.errors == [
        "row 2: date: 2052-03-01 is in the future (latest 2026-04-16)",
        "row 4: followup_due: 2030-01-01 is too far ahead (latest 2028-04-14)",
        "row 5: followup_done: 2026-04-30 is in the future (latest 2026-04-16)",
    ]
    svc.apply_import(plan)
    assert sorted(p.name for p in svc.people()) == ["Ben", "Eve"]
    # Whatever was imported can be marked done, like anything logged through the form.
    for conversation in svc.conversations():
        svc.mark_followup_done(conversation.id, on=max(TODAY, conversation.date), expected=conversation)


def test_the_log_form_refuses_the_same_far_follow_up_and_future_sending(svc: MemberService) -> None:
    ann = svc.add_person({"name": "Ann"})
    with pytest.raises(ValidationError) as caught:
        svc.log_conversation(
            {"date": "2026-04-01", "person_ids": [ann.id], "followup_due": "2030-01-01", "followup_done": "2026-05-01"}
        )
    assert [p.split(":")[0] for p in caught.value.problems] == ["followup_due", "followup_done"]
    assert svc.conversations() == []


def stored_with_date(svc: MemberService, day: str) -> int:
    """A conversation as an older version (or a hand edit) left it, with a date today's rules refuse."""
    ann = svc.add_person({"name": "Ann"})
    record = {"date": day, "person_ids": [ann.id], "setting": "one_on_one", "quality": 3, "followup_due": day}
    with data_dir(svc.data_root).store(svc.member_id).transaction() as db:
        return db.table("conversations").insert(record)


def test_a_stored_far_future_conversation_can_be_fixed_and_then_marked_done(svc: MemberService) -> None:
    conversation_id = stored_with_date(svc, "2052-03-01")
    shown = svc.conversation(conversation_id)

    # Sent today, before a conversation dated 2052: refused with the field named, not a crash.
    with pytest.raises(ValidationError, match="followup_done: must be on or after the conversation date"):
        svc.mark_followup_done(conversation_id, on=TODAY, expected=shown)
    fixed = svc.update_conversation(conversation_id, {"learned": "Pricing"}, expected=shown)
    assert fixed.learned == "Pricing"
    # Moving it to another far date is still refused, with the field named; the right date is taken.
    with pytest.raises(ValidationError, match="date: 2053-01-01 is in the future"):
        svc.update_conversation(conversation_id, {"date": "2053-01-01", "followup_due": "2053-01-02"})
    corrected = svc.update_conversation(conversation_id, {"date": "2025-03-01", "followup_due": "2025-03-05"})
    assert corrected.date == dt.date(2025, 3, 1)
    done = svc.mark_followup_done(conversation_id, expected=corrected)
    assert done.followup_done == TODAY


# ------------------------------------------------------ skipped counts
def test_a_row_with_three_problems_is_one_skipped_row(svc: MemberService) -> None:
    text = "date,people,setting,quality\n2026-13-01,Ann,pub,9\n2026-03-02,Ben,social,3\n2026-03-03,,social,3\n"
    plan = svc.preview_import("conversations_csv", text)

    assert len(plan.errors) == 4
    assert plan.skipped == {"row 2", "row 4"}
    assert plan.summary() == "3 rows read: 1 new people, 1 conversations, 2 rows skipped (4 problems)."
    assert plan.problems_heading() == "4 problems in 2 row(s); those row(s) will be skipped"


def test_a_single_problem_row_reads_naturally(svc: MemberService) -> None:
    plan = svc.preview_import("people_csv", "name,email\nAnn,not-an-email\nBen,\n")
    assert plan.summary() == "2 rows read: 1 new people, 1 row skipped."
    assert plan.problems_heading() == "1 row(s) will be skipped"


# ------------------------------------------------------------ JSON restore
def export_of(svc: MemberService) -> dict:
    ann = svc.add_person({"name": "Ann Lee"})
    ben = svc.add_person({"name": "Ben Okoro"})
    svc.log_conversation({"date": "2026-03-03", "person_ids": [ann.id]})
    svc.log_conversation({"date": "2026-03-04", "person_ids": [ben.id]})
    return svc.export_json()


def test_a_restore_with_two_records_under_one_id_is_refused_naming_both(svc: MemberService) -> None:
    document = export_of(svc)
    text = json.dumps(document, indent=2)
    # A hand-merged file: the second conversation given the first one's id.
    text = text.replace('"2": {\n        "date": "2026-03-04"', '"1": {\n        "date": "2026-03-04"')
    assert text.count('"1": {\n        "date"') == 2

    plan = transfer.plan_json(text, member_is_empty=True)

    assert plan.replace_tables is None
    assert plan.errors == [
        "conversations 1: two records have this id (the conversation with Ann Lee on 2026-03-03 and the "
        "conversation with Ben Okoro on 2026-03-04); a restore would lose one, so give one of them a free id"
    ]


def test_a_restore_with_a_field_given_twice_is_refused(svc: MemberService) -> None:
    text = json.dumps(export_of(svc))
    text = text.replace('"name": "Ann Lee"', '"name": "Ann Lee", "name": "Ann Leigh"')
    plan = transfer.plan_json(text, member_is_empty=True)
    assert plan.errors == ["people 1: field 'name' appears twice"]


def test_a_restore_too_large_says_the_limit_and_never_calls_the_file_invalid() -> None:
    too_big = b"{" + b" " * int(23.4 * 1024 * 1024) + b"}"
    plan = transfer.plan_json(too_big, member_is_empty=True)
    assert plan.errors == ["file: 23.4 MB is larger than the 20 MB limit for a restore"]

    deep = "[" * 100_000 + "]" * 100_000  # valid JSON, just nested beyond any export
    plan = transfer.plan_json(deep, member_is_empty=True)
    assert plan.errors == ["file: nested too deeply to be a netcoach export"]


def test_an_export_just_under_the_limit_restores(svc: MemberService) -> None:
    text = json.dumps(export_of(svc), indent=2)
    padded = text[:-1] + " " * (transfer.MAX_IMPORT_BYTES - len(text)) + "}"
    assert len(padded.encode()) == transfer.MAX_IMPORT_BYTES
    plan = transfer.plan_json(padded.encode(), member_is_empty=True)
    assert plan.errors == [] and plan.summary() == "Restore 2 people, 2 conversations."


def test_a_csv_import_too_large_says_the_limit_for_an_import() -> None:
    plan = transfer.plan_people_csv(b"name\n" + b"x" * (21 * 1024 * 1024), [])
    assert plan.errors == ["file: 21.0 MB is larger than the 20 MB limit for an import"]


def test_a_restore_holding_a_conversation_dated_decades_ahead_is_refused_naming_it(svc: MemberService) -> None:
    document = export_of(svc)
    document["tables"]["conversations"]["2"]["date"] = "2052-03-04"
    fresh_plan = transfer.plan_json(json.dumps(document), member_is_empty=True, today=TODAY)
    assert fresh_plan.replace_tables is None
    assert fresh_plan.errors == ["conversations 2: date: 2052-03-04 is in the future (latest 2026-04-16)"]
    # Reading a stored file (as `netcoach check` does) only asks whether each record loads.
    assert transfer.plan_json(json.dumps(document), member_is_empty=True).errors == []
