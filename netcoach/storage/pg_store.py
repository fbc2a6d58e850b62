"""One member's document as a row of PostgreSQL, with the same promises as a member file.

- A change runs in one database transaction holding the document's lock (an
  advisory lock on its key, which also covers a row not made yet, and the
  row's own lock): two hosts never interleave their changes, and a change is
  committed whole or rolled back whole. Readers never lock; they see the last
  committed document.
- An unchanged document is served from memory: a read asks only for the
  row's version, and the text comes back only when the version moved.
- A row that does not parse is reported by member and never overwritten;
  ids are never reused; the schema stamp and migrations apply; a store that
  has seen its row refuses to make it again once it is deleted. These rules
  live in MemberStore and hold here unchanged.
- Daily copies are rows of their own, the last week of them kept.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

import psycopg

from netcoach.config import Clock
from netcoach.models import FILE_PARSERS
from netcoach.storage import schema
from netcoach.storage.backups import BACKUPS_KEPT, Archive, Timestamp
from netcoach.storage.durable import DurableStorage
from netcoach.storage.errors import StoreError, write_failed
from netcoach.storage.files import Tables, parse_tables
from netcoach.storage.locking import LOCK_TIMEOUT_S, Locks, WaitNotice, busy_error
from netcoach.storage.member_store import MemberStore
from netcoach.storage.pg_connection import BACKUPS, DOCUMENTS, Connections, fault, lock_id

READ = f"SELECT version, CASE WHEN version = %s THEN NULL ELSE doc END FROM {DOCUMENTS} WHERE key = %s"
UPDATE = f"""UPDATE {DOCUMENTS} SET doc = %s, version = nextval('netcoach_versions'), updated_at = now()
WHERE key = %s RETURNING version"""
INSERT = f"""INSERT INTO {DOCUMENTS} (key, doc, version) VALUES (%s, %s, nextval('netcoach_versions'))
RETURNING version"""
DAILY_NAME = r"^\d{4}-\d{2}-\d{2}$"


class RowStorage(DurableStorage):
    """DurableStorage whose document is a database row; `conn` is bound while a change holds the row."""

    def __init__(self, connections: Connections, key: str, label: Path):
        super().__init__(label)
        self.connections = connections
        self.key = key
        self._conn: psycopg.Connection | None = None
        self._conn_owner: int | None = None

    @property
    def conn(self) -> psycopg.Connection | None:
        """The connection of the change this thread is making, if any."""
        return self._conn if self._conn_owner == threading.get_ident() else None

    def bind(self, conn: psycopg.Connection | None) -> None:
        self._conn, self._conn_owner = conn, (None if conn is None else threading.get_ident())

    def current(self) -> Tables | None:
        """The row's tables, fetched again only when its version moved; do not modify."""
        if self.conn is not None:
            return self._fetch(self.conn, lock=True)
        with self.connections.reading() as conn:
            return self._fetch(conn, lock=False)

    def _fetch(self, conn: psycopg.Connection, *, lock: bool) -> Tables | None:
        known = self._signature[0] if self._signature and self._cache is not None else -1
        row = conn.execute(READ + (" FOR UPDATE" if lock else ""), (known, self.key)).fetchone()
        if row is None:
            self.forget()
            return None
        version, doc = row
        if doc is None and self._cache is not None:
            return self._cache
        if doc is None:  # the cache went between the two looks: ask for the text itself
            return self._fetch_text(conn, lock=lock)
        data = parse_tables(self.path, doc)
        self.remember(data, version)
        return data

    def _fetch_text(self, conn: psycopg.Connection, *, lock: bool) -> Tables | None:
        row = conn.execute(
            f"SELECT version, doc FROM {DOCUMENTS} WHERE key = %s" + (" FOR UPDATE" if lock else ""), (self.key,)
        ).fetchone()
        if row is None:
            self.forget()
            return None
        data = parse_tables(self.path, row[1])
        self.remember(data, row[0])
        return data

    def remember(self, data: Tables, version: int) -> None:
        self._cache, self._signature = data, (version,)
        self.seen_file = True
        self.generation += 1

    def write_now(self, data: Tables) -> None:
        """Replace the row with `data`; only inside a change holding the row."""
        if self.conn is None:
            raise RuntimeError("a row is written only inside a change that holds it")
        payload = json.dumps(data, separators=(",", ":"), allow_nan=False)
        row = self.conn.execute(UPDATE, (payload, self.key)).fetchone()
        if row is None:
            row = self.conn.execute(INSERT, (self.key, payload)).fetchone()
        assert row is not None
        self.remember(data, row[0])

    def stored_text(self) -> str | None:
        """The row's text exactly as stored, or None."""
        query = f"SELECT doc FROM {DOCUMENTS} WHERE key = %s"
        if self.conn is not None:
            row = self.conn.execute(query, (self.key,)).fetchone()
        else:
            with self.connections.reading() as conn:
                row = conn.execute(query, (self.key,)).fetchone()
        return None if row is None else row[0]


class RowLocks:
    """The thread lock of one document, and its database lock for the length of a transaction."""

    def __init__(self, storage: RowStorage):
        self.storage = storage
        self.thread = threading.RLock()

    @contextlib.contextmanager
    def held(self) -> Iterator[None]:
        """Both locks inside one database transaction, committed when the block ends without error."""
        notice = WaitNotice()
        if not self.thread.acquire(blocking=False):
            notice()
            if not self.thread.acquire(timeout=LOCK_TIMEOUT_S):
                raise busy_error()
        try:
            if self.storage.conn is not None:  # already inside this thread's change (a migration on the way in)
                yield
                return
            with self.storage.connections.writing() as conn:
                key = lock_id(self.storage.key)
                got = conn.execute("SELECT pg_try_advisory_xact_lock(%s)", (key,)).fetchone()
                if not (got and got[0]):
                    notice()
                    conn.execute(f"SET LOCAL lock_timeout = {int(LOCK_TIMEOUT_S * 1000)}")
                    conn.execute("SELECT pg_advisory_xact_lock(%s)", (key,))
                self.storage.bind(conn)
                try:
                    yield
                finally:
                    self.storage.bind(None)
        finally:
            self.thread.release()


class RowBackups:
    """A document's copies as rows: one before the first change of each day (the last week kept), and named ones."""

    def __init__(self, storage: RowStorage, folder: Path, *, today: Clock, now: Timestamp):
        self.storage = storage
        self.folder = folder  # a name for messages; nothing is written there
        self.today = today
        self.now = now
        self._taken_on: dt.date | None = None

    @contextlib.contextmanager
    def _conn(self) -> Iterator[psycopg.Connection]:
        if self.storage.conn is not None:
            yield self.storage.conn
        else:
            with self.storage.connections.writing() as conn:
                yield conn

    def daily(self) -> None:
        today = self.today()
        if self._taken_on == today:
            return
        with self._conn() as conn:
            conn.execute(
                f"""INSERT INTO {BACKUPS} (key, label, doc) SELECT key, %s, doc FROM {DOCUMENTS} WHERE key = %s
                ON CONFLICT (key, label) DO NOTHING""",
                (today.isoformat(), self.storage.key),
            )
            conn.execute(
                f"""DELETE FROM {BACKUPS} WHERE key = %s AND label ~ %s AND label NOT IN (
                    SELECT label FROM {BACKUPS} WHERE key = %s AND label ~ %s ORDER BY label DESC LIMIT %s)""",
                (self.storage.key, DAILY_NAME, self.storage.key, DAILY_NAME, BACKUPS_KEPT),
            )
        self._taken_on = today

    def copy(self, label: str) -> Path:
        with self._conn() as conn:
            conn.execute(
                f"""INSERT INTO {BACKUPS} (key, label, doc) SELECT key, %s, doc FROM {DOCUMENTS} WHERE key = %s
                ON CONFLICT (key, label) DO UPDATE SET doc = EXCLUDED.doc, taken_at = now()""",
                (label, self.storage.key),
            )
        return Path(f"{label}.json")

    def stamped(self, label: str) -> Path | None:
        if self.storage.current() is None:
            return None
        return self.copy(f"{label}-{self.now().strftime('%Y-%m-%dT%H%M%S')}")

    def listing(self) -> list[Path]:
        with self.storage.connections.reading() as conn:
            rows = conn.execute(f"SELECT label FROM {BACKUPS} WHERE key = %s", (self.storage.key,)).fetchall()
        return sorted((Path(f"{label}.json") for (label,) in rows), reverse=True)

    def load(self, backup: Path) -> Tables:
        if backup.parent != Path(".") or backup.suffix != ".json":
            raise StoreError(f"{backup}: not one of this member's backups")
        with self.storage.connections.reading() as conn:
            row = conn.execute(
                f"SELECT doc FROM {BACKUPS} WHERE key = %s AND label = %s", (self.storage.key, backup.stem)
            ).fetchone()
        if row is None:
            raise StoreError(f"{backup}: no such backup")
        return parse_tables(self.folder / backup.name, row[0])

    def remove_all(self, conn: psycopg.Connection) -> None:
        conn.execute(f"DELETE FROM {BACKUPS} WHERE key = %s", (self.storage.key,))


class RowStore(MemberStore):
    """A member's (or the team's) document kept as one database row; every rule of MemberStore holds."""

    def __init__(
        self,
        connections: Connections,
        key: str,
        label: Path,
        backup_label: Path,
        *,
        record_tables: Iterable[str] = tuple(FILE_PARSERS),
        today: Clock,
        now: Timestamp,
    ):
        self.connections = connections
        self.key = key
        super().__init__(label, backup_label, record_tables=record_tables, today=today, now=now)

    def _make_storage(self) -> DurableStorage:
        return RowStorage(self.connections, self.key, self.path)

    @property
    def row(self) -> RowStorage:
        assert isinstance(self.storage, RowStorage)
        return self.storage

    def _make_archive(self, backup_dir: Path, today: Clock, now: Timestamp) -> Archive:
        return RowBackups(self.row, backup_dir, today=today, now=now)

    def _make_locks(self) -> Locks:
        return RowLocks(self.row)

    @contextlib.contextmanager
    def _faults(self) -> Iterator[None]:
        try:
            yield
        except (psycopg.Error, OSError) as exc:
            if isinstance(exc, OSError):
                raise write_failed(exc, self.path) from exc
            raise fault(exc, self.connections.where, writing=True) from None

    @contextlib.contextmanager
    def _read_faults(self) -> Iterator[None]:
        try:
            yield
        except psycopg.Error as exc:
            raise fault(exc, self.connections.where, writing=False) from None

    def _sweep_leftovers(self) -> None:
        """A killed writer's transaction is rolled back by the server: nothing is left to sweep."""

    def _migrate(self) -> None:
        with self._locks.held(), self._faults():
            text = self.row.stored_text()
            if text is None:
                return
            data = parse_tables(self.path, text)
            version = schema.schema_of(self.path, data)
            if not schema.is_outdated(version):
                return
            self.archive.copy(schema.migration_label())
            self.storage.write_now(schema.migrated(self.path, data, version))
            self.storage.forget()  # a migration may leave tuples and the like: read back what was written

    def delete_file(self) -> None:
        """Delete the member's row and its copies for good; this store refuses every later write."""
        with self._locks.held(), self._faults():
            conn = self.row.conn
            assert conn is not None
            conn.execute(f"DELETE FROM {DOCUMENTS} WHERE key = %s", (self.key,))
            assert isinstance(self.archive, RowBackups)
            self.archive.remove_all(conn)
            self._gone = True
            self.storage.forget()

    def stored_bytes(self) -> bytes | None:
        with self._read_faults():
            text = self.row.stored_text()
        return None if text is None else text.encode()
