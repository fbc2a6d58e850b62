"""Durable per-member storage: TinyDB on top of atomic, locked file writes.

TinyDB's own JSONStorage rewrites its file in place (a kill mid-write leaves
half a file) and TinyDB caches the next document id per table (two processes
hand out the same id). Here every change runs inside `MemberStore.transaction`:
a thread lock and a file lock are held, TinyDB's id caches are dropped, all of
the change's writes are collected, and the file is replaced once by a fully
written, fsynced temporary file. Readers never lock the file: `os.replace` is
atomic, so they see the old or the new file, never a mix.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from filelock import FileLock
from tinydb import TinyDB
from tinydb.storages import Storage

from .models import SCHEMA_VERSION

# \Z, not $: "$" also matches before a final newline, which would let "abc\n" through.
MEMBER_ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}\Z")
BACKUPS_KEPT = 7
META_TABLE = "_meta"
LOCK_TIMEOUT_S = 30.0

Tables = dict[str, dict[str, dict[str, Any]]]
Signature = tuple[int, int, int, int]

# Each migration takes the tables of version N and returns those of N + 1.
MIGRATIONS: dict[int, Callable[[Tables], Tables]] = {}


class StoreError(Exception):
    """A problem with the data folder that the person must hear about."""


class CorruptFileError(StoreError):
    def __init__(self, path: Path, reason: str):
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: cannot be read ({reason}). It was left untouched.")


class InvalidMemberIdError(StoreError):
    pass


def validate_member_id(member_id: str) -> str:
    """Member ids become file names, so only a narrow alphabet is allowed."""
    if not isinstance(member_id, str) or not MEMBER_ID_RE.match(member_id):
        raise InvalidMemberIdError(f"member id {str(member_id)[:70]!r}: use 1-64 lowercase letters, digits, '-' or '_'")
    return member_id


def _signature(st: os.stat_result) -> Signature:
    return (st.st_dev, st.st_ino, st.st_mtime_ns, st.st_size)


def fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomic(path: Path, payload: bytes) -> os.stat_result:
    """Write a whole file so that a crash leaves either the old or the new one."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        with open(tmp, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    fsync_dir(path.parent)
    return os.stat(path)


def load_json_file(path: Path) -> Tables | None:
    """Parse a member file, or None when there is none yet."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    return _parse(path, raw)


def _parse(path: Path, raw: bytes) -> Tables:
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:  # deep nesting exhausts the stack
        raise CorruptFileError(path, f"not valid JSON: {exc}") from None
    if not isinstance(data, dict) or not all(
        isinstance(t, dict) and all(isinstance(d, dict) for d in t.values()) for t in data.values()
    ):
        raise CorruptFileError(path, "not a netcoach data file (unexpected structure)")
    return data


class DurableStorage(Storage):
    """A TinyDB storage that writes atomically and serves unchanged files from memory."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._cache: Tables | None = None
        self._signature: Signature | None = None
        # The file the cache was read from stays open: while it is, the system
        # cannot hand its inode number to a newer file, so "same inode" really
        # means "same file", however close together two writes come.
        self._held: BinaryIO | None = None
        self._pending: Tables | None = None
        self._batching = False

    @property
    def signature(self) -> Signature | None:
        return self._signature

    def read(self) -> Tables | None:
        if self._batching and self._pending is not None:
            return self._pending
        try:
            current = _signature(os.stat(self.path))
        except FileNotFoundError:
            self._forget()
            return None
        if current == self._signature and self._cache is not None and self._held is not None:
            return self._cache
        try:
            handle = open(self.path, "rb")  # noqa: SIM115 - kept open on purpose, see __init__
        except FileNotFoundError:
            self._forget()
            return None
        try:
            signature = _signature(os.fstat(handle.fileno()))
            data = _parse(self.path, handle.read())
        except BaseException:
            handle.close()
            raise
        self._keep(handle, data, signature)
        return data

    def _keep(self, handle: BinaryIO, data: Tables, signature: Signature) -> None:
        if self._held is not None:
            self._held.close()
        self._held, self._cache, self._signature = handle, data, signature

    def _forget(self) -> None:
        if self._held is not None:
            self._held.close()
        self._held, self._cache, self._signature = None, None, None

    def write(self, data: Tables) -> None:
        if self._batching:
            self._pending = data
        else:
            self._write_now(data)

    def _write_now(self, data: Tables) -> None:
        payload = json.dumps(data, separators=(",", ":")).encode("ascii")
        write_atomic(self.path, payload)
        # Only writers holding the file lock replace the file, so this is ours.
        handle = open(self.path, "rb")  # noqa: SIM115 - kept open on purpose, see __init__
        self._keep(handle, data, _signature(os.fstat(handle.fileno())))

    def begin(self) -> None:
        self._batching, self._pending = True, None

    def commit(self) -> bool:
        """Write what the transaction changed; True when anything was written."""
        pending, self._pending, self._batching = self._pending, None, False
        if pending is None:
            return False
        self._write_now(pending)
        return True

    def rollback(self) -> None:
        # TinyDB edits the dicts it read in place, so after a failed change the
        # memory copy may hold half of it: forget it and re-read from disk.
        self._pending, self._batching = None, False
        self._forget()

    def close(self) -> None:
        self._forget()


class MemberStore:
    """One member's TinyDB file with the locks and backups around it."""

    def __init__(self, path: Path, backup_dir: Path):
        self.path = Path(path)
        self.backup_dir = Path(backup_dir)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = TinyDB(self.path, storage=DurableStorage)
        self.storage: DurableStorage = self.db.storage  # type: ignore[assignment]
        self._lock = threading.RLock()
        self._file_lock = FileLock(str(self.path) + ".lock", timeout=LOCK_TIMEOUT_S)
        self._depth = 0
        self._backed_up_on: dt.date | None = None
        self._schema_checked = False
        self._swept = False

    # -------------------------------------------------------------- reading
    @contextlib.contextmanager
    def reading(self) -> Iterator[tuple[Signature | None, Tables]]:
        """The current tables and their file signature, consistent while inside."""
        with self._lock:
            data = self.storage.read()
            if data is not None and not self._schema_checked:
                self._check_schema(data)
                data = self.storage.read()
            yield self.storage.signature, data or {}

    # -------------------------------------------------------------- writing
    @contextlib.contextmanager
    def transaction(self) -> Iterator[TinyDB]:
        """Run a read-modify-write under both locks; it is on disk when this exits."""
        with self._lock, self._file_lock:
            if self._depth:
                yield self.db
                return
            self._depth += 1
            try:
                self._sweep_leftovers()
                self._forget_table_caches()
                self.storage.begin()
                try:
                    self._check_schema(self.storage.read())
                    yield self.db
                    if self.storage._pending is not None:
                        self._daily_backup()
                        self._stamp_schema()
                    self.storage.commit()
                except BaseException:
                    self.storage.rollback()
                    self._forget_table_caches()
                    raise
            finally:
                self._depth -= 1

    def _sweep_leftovers(self) -> None:
        """Remove temporary files a killed writer left behind (once per store).

        Only a writer holding the file lock writes a temporary file, and we hold
        it now, so any temporary file for this path is a leftover.
        """
        if self._swept:
            return
        for leftover in self.path.parent.glob(f".{self.path.name}.*.tmp"):
            leftover.unlink(missing_ok=True)
        self._swept = True

    def _forget_table_caches(self) -> None:
        # Another process may have inserted documents: TinyDB must recompute
        # the next id and drop cached query results.
        for table in self.db._tables.values():
            table._next_id = None
            table.clear_cache()

    def _stamp_schema(self) -> None:
        meta = self.db.table(META_TABLE)
        if not meta.get(doc_id=1):
            from tinydb.table import Document

            meta.upsert(Document({"schema": SCHEMA_VERSION}, doc_id=1))

    def _check_schema(self, data: Tables | None) -> None:
        if data is None:
            self._schema_checked = True
            return
        version = int(data.get(META_TABLE, {}).get("1", {}).get("schema", SCHEMA_VERSION))
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: written by a newer netcoach (schema {version}, this one reads "
                f"{SCHEMA_VERSION}); it was left untouched"
            )
        if version < SCHEMA_VERSION:
            self._migrate(version)
        self._schema_checked = True

    def _migrate(self, version: int) -> None:
        with self._file_lock:
            data = load_json_file(self.path)
            if data is None:
                return
            version = int(data.get(META_TABLE, {}).get("1", {}).get("schema", SCHEMA_VERSION))
            if version >= SCHEMA_VERSION:
                return
            self._copy_backup(f"before-schema-{SCHEMA_VERSION}")
            while version < SCHEMA_VERSION:
                data = MIGRATIONS[version](data)
                version += 1
            data.setdefault(META_TABLE, {})["1"] = {"schema": SCHEMA_VERSION}
            self.storage._write_now(data)

    # -------------------------------------------------------------- backups
    def _daily_backup(self) -> None:
        """Keep a copy of the file as it was before the first write of each day."""
        today = dt.date.today()
        if self._backed_up_on == today or not self.path.exists():
            return
        if not (self.backup_dir / f"{today.isoformat()}.json").exists():
            self._copy_backup(today.isoformat())
            self._prune_backups()
        self._backed_up_on = today

    def _copy_backup(self, label: str) -> Path:
        self.backup_dir.mkdir(parents=True, exist_ok=True)
        target = self.backup_dir / f"{label}.json"
        write_atomic(target, self.path.read_bytes())
        return target

    def backup_now(self, label: str) -> Path | None:
        """Keep a copy of the file as it is now, named by `label` and the time."""
        if not self.path.exists():
            return None
        stamp = dt.datetime.now().strftime("%Y-%m-%dT%H%M%S")
        return self._copy_backup(f"{label}-{stamp}")

    def _prune_backups(self) -> None:
        daily = sorted(p for p in self.backup_dir.glob("????-??-??.json"))
        for old in daily[:-BACKUPS_KEPT]:
            old.unlink(missing_ok=True)

    def backups(self) -> list[Path]:
        if not self.backup_dir.exists():
            return []
        return sorted(self.backup_dir.glob("*.json"), reverse=True)

    def restore(self, backup: Path) -> None:
        """Put a backup back in place; the current file is itself backed up first."""
        backup = Path(backup)
        if backup.parent.resolve() != self.backup_dir.resolve():
            raise StoreError(f"{backup}: not one of this member's backups")
        data = load_json_file(backup)
        if data is None:
            raise StoreError(f"{backup}: no such backup")
        with self.transaction():
            self.backup_now("before-restore")
            self.storage.write(data)


class DataDir:
    """The data folder: one file per member plus their backups."""

    def __init__(self, root: Path | str):
        self.root = Path(root).resolve()
        self.members_dir = self.root / "members"
        self.backups_dir = self.root / "backups"
        self._stores: dict[str, MemberStore] = {}
        self._lock = threading.Lock()

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
                store = MemberStore(path, self.backups_dir / member_id)
                self._stores[member_id] = store
            return store

    def team_store(self) -> MemberStore:
        """The team instance's own file (members, sharing, shared events), beside the members."""
        with self._lock:
            store = self._stores.get("/team")
            if store is None:
                store = MemberStore(self.root / "team.json", self.backups_dir / "_team")
                self._stores["/team"] = store
            return store

    def member_ids(self) -> list[str]:
        if not self.members_dir.exists():
            return []
        return sorted(p.stem for p in self.members_dir.glob("*.json") if MEMBER_ID_RE.match(p.stem))

    def remove_member(self, member_id: str) -> None:
        """Delete a member's file and backups for good."""
        store = self.store(member_id)
        with store.transaction():
            store.path.unlink(missing_ok=True)
            store.storage.rollback()
        shutil.rmtree(store.backup_dir, ignore_errors=True)
        with self._lock:
            self._stores.pop(member_id, None)

    def check(self) -> list[tuple[Path, str]]:
        """Every data file that does not load, with the reason."""
        problems: list[tuple[Path, str]] = []
        paths = sorted(self.members_dir.glob("*.json")) if self.members_dir.exists() else []
        team_file = self.root / "team.json"
        for path in [*paths, *([team_file] if team_file.exists() else [])]:
            try:
                load_json_file(path)
            except CorruptFileError as exc:
                problems.append((path, exc.reason))
        return problems


_DATA_DIRS: dict[Path, DataDir] = {}
_DATA_DIRS_LOCK = threading.Lock()


def data_dir(root: Path | str) -> DataDir:
    """One DataDir per folder in a process, so all sessions share its locks."""
    key = Path(root).resolve()
    with _DATA_DIRS_LOCK:
        found = _DATA_DIRS.get(key)
        if found is None:
            found = _DATA_DIRS[key] = DataDir(key)
        return found


def forget_data_dirs() -> None:
    """Drop every cached DataDir (tests point each case at a new folder)."""
    with _DATA_DIRS_LOCK:
        _DATA_DIRS.clear()
