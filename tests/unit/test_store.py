"""The member's document: written whole or not at all, never overwritten when broken.

These tests treat the store as the thing months of notes are trusted to, so
each one checks the bytes stored, not only what the API answers. Those that
state a promise of the store (not of a file on disk) run on both kinds of
storage, the data folder and PostgreSQL, through `store_backend`.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Any

import pytest
from store_backends import Backend
from support import TODAY

from netcoach.models import META, SCHEMA_VERSION
from netcoach.service import MemberService, NotFoundError, member_service
from netcoach.storage import (
    BACKUPS_KEPT,
    CorruptFileError,
    DataDir,
    InvalidMemberIdError,
    MemberGoneError,
    StoreError,
    data_dir,
    load_json_file,
    schema,
    validate_member_id,
    write_atomic,
)


def member_file(root: Path, member_id: str = "me") -> Path:
    return root / "members" / f"{member_id}.json"


def log_one(svc: MemberService, note: str = "") -> int:
    """Log a conversation with a new person; returns its id."""
    conversation = svc.log_conversation({"date": "2026-04-01", "notes": note}, [{"name": f"Person {note}"}])
    assert conversation.id is not None
    return conversation.id


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# ------------------------------------------------------------ atomic writes
def test_saving_many_times_leaves_only_the_member_file_behind(data_root: Path, svc: MemberService) -> None:
    for i in range(5):
        log_one(svc, str(i))
    names = sorted(p.name for p in (data_root / "members").iterdir())
    assert names == ["me.json", "me.json.lock"]
    assert len(load_json_file(member_file(data_root))["conversations"]) == 5


def test_a_write_that_fails_before_the_swap_keeps_the_old_file_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "m.json"
    write_atomic(target, b'{"old": {}}')

    def broken_replace(*_: Any) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        write_atomic(target, b'{"new": {}}')
    assert target.read_bytes() == b'{"old": {}}'
    assert leftovers(tmp_path) == []


def test_a_change_that_fails_halfway_is_not_written_or_remembered(
    store_backend: Backend, any_svc: MemberService
) -> None:
    svc = any_svc
    log_one(svc, "kept")
    before = store_backend.raw()
    member = data_dir(store_backend.root).store("me")
    with pytest.raises(RuntimeError), member.transaction() as db:
        db.table("people").insert({"name": "Half written"})
        raise RuntimeError("crash in the middle of a change")
    assert store_backend.raw() == before
    assert [p.name for p in svc.people()] == ["Person kept"], "the half-made change must not linger in memory"


# ------------------------------------------------------------ broken files
@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b'{"people": {"1": {"name": "Ann"', "not valid JSON"),
        (b"\xff\xfe garbage", "not valid JSON"),
        (b"[]", "unexpected structure"),
        (b'{"people": {"1": "Ann"}}', "unexpected structure"),
        (b"[" * 100_000, "not valid JSON"),
    ],
    ids=["truncated", "binary", "a-list", "records-not-objects", "deeply-nested"],
)
def test_a_broken_member_file_is_reported_by_path_and_never_overwritten(
    store_backend: Backend, content: bytes, reason: str
) -> None:
    if store_backend.kind == "postgresql":
        # A text column holds only valid UTF-8: binary garbage reaches a row as replacement characters.
        content = content.decode("utf-8", "replace").encode()
    store_backend.put_raw(content)
    svc = member_service(store_backend.root, "me", today=lambda: TODAY)
    where = data_dir(store_backend.root).store("me").path

    with pytest.raises(CorruptFileError) as on_read:
        svc.people()
    assert on_read.value.path == where
    assert str(where) in str(on_read.value) and reason in str(on_read.value)
    assert "me" in str(on_read.value), "the message names the member"

    with pytest.raises(CorruptFileError):
        svc.add_person({"name": "Would overwrite"})
    with pytest.raises(CorruptFileError):
        svc.log_conversation({"date": "2026-04-01"}, [{"name": "Would overwrite"}])
    assert store_backend.raw() == content, "a document we cannot read must be left exactly as it was"
    if isinstance(store_backend.root, Path):
        assert leftovers(store_backend.root / "members") == []


def test_one_members_broken_file_does_not_affect_another(store_backend: Backend) -> None:
    store_backend.put_raw(b"{nope", "broken")
    other = member_service(store_backend.root, "healthy", today=lambda: TODAY)
    other.add_person({"name": "Ann"})
    assert [p.name for p in other.people()] == ["Ann"]
    with pytest.raises(CorruptFileError):
        member_service(store_backend.root, "broken").people()


def test_check_lists_every_file_that_does_not_load_with_its_reason(store_backend: Backend) -> None:
    folder = data_dir(store_backend.root)
    assert folder.check() == []
    member_service(store_backend.root, "good").add_person({"name": "Ann"})
    store_backend.put_raw(b"{", "bad")
    store_backend.put_raw(b'{"people": []}', "odd")
    problems = folder.check()
    assert [path for path, _ in problems] == [folder.store("bad").path, folder.store("odd").path]
    assert "not valid JSON" in problems[0][1]
    assert "unexpected structure" in problems[1][1]


def test_temp_files_left_by_a_crash_do_not_break_loading(data_root: Path, svc: MemberService) -> None:
    log_one(svc, "before crash")
    folder = data_root / "members"
    (folder / ".me.json.4242.1.tmp").write_bytes(b'{"half": ')
    assert DataDir(data_root).check() == []
    assert DataDir(data_root).member_ids() == ["me"]
    assert len(member_service(data_root, "me").conversations()) == 1


# ------------------------------------------------------------- member ids
@pytest.mark.parametrize(
    "member_id",
    ["../x", "a/b", ".", "..", "Me", "", "a" * 65, "abc\n", "/etc/passwd", "a\\b", " me", "-me", "me.json", 5, None],
)
def test_a_member_id_that_could_escape_or_confuse_the_folder_is_refused(data_root: Path, member_id: Any) -> None:
    with pytest.raises(InvalidMemberIdError):
        validate_member_id(member_id)
    with pytest.raises(InvalidMemberIdError):
        member_service(data_root, member_id)
    assert list(data_root.iterdir()) == [], "nothing may be created for a refused id"


@pytest.mark.parametrize("member_id", ["a", "a" * 64, "intern-07", "x_y", "0"])
def test_plain_member_ids_are_accepted_and_name_their_file(store_backend: Backend, member_id: str) -> None:
    member_service(store_backend.root, member_id).add_person({"name": "Ann"})
    assert store_backend.raw(member_id) is not None
    assert data_dir(store_backend.root).member_ids() == [member_id]
    assert data_dir(store_backend.root).has_member(member_id)


def test_one_folder_has_one_shared_handle_per_process(data_root: Path) -> None:
    """Sessions share the folder's locks only if they share the handle."""
    assert data_dir(data_root) is data_dir(str(data_root))
    assert data_dir(data_root).store("me") is data_dir(data_root).store("me")


# ---------------------------------------------------------- cached reads
def test_reading_an_unchanged_file_does_not_parse_it_again(
    store_backend: Backend, any_svc: MemberService, monkeypatch: pytest.MonkeyPatch
) -> None:
    log_one(any_svc, "x")
    member = store_backend.second_store()
    calls: list[int] = []
    real_loads = json.loads

    def counting_loads(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return real_loads(*args, **kwargs)

    monkeypatch.setattr(json, "loads", counting_loads)
    with member.reading() as (_, first):
        pass
    with member.reading() as (_, second):
        pass
    assert len(calls) == 1, "the second read must come from memory"
    assert second is first


def test_the_service_hands_out_the_same_snapshot_until_the_file_changes(any_svc: MemberService) -> None:
    svc = any_svc
    log_one(svc, "a")
    first = svc.snapshot()
    assert svc.snapshot() is first
    assert svc.frames() is svc.frames()
    log_one(svc, "b")
    assert svc.snapshot() is not first
    assert len(svc.snapshot().conversations) == 2


def test_a_change_by_another_process_is_seen_and_ids_do_not_collide(
    store_backend: Backend, any_svc: MemberService
) -> None:
    """Two stores on one document stand in for two processes: each has its own caches."""
    svc = any_svc
    other = MemberService(store_backend.second_store(), today=lambda: TODAY)
    ids = [log_one(svc, "mine-1")]
    assert [c.notes for c in other.conversations()] == ["mine-1"]
    ids.append(log_one(other, "theirs-1"))
    ids.append(log_one(svc, "mine-2"))
    ids.append(log_one(other, "theirs-2"))
    assert len(set(ids)) == 4, f"doc ids collided: {ids}"
    for service in (svc, other):
        assert sorted(c.notes for c in service.conversations()) == ["mine-1", "mine-2", "theirs-1", "theirs-2"]
        assert len(service.people()) == 4
    stored = store_backend.tables()
    assert sorted(stored["conversations"]) == sorted(str(i) for i in ids)


def test_an_edit_by_another_process_is_not_undone_by_a_stale_copy(
    store_backend: Backend, any_svc: MemberService
) -> None:
    svc = any_svc
    conversation_id = log_one(svc, "one")
    other = MemberService(store_backend.second_store(), today=lambda: TODAY)
    other.update_conversation(conversation_id, {"quality": 5})
    svc.add_event({"name": "Fair", "date": "2026-04-02"})
    assert other.conversation(conversation_id).quality == 5
    assert svc.conversation(conversation_id).quality == 5
    assert store_backend.tables()["conversations"][str(conversation_id)]["quality"] == 5


# ----------------------------------------------------------------- schema
def test_every_file_is_stamped_with_its_schema(store_backend: Backend, any_svc: MemberService) -> None:
    any_svc.add_person({"name": "Ann"})
    meta = store_backend.tables()[META]
    assert meta["1"] == {"schema": SCHEMA_VERSION}
    assert meta["2"] == {"last_ids": {"people": 1}}, "beside the stamp, the highest id each table handed out"


def write_member_file(root: Path, tables: dict[str, Any], member_id: str = "me") -> bytes:
    path = member_file(root, member_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = json.dumps(tables).encode()
    path.write_bytes(payload)
    return payload


def test_a_file_from_a_newer_version_is_refused_and_left_alone(store_backend: Backend) -> None:
    payload = store_backend.put_tables({META: {"1": {"schema": SCHEMA_VERSION + 1}}, "people": {"1": {"name": "Ann"}}})
    svc = member_service(store_backend.root, "me")
    with pytest.raises(StoreError, match="newer netcoach"):
        svc.people()
    with pytest.raises(StoreError, match="newer netcoach"):
        svc.add_person({"name": "Bob"})
    assert store_backend.raw() == payload


def test_an_older_file_is_migrated_on_first_use_and_a_copy_kept(
    store_backend: Backend, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = store_backend.put_tables(
        {META: {"1": {"schema": SCHEMA_VERSION}}, "people": {"1": {"name": "Ann", "org": "Acme"}}}
    )

    def rename_org(tables: dict[str, Any]) -> dict[str, Any]:
        for person in tables.get("people", {}).values():
            person["organization"] = person.pop("org", "")
        return tables

    monkeypatch.setattr(schema, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    monkeypatch.setitem(schema.MIGRATIONS, SCHEMA_VERSION, rename_org)
    svc = member_service(store_backend.root, "me")
    assert [(p.name, p.organization) for p in svc.people()] == [("Ann", "Acme")]
    migrated = store_backend.tables()
    assert migrated[META] == {"1": {"schema": SCHEMA_VERSION + 1}}
    assert migrated["people"]["1"] == {"name": "Ann", "organization": "Acme"}
    assert store_backend.backup_tables(f"before-schema-{SCHEMA_VERSION + 1}.json") == json.loads(old)
    if isinstance(store_backend.root, Path):
        backup = store_backend.root / "backups" / "me" / f"before-schema-{SCHEMA_VERSION + 1}.json"
        assert backup.read_bytes() == old


def test_a_migration_also_runs_when_the_first_use_is_a_write(
    store_backend: Backend, monkeypatch: pytest.MonkeyPatch
) -> None:
    store_backend.put_tables({META: {"1": {"schema": SCHEMA_VERSION}}, "people": {"1": {"name": "Ann"}}})
    seen: list[int] = []

    def count(tables: dict[str, Any]) -> dict[str, Any]:
        seen.append(len(tables["people"]))
        return tables

    monkeypatch.setattr(schema, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    monkeypatch.setitem(schema.MIGRATIONS, SCHEMA_VERSION, count)
    svc = member_service(store_backend.root, "me")
    svc.add_person({"name": "Bob"})
    assert seen == [1], "the migration runs once, before the change"
    stored = store_backend.tables()
    assert stored[META]["1"]["schema"] == SCHEMA_VERSION + 1
    assert sorted(p["name"] for p in stored["people"].values()) == ["Ann", "Bob"]


# ---------------------------------------------------------------- backups
class _Clock:
    """A settable today for the store's daily backups."""

    def __init__(self, day: dt.date):
        clock = self

        class FakeDate(dt.date):
            @classmethod
            def today(cls) -> dt.date:
                return clock.day

        self.day = day
        self.date = FakeDate
        self.datetime = dt.datetime


@pytest.fixture
def clock(store_root: Path | str, monkeypatch: pytest.MonkeyPatch) -> _Clock:
    fake = _Clock(dt.date(2026, 3, 1))
    monkeypatch.setattr(data_dir(store_root), "today", fake.date.today)
    return fake


def test_a_backup_is_kept_before_the_first_write_of_each_day_and_only_the_last_seven(
    store_backend: Backend, any_svc: MemberService, clock: _Clock
) -> None:
    svc = any_svc
    names_on: dict[dt.date, list[str]] = {}
    for day in range(10):
        clock.day = dt.date(2026, 3, 1) + dt.timedelta(days=day)
        names_on[clock.day] = sorted(p.name for p in svc.people())
        svc.add_person({"name": f"Morning {day}"})
        svc.add_person({"name": f"Evening {day}"})

    backups = svc.backups()
    # The first day had no file before its first write, so days 2..10 have a copy; 7 are kept.
    expected_days = [dt.date(2026, 3, 1) + dt.timedelta(days=d) for d in range(9, 2, -1)]
    assert [b.name for b in backups] == [f"{d.isoformat()}.json" for d in expected_days]
    for backup, day in zip(backups, expected_days, strict=True):
        people = store_backend.backup_tables(backup.name)["people"].values()
        assert sorted(p["name"] for p in people) == names_on[day], f"{backup.name} is not the state before {day}"
    assert len(backups) == BACKUPS_KEPT


def test_a_backup_can_be_restored_and_the_current_state_is_kept_too(
    store_backend: Backend, any_svc: MemberService, clock: _Clock
) -> None:
    svc = any_svc
    svc.add_person({"name": "Ann"})
    clock.day = dt.date(2026, 3, 2)
    svc.add_person({"name": "Bob"})
    assert [b.name for b in svc.backups()] == ["2026-03-02.json"]
    before_restore = store_backend.tables()

    svc.restore_backup("2026-03-02.json")
    assert [p.name for p in svc.people()] == ["Ann"]
    kept = [b for b in svc.backups() if b.name.startswith("before-restore-")]
    assert len(kept) == 1 and store_backend.backup_tables(kept[0].name) == before_restore
    svc.add_person({"name": "Cleo"})
    assert [p.name for p in svc.people()] == ["Ann", "Cleo"]


def test_only_this_members_backups_can_be_restored(
    store_backend: Backend, any_svc: MemberService, tmp_path: Path, clock: _Clock
) -> None:
    svc = any_svc
    svc.add_person({"name": "Ann"})
    other = member_service(store_backend.root, "other")
    other.add_person({"name": "Stranger"})
    clock.day = dt.date(2026, 3, 2)
    other.add_person({"name": "Stranger two"})
    with pytest.raises(NotFoundError, match=r"backup: no backup named 'nope\.json'"):
        svc.restore_backup("nope.json")
    with pytest.raises(NotFoundError, match=r"backup: no backup named '2026-03-02\.json'"):
        svc.restore_backup("2026-03-02.json")  # the other member's copy of that day is not this member's
    stranger = tmp_path / "stranger.json"
    stranger.write_text("{}")
    with pytest.raises(StoreError, match="not one of this member's backups"):
        data_dir(store_backend.root).store("me").restore(stranger)
    assert [p.name for p in svc.people()] == ["Ann"]


def test_removing_a_member_deletes_their_file_and_backups(store_backend: Backend, clock: _Clock) -> None:
    root = store_backend.root
    svc = member_service(root, "leaver")
    svc.add_person({"name": "Ann"})
    clock.day = dt.date(2026, 3, 2)
    svc.add_person({"name": "Bob"})
    assert [b.name for b in svc.backups()] == ["2026-03-02.json"]
    member_service(root, "stayer").add_person({"name": "Cleo"})
    data_dir(root).remove_member("leaver")
    assert data_dir(root).member_ids() == ["stayer"]
    assert store_backend.raw("leaver") is None
    assert data_dir(root).store("leaver").backups() == [], "their daily copies went with them"
    assert member_service(root, "leaver").people() == []


def test_a_page_still_open_on_a_deleted_account_cannot_bring_it_back(store_backend: Backend) -> None:
    root = store_backend.root
    open_page = member_service(root, "leaver")
    open_page.add_person({"name": "Ann"})
    data_dir(root).remove_member("leaver")
    with pytest.raises(MemberGoneError):
        open_page.add_person({"name": "After deletion"})
    assert store_backend.raw("leaver") is None, "the stale page did not make the account again"
