"""When the disk, the folder or another save gets in the way: a plain sentence, and the file as it was.

Disk full and a read-only disk cannot be produced for real here, so the
system calls the store makes are replaced by ones failing with the error the
kernel would give. Each story checks the message a person would read, the
bytes on disk, and that the next save works once the trouble is gone.
"""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from support import TODAY

from netcoach import cli
from netcoach.service import MemberService, member_service
from netcoach.storage import (
    NOT_SAVED,
    WAITING_MESSAGE,
    CorruptFileError,
    LockBusyError,
    MemberGoneError,
    MemberStore,
    ReadFailedError,
    StoreError,
    WriteFailedError,
    checks,
    data_dir,
    durable,
    files,
    load_json_file,
    locking,
    waiting_notice,
)

REPO = Path(__file__).resolve().parents[2]


def member_file(root: Path, member_id: str = "me") -> Path:
    return root / "members" / f"{member_id}.json"


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def failing(error: int, real: Callable[..., Any], when: Callable[..., bool]) -> Callable[..., Any]:
    """`real`, except that it fails with `error` whenever `when(*args)` holds."""

    def fake(*args: Any, **kwargs: Any) -> Any:
        if when(*args):
            raise OSError(error, os.strerror(error))
        return real(*args, **kwargs)

    return fake


@pytest.fixture
def saved(data_root: Path, svc: MemberService) -> bytes:
    """A member with one person on disk; the file's bytes."""
    svc.add_person({"name": "Ann"})
    return member_file(data_root).read_bytes()


# ---------------------------------------------------------------- the disk says no
def test_a_full_disk_while_writing_says_so_and_keeps_the_file(
    data_root: Path, svc: MemberService, saved: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "write", failing(errno.ENOSPC, os.write, lambda fd, *_: fd > 2))
    with pytest.raises(WriteFailedError) as error:
        svc.add_person({"name": "Bob"})
    assert str(error.value) == f"The disk that holds your data is full. {NOT_SAVED}"
    assert member_file(data_root).read_bytes() == saved
    assert leftovers(member_file(data_root).parent) == []
    monkeypatch.undo()
    assert [p.name for p in svc.people()] == ["Ann"], "the refused change left nothing behind in memory"
    svc.add_person({"name": "Cleo"})
    assert [p.name for p in svc.people()] == ["Ann", "Cleo"]


def test_a_read_only_disk_says_so_and_keeps_the_file(
    data_root: Path, svc: MemberService, saved: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "replace", failing(errno.EROFS, os.replace, lambda *_: True))
    with pytest.raises(WriteFailedError, match=r"read-only\. Nothing was saved\.$"):
        svc.update_person(1, {"organization": "Acme"})
    assert member_file(data_root).read_bytes() == saved
    assert leftovers(member_file(data_root).parent) == []


def test_no_permission_to_write_in_the_folder_says_so(
    data_root: Path, svc: MemberService, saved: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = member_file(data_root).parent
    if os.geteuid() == 0:  # root ignores folder permissions: fail the way the kernel would
        monkeypatch.setattr(os, "open", failing(errno.EACCES, os.open, lambda path, *_: str(path).endswith(".tmp")))
    else:
        folder.chmod(0o500)
    try:
        with pytest.raises(WriteFailedError) as error:
            svc.add_person({"name": "Bob"})
    finally:
        folder.chmod(0o755)
    assert str(error.value) == f"netcoach is not allowed to change the files in {folder}. {NOT_SAVED}"
    assert member_file(data_root).read_bytes() == saved


def test_a_member_file_that_is_a_folder_is_named_on_save_and_on_read(data_root: Path) -> None:
    path = member_file(data_root)
    path.mkdir(parents=True)
    svc = member_service(data_root, "me", today=lambda: TODAY)
    with pytest.raises(WriteFailedError, match=rf"{path} is a folder, not a data file\. Nothing was saved\."):
        svc.add_person({"name": "Bob"})
    with pytest.raises(ReadFailedError, match="is a folder"):
        svc.people()
    assert path.is_dir() and list(path.iterdir()) == []


def test_a_file_the_system_refuses_to_read_gives_a_store_error(
    data_root: Path, saved: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    fresh = member_service(data_root, "me")  # same folder, cached store: force a new read
    data_dir(data_root).store("me").storage.forget()
    path = member_file(data_root)
    monkeypatch.setattr(durable, "open", failing(errno.EACCES, open, lambda p, *_: Path(p) == path), raising=False)
    with pytest.raises(StoreError, match=r"Your data could not be read: netcoach is not allowed to read"):
        fresh.people()
    assert path.read_bytes() == saved


def test_the_command_line_prints_the_fault_and_no_traceback(
    data_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(os, "replace", failing(errno.ENOSPC, os.replace, lambda *_: True))
    upload = tmp_path / "people.csv"
    upload.write_text("name\nAnn\n")
    code = cli.main(
        ["import", "--data-dir", str(data_root), "--member", "me", "--format", "people-csv", "--yes", str(upload)]
    )
    err = capsys.readouterr().err
    assert code == 1
    assert "netcoach: error: The disk that holds your data is full. Nothing was saved." in err
    assert "Traceback" not in err
    assert not member_file(data_root).exists()


# ---------------------------------------------------------------- another save holds the lock
HOLDER = """
import sys, time
from filelock import FileLock
lock = FileLock(sys.argv[1])
lock.acquire()
print("holding", flush=True)
sys.stdin.readline()
lock.release()
"""


@pytest.fixture
def lock_held_elsewhere(data_root: Path, saved: bytes) -> Iterator[None]:
    """Another process holds the member's file lock until the test ends."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(member_file(data_root)) + ".lock"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
    try:
        yield
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=10)


def test_a_save_waiting_for_another_says_so_once_then_gives_up_with_a_message(
    data_root: Path, svc: MemberService, saved: bytes, lock_held_elsewhere: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(locking, "LOCK_TIMEOUT_S", 0.3)
    notices: list[str] = []
    token = waiting_notice.set(notices.append)
    try:
        with pytest.raises(LockBusyError) as error:
            svc.add_person({"name": "Bob"})
    finally:
        waiting_notice.reset(token)
    assert notices == [WAITING_MESSAGE]
    assert str(error.value).startswith("Another save of your data has been running for more than 0.3 seconds")
    assert str(error.value).endswith(NOT_SAVED)
    assert isinstance(error.value, WriteFailedError)
    assert member_file(data_root).read_bytes() == saved


def test_a_save_that_finds_the_lock_free_does_not_say_it_waits(svc: MemberService, saved: bytes) -> None:
    notices: list[str] = []
    token = waiting_notice.set(notices.append)
    try:
        svc.add_person({"name": "Bob"})
        svc.update_person(1, {"organization": "Acme"})
    finally:
        waiting_notice.reset(token)
    assert notices == []


def test_a_save_waiting_for_another_process_goes_ahead_when_it_is_done(
    data_root: Path, svc: MemberService, saved: bytes
) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(member_file(data_root)) + ".lock"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
    threading.Timer(0.3, lambda: holder.stdin.close() if holder.stdin else None).start()
    notices: list[str] = []
    token = waiting_notice.set(notices.append)
    try:
        svc.add_person({"name": "Bob"})
    finally:
        waiting_notice.reset(token)
        holder.wait(timeout=10)
    assert notices == [WAITING_MESSAGE]
    assert [p.name for p in svc.people()] == ["Ann", "Bob"]


# ---------------------------------------------------------------- permissions
def test_a_private_member_file_stays_private_after_a_save(data_root: Path, svc: MemberService, saved: bytes) -> None:
    path = member_file(data_root)
    path.chmod(0o600)
    svc.add_person({"name": "Bob"})
    assert path.stat().st_mode & 0o777 == 0o600


def test_a_backup_of_a_private_file_is_private_too(data_root: Path, svc: MemberService, saved: bytes) -> None:
    member_file(data_root).chmod(0o600)
    old = os.umask(0o022)
    try:
        copy = data_dir(data_root).store("me").backup_now("before-something")
    finally:
        os.umask(old)
    assert copy is not None and copy.stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize(("umask", "mode"), [(0o077, 0o600), (0o022, 0o644)])
def test_a_new_member_file_follows_the_umask(data_root: Path, umask: int, mode: int) -> None:
    old = os.umask(umask)
    try:
        member_service(data_root, "me").add_person({"name": "Ann"})
    finally:
        os.umask(old)
    assert member_file(data_root).stat().st_mode & 0o777 == mode


def test_the_service_unit_keeps_new_files_private() -> None:
    unit = (REPO / "deploy" / "netcoach.service").read_text()
    assert "UMask=0077" in [line.strip() for line in unit.splitlines()]


# ---------------------------------------------------------------- a deleted account stays deleted
def test_a_tab_still_open_after_the_account_was_deleted_cannot_save(data_root: Path) -> None:
    first_tab = member_service(data_root, "ana", today=lambda: TODAY)
    second_tab = member_service(data_root, "ana", today=lambda: TODAY)
    first_tab.add_person({"name": "Ann"})
    assert [p.name for p in second_tab.people()] == ["Ann"]
    older = MemberStore(member_file(data_root, "ana"), data_root / "backups" / "ana")
    with older.reading():
        pass

    data_dir(data_root).remove_member("ana")

    for action in (
        lambda: second_tab.add_person({"name": "Bob"}),
        lambda: second_tab.update_person(1, {"organization": "Acme"}),
        lambda: MemberService(older).add_person({"name": "Cleo"}),
    ):
        with pytest.raises(MemberGoneError) as error:
            action()
        assert str(error.value) == "This account was deleted; nothing was saved."
    with pytest.raises(MemberGoneError, match="This account was deleted"):
        second_tab.people()
    assert not member_file(data_root, "ana").exists()
    assert isinstance(error.value, StoreError)


def test_a_new_sign_in_after_deletion_starts_a_new_file(data_root: Path) -> None:
    member_service(data_root, "ana").add_person({"name": "Ann"})
    data_dir(data_root).remove_member("ana")
    fresh = member_service(data_root, "ana")
    assert fresh.people() == []
    fresh.add_person({"name": "Bob"})
    assert [p.name for p in fresh.people()] == ["Bob"]


STALE_TAB = """
import sys
from netcoach.service import member_service
from netcoach.storage import StoreError
svc = member_service(sys.argv[1], "ana")
print(len(svc.people()), flush=True)
sys.stdin.readline()
try:
    svc.add_person({"name": "Late"})
    print("saved", flush=True)
except StoreError as error:
    print(type(error).__name__, error, flush=True)
"""


def test_a_tab_in_another_process_cannot_bring_a_deleted_account_back(data_root: Path) -> None:
    member_service(data_root, "ana").add_person({"name": "Ann"})
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    other = subprocess.Popen(
        [sys.executable, "-c", STALE_TAB, str(data_root)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert other.stdout is not None and other.stdin is not None
    assert other.stdout.readline().strip() == "1"
    data_dir(data_root).remove_member("ana")
    other.stdin.write("go\n")
    other.stdin.flush()
    answer = other.stdout.readline().strip()
    other.wait(timeout=30)
    assert answer == "MemberGoneError This account was deleted; nothing was saved."
    assert not member_file(data_root, "ana").exists()


def test_deleting_an_account_and_making_folders_are_recorded_in_the_parent_folder(
    data_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    synced: list[Path] = []
    real = files.fsync_dir
    monkeypatch.setattr(files, "fsync_dir", lambda folder: (synced.append(Path(folder)), real(folder))[1])
    member_service(data_root, "ana").add_person({"name": "Ann"})
    assert data_root in synced, "the new members folder must be made durable in the data folder"
    synced.clear()
    data_dir(data_root).remove_member("ana")
    assert data_root / "members" in synced


# ---------------------------------------------------------------- a file that does not fully read
def hand_edit(path: Path, change: Callable[[dict[str, Any]], None]) -> bytes:
    data = json.loads(path.read_text())
    change(data)
    path.write_text(json.dumps(data))
    return path.read_bytes()


@pytest.mark.parametrize(
    ("edit", "named"),
    [
        (lambda d: d["people"]["1"].update(role="boss"), "people 1: role: 'boss' is not one of"),
        (
            lambda d: d["conversations"]["1"].update(date="2026-02-30"),
            "conversations 1: date: 2026-02-30 is not a date",
        ),
        (lambda d: d["conversations"]["1"].update(person_ids=7), "conversations 1: person_ids"),
    ],
    ids=["role", "date", "person-ids"],
)
def test_a_file_with_one_unreadable_record_is_never_rewritten(
    data_root: Path, svc: MemberService, edit: Callable[[dict[str, Any]], None], named: str
) -> None:
    svc.log_conversation({"date": "2026-04-01", "followup_due": "2026-04-03"}, [{"name": "Ann"}])
    path = member_file(data_root)
    broken = hand_edit(path, edit)
    for save in (
        lambda: svc.mark_followup_done(1),
        lambda: svc.add_person({"name": "Bob"}),
        lambda: svc.erase_all(),
    ):
        with pytest.raises(CorruptFileError) as error:
            save()
        assert str(path) in str(error.value) and named in str(error.value)
    assert path.read_bytes() == broken


def test_an_unchanged_file_is_not_parsed_record_by_record_again(
    svc: MemberService, monkeypatch: pytest.MonkeyPatch
) -> None:
    for n in range(20):
        svc.add_person({"name": f"Person {n}"})
    checked: list[str] = []
    real = checks.record_problem
    monkeypatch.setattr(
        checks, "record_problem", lambda table, key, rec: (checked.append(key), real(table, key, rec))[1]
    )
    svc.add_person({"name": "One more"})
    svc.update_person(3, {"organization": "Acme"})
    assert checked == ["21", "3"], "only the records a change touched are checked again"


@pytest.mark.parametrize(
    "stamp",
    [{"schema": "x"}, {"schema": 0}, {"schema": -1}, {"schema": [1]}, {"schema": None}, {"schema": True}, {}],
    ids=["text", "zero", "negative", "list", "null", "true", "missing"],
)
def test_a_schema_stamp_that_is_no_known_version_is_named(data_root: Path, stamp: dict[str, Any]) -> None:
    path = member_file(data_root)
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"_meta": {"1": stamp}, "people": {"1": {"name": "Ann"}}}))
    content = path.read_bytes()
    svc = member_service(data_root, "me")
    shown = repr(stamp.get("schema", "missing"))
    with pytest.raises(CorruptFileError) as on_read:
        svc.people()
    assert str(path) in str(on_read.value) and f"unknown schema stamp {shown}" in str(on_read.value)
    with pytest.raises(CorruptFileError):
        svc.add_person({"name": "Bob"})
    assert path.read_bytes() == content
    problems = data_dir(data_root).check()
    assert [(p, "unknown schema stamp" in reason) for p, reason in problems] == [(path, True)]


def test_a_save_that_would_write_an_unreadable_record_is_refused(data_root: Path, saved: bytes) -> None:
    member = data_dir(data_root).store("me")
    with pytest.raises(StoreError, match=r"cannot read back \(people 2: role: 'boss'") as error:
        member.db.table("people").insert({"name": "Bob", "role": "boss"})
    assert str(error.value).endswith(NOT_SAVED)
    assert member_file(data_root).read_bytes() == saved
    assert load_json_file(member_file(data_root))["people"].keys() == {"1"}
