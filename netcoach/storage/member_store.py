"""One member's file: every change a transaction under both locks, written once when it ends.

Rules the store keeps, each because a person's notes depend on it:
- All of a change's writes are collected in a private working copy and the
  file is replaced once; readers never lock, they see the old or the new file.
- Ids are never reused (see `schema`), and a file that does not fully read
  is never written (see `checks`).
- The in-memory copy always equals the file: documents handed out are copies
  (see `table`).
- A deleted account stays deleted: a store that has seen its file refuses to
  create it again.
- Faults (disk full, no permission, a lock held too long) become one plain
  sentence ending in "Nothing was saved.", and the file is left as it was.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

from filelock import Timeout
from tinydb import TinyDB

from netcoach.config import Clock, system_today
from netcoach.models import FILE_PARSERS, META
from netcoach.storage import schema
from netcoach.storage.backups import Archive, Backups, Timestamp
from netcoach.storage.checks import VerifiedRecords, unreadable_records
from netcoach.storage.durable import DurableStorage
from netcoach.storage.errors import (
    NOT_SAVED,
    CorruptFileError,
    MemberGoneError,
    StoreError,
    read_failed,
    write_failed,
)
from netcoach.storage.files import Signature, Tables, copy_json, load_json_file, remove_file
from netcoach.storage.locking import Locks, SaveLocks, busy_error
from netcoach.storage.table import StoreDB


class MemberStore:
    """One member's TinyDB file with the locks and backups around it."""

    def __init__(
        self,
        path: Path,
        backup_dir: Path,
        *,
        record_tables: Iterable[str] = tuple(FILE_PARSERS),
        today: Clock = system_today,
        now: Timestamp = dt.datetime.now,
    ):
        self.path = Path(path)
        self.storage = self._make_storage()
        self.archive = self._make_archive(Path(backup_dir), today, now)
        self.storage.scope = self.transaction
        self.db = StoreDB(self.storage)
        self._locks = self._make_locks()
        self.storage.lock = self._locks.thread
        self._depth = 0
        self._owner: int | None = None
        self._swept = False
        self._gone = False
        self._records = VerifiedRecords(self.path, record_tables)
        self._meta_checked_at: Signature | None = None

    # The parts a store of another kind (a database row) replaces.
    def _make_storage(self) -> DurableStorage:
        return DurableStorage(self.path)

    def _make_archive(self, backup_dir: Path, today: Clock, now: Timestamp) -> Archive:
        return Backups(self.path, backup_dir, today=today, now=now)

    def _make_locks(self) -> Locks:
        return SaveLocks(self.path)

    @property
    def backup_dir(self) -> Path:
        return self.archive.folder

    @property
    def name(self) -> str:
        """The member id (or "team") this store holds."""
        return self.path.stem

    # -------------------------------------------------------------- reading
    @contextlib.contextmanager
    def reading(self) -> Iterator[tuple[Signature | None, Tables]]:
        """The current tables and their file signature, consistent while inside; do not modify them."""
        with self._locks.thread:
            with self._read_faults():
                data = self._current_checked()
            if data is None and self._was_deleted():
                raise MemberGoneError("This account was deleted.")
            yield self.storage.signature, data or {}

    def _current_checked(self) -> Tables | None:
        """The file's tables once their schema stamp is known to be fine (migrated if older)."""
        data = self.storage.current()
        if data is None or self.storage.signature == self._meta_checked_at:
            return data
        version = schema.schema_of(self.path, data)
        schema.check_marks(self.path, data)
        if schema.is_outdated(version):
            self._migrate()
            data = self.storage.current()
        self._meta_checked_at = self.storage.signature
        return data

    def _was_deleted(self) -> bool:
        return self._gone or self.storage.seen_file

    # -------------------------------------------------------------- writing
    @contextlib.contextmanager
    def transaction(self) -> Iterator[TinyDB]:
        """Run a read-modify-write under both locks; it is on disk when this exits."""
        if self._depth and self._owner == threading.get_ident():
            yield self.db  # part of the change this thread is already making
            return
        with self._locks.held():
            self._owner = threading.get_ident()
            self._depth += 1
            try:
                with self._faults():
                    base = self._begin()
                self.storage.begin(base)
                try:
                    yield self.db
                    with self._faults():
                        self._commit()
                except BaseException:
                    self.storage.rollback()
                    raise
            finally:
                self._depth -= 1
                self._owner = None

    @contextlib.contextmanager
    def _faults(self) -> Iterator[None]:
        try:
            yield
        except OSError as exc:
            raise write_failed(exc, self.path) from exc

    @contextlib.contextmanager
    def _read_faults(self) -> Iterator[None]:
        try:
            yield
        except OSError as exc:
            raise read_failed(exc, self.path) from None
        except Timeout:
            raise busy_error() from None

    def _begin(self) -> Tables | None:
        """The file as it is now, under the locks, known to load completely."""
        self._sweep_leftovers()
        data = self._current_checked()
        if data is None:
            if self._was_deleted():
                raise MemberGoneError("This account was deleted; nothing was saved.")
            return None
        self._records.verify(data, self.storage.signature)
        return data

    def _commit(self) -> None:
        working = self.storage.working
        if working is None:
            self.storage.commit()
            return
        self._finish_meta(working)
        problem = self._records.first_unreadable(working, self.storage.changed)
        if problem:
            raise StoreError(f"This change would save a record netcoach cannot read back ({problem}). {NOT_SAVED}")
        self.archive.daily()
        self.storage.commit()
        self._records.remember(working, self.storage.signature)
        self._meta_checked_at = self.storage.signature

    def _finish_meta(self, working: Tables) -> None:
        """Stamp the schema and raise each table's high-water mark to every id it ever held."""
        base, issued = self.storage.base or {}, self.storage.issued
        old_marks, new_marks = schema.marks_of(base), schema.marks_of(working)
        marks: dict[str, int] = {}
        for name in sorted((set(base) | set(working) | set(issued) | set(old_marks) | set(new_marks)) - {META}):
            highest = max(
                old_marks.get(name, 0),
                new_marks.get(name, 0),
                issued.get(name, 0),
                self.storage.top(base, name),
                self.storage.top(working, name),
            )
            if highest:
                marks[name] = highest
        meta = schema.with_marks(working.get(META, {}), marks)
        if meta is not None:
            self.storage.put_table(META, meta)

    # -------------------------------------------------------------- housekeeping
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

    def _migrate(self) -> None:
        assert isinstance(self._locks, SaveLocks)
        with self._locks.file:
            data = load_json_file(self.path)
            if data is None:
                return
            version = schema.schema_of(self.path, data)
            if not schema.is_outdated(version):
                return
            self.archive.copy(schema.migration_label())
            self.storage.write_now(schema.migrated(self.path, data, version))
            self.storage.forget()  # a migration may leave tuples and the like: read back what was written

    def delete_file(self) -> None:
        """Delete the member's file for good; this store refuses every later write."""
        with self._locks.held(), self._faults():
            remove_file(self.path)
            self._gone = True
            self.storage.forget()

    # -------------------------------------------------------------- backups
    def backup_now(self, label: str) -> Path | None:
        """Keep a copy of the file as it is now, named by `label` and the time."""
        with self._faults():
            return self.archive.stamped(label)

    def backups(self) -> list[Path]:
        return self.archive.listing()

    def stored_bytes(self) -> bytes | None:
        """The document exactly as stored (None: there is none); callers hold a transaction for a stable copy."""
        try:
            return self.path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise read_failed(exc, self.path) from None

    def put_document(self, data: Tables) -> None:
        """Store `data` as the whole document, exactly as given, replacing whatever is there.

        For moving a member between stores: nothing is added (no stamp, no
        marks), so the copy equals the original. Refused unless every record loads.
        """
        schema.schema_of(self.path, data)
        schema.check_marks(self.path, data)
        problems = unreadable_records(data, self._records.record_tables)
        if problems:
            raise CorruptFileError(self.path, f"record {problems[0]}")
        with self._locks.held(), self._faults():
            self.storage.write_now(copy_json(data))
            self.storage.forget()
            self._meta_checked_at = None

    def restore(self, backup: Path) -> None:
        """Put a backup back in place; the current file is itself backed up first.

        Ids handed out after the backup was taken stay used: the file's
        high-water marks only ever go up.
        """
        backup = Path(backup)
        data = self.archive.load(backup)
        schema.schema_of(backup, data)
        problems = unreadable_records(data, self._records.record_tables)
        if problems:
            raise CorruptFileError(backup, f"record {problems[0]}")
        with self.transaction():
            self.backup_now("before-restore")
            self.storage.write(copy_json(data))
