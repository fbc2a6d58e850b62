"""The trash through the service: what a delete keeps, what a restore gives back, and undoing an import.

Each story deletes something the way a page does, then looks at the member's
data as the app would show it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from support import TODAY

from netcoach import cli
from netcoach.models import META, TRASH, LoopKind, TrashKind
from netcoach.service import MemberService, StaleRecordError, member_service
from netcoach.storage import load_json_file

LINKEDIN = (
    'Notes:\n"Some email addresses are missing."\n\n'
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
)


def person(svc: MemberService, name: str, **fields: Any) -> int:
    created = svc.add_person({"name": name, **fields})
    assert created.id is not None
    return created.id


def talk(svc: MemberService, day: str, *person_ids: int, **fields: Any) -> int:
    logged = svc.log_conversation({"date": day, "person_ids": list(person_ids), **fields})
    assert logged.id is not None
    return logged.id


def later(data_root: Path, days: int) -> MemberService:
    """The same member, `days` after TODAY."""
    return member_service(data_root, "me", today=lambda: TODAY + dt.timedelta(days=days))


def stored(svc: MemberService) -> dict[str, Any]:
    data = load_json_file(svc.data_file) or {}
    return {name: table for name, table in data.items() if name not in (META, TRASH)}


# ------------------------------------------------------------------ a person
def test_a_deleted_person_comes_back_with_their_talks_loops_and_place_in_group_conversations(
    svc: MemberService,
) -> None:
    ana, ben, cy = person(svc, "Ana Ruiz", organization="Design"), person(svc, "Ben Okoro"), person(svc, "Cy Tan")
    event = svc.add_event({"name": "Career fair", "date": "2026-04-01", "attended": True})
    alone = talk(svc, "2026-04-02", ana, learned="pricing", event_id=event.id, event="Career fair")
    group = talk(svc, "2026-04-03", ben, ana, cy, learned="roadmap")
    svc.add_loop({"kind": LoopKind.I_PROMISED, "person_id": ana, "what": "the slides"})
    svc.add_loop({"kind": LoopKind.THEY_OFFERED, "person_ids": [ana, ben], "what": "an intro"})
    before = stored(svc)

    trashed = svc.delete_person(ana)

    assert (trashed.label, trashed.conversations) == ("Ana Ruiz", 1)
    assert "Ana Ruiz" not in [p.name for p in svc.people()]
    assert svc.conversation(group).person_ids == (ben, cy)
    [entry] = svc.trash()
    assert (entry.item.kind, entry.item.label, entry.days_left) == (TrashKind.PERSON, "Ana Ruiz", 30)
    assert entry.contents == "with 1 conversation and 1 promise"

    restored = svc.restore_from_trash(trashed.item_id)

    assert restored.done and restored.message().startswith("Ana Ruiz is back.")
    assert stored(svc) == before, "everything is back exactly as it was, ids and order included"
    assert svc.conversation(group).person_ids == (ben, ana, cy)
    assert svc.conversation(alone).event_id == event.id
    assert svc.trash() == []


def test_restoring_twice_is_harmless_and_says_so(svc: MemberService) -> None:
    ana = person(svc, "Ana Ruiz")
    trashed = svc.delete_person(ana)
    svc.restore_from_trash(trashed.item_id)
    before = stored(svc)

    again = svc.restore_from_trash(trashed.item_id)

    assert not again.done and "no longer in the trash" in again.message()
    assert stored(svc) == before
    assert [p.name for p in svc.people()] == ["Ana Ruiz"]


def test_a_restore_acts_on_its_own_item_only(svc: MemberService) -> None:
    ana, ben = person(svc, "Ana Ruiz"), person(svc, "Ben Okoro")
    first = svc.delete_person(ana)
    second = svc.delete_person(ben)
    shown = svc.trash()

    svc.restore_from_trash(first.item_id, expected=next(e.item for e in shown if e.id == first.item_id))

    assert [p.name for p in svc.people()] == ["Ana Ruiz"]
    assert [e.id for e in svc.trash()] == [second.item_id]


def test_a_restore_shown_for_one_item_never_lands_on_another(svc: MemberService) -> None:
    ana, ben = person(svc, "Ana Ruiz"), person(svc, "Ben Okoro")
    first = svc.delete_person(ana)
    svc.delete_person(ben)
    shown = next(e.item for e in svc.trash() if e.id == first.item_id)

    with pytest.raises(ValueError, match="the item shown"):
        svc.restore_from_trash(first.item_id + 1, expected=shown)
    assert svc.people() == []


def test_restoring_a_person_says_which_of_their_conversations_wait_in_the_trash(svc: MemberService) -> None:
    ana = person(svc, "Ana Ruiz")
    kept = talk(svc, "2026-04-01", ana)
    lone = talk(svc, "2026-04-02", ana, learned="deleted on its own first")
    svc.delete_conversation(lone)
    trashed = svc.delete_person(ana)

    restored = svc.restore_from_trash(trashed.item_id)

    assert "1 conversation with them deleted on their own is still in the trash" in restored.message()
    assert [c.id for c in svc.conversations()] == [kept]
    assert len(svc.trash()) == 1


# ------------------------------------------------------------------ a conversation
def test_a_deleted_conversation_comes_back_and_its_promises_link_to_it_again(svc: MemberService) -> None:
    ana = person(svc, "Ana Ruiz")
    logged = talk(svc, "2026-04-02", ana, learned="I will send Ana the slides by Friday.")
    signal = next(s for s in svc.signals() if s.kind.is_promise)
    loop = svc.confirm_loop(signal.key)
    assert loop.conversation_id == logged

    trashed = svc.delete_conversation(logged)
    assert svc.loop(loop.id or 0).conversation_id is None
    assert trashed.label == "Conversation with Ana Ruiz on 2 Apr 2026"

    svc.restore_from_trash(trashed.item_id)

    assert svc.conversation(logged).learned.startswith("I will send")
    assert svc.loop(loop.id or 0).conversation_id == logged


def test_a_conversation_whose_person_is_in_the_trash_brings_them_back_and_says_so(svc: MemberService) -> None:
    ana = person(svc, "Ana Ruiz")
    lone = talk(svc, "2026-04-02", ana)
    trashed_talk = svc.delete_conversation(lone)
    svc.delete_person(ana)

    restored = svc.restore_from_trash(trashed_talk.item_id)

    assert restored.also == ("Ana Ruiz",)
    assert "which was in the trash too and came back with it" in restored.message()
    assert [p.name for p in svc.people()] == ["Ana Ruiz"]
    assert svc.conversation(lone).person_ids == (ana,)
    assert svc.trash() == []


def test_a_group_conversation_deleted_after_a_person_takes_them_back_in_when_both_return(
    svc: MemberService,
) -> None:
    ana, ben = person(svc, "Ana Ruiz"), person(svc, "Ben Okoro")
    group = talk(svc, "2026-04-02", ana, ben)
    gone = svc.delete_person(ana)  # Ana leaves the group conversation...
    trashed_talk = svc.delete_conversation(group)  # ...which is then deleted too

    svc.restore_from_trash(gone.item_id)  # Ana's place in it is kept in the trash for it
    svc.restore_from_trash(trashed_talk.item_id)

    assert svc.conversation(group).person_ids == (ana, ben)


def test_a_conversation_with_nobody_left_cannot_come_back_and_nothing_changes(
    svc: MemberService, data_root: Path
) -> None:
    ana = person(svc, "Ana Ruiz")
    lone = talk(svc, "2026-04-02", ana)
    trashed_talk = svc.delete_conversation(lone)
    svc.delete_person(ana)
    after = later(data_root, 20)
    shown = after.trash()
    # Ana's item is emptied away on its own; the conversation alone stays in the trash.
    after.empty_trash([e.id for e in shown if e.item.kind is TrashKind.PERSON])

    with pytest.raises(ValueError, match="everyone it was with was deleted"):
        after.restore_from_trash(trashed_talk.item_id)
    assert [e.id for e in after.trash()] == [trashed_talk.item_id]


# ------------------------------------------------------------------ an event
def test_a_deleted_event_comes_back_linked_to_its_conversations_unless_relinked_since(svc: MemberService) -> None:
    ana = person(svc, "Ana Ruiz")
    fair = svc.add_event({"name": "Career fair", "date": "2026-04-01"})
    meetup = svc.add_event({"name": "Meetup", "date": "2026-04-01"})
    first = talk(svc, "2026-04-01", ana, event_id=fair.id, event="Career fair")
    second = talk(svc, "2026-04-02", ana, event_id=fair.id, event="Career fair")
    trashed = svc.delete_event(fair.id or 0)
    svc.update_conversation(second, {"event_id": meetup.id, "event": "Meetup"})

    restored = svc.restore_from_trash(trashed.item_id)

    assert svc.conversation(first).event_id == fair.id
    assert svc.conversation(second).event_id == meetup.id, "a link the member changed since stays theirs"
    assert "1 link(s)" in restored.message()


# ------------------------------------------------------------------ keeping 30 days
def test_items_older_than_30_days_go_at_the_next_save_not_before(svc: MemberService, data_root: Path) -> None:
    ana = person(svc, "Ana Ruiz")
    svc.delete_person(ana)

    on_day_30 = later(data_root, 30)
    assert [e.days_left for e in on_day_30.trash()] == [0]
    on_day_31 = later(data_root, 31)
    assert on_day_31.trash() == [], "past its time it is no longer offered"
    assert load_json_file(on_day_31.data_file)[TRASH], "but nothing is removed without a save"

    on_day_31.add_person({"name": "Ben Okoro"})

    assert load_json_file(on_day_31.data_file)[TRASH] == {}


def test_emptying_the_trash_removes_only_what_the_page_showed(svc: MemberService) -> None:
    ana, ben = person(svc, "Ana Ruiz"), person(svc, "Ben Okoro")
    svc.delete_person(ana)
    shown = [e.id for e in svc.trash()]
    newer = svc.delete_person(ben)  # in another tab, after the page was drawn

    assert svc.empty_trash(shown) == 1
    assert [e.id for e in svc.trash()] == [newer.item_id]


def test_erasing_everything_empties_the_trash_too(svc: MemberService) -> None:
    svc.delete_person(person(svc, "Ana Ruiz"))
    svc.erase_all()
    assert svc.trash() == []


# ------------------------------------------------------------------ the file
def test_the_trash_is_not_part_of_an_export(svc: MemberService) -> None:
    svc.delete_person(person(svc, "Ana Ruiz"))
    person(svc, "Ben Okoro")
    exported = svc.export_json()
    assert TRASH not in exported["tables"]
    assert [p["name"] for p in exported["tables"]["people"].values()] == ["Ben Okoro"]


def test_check_passes_on_a_file_with_a_trash_and_counts_it(
    svc: MemberService, data_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ana = person(svc, "Ana Ruiz")
    talk(svc, "2026-04-02", ana)
    svc.delete_person(ana)
    svc.delete_event(svc.add_event({"name": "Fair", "date": "2026-04-01"}).id or 0)
    svc.import_file(
        svc.preview_import("linkedin", (LINKEDIN + "Dana,Wu,https://x.test/in/dana,,Acme,PM,1 Mar 2025\n").encode()),
        "Connections.csv",
    )
    capsys.readouterr()

    assert cli.main(["check", "--data-dir", str(data_root)]) == 0
    assert "3 in the trash" in capsys.readouterr().out


def test_check_names_a_trashed_record_that_could_not_come_back_without_refusing_the_file(
    svc: MemberService, data_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    svc.delete_person(person(svc, "Ana Ruiz"))
    data = json.loads(svc.data_file.read_text())
    data[TRASH]["1"]["records"]["people"]["1"]["role"] = "boss"
    svc.data_file.write_text(json.dumps(data))
    capsys.readouterr()

    assert cli.main(["check", "--data-dir", str(data_root)]) == 0, "the live data loads; only that restore would fail"
    assert "trash 1: records: people 1: role: 'boss' is not one of" in capsys.readouterr().err


def test_a_file_from_before_the_trash_is_brought_up_to_date_with_a_copy_kept(data_root: Path) -> None:
    path = data_root / "members" / "me.json"
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({META: {"1": {"schema": 1}}, "people": {"1": {"name": "Ana Ruiz"}}}))
    svc = member_service(data_root, "me", today=lambda: TODAY)

    assert [p.name for p in svc.people()] == ["Ana Ruiz"]
    data = load_json_file(path) or {}
    assert data[META]["1"] == {"schema": 2} and data[TRASH] == {}
    assert (data_root / "backups" / "me" / "before-schema-2.json").exists()
    svc.delete_person(1)
    assert [e.item.label for e in svc.trash()] == ["Ana Ruiz"]


# ------------------------------------------------------------------ undoing an import
def connections(*rows: str) -> bytes:
    return (LINKEDIN + "".join(r + "\n" for r in rows)).encode()


def test_an_import_is_undone_as_a_whole_and_keeps_what_changed_since(svc: MemberService) -> None:
    known = person(svc, "Priya Shah", organization="")
    plan = svc.preview_import(
        "linkedin",
        connections(
            "Dana,Wu,https://x.test/in/dana,,Acme,Recruiter,12 Mar 2024",
            "Sam,Lee,https://x.test/in/sam,,Initech,Engineer,12 Mar 2024",
            "Lu,Ma,https://x.test/in/lu,,Umbrella,Engineer,12 Mar 2024",
            "Priya,Shah,https://x.test/in/priya,,Globex,Engineer,12 Mar 2024",
        ),
    )
    # Priya is known with no organization: the preview asks whether the file's Priya is her; yes.
    [question] = plan.questions
    counts = svc.import_file(svc.decide_import(plan, {question.line: True}, {}), "Connections.csv")
    assert counts == {"people": 3, "updated_people": 1, "conversations": 0}
    [entry] = svc.imports()
    assert (
        entry.item.label
        == "Import of Connections.csv on 15 Apr 2026: 3 people, 0 conversations, details filled in for 1 person"
    )
    by_name = {p.name: p for p in svc.people()}
    svc.update_person(by_name["Sam Lee"].id or 0, {"notes": "met at the fair"})  # changed since
    talk(svc, "2026-04-10", by_name["Lu Ma"].id or 0)  # used since

    undone = svc.undo_import(entry.id, expected=entry.item)

    assert (undone.people, undone.conversations, undone.reverted) == (1, 0, 1)
    assert sorted(p.name for p in svc.people()) == ["Lu Ma", "Priya Shah", "Sam Lee"]
    assert svc.person(known).organization == "" and svc.person(known).links == ()
    message = undone.message()
    assert "1 person you changed since" in message
    assert "1 person you have logged conversations or promises with since" in message
    assert svc.imports() == []
    [kept] = svc.trash()
    assert kept.item.kind is TrashKind.UNDONE_IMPORT and kept.item.count("people") == 1


def test_a_filled_in_detail_changed_since_is_not_reverted(svc: MemberService) -> None:
    known = person(svc, "Priya Shah")
    plan = svc.preview_import("linkedin", connections("Priya,Shah,https://x.test/in/priya,,Globex,Eng,1 Mar 2025"))
    [question] = plan.questions  # a known Priya Shah with no organization: asked, and she is the same person
    svc.apply_import(svc.decide_import(plan, {question.line: True}, {}))
    assert svc.person(known).organization == "Globex"
    svc.update_person(known, {"organization": "Globex Research"})
    [entry] = svc.imports()
    assert entry.item.label.startswith("Import of a contacts file on 15 Apr 2026")

    undone = svc.undo_import(entry.id)

    assert svc.person(known).organization == "Globex Research"
    assert svc.person(known).links == (), "the link it filled in and nobody touched goes"
    assert "1 filled-in detail(s) you changed since" in undone.message()


def test_undoing_an_import_twice_is_harmless_and_the_undo_itself_can_be_given_back(svc: MemberService) -> None:
    svc.apply_import(svc.preview_import("linkedin", connections("Dana,Wu,https://x.test/in/dana,,Acme,PM,1 Mar 2025")))
    [entry] = svc.imports()
    undone = svc.undo_import(entry.id)
    assert svc.people() == []

    again = svc.undo_import(entry.id)
    assert not again.done and "undone already" in again.message()

    svc.restore_from_trash(undone.trash_id or 0)
    assert [p.name for p in svc.people()] == ["Dana Wu"]


def test_an_import_with_nothing_new_leaves_nothing_to_undo(svc: MemberService) -> None:
    payload = connections("Dana,Wu,https://x.test/in/dana,,Acme,PM,1 Mar 2025")
    svc.apply_import(svc.preview_import("linkedin", payload))
    plan = svc.preview_import("linkedin", payload)
    svc.apply_import(plan)
    assert len(svc.imports()) == 1


def test_an_import_is_not_restored_like_a_deleted_record(svc: MemberService) -> None:
    svc.apply_import(svc.preview_import("linkedin", connections("Dana,Wu,https://x.test/in/dana,,Acme,PM,1 Mar 2025")))
    [entry] = svc.imports()
    with pytest.raises(ValueError, match="undo it instead"):
        svc.restore_from_trash(entry.id)
    with pytest.raises(StaleRecordError):
        svc.undo_import(entry.id, expected=dataclasses.replace(entry.item, kind=TrashKind.PERSON))


def test_a_restored_person_gets_their_own_id_back_and_nobody_took_it_meanwhile(svc: MemberService) -> None:
    ana = person(svc, "Ana Ruiz")
    trashed = svc.delete_person(ana)
    ben = person(svc, "Ben Okoro")
    assert ben != ana

    svc.restore_from_trash(trashed.item_id)

    assert svc.person(ana).name == "Ana Ruiz" and svc.person(ben).name == "Ben Okoro"
