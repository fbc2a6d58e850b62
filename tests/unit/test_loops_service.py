"""Open loops through the member's service: confirm, dismiss, add, close and reopen, and what each leaves on disk.

Every refused change is checked against the bytes of the member file, and a
stale screen (a loop closed or a sentence decided in another tab) is refused
with a message that says what happened.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from support import TODAY, said

from netcoach.coach.signals import Signal, SignalKind
from netcoach.models import LoopKind, LoopStatus, ValidationError
from netcoach.service import MemberService, NotFoundError, StaleRecordError, member_service
from netcoach.service import loops as loop_service
from netcoach.storage import CorruptFileError


def days_ago(n: int) -> dt.date:
    return TODAY - dt.timedelta(days=n)


def file_bytes(svc: MemberService) -> bytes | None:
    return svc.data_file.read_bytes() if svc.data_file.exists() else None


# How the coach reads the member's notes, kept before any test replaces it.
COACH_READS = loop_service.signals_in


@pytest.fixture(autouse=True)
def notes(monkeypatch: pytest.MonkeyPatch) -> list[Signal]:
    """What the coach reads in the member's notes: nothing, unless a test says what (before its first read)."""
    found: list[Signal] = []
    monkeypatch.setattr(loop_service, "signals_in", lambda snapshot, today: tuple(found))
    return found


def people(svc: MemberService, *names: str) -> list[int]:
    ids = []
    for name in names:
        added = svc.add_person({"name": name})
        assert added.id is not None
        ids.append(added.id)
    return ids


def talk_with(svc: MemberService, *person_ids: int, day: dt.date = TODAY, **fields: Any) -> int:
    logged = svc.log_conversation({"date": day, "person_ids": list(person_ids), **fields})
    assert logged.id is not None
    return logged.id


def test_confirms_a_promise_spotted_in_a_note_and_sees_it_open_until_closed(
    svc: MemberService, notes: list[Signal]
) -> None:
    ana, ben = people(svc, "Ana Ruiz", "Ben Okoro")
    talk = talk_with(svc, ana, learned="I told Ana I'd send the deck by Friday.")
    promise = said(
        SignalKind.I_PROMISED, "I told Ana I'd send the deck by Friday.", ana, record_id=talk, what="the deck"
    )
    notes.append(promise)
    assert svc.loops().detected == (promise,)
    assert svc.loops_for(ana).detected == (promise,) and svc.loops_for(ben).detected == ()

    loop = svc.confirm_loop(promise.key)
    assert (loop.status, loop.decided_on, loop.conversation_id, loop.person_ids) == (
        LoopStatus.CONFIRMED,
        TODAY,
        talk,
        (ana,),
    )
    view = svc.loops()
    assert view.detected == () and view.open == (loop,)
    assert svc.loops_for(ana).open == (loop,)

    closed = svc.close_loop(loop.id, expected=loop)
    assert (closed.status, closed.closed_on) == (LoopStatus.CLOSED, TODAY)
    assert svc.loops().open == () and svc.loops().detected == (), "a closed promise is not spotted again"
    assert svc.loops().recently_closed == (closed,)

    reopened = svc.reopen_loop(closed.id, expected=closed)
    assert svc.loops().open == (reopened,) and reopened.closed_on is None


def test_a_promise_written_in_a_note_is_read_by_the_coach_and_offered_for_confirming(
    svc: MemberService, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(loop_service, "signals_in", COACH_READS)
    ana, ben = people(svc, "Ana Ruiz", "Ben Okoro")
    talk_with(svc, ana, day=days_ago(3), learned="Great chat. I promised Ana I would send the slides by Friday.")
    talk_with(svc, ben, day=days_ago(90), learned="I promised Ben my notes.")  # too long ago to offer
    (spotted,) = svc.loops().detected
    assert spotted.quote == "I promised Ana I would send the slides by Friday."
    loop = svc.confirm_loop(spotted.key)
    assert (loop.kind, loop.person_ids, loop.text) == (LoopKind.I_PROMISED, (ana,), spotted.quote)
    svc.close_loop(loop.id, expected=loop)
    assert svc.loops().detected == () and svc.loops().open == ()


def test_a_dismissed_promise_never_comes_back(svc: MemberService, notes: list[Signal]) -> None:
    (ana,) = people(svc, "Ana Ruiz")
    talk = talk_with(svc, ana, learned="Ana offered to look at my CV.")
    notes.append(said(SignalKind.THEY_OFFERED, "Ana offered to look at my CV.", ana, record_id=talk))
    dismissed = svc.dismiss_signal(notes[0].key)
    assert dismissed.status is LoopStatus.DISMISSED
    svc.update_conversation(talk, {"quality": 5})  # the file changes; the sentence is read again
    assert svc.loops().detected == () and svc.loops().open == ()
    with pytest.raises(StaleRecordError, match="You already dismissed this promise"):
        svc.confirm_loop(notes[0].key)


def test_deciding_twice_from_two_tabs_is_refused_and_writes_nothing(svc: MemberService, notes: list[Signal]) -> None:
    (ana,) = people(svc, "Ana Ruiz")
    notes.append(said(SignalKind.THEY_ASKED, "Ana asked for my CV.", ana, record_id=talk_with(svc, ana)))
    svc.confirm_loop(notes[0].key)
    before = file_bytes(svc)
    with pytest.raises(StaleRecordError, match="You already confirmed this promise in another tab or window"):
        svc.dismiss_signal(notes[0].key)
    assert file_bytes(svc) == before


def test_a_promise_no_longer_in_the_notes_cannot_be_confirmed(svc: MemberService, notes: list[Signal]) -> None:
    (ana,) = people(svc, "Ana Ruiz")
    talk_with(svc, ana)
    before = file_bytes(svc)
    with pytest.raises(StaleRecordError, match="no longer in your notes"):
        svc.confirm_loop("conversation:1:learned:i_promised:000000000000")
    advice = said(SignalKind.ADVICE, "Ana said to learn SQL.", ana)
    notes.append(advice)
    with pytest.raises(StaleRecordError, match="no longer in your notes"):
        svc.confirm_loop(advice.key)
    assert file_bytes(svc) == before


def test_adds_a_promise_by_hand_on_a_persons_page(svc: MemberService) -> None:
    (ana,) = people(svc, "Ana Ruiz")
    loop = svc.add_loop({"kind": "they_offered", "person_id": ana, "what": "an intro to the data team"})
    assert (loop.kind, loop.person_ids, loop.text, loop.signal_key, loop.decided_on) == (
        LoopKind.THEY_OFFERED,
        (ana,),
        "an intro to the data team",
        "",
        TODAY,
    )
    assert svc.loops_for(ana).open == (loop,)
    due = svc.add_loop({"kind": "i_promised", "person_id": ana, "what": "the deck", "due": days_ago(-2)})
    assert svc.loops().open == (due, loop), "the dated promise comes first"


def test_a_promise_typed_in_wrongly_names_the_fields_as_the_form_shows_them(svc: MemberService) -> None:
    (ana,) = people(svc, "Ana Ruiz")
    before = file_bytes(svc)
    with pytest.raises(ValidationError) as caught:
        svc.add_loop({"kind": "i_promised", "person_id": ana, "what": "  ", "due": "someday"})
    assert caught.value.problems == ["Due date: someday is not a date (use YYYY-MM-DD)", "What: required"]
    with pytest.raises(ValidationError, match=r"Due date: 2030-01-01 is too far ahead \(latest 2028-04-14\)"):
        svc.add_loop({"kind": "i_promised", "person_id": ana, "what": "the deck", "due": "2030-01-01"})
    with pytest.raises(ValidationError, match="What: too long"):
        svc.add_loop({"kind": "i_promised", "person_id": ana, "what": "x" * 201})
    with pytest.raises(NotFoundError, match="Person: nobody with id 99"):
        svc.add_loop({"kind": "i_promised", "person_id": 99, "what": "the deck"})
    assert file_bytes(svc) == before


def test_a_loop_closed_in_another_tab_is_refused_on_the_stale_screen(svc: MemberService) -> None:
    (ana,) = people(svc, "Ana Ruiz")
    shown = svc.add_loop({"kind": "i_promised", "person_id": ana, "what": "the deck"})
    svc.close_loop(shown.id)  # the other tab
    before = file_bytes(svc)
    with pytest.raises(
        StaleRecordError, match="The promise 'the deck' with Ana Ruiz was already closed in another tab"
    ):
        svc.close_loop(shown.id, expected=shown)
    assert file_bytes(svc) == before
    with pytest.raises(ValidationError, match="is not open, so it cannot be closed"):
        svc.close_loop(shown.id)


def test_a_loop_deleted_or_changed_elsewhere_is_refused_by_what_the_screen_showed(svc: MemberService) -> None:
    ana, ben = people(svc, "Ana Ruiz", "Ben Okoro")
    shown = svc.add_loop({"kind": "i_promised", "person_id": ana, "what": "the deck"})
    closed = svc.close_loop(shown.id)
    svc.reopen_loop(closed.id)
    with pytest.raises(StaleRecordError, match="was already reopened"):
        svc.reopen_loop(closed.id, expected=closed)
    svc.delete_person(ana)  # the loop goes with the only person it was with
    with pytest.raises(NotFoundError, match="The promise 'the deck' was deleted in another tab"):
        svc.close_loop(shown.id, expected=shown)
    with pytest.raises(NotFoundError):
        svc.loop(shown.id)
    assert svc.add_loop({"kind": "i_promised", "person_id": ben, "what": "x"}).id != shown.id, "ids are never reused"


def test_deleting_a_person_leaves_no_loop_pointing_at_nobody(svc: MemberService, notes: list[Signal]) -> None:
    ana, ben = people(svc, "Ana Ruiz", "Ben Okoro")
    solo = talk_with(svc, ana, learned="I'll send Ana the deck.")
    group = talk_with(svc, ana, ben, learned="Ben offered an intro.")
    notes += [
        said(SignalKind.I_PROMISED, "I'll send Ana the deck.", ana, record_id=solo),
        said(SignalKind.THEY_OFFERED, "Ben offered an intro.", ana, ben, record_id=group),
    ]
    only_ana = svc.confirm_loop(notes[0].key)
    shared = svc.confirm_loop(notes[1].key)
    typed = svc.add_loop({"kind": "i_promised", "person_id": ana, "what": "a coffee"})

    svc.delete_person(ana)
    remaining = {loop.id: loop for loop in svc.snapshot().loops}
    assert only_ana.id not in remaining and typed.id not in remaining
    assert remaining[shared.id].person_ids == (ben,) and remaining[shared.id].conversation_id == group


def test_deleting_a_conversation_keeps_its_loop_but_drops_the_link(svc: MemberService, notes: list[Signal]) -> None:
    (ana,) = people(svc, "Ana Ruiz")
    talk = talk_with(svc, ana, learned="Ana asked for my CV.")
    notes.append(said(SignalKind.THEY_ASKED, "Ana asked for my CV.", ana, record_id=talk))
    loop = svc.confirm_loop(notes[0].key)
    svc.delete_conversation(talk)
    assert svc.loop(loop.id) == dataclasses.replace(loop, conversation_id=None)


def test_merging_duplicates_moves_their_loops_to_the_person_kept(svc: MemberService) -> None:
    keep, dupe, cleo = people(svc, "Dana Wu", "Dana W.", "Cleo")
    mine = svc.add_loop({"kind": "they_offered", "person_ids": [dupe], "what": "an intro"})
    both = svc.add_loop({"kind": "i_promised", "person_ids": [keep, dupe, cleo], "what": "the notes"})
    svc.merge_people(keep, [dupe])
    assert svc.loop(mine.id).person_ids == (keep,)
    assert svc.loop(both.id).person_ids == (keep, cleo)


def test_loops_travel_in_a_json_export_and_a_restore_refuses_one_naming_nobody(
    data_root: Path, svc: MemberService
) -> None:
    (ana,) = people(svc, "Ana Ruiz")
    svc.add_loop({"kind": "they_offered", "person_id": ana, "what": "an intro", "due": "2026-05-01"})
    document = svc.export_json()
    fresh = member_service(data_root, "fresh", today=lambda: TODAY)
    plan = fresh.preview_import("json", json.dumps(document))
    assert plan.errors == []
    fresh.apply_import(plan)
    assert fresh.snapshot().loops == svc.snapshot().loops

    document["tables"]["loops"]["1"]["person_ids"] = [404]
    other = member_service(data_root, "other", today=lambda: TODAY)
    assert "loops 1: person_ids: no person with id 404" in other.preview_import("json", json.dumps(document)).errors


def test_a_stored_loop_the_app_cannot_read_is_named_before_any_save(svc: MemberService) -> None:
    (ana,) = people(svc, "Ana Ruiz")
    svc.add_loop({"kind": "i_promised", "person_id": ana, "what": "the deck"})
    raw = json.loads(svc.data_file.read_text())
    raw["loops"]["1"]["kind"] = "rumour"
    svc.data_file.write_text(json.dumps(raw))
    with pytest.raises(CorruptFileError, match="loops 1: kind: 'rumour' is not one of"):
        svc.add_person({"name": "Ben"})


def test_one_member_cannot_read_or_close_another_members_loops(data_root: Path, svc: MemberService) -> None:
    (ana,) = people(svc, "Ana Ruiz")
    loop = svc.add_loop({"kind": "i_promised", "person_id": ana, "what": "the deck"})
    other = member_service(data_root, "other", today=lambda: TODAY)
    with pytest.raises(NotFoundError):
        other.loops_for(ana)
    with pytest.raises(NotFoundError):
        other.close_loop(loop.id)
    with pytest.raises(NotFoundError):
        other.add_loop({"kind": "i_promised", "person_id": ana, "what": "the deck"})
    assert svc.loop(loop.id).is_open


# ------------------------------------------------------------------ prep cards
def test_prepares_for_a_talk_with_questions_from_the_last_one(svc: MemberService) -> None:
    (ana,) = people(svc, "Ana Ruiz")
    talk_with(svc, ana, day=days_ago(5), topics=["the data platform migration"])
    svc.add_loop({"kind": "they_offered", "person_id": ana, "what": "a look at my CV"})
    card = svc.prep_card(ana)
    assert card.questions[0] == "You offered a look at my CV; is that still on, and when would suit you?"
    assert card.questions[1] == "Last time you mentioned the data platform migration; how has that gone since?"
    assert [t.date for t in card.last_talks] == [days_ago(5)]


def test_prepares_for_an_upcoming_event(svc: MemberService) -> None:
    (ben,) = people(svc, "Ben Okoro")
    earlier = svc.add_event({"name": "Data meetup #1", "date": days_ago(30), "kind": "industry", "attended": True})
    coming = svc.add_event({"name": "Data meetup #2", "date": days_ago(-7), "kind": "industry"})
    talk_with(svc, ben, day=days_ago(30), event_id=earlier.id, event=earlier.name)
    found = svc.event_prep(coming.id)
    assert [f.name for f in found.people] == ["Ben Okoro"]


def test_a_person_or_event_id_that_is_not_the_members_is_not_found(data_root: Path, svc: MemberService) -> None:
    other = member_service(data_root, "other", today=lambda: TODAY)
    (ana,) = people(other, "Ana Ruiz")
    event = other.add_event({"name": "Offsite", "date": days_ago(-3)})
    assert (ana, event.id) == (1, 1)
    for ask in (svc.prep_card, svc.event_prep, svc.loops_for):
        for bad_id in (1, 99, 0, -1, True, "1", None):
            with pytest.raises(NotFoundError):
                ask(bad_id)
    for ask in (other.prep_card, other.event_prep, other.loops_for):
        ask(1)  # their own
        for lookalike in (True, "1", 1.0):
            with pytest.raises(NotFoundError):
                ask(lookalike)
