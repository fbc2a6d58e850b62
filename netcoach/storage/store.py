"""Durable per-member storage: TinyDB on top of atomic, locked file writes.

TinyDB's own JSONStorage rewrites its file in place (a kill mid-write leaves
half a file) and TinyDB caches the next document id per table (two processes
hand out the same id). Here every change runs inside `MemberStore.transaction`:
a thread lock and a file lock are held, all of the change's writes are
collected in a private working copy, and the file is replaced once by a fully
written, fsynced temporary file. Readers never lock the file: `os.replace` is
atomic, so they see the old or the new file, never a mix.

Rules the store keeps, each because a person's notes depend on it:
- Ids are never reused: the highest id each table ever handed out is kept in
  the file (`_meta`, document 2), so a stale page that still names a deleted
  record can never hit a newer one that got its id.
- A file that does not fully read is never written: before a change every
  record must load, or the change is refused naming the record.
- The in-memory copy always equals the file: changed documents go through
  JSON on the way in, documents handed out are copies, so nobody can change
  what the next save writes by editing a list they were given.
- A deleted account stays deleted: a store that has seen its file refuses to
  create it again.
- Faults (disk full, no permission, a lock held too long) become one plain
  sentence ending in "Nothing was saved.", and the file is left as it was.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import errno
import functools
import json
import os
import re
import shutil
import stat
import threading
import typing
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, BinaryIO

from filelock import FileLock, Timeout
from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Document, Table

from netcoach.models import SCHEMA_VERSION, TABLE_PARSERS, ValidationError, from_record

# \Z, not $: "$" also matches before a final newline, which would let "abc\n" through.
MEMBER_ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}\Z")
# Document ids as the file spells them: a positive whole number, no sign, no leading zero.
DOC_ID_RE = re.compile(r"[1-9][0-9]{0,17}")
BACKUPS_KEPT = 7
META_TABLE = "_meta"
SCHEMA_DOC = "1"  # {"schema": N}
MARKS_DOC = "2"  # {"last_ids": {table: highest id ever handed out}}
MARKS_KEY = "last_ids"
LOCK_TIMEOUT_S = 30.0
NOT_SAVED = "Nothing was saved."
WAITING_MESSAGE = "Waiting for another save of your data to finish…"

Tables = dict[str, dict[str, dict[str, Any]]]
Signature = tuple[int, int, int, int]

# Each migration takes the tables of version N and returns those of N + 1.
MIGRATIONS: dict[int, Callable[[Tables], Tables]] = {}

# Set by the web layer to show a short note while a save waits for another one.
waiting_notice: contextvars.ContextVar[Callable[[str], None] | None] = contextvars.ContextVar(
    "waiting_notice", default=None
)


# ---------------------------------------------------------------- errors
class StoreError(Exception):
    """A problem with the data folder that the person must hear about."""


class CorruptFileError(StoreError):
    def __init__(self, path: Path, reason: str):
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: cannot be read ({reason}). It was left untouched.")


class InvalidMemberIdError(StoreError):
    pass


class WriteFailedError(StoreError):
    """A save the system refused (disk full, no permission...); the file is as it was."""


class LockBusyError(WriteFailedError):
    """Another save of the same data held the file lock for too long."""


class MemberGoneError(StoreError):
    """The account was deleted while this page still had it open."""


class ReadFailedError(StoreError):
    """The system refused to read the data file."""


def describe_fault(exc: OSError, path: Path, *, writing: bool = True) -> str:
    """What went wrong, in words a person understands."""
    code = exc.errno
    if isinstance(exc, IsADirectoryError) or code == errno.EISDIR:
        return f"{path} is a folder, not a data file."
    if code in (errno.ENOSPC, errno.EDQUOT):
        return "The disk that holds your data is full."
    if code == errno.EROFS:
        return "The disk that holds your data is read-only."
    if code in (errno.EACCES, errno.EPERM):
        verb = "change" if writing else "read"
        return f"netcoach is not allowed to {verb} the files in {path.parent}."
    return f"The system refused ({exc.strerror or exc})."


def write_failed(exc: OSError, path: Path) -> WriteFailedError:
    return WriteFailedError(f"{describe_fault(exc, path, writing=True)} {NOT_SAVED}")


def read_failed(exc: OSError, path: Path) -> ReadFailedError:
    return ReadFailedError(f"Your data could not be read: {describe_fault(exc, path, writing=False)}")


def validate_member_id(member_id: str) -> str:
    """Member ids become file names, so only a narrow alphabet is allowed."""
    if not isinstance(member_id, str) or not MEMBER_ID_RE.match(member_id):
        raise InvalidMemberIdError(f"member id {str(member_id)[:70]!r}: use 1-64 lowercase letters, digits, '-' or '_'")
    return member_id


# ---------------------------------------------------------------- files
def _signature(st: os.stat_result) -> Signature:
    return (st.st_dev, st.st_ino, st.st_mtime_ns, st.st_size)


def fsync_dir(folder: Path) -> None:
    """Make a name added to or removed from `folder` survive a power cut."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def make_folder(folder: Path) -> None:
    """Create a folder (and missing parents), each one recorded durably in its parent."""
    missing: list[Path] = []
    current = Path(folder)
    while not current.exists() and current != current.parent:
        missing.append(current)
        current = current.parent
    for made in reversed(missing):
        try:
            made.mkdir()
        except FileExistsError:
            continue
        fsync_dir(made.parent)


def write_atomic(path: Path, payload: bytes, *, new_mode: int | None = None) -> os.stat_result:
    """Write a whole file so that a crash leaves either the old or the new one.

    The new file keeps the old one's permission bits (a member file made
    private stays private); a file written for the first time gets `new_mode`,
    or follows the umask.
    """
    try:
        mode: int | None = stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        mode = new_mode
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(tmp, flags, 0o666)
        try:
            if mode is not None:
                os.fchmod(fd, mode)
            view = memoryview(payload)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_dir(path.parent)
    return os.stat(path)


def load_json_file(path: Path) -> Tables | None:
    """Parse a data file whatever its size, or None when there is none yet."""
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
    if not isinstance(data, dict):
        raise CorruptFileError(path, "not a netcoach data file (unexpected structure)")
    for name, table in data.items():
        if not isinstance(table, dict) or not all(isinstance(doc, dict) for doc in table.values()):
            raise CorruptFileError(path, f"not a netcoach data file (unexpected structure in {name!r})")
        for key in table:
            if not DOC_ID_RE.fullmatch(key):
                raise CorruptFileError(path, f"table {name!r} has a record id {key[:40]!r} that is not a whole number")
    return data


# ---------------------------------------------------------------- what a file must hold
def schema_of(path: Path, data: Tables) -> int:
    """The file's schema version; an unknown stamp is refused by name."""
    stamp_doc = data.get(META_TABLE, {}).get(SCHEMA_DOC)
    if stamp_doc is None:
        return SCHEMA_VERSION  # written before stamps, or by hand: read as this version
    version = stamp_doc.get("schema", "missing")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise CorruptFileError(path, f"unknown schema stamp {version!r} in {META_TABLE}")
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{path}: written by a newer netcoach (schema {version}, this one reads "
            f"{SCHEMA_VERSION}); it was left untouched"
        )
    return version


def marks_of(data: Tables | None) -> dict[str, int]:
    """The highest id each table ever handed out, as the file records it (unreadable values ignored)."""
    if not data:
        return {}
    marks = data.get(META_TABLE, {}).get(MARKS_DOC, {}).get(MARKS_KEY)
    if not isinstance(marks, dict):
        return {}
    return {k: v for k, v in marks.items() if isinstance(v, int) and not isinstance(v, bool)}


def _check_marks(path: Path, data: Tables) -> None:
    doc = data.get(META_TABLE, {}).get(MARKS_DOC)
    if doc is None:
        return
    marks = doc.get(MARKS_KEY)
    if not isinstance(marks, dict) or not all(
        isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in marks.values()
    ):
        raise CorruptFileError(path, f"the id counters in {META_TABLE} are not whole numbers")


def top_id(table: Mapping[str, Any] | None) -> int:
    return max(map(int, table), default=0) if table else 0


@functools.cache
def _record_kinds() -> dict[str, type]:
    """Each member table's record class, read from its parser's return type."""
    return {name: typing.get_type_hints(parse)["return"] for name, parse in TABLE_PARSERS.items()}


def record_problem(table: str, doc_id: str, record: Mapping[str, Any]) -> str | None:
    """Why one stored record cannot be loaded by the app, or None when it can.

    The app builds every record with `from_record`; when that fails, the
    record's parser usually says the same thing naming the field, so its words
    are used.
    """
    kind = _record_kinds().get(table)
    if kind is None:
        return None
    try:
        from_record(kind, record, int(doc_id))
        return None
    except Exception as exc:  # whatever stops the app building it makes the record unreadable
        failure: Exception = exc
    try:
        TABLE_PARSERS[table]({**record, "id": int(doc_id)})
    except ValidationError as exc:
        return f"{table} {doc_id}: {'; '.join(exc.problems)}"
    except Exception:  # the parser's own trouble is no better a reason than the first one
        pass
    return f"{table} {doc_id}: {failure}"


def unreadable_records(data: Tables, tables: Iterable[str] = TABLE_PARSERS) -> list[str]:
    """Every record of the file that the app cannot load, as 'table id: what is wrong'."""
    problems: list[str] = []
    for name in tables:
        for key, record in data.get(name, {}).items():
            problem = record_problem(name, key, record)
            if problem:
                problems.append(problem)
    return problems


def file_problems(path: Path, *, record_tables: Iterable[str] = TABLE_PARSERS) -> tuple[Tables, list[str]]:
    """A data file's tables and every reason it does not fully load (none: it is fine)."""
    try:
        data = load_json_file(path)
    except CorruptFileError as exc:
        return {}, [exc.reason]
    except OSError as exc:
        return {}, [describe_fault(exc, path, writing=False)]
    if data is None:
        return {}, ["the file is missing"]
    problems: list[str] = []
    try:
        schema_of(path, data)
        _check_marks(path, data)
    except CorruptFileError as exc:
        problems.append(exc.reason)
    except StoreError as exc:
        problems.append(str(exc).split(": ", 1)[-1])
    problems.extend(f"record {p}" for p in unreadable_records(data, record_tables))
    return data, problems


# ---------------------------------------------------------------- copies
def _copy_json(value: Any) -> Any:
    """A deep copy of JSON data (dicts, lists, scalars), much faster than copy.deepcopy."""
    cls = type(value)
    if cls is dict or isinstance(value, dict):
        return {k: _copy_json(v) for k, v in value.items()}
    if cls is list:
        return [_copy_json(v) for v in value]
    return value


def _as_stored(doc_id: Any, doc: Any) -> tuple[str, dict[str, Any]]:
    """A changed document exactly as the file will hold it (tuples become lists, int keys text)."""
    key = str(doc_id)
    if not DOC_ID_RE.fullmatch(key):
        raise WriteFailedError(f"A record id must be a whole number from 1, not {key[:40]!r}. {NOT_SAVED}")
    try:
        stored = json.loads(json.dumps(doc, allow_nan=False))
    except (TypeError, ValueError, RecursionError) as exc:
        raise WriteFailedError(f"A value could not be stored ({exc}). {NOT_SAVED}") from None
    if not isinstance(stored, dict):
        raise WriteFailedError(f"A record must be a set of fields, not {type(doc).__name__}. {NOT_SAVED}")
    return key, stored


class _Tracked(dict):
    """A table being changed: a document is copied the first time it is touched.

    TinyDB changes documents in place (`table[id].update(...)`); handing it the
    cached documents would change the cache before the file. A copy on first
    touch keeps untouched documents shared (cheap) and touched ones private.
    """

    def __init__(self, items: Iterable[tuple[int, Any]]):
        super().__init__(items)
        self.touched: set[int] = set()

    def __getitem__(self, key: int) -> Any:
        if key not in self.touched:
            value = _copy_json(dict.__getitem__(self, key))
            dict.__setitem__(self, key, value)
            self.touched.add(key)
            return value
        return dict.__getitem__(self, key)

    def __setitem__(self, key: int, value: Any) -> None:
        dict.__setitem__(self, key, value)
        self.touched.add(key)


# ---------------------------------------------------------------- storage
class DurableStorage(Storage):
    """A TinyDB storage that writes atomically and serves unchanged files from memory.

    `current()` is the file as last read, shared and never changed in place.
    During a transaction TinyDB reads and writes a working copy (`read`,
    `write`) that reaches the file only on `commit`.
    """

    def __init__(self, path: Path):
        self.path = Path(path)
        self._cache: Tables | None = None
        self._signature: Signature | None = None
        # The file the cache was read from stays open: while it is, the system
        # cannot hand its inode number to a newer file, so "same inode" really
        # means "same file", however close together two writes come.
        self._held: BinaryIO | None = None
        self._batching = False
        self._base: Tables | None = None
        self._working: Tables | None = None
        self.issued: dict[str, int] = {}
        # Documents changed in the working copy, by table; None: the whole table may have changed.
        self.changed: dict[str, set[str] | None] = {}
        self._tops: dict[str, tuple[dict[str, Any], int]] = {}
        # Bumped whenever what TinyDB sees may have changed, so query caches are dropped.
        self.generation = 0
        self.seen_file = False
        self.scope: Callable[[], contextlib.AbstractContextManager[Any]] = contextlib.nullcontext
        # Held around TinyDB's reads, so no thread reads while another one's change is half made.
        self.lock: contextlib.AbstractContextManager[Any] = threading.RLock()

    @property
    def signature(self) -> Signature | None:
        return self._signature

    @property
    def base(self) -> Tables | None:
        return self._base

    @property
    def working(self) -> Tables | None:
        return self._working

    def current(self) -> Tables | None:
        """The file's tables, parsed again only when the file changed; do not modify."""
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
        self.seen_file = True
        self.generation += 1

    def _forget(self) -> None:
        if self._held is not None:
            self._held.close()
        if self._cache is not None:
            self.generation += 1
        self._held, self._cache, self._signature = None, None, None

    # TinyDB's side ------------------------------------------------------
    def read(self) -> Tables | None:
        if self._batching:
            if self._working is None:
                self._working = dict(self._base or {})
            return self._working
        data = self.current()
        return None if data is None else dict(data)

    def write(self, data: Tables) -> None:
        """Replace the working copy (a restore, a dropped table): any document may have changed."""
        self._write_working(data)
        self.changed = dict.fromkeys(data)

    def write_table(self, data: Tables, name: str, changed: Iterable[str]) -> None:
        """The working copy after one table changed, naming the documents that did."""
        self._write_working(data)
        if name not in self.changed:
            self.changed[name] = set()
        known = self.changed[name]
        if known is not None:
            known.update(changed)

    def _write_working(self, data: Tables) -> None:
        if not self._batching:
            raise RuntimeError("every change goes through MemberStore.transaction()")
        self._working = data

    def top(self, data: Tables | None, name: str) -> int:
        """The highest id in one table, remembered per table version (tables are never changed in place)."""
        table = (data or {}).get(name)
        if not table:
            return 0
        known = self._tops.get(name)
        if known is not None and known[0] is table:
            return known[1]
        highest = top_id(table)
        self._tops[name] = (table, highest)
        return highest

    def put_table(self, name: str, table: dict[str, Any]) -> None:
        working = self.read()
        assert working is not None
        working[name] = table
        self.changed[name] = None
        self.generation += 1

    def next_id(self, name: str) -> int:
        """An id above every id this table has ever had, in the file or in this change."""
        working = self.read() or {}
        highest = max(
            self.issued.get(name, 0),
            marks_of(self._base).get(name, 0),
            marks_of(working).get(name, 0),
            self.top(self._base, name),
            self.top(working, name),
        )
        self.issued[name] = highest + 1
        return highest + 1

    # transactions -------------------------------------------------------
    def begin(self, base: Tables | None) -> None:
        self._batching, self._base, self._working, self.issued, self.changed = True, base, None, {}, {}

    def commit(self) -> bool:
        """Write what the transaction changed; True when anything was written."""
        working = self._working
        self._end()
        if working is None:
            return False
        self._write_now(working)
        return True

    def rollback(self) -> None:
        # The cache was never changed in place, so only the working copy goes.
        self._end()
        self.generation += 1

    def _end(self) -> None:
        self._batching, self._base, self._working, self.issued, self.changed = False, None, None, {}, {}

    def _write_now(self, data: Tables) -> None:
        payload = json.dumps(data, separators=(",", ":"), allow_nan=False).encode("ascii")
        write_atomic(self.path, payload)
        # Only writers holding the file lock replace the file, so this is ours.
        try:
            handle = open(self.path, "rb")  # noqa: SIM115 - kept open on purpose, see __init__
        except OSError:
            self._forget()  # written; the next read parses it again
            return
        self._keep(handle, data, _signature(os.fstat(handle.fileno())))

    def forget(self) -> None:
        self._forget()

    def close(self) -> None:
        self._forget()


class _Table(Table):
    """A TinyDB table that takes ids from the file's high-water mark and hands out copies."""

    _storage: DurableStorage

    def __init__(self, storage: DurableStorage, name: str, **kwargs: Any):
        self._generation = -1
        super().__init__(storage, name, **kwargs)

    # reading: copies, and no query answer from an older version of the file
    def _fresh(self) -> None:
        self._storage.read()  # notices a file changed by someone else, which bumps the generation
        if self._generation != self._storage.generation:
            self.clear_cache()
            self._generation = self._storage.generation

    def search(self, cond: Any) -> list[Document]:
        with self._storage.lock:
            self._fresh()
            found = super().search(cond)
        return [_detached(doc) for doc in found]

    def get(self, cond: Any = None, doc_id: int | None = None, doc_ids: list | None = None) -> Any:
        with self._storage.lock:
            found = super().get(cond, doc_id, doc_ids)
        if isinstance(found, list):
            return [_detached(doc) for doc in found]
        return None if found is None else _detached(found)

    def __iter__(self) -> Iterator[Document]:
        with self._storage.lock:
            found = list(super().__iter__())
        for doc in found:
            yield _detached(doc)

    def __len__(self) -> int:
        with self._storage.lock:
            return super().__len__()

    # writing: each change is a transaction of its own unless inside one
    def _get_next_id(self) -> int:
        return self._storage.next_id(self.name)

    def insert(self, document: Mapping) -> int:
        with self._storage.scope():
            return super().insert(document)

    def insert_multiple(self, documents: Iterable[Mapping]) -> list[int]:
        with self._storage.scope():
            return super().insert_multiple(documents)

    def upsert(self, document: Mapping, cond: Any = None) -> list[int]:
        with self._storage.scope():
            return super().upsert(document, cond)

    def _update_table(self, updater: Callable[[dict[int, Mapping]], None]) -> None:
        with self._storage.scope():
            tables = self._storage.read()
            if tables is None:
                tables = {}
            raw = tables.get(self.name, {})
            table = _Tracked(zip(map(int, raw), raw.values(), strict=True))
            updater(table)
            fresh: dict[str, Any] = dict(zip(map(str, dict.keys(table)), dict.values(table), strict=True))
            for doc_id in table.touched:
                if dict.__contains__(table, doc_id):
                    key, stored = _as_stored(doc_id, dict.__getitem__(table, doc_id))
                    fresh[key] = stored
            # Nothing above changed the working copy: a failure leaves no trace.
            tables[self.name] = fresh
            self._storage.write_table(tables, self.name, map(str, table.touched))
            self.clear_cache()


def _detached(doc: Document) -> Document:
    return Document(_copy_json(dict(doc)), doc.doc_id)


class _StoreDB(TinyDB):
    table_class = _Table

    def drop_table(self, name: str) -> None:
        with self.storage.scope():  # type: ignore[attr-defined]
            super().drop_table(name)

    def drop_tables(self) -> None:
        with self.storage.scope():  # type: ignore[attr-defined]
            super().drop_tables()


class _Notice:
    """Tells the person once per save that it has to wait."""

    def __init__(self) -> None:
        self.given = False

    def __call__(self) -> None:
        if self.given:
            return
        self.given = True
        show = waiting_notice.get()
        if show is not None:
            show(WAITING_MESSAGE)


def _busy() -> LockBusyError:
    return LockBusyError(
        f"Another save of your data has been running for more than {LOCK_TIMEOUT_S:g} seconds, "
        f"so this one gave up. {NOT_SAVED}"
    )


# ---------------------------------------------------------------- one member
class MemberStore:
    """One member's TinyDB file with the locks and backups around it."""

    def __init__(self, path: Path, backup_dir: Path, *, record_tables: Iterable[str] = tuple(TABLE_PARSERS)):
        self.path = Path(path)
        self.backup_dir = Path(backup_dir)
        self.storage = DurableStorage(self.path)
        self.storage.scope = self.transaction
        self.db = _StoreDB(storage=lambda: self.storage)
        self._lock = threading.RLock()
        self.storage.lock = self._lock
        self._file_lock = FileLock(str(self.path) + ".lock", timeout=LOCK_TIMEOUT_S)
        self._depth = 0
        self._owner: int | None = None
        self._backed_up_on: dt.date | None = None
        self._swept = False
        self._gone = False
        self._record_tables = tuple(record_tables)
        # Records known to load, and the file version they were checked at.
        self._verified: dict[str, dict[str, Any]] = {}
        self._verified_at: Signature | None = None
        self._meta_checked_at: Signature | None = None

    # -------------------------------------------------------------- reading
    @contextlib.contextmanager
    def reading(self) -> Iterator[tuple[Signature | None, Tables]]:
        """The current tables and their file signature, consistent while inside; do not modify them."""
        with self._lock:
            try:
                data = self._current_checked()
            except OSError as exc:
                raise read_failed(exc, self.path) from None
            except Timeout:
                raise _busy() from None
            if data is None and self._was_deleted():
                raise MemberGoneError("This account was deleted.")
            yield self.storage.signature, data or {}

    def _current_checked(self) -> Tables | None:
        """The file's tables once their schema stamp is known to be fine (migrated if older)."""
        data = self.storage.current()
        if data is None or self.storage.signature == self._meta_checked_at:
            return data
        version = schema_of(self.path, data)
        _check_marks(self.path, data)
        if version < SCHEMA_VERSION:
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
        with self._locked():
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
    def _locked(self) -> Iterator[None]:
        """Both locks; a wait is announced once, and gives up after LOCK_TIMEOUT_S."""
        notice = _Notice()
        if not self._lock.acquire(blocking=False):
            notice()
            if not self._lock.acquire(timeout=LOCK_TIMEOUT_S):
                raise _busy()
        try:
            try:
                make_folder(self.path.parent)
                try:
                    self._file_lock.acquire(blocking=False)
                except Timeout:
                    notice()
                    self._file_lock.acquire(timeout=LOCK_TIMEOUT_S)
            except Timeout:
                raise _busy() from None
            except OSError as exc:
                raise write_failed(exc, self.path) from exc
            try:
                yield
            finally:
                self._file_lock.release()
        finally:
            self._lock.release()

    def _begin(self) -> Tables | None:
        """The file as it is now, under the locks, known to load completely."""
        self._sweep_leftovers()
        data = self._current_checked()
        if data is None:
            if self._was_deleted():
                raise MemberGoneError("This account was deleted; nothing was saved.")
            return None
        self._verify(data, self.storage.signature)
        return data

    def _commit(self) -> None:
        working = self.storage.working
        if working is None:
            self.storage.commit()
            return
        self._finish_meta(working)
        problem = self._first_unreadable(working, self.storage.changed)
        if problem:
            raise StoreError(f"This change would save a record netcoach cannot read back ({problem}). {NOT_SAVED}")
        self._daily_backup()
        self.storage.commit()
        self._verified = {name: working[name] for name in self._record_tables if name in working}
        self._verified_at = self.storage.signature
        self._meta_checked_at = self.storage.signature

    def _finish_meta(self, working: Tables) -> None:
        """Stamp the schema and raise each table's high-water mark to every id it ever held."""
        base, issued = self.storage.base or {}, self.storage.issued
        old_marks, new_marks = marks_of(base), marks_of(working)
        marks: dict[str, int] = {}
        for name in sorted((set(base) | set(working) | set(issued) | set(old_marks) | set(new_marks)) - {META_TABLE}):
            highest = max(
                old_marks.get(name, 0),
                new_marks.get(name, 0),
                issued.get(name, 0),
                self.storage.top(base, name),
                self.storage.top(working, name),
            )
            if highest:
                marks[name] = highest
        meta = working.get(META_TABLE, {})
        stamped = SCHEMA_DOC in meta
        if stamped and meta.get(MARKS_DOC, {}).get(MARKS_KEY) == marks:
            return
        meta = dict(meta)
        if not stamped:
            meta[SCHEMA_DOC] = {"schema": SCHEMA_VERSION}
        meta[MARKS_DOC] = {MARKS_KEY: marks}
        self.storage.put_table(META_TABLE, meta)

    # -------------------------------------------------------------- every record loads
    def _verify(self, data: Tables, signature: Signature | None) -> None:
        """Refuse a file holding a record the app cannot load; only records not checked before are parsed."""
        if signature is not None and signature == self._verified_at:
            return
        problem = self._first_unreadable(data)
        if problem:
            raise CorruptFileError(self.path, f"record {problem}")
        self._verified = {name: data[name] for name in self._record_tables if name in data}
        self._verified_at = signature

    def _first_unreadable(self, data: Tables, changed: Mapping[str, set[str] | None] | None = None) -> str | None:
        """The first record that does not load; with `changed`, only the documents it names are suspects."""
        for name in self._record_tables:
            table = data.get(name)
            known = self._verified.get(name, {})
            if not table or table is known:
                continue
            keys = None if changed is None or name not in changed else changed[name]
            if changed is not None and name not in changed:
                continue
            items = table.items() if keys is None else ((k, table[k]) for k in keys if k in table)
            for key, record in items:
                seen = known.get(key)
                if seen is record or (seen is not None and seen == record):
                    continue
                problem = record_problem(name, key, record)
                if problem:
                    return problem
        return None

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
        with self._file_lock:
            data = load_json_file(self.path)
            if data is None:
                return
            version = schema_of(self.path, data)
            if version >= SCHEMA_VERSION:
                return
            self._copy_backup(f"before-schema-{SCHEMA_VERSION}")
            while version < SCHEMA_VERSION:
                step = MIGRATIONS.get(version)
                if step is None:
                    raise StoreError(f"{self.path}: no way to update schema {version}; it was left untouched")
                data = step(data)
                version += 1
            meta = data.setdefault(META_TABLE, {})
            meta[SCHEMA_DOC] = {"schema": SCHEMA_VERSION}
            self.storage._write_now(data)
            self.storage.forget()  # a migration may leave tuples and the like: read back what was written

    def delete_file(self) -> None:
        """Delete the member's file for good; this store refuses every later write."""
        with self._locked(), self._faults():
            self.path.unlink(missing_ok=True)
            fsync_dir(self.path.parent)
            self._gone = True
            self.storage.forget()

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
        make_folder(self.backup_dir)
        target = self.backup_dir / f"{label}.json"
        # A copy is as private as the file it copies.
        write_atomic(target, self.path.read_bytes(), new_mode=stat.S_IMODE(os.stat(self.path).st_mode))
        return target

    def backup_now(self, label: str) -> Path | None:
        """Keep a copy of the file as it is now, named by `label` and the time."""
        if not self.path.exists():
            return None
        stamp = dt.datetime.now().strftime("%Y-%m-%dT%H%M%S")
        with self._faults():
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
        """Put a backup back in place; the current file is itself backed up first.

        Ids handed out after the backup was taken stay used: the file's
        high-water marks only ever go up.
        """
        backup = Path(backup)
        if backup.parent.resolve() != self.backup_dir.resolve():
            raise StoreError(f"{backup}: not one of this member's backups")
        try:
            data = load_json_file(backup)
        except OSError as exc:
            raise read_failed(exc, backup) from None
        if data is None:
            raise StoreError(f"{backup}: no such backup")
        schema_of(backup, data)
        problems = unreadable_records(data, self._record_tables)
        if problems:
            raise CorruptFileError(backup, f"record {problems[0]}")
        with self.transaction():
            self.backup_now("before-restore")
            self.storage.write(_copy_json(data))


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
                store = MemberStore(self.root / "team.json", self.backups_dir / "_team", record_tables=())
                self._stores["/team"] = store
            return store

    def member_ids(self) -> list[str]:
        if not self.members_dir.exists():
            return []
        return sorted(p.stem for p in self.members_dir.glob("*.json") if MEMBER_ID_RE.match(p.stem))

    def remove_member(self, member_id: str) -> None:
        """Delete a member's file and backups for good; open pages of theirs can no longer save."""
        store = self.store(member_id)
        store.delete_file()
        if store.backup_dir.exists():
            shutil.rmtree(store.backup_dir, ignore_errors=True)
            with contextlib.suppress(OSError):
                fsync_dir(store.backup_dir.parent)
        with self._lock:
            self._stores.pop(member_id, None)

    def data_files(self) -> list[Path]:
        """Every member file and the team file, in a stable order."""
        paths = sorted(self.members_dir.glob("*.json")) if self.members_dir.exists() else []
        team_file = self.root / "team.json"
        return [*paths, *([team_file] if team_file.exists() else [])]

    def check(self) -> list[tuple[Path, str]]:
        """Every data file that does not fully load, with the reasons (all of them, every file)."""
        problems: list[tuple[Path, str]] = []
        for path in self.data_files():
            record_tables = () if path.parent != self.members_dir else tuple(TABLE_PARSERS)
            _, reasons = file_problems(path, record_tables=record_tables)
            if reasons:
                problems.append((path, "; ".join(reasons)))
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
