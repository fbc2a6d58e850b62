"""When the disk is full or the data file is broken, the person reads what happened, never a traceback.

Each story makes the store fail under a real page, then checks the message,
that no exception box is shown, that what was typed is still in the form,
and that the member's file is byte for byte what it was.
"""

from __future__ import annotations

import datetime as dt
import errno
import json
import threading
from pathlib import Path

import pytest
from app_helpers import click, open_app, texts
from filelock import FileLock

from netcoach.models import Role
from netcoach.service import member_service
from netcoach.storage import WAITING_MESSAGE, durable


def service(root: Path):
    return member_service(root, "me")


def member_file(root: Path) -> Path:
    return root / "members" / "me.json"


def disk_full(monkeypatch: pytest.MonkeyPatch) -> None:
    """From now on every write of a data file fails as on a full disk."""

    def no_space(path: Path, payload: bytes, **_: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(durable, "write_atomic", no_space)


def assert_fault_shown(at, before: bytes, root: Path) -> str:
    """The page says nothing was saved, shows no traceback, and the file is untouched."""
    assert not at.exception, [e.value for e in at.exception]
    shown = texts(at)
    assert "nothing was saved" in shown.lower(), shown
    assert member_file(root).read_bytes() == before
    return shown


def test_logging_a_conversation_on_a_full_disk_says_nothing_was_saved_and_keeps_the_form(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    service(data_dir).add_person({"name": "Omar Haddad"})
    before = member_file(data_dir).read_bytes()
    at = open_app("log")
    at.text_input(key="log_0_new_name").input("Maya Chen")
    at.button_group(key="log_0_new_role").set_value(Role.MENTOR)
    at.text_area(key="log_0_learned").input("How the payments team plans its quarter")
    disk_full(monkeypatch)

    click(at, "Save conversation")

    shown = assert_fault_shown(at, before, data_dir)
    assert "disk that holds your data is full" in shown
    assert "Saved:" not in shown
    # What the person typed is still there for a retry.
    assert at.text_input(key="log_0_new_name").value == "Maya Chen"
    assert at.text_area(key="log_0_learned").value == "How the payments team plans its quarter"


def test_saving_an_edit_in_the_dialog_on_a_full_disk_is_refused_with_a_message(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    svc = service(data_dir)
    omar = svc.add_person({"name": "Omar Haddad"})
    logged = svc.log_conversation({"date": dt.date.today(), "person_ids": [omar.id], "quality": 2})
    before = member_file(data_dir).read_bytes()
    at = open_app("log")
    click(at, "Edit")
    at.slider(key=f"edit_{logged.id}_quality").set_value(5)
    disk_full(monkeypatch)

    click(at, "Save changes")

    assert_fault_shown(at, before, data_dir)
    assert at.slider(key=f"edit_{logged.id}_quality").value == 5


def test_mark_done_on_a_full_disk_says_so_instead_of_confirming(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    svc = service(data_dir)
    ana = svc.add_person({"name": "Ana Costa"})
    yesterday = dt.date.today() - dt.timedelta(days=1)
    svc.log_conversation({"date": yesterday, "person_ids": [ana.id], "followup_due": yesterday})
    before = member_file(data_dir).read_bytes()
    at = open_app("followups")
    disk_full(monkeypatch)

    click(at, "Mark done")  # a button callback: it runs before the page is drawn

    shown = assert_fault_shown(at, before, data_dir)
    assert "Marked the follow-up" not in shown
    assert service(data_dir).conversations()[0].followup_done is None


def test_ticking_went_on_a_full_disk_leaves_the_box_as_stored(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    event = service(data_dir).add_event({"name": "Demo day", "date": dt.date.today() - dt.timedelta(days=3)})
    before = member_file(data_dir).read_bytes()
    at = open_app("events")
    disk_full(monkeypatch)

    at.checkbox(key=f"attended_{event.id}").check().run()  # an on_change callback

    assert_fault_shown(at, before, data_dir)
    assert at.checkbox(key=f"attended_{event.id}").value is False
    assert service(data_dir).events()[0].attended is False


def test_a_broken_record_is_reported_by_file_name_and_a_save_writes_nothing(data_dir: Path) -> None:
    service(data_dir).add_person({"name": "Omar Haddad", "role": "supervisor"})
    at = open_app("people")
    at.text_input(key="add_person_0_name").input("Lea Novak")
    # Meanwhile the file gets a person whose role netcoach does not know.
    path = member_file(data_dir)
    tables = json.loads(path.read_bytes())
    next(iter(tables["people"].values()))["role"] = "boss"
    path.write_text(json.dumps(tables))
    before = path.read_bytes()

    click(at, "Add person")

    assert not at.exception, [e.value for e in at.exception]
    shown = texts(at)
    assert str(path) in shown and "cannot be read" in shown
    assert path.read_bytes() == before


def test_a_save_that_waits_for_the_file_lock_says_so(data_dir: Path) -> None:
    """Another process holds the member's file lock for a moment; the page says the save is waiting."""
    service(data_dir).save_profile({"display_name": "Ana"})
    at = open_app("settings")
    at.text_input[0].input("Finn")
    # Its own descriptor, as another process would hold it; released from a timer thread.
    other_process = FileLock(str(member_file(data_dir)) + ".lock", thread_local=False)
    other_process.acquire()
    threading.Timer(1.0, other_process.release).start()
    click(at, "Save settings")
    assert any(WAITING_MESSAGE in str(t.value) for t in at.toast), [t.value for t in at.toast]
    assert service(data_dir).profile().display_name == "Finn"
