"""A writer killed mid-write leaves a temporary file; the next writer clears it."""

from __future__ import annotations

from pathlib import Path

from netcoach.service import member_service
from netcoach.store import forget_data_dirs


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
