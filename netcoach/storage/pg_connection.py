"""The way to a PostgreSQL database: a connection pool per process, the tables, and faults in plain words.

Members' documents live in one table, one row each, the whole document as
the JSON text a member file would hold; a version number taken from one
sequence tells one state of a row from another (and never comes round
again, even for a member deleted and made anew). Daily copies live in a
second table. Both are made on first use, by whichever process comes first.

Only psycopg talks to the server; this module is imported only when a
database is configured, so the file store needs no driver installed.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import threading
from collections.abc import Iterator

import psycopg
import psycopg_pool
from psycopg import errors as pg_errors

from netcoach.config import shown_location
from netcoach.storage.errors import NOT_SAVED, ReadFailedError, StoreError, WriteFailedError
from netcoach.storage.locking import LOCK_TIMEOUT_S, busy_error

DOCUMENTS = "netcoach_documents"
BACKUPS = "netcoach_backups"
VERSIONS = "netcoach_versions"
SETUP_LOCK = 7_140_411_520  # an advisory lock id: one process at a time creates the tables

SETUP = f"""
CREATE SEQUENCE IF NOT EXISTS {VERSIONS};
CREATE TABLE IF NOT EXISTS {DOCUMENTS} (
    key text PRIMARY KEY,
    doc text NOT NULL,
    version bigint NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS {BACKUPS} (
    key text NOT NULL,
    label text NOT NULL,
    doc text NOT NULL,
    taken_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (key, label)
);
"""

# How long a page waits for a connection before saying the database cannot be reached.
CONNECT_WAIT_S = 10.0
POOL_SIZE = 8


def lock_id(key: str) -> int:
    """A stable signed 64-bit number for a document key, for PostgreSQL's advisory locks."""
    return int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "big", signed=True)


def fault(exc: BaseException, where: str, *, writing: bool) -> StoreError:
    """What a database failure means to a person; a save's message ends in "Nothing was saved."."""
    if isinstance(exc, pg_errors.LockNotAvailable):
        return busy_error()
    if isinstance(exc, psycopg_pool.PoolTimeout | psycopg.OperationalError) and not isinstance(
        exc, pg_errors.DiskFull | pg_errors.InsufficientResources
    ):
        reason = f"The database at {where} cannot be reached right now."
    elif isinstance(exc, pg_errors.DiskFull | pg_errors.InsufficientResources):
        reason = "The disk that holds the database is full."
    elif isinstance(exc, pg_errors.ReadOnlySqlTransaction):
        reason = f"The database at {where} is read-only."
    elif isinstance(exc, pg_errors.InsufficientPrivilege):
        verb = "change" if writing else "read"
        reason = f"netcoach is not allowed to {verb} its tables in the database at {where}."
    else:
        detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        reason = f"The database refused ({detail})."
    if writing:
        return WriteFailedError(f"{reason} {NOT_SAVED}")
    return ReadFailedError(f"Your data could not be read: {reason}")


class Connections:
    """One database's connection pool in this process, and its tables made once."""

    def __init__(self, url: str):
        self.url = url
        self.where = shown_location(url)
        self._pool: psycopg_pool.ConnectionPool | None = None
        self._pid = 0
        self._ready = False
        self._lock = threading.Lock()

    def _get_pool(self) -> psycopg_pool.ConnectionPool:
        with self._lock:
            # A forked child must not share its parent's sockets: it opens its own pool.
            if self._pool is None or self._pid != os.getpid():
                self._pool = psycopg_pool.ConnectionPool(
                    self.url,
                    min_size=1,
                    max_size=POOL_SIZE,
                    kwargs={
                        "autocommit": True,
                        "connect_timeout": 5,
                        "application_name": "netcoach",
                        # No statement waits on a lock for ever: a row held by anyone (netcoach or a
                        # person at psql) gives up after the store's own wait, with the same message.
                        "options": f"-c lock_timeout={int(LOCK_TIMEOUT_S * 1000)}",
                    },
                    timeout=CONNECT_WAIT_S,
                    check=psycopg_pool.ConnectionPool.check_connection,
                    name="netcoach",
                    open=True,
                )
                self._pid = os.getpid()
                self._ready = False
            return self._pool

    @contextlib.contextmanager
    def connection(self) -> Iterator[psycopg.Connection]:
        """A connection in autocommit mode; database errors are left to the caller to word."""
        pool = self._get_pool()
        with pool.connection() as conn:
            if not self._ready:
                self._setup(conn)
            yield conn

    def _setup(self, conn: psycopg.Connection) -> None:
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (SETUP_LOCK,))
            conn.execute(SETUP)
            for table in (DOCUMENTS, BACKUPS):
                # lz4 compresses a large document several times faster than the default, so a save
                # of a long-kept member costs less; a server without it (or older than 14) keeps its
                # default. Asked first, because ALTER TABLE locks the table against everyone for a moment.
                try:
                    with conn.transaction():
                        found = conn.execute(
                            "SELECT attcompression::text FROM pg_attribute "
                            "WHERE attrelid = %s::regclass AND attname = 'doc'",
                            (table,),
                        ).fetchone()
                        if found is None or found[0] != "l":
                            conn.execute(f"ALTER TABLE {table} ALTER COLUMN doc SET COMPRESSION lz4")
                except psycopg.Error:
                    pass
        self._ready = True

    @contextlib.contextmanager
    def reading(self) -> Iterator[psycopg.Connection]:
        """A connection for a read; any failure becomes a plain ReadFailedError."""
        try:
            with self.connection() as conn:
                yield conn
        except (psycopg.Error, psycopg_pool.PoolTimeout) as exc:
            raise fault(exc, self.where, writing=False) from None

    @contextlib.contextmanager
    def writing(self) -> Iterator[psycopg.Connection]:
        """A connection inside one transaction: committed when the block ends, rolled back if it fails.

        Any database failure, the commit's included, becomes a WriteFailedError
        ending in "Nothing was saved.".
        """
        try:
            with self.connection() as conn, conn.transaction():
                yield conn
        except (psycopg.Error, psycopg_pool.PoolTimeout) as exc:
            raise fault(exc, self.where, writing=True) from None

    def close(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None and self._pid == os.getpid():
            pool.close()
