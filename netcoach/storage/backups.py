"""Copies of a member file: one before the first save of each day, and one before anything drastic.

A person who deletes the wrong thing, or restores the wrong file, can go back
a day. Only the last week of daily copies is kept, so the folder does not
grow for ever; copies named for an occasion (a restore, a migration) stay.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from netcoach.config import Clock, system_today
from netcoach.storage.errors import StoreError, read_failed
from netcoach.storage.files import Tables, copy_file, load_json_file, make_folder

BACKUPS_KEPT = 7

Timestamp = Callable[[], dt.datetime]
"""Gives the current moment; injected wherever a backup is named by the time."""


class Archive(Protocol):
    """Where a store keeps its copies: files in a folder, or rows of a database."""

    folder: Path

    def daily(self) -> None: ...

    def copy(self, label: str) -> Path: ...

    def stamped(self, label: str) -> Path | None: ...

    def listing(self) -> list[Path]: ...

    def load(self, backup: Path) -> Tables: ...


class Backups:
    """The backup folder of one data file."""

    def __init__(self, path: Path, folder: Path, *, today: Clock = system_today, now: Timestamp = dt.datetime.now):
        self.path = path
        self.folder = folder
        self.today = today
        self.now = now
        self._taken_on: dt.date | None = None

    def daily(self) -> None:
        """Keep a copy of the file as it was before the first write of each day."""
        today = self.today()
        if self._taken_on == today or not self.path.exists():
            return
        if not (self.folder / f"{today.isoformat()}.json").exists():
            self.copy(today.isoformat())
            self._prune()
        self._taken_on = today

    def copy(self, label: str) -> Path:
        """A copy of the file as it is now, named `label`."""
        make_folder(self.folder)
        return copy_file(self.path, self.folder / f"{label}.json")

    def stamped(self, label: str) -> Path | None:
        """A copy named by `label` and the time, or None when there is no file yet."""
        if not self.path.exists():
            return None
        return self.copy(f"{label}-{self.now().strftime('%Y-%m-%dT%H%M%S')}")

    def listing(self) -> list[Path]:
        """Every copy, newest name first."""
        if not self.folder.exists():
            return []
        return sorted(self.folder.glob("*.json"), reverse=True)

    def load(self, backup: Path) -> Tables:
        """The tables of one of these copies; anything else is refused."""
        if backup.parent.resolve() != self.folder.resolve():
            raise StoreError(f"{backup}: not one of this member's backups")
        try:
            data = load_json_file(backup)
        except OSError as exc:
            raise read_failed(exc, backup) from None
        if data is None:
            raise StoreError(f"{backup}: no such backup")
        return data

    def _prune(self) -> None:
        daily = sorted(p for p in self.folder.glob("????-??-??.json"))
        for old in daily[:-BACKUPS_KEPT]:
            old.unlink(missing_ok=True)
