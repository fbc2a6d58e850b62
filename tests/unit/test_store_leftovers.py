"""A writer killed mid-write leaves a temporary file; the next writer clears it."""

from __future__ import annotations

import os
from pathlib import Path

from netcoach.service import member_service
from netcoach.storage import forget_data_dirs


def test_a_killed_writers_temporary_file_is_removed_by_the_next_write(tmp_path: Path) -> None:
    root = tmp_path / "data"
    svc = member_service(root, "me")
    svc.add_person({"name": "Ana"})
    members = root / "members"
    leftover = members / ".me.json.4242.1.tmp"
    leftover.write_bytes(b'{"people": {"1": {"na')  # what a kill mid-write leaves
    other = members / ".other.json.4242.1.tmp"
    other.write_bytes(b"{")

    forget_data_dirs()  # a new process opening the folder
    fresh = member_service(root, "me")
    assert [p.name for p in fresh.people()] == ["Ana"]
    fresh.add_person({"name": "Ben"})

    assert not leftover.exists()
    assert other.exists()  # another member's file is that member's business
    assert [p.name for p in member_service(root, "me").people()] == ["Ana", "Ben"]


def test_a_change_from_another_process_is_seen_even_with_the_same_size_and_time(tmp_path: Path) -> None:
    from netcoach.storage import MemberStore

    path = tmp_path / "me.json"
    ours, theirs = MemberStore(path, tmp_path / "b1"), MemberStore(path, tmp_path / "b2")
    with ours.transaction() as db:
        db.table("people").insert({"name": "Ana"})
    with ours.reading() as (_, tables):
        assert tables["people"]["1"]["name"] == "Ana"
    before = path.stat()

    with theirs.transaction() as db:
        db.table("people").update({"name": "Bob"}, doc_ids=[1])  # same length, so the same size
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # and the same time
    assert path.stat().st_size == before.st_size

    with ours.reading() as (_, tables):
        assert tables["people"]["1"]["name"] == "Bob"


def test_a_file_with_an_unreadable_record_is_reported_by_name_and_left_alone(tmp_path: Path) -> None:
    import pytest

    from netcoach.storage import CorruptFileError

    root = tmp_path / "data"
    member_service(root, "me").add_person({"name": "Ana"})
    path = root / "members" / "me.json"
    broken = path.read_text().replace('"role":"other"', '"role":"wizard"')
    path.write_text(broken)
    forget_data_dirs()
    svc = member_service(root, "me")
    with pytest.raises(CorruptFileError) as error:
        svc.people()
    assert str(path) in str(error.value) and "wizard" in str(error.value)
    with pytest.raises(CorruptFileError):
        svc.preview_import("people_csv", "name\nBen\n")  # every page and import reads first
    assert path.read_text() == broken


def test_a_json_restore_goes_into_a_member_that_only_has_a_profile(tmp_path: Path) -> None:
    import json

    source = member_service(tmp_path / "a", "me")
    source.load_sample_data(conversations=20)
    target = member_service(tmp_path / "b", "me")
    target.save_profile({"display_name": "Fresh start"})
    plan = target.preview_import("json", json.dumps(source.export_json()))
    assert plan.errors == []
    target.apply_import(plan)
    assert target.export_json()["tables"] == source.export_json()["tables"]
