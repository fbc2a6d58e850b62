"""The data folder: one file per member, the team file, and everyone's backups.

Every session of a server must share one store per member file, or their
thread locks would not see each other; `data_dir` keeps one DataDir per
folder in a process for that reason (and one Database per PostgreSQL
address, when members are kept there instead).
"""

from __future__ import annotations

import datetime as dt
import functools
import threading
from collections.abc import Iterable
from pathlib import Path

from netcoach.config import Clock, is_database_url, system_today
from netcoach.models import FILE_PARSERS
from netcoach.storage.backend import Storage, StoredDocument
from netcoach.storage.backups import Timestamp
from netcoach.storage.checks import file_problems
from netcoach.storage.errors import InvalidMemberIdError
from netcoach.storage.files import remove_folder
from netcoach.storage.member_ids import MEMBER_ID_RE, validate_member_id
from netcoach.storage.member_store import MemberStore

TEAM_KEY = "/team"  # cannot clash with a member id


class DataDir:
    """The data folder: one file per member plus their backups.

    `today` and `now` date the backups of every store of this folder; they are
    read at each use, so a fixed day given to the folder reaches stores
    already open.
    """

    def __init__(self, root: Path | str, *, today: Clock = system_today, now: Timestamp = dt.datetime.now):
        self.root = Path(root).resolve()
        self.members_dir = self.root / "members"
        self.backups_dir = self.root / "backups"
        self.today = today
        self.now = now
        self._stores: dict[str, MemberStore] = {}
        self._lock = threading.Lock()

    @property
    def location(self) -> str:
        return str(self.root)

    def exists(self) -> bool:
        return self.root.is_dir()

    def has_member(self, member_id: str) -> bool:
        return self.member_path(member_id).is_file()

    def member_path(self, member_id: str) -> Path:
        validate_member_id(member_id)
        path = (self.members_dir / f"{member_id}.json").resolve()
        if path.parent != self.members_dir:
            raise InvalidMemberIdError(f"member id {member_id!r} points outside the data folder")
        return path

    def store(self, member_id: str) -> MemberStore:
        path = self.member_path(member_id)
        with self._lock:
            store = self._stores.get(member_id)
            if store is None:
                store = self._stores[member_id] = self._open(path, self.backups_dir / member_id)
            return store

    def team_store(self) -> MemberStore:
        """The team instance's own file (members, sharing, shared events), beside the members."""
        with self._lock:
            store = self._stores.get(TEAM_KEY)
            if store is None:
                store = self._open(self.root / "team.json", self.backups_dir / "_team", record_tables=())
                self._stores[TEAM_KEY] = store
            return store

    def _open(self, path: Path, backup_dir: Path, record_tables: Iterable[str] = tuple(FILE_PARSERS)) -> MemberStore:
        return MemberStore(
            path, backup_dir, record_tables=record_tables, today=lambda: self.today(), now=lambda: self.now()
        )

    def member_ids(self) -> list[str]:
        if not self.members_dir.exists():
            return []
        return sorted(p.stem for p in self.members_dir.glob("*.json") if MEMBER_ID_RE.match(p.stem))

    def remove_member(self, member_id: str) -> None:
        """Delete a member's file and backups for good; open pages of theirs can no longer save."""
        store = self.store(member_id)
        store.delete_file()
        remove_folder(store.backup_dir)
        with self._lock:
            self._stores.pop(member_id, None)

    def data_files(self) -> list[Path]:
        """Every member file and the team file, in a stable order."""
        paths = sorted(self.members_dir.glob("*.json")) if self.members_dir.exists() else []
        team_file = self.root / "team.json"
        return [*paths, *([team_file] if team_file.exists() else [])]

    def documents(self) -> list[StoredDocument]:
        """Every member file and the team file, each read when asked."""
        return [
            StoredDocument(
                path, path.stem if path.parent == self.members_dir else None, functools.partial(_bytes_of, path)
            )
            for path in self.data_files()
        ]

    def check(self) -> list[tuple[Path, str]]:
        """Every data file that does not fully load, with the reasons (all of them, every file)."""
        problems: list[tuple[Path, str]] = []
        for path in self.data_files():
            record_tables = () if path.parent != self.members_dir else tuple(FILE_PARSERS)
            _, reasons = file_problems(path, record_tables=record_tables)
            if reasons:
                problems.append((path, "; ".join(reasons)))
        return problems


def _bytes_of(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


_DATA_DIRS: dict[Path | str, Storage] = {}
_DATA_DIRS_LOCK = threading.Lock()


def data_dir(root: Path | str) -> Storage:
    """One store of members per location in a process, so all sessions share its locks.

    `root` is a data folder, or (as text) a `postgresql://` address.
    """
    if is_database_url(root):
        url = str(root).strip()
        with _DATA_DIRS_LOCK:
            found = _DATA_DIRS.get(url)
            if found is None:
                from netcoach.storage.pg_folder import Database  # needs psycopg: only when configured

                found = _DATA_DIRS[url] = Database(url)
            return found
    key = Path(root).resolve()
    with _DATA_DIRS_LOCK:
        found = _DATA_DIRS.get(key)
        if found is None:
            found = _DATA_DIRS[key] = DataDir(key)
        return found


def folder_at(root: Path | str) -> DataDir:
    """The process's DataDir of a data folder (never a database)."""
    found = data_dir(Path(root))
    assert isinstance(found, DataDir)
    return found


def forget_data_dirs() -> None:
    """Drop every cached store of members, closing database connections (tests start each case afresh)."""
    with _DATA_DIRS_LOCK:
        dropped = list(_DATA_DIRS.values())
        _DATA_DIRS.clear()
    for found in dropped:
        close = getattr(found, "close", None)
        if close is not None:
            close()
