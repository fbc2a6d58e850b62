"""Members kept in PostgreSQL: the database counterpart of the data folder.

It answers the same calls as DataDir (a store per member, the team's store,
who is a member, removing one, checking every document), so the service, the
team instance and the command line do not care which one they were given.
Every session of a server shares one store per member, as with files.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterable
from pathlib import Path

from netcoach.config import Clock, system_today
from netcoach.models import FILE_PARSERS
from netcoach.storage.backend import StoredDocument
from netcoach.storage.backups import Timestamp
from netcoach.storage.checks import stored_problems
from netcoach.storage.member_ids import MEMBER_ID_RE, validate_member_id
from netcoach.storage.pg_connection import DOCUMENTS, Connections
from netcoach.storage.pg_store import RowStore

MEMBER_PREFIX = "members/"
TEAM_ROW = "team"
# What messages call a document of the database (the database's address is in its own messages).
LABEL_ROOT = Path("database")


class Database:
    """The members and team document of one PostgreSQL database."""

    def __init__(self, url: str, *, today: Clock = system_today, now: Timestamp = dt.datetime.now):
        self.url = url
        self.connections = Connections(url)
        self.today = today
        self.now = now
        self._stores: dict[str, RowStore] = {}
        self._lock = threading.Lock()

    @property
    def location(self) -> str:
        return self.connections.where

    def exists(self) -> bool:
        with self.connections.reading():
            return True

    def member_label(self, member_id: str) -> Path:
        return LABEL_ROOT / "members" / validate_member_id(member_id)

    def store(self, member_id: str) -> RowStore:
        label = self.member_label(member_id)
        with self._lock:
            store = self._stores.get(member_id)
            if store is None:
                store = self._stores[member_id] = self._open(
                    MEMBER_PREFIX + member_id, label, LABEL_ROOT / "backups" / member_id
                )
            return store

    def team_store(self) -> RowStore:
        with self._lock:
            store = self._stores.get("/team")
            if store is None:
                store = self._open(TEAM_ROW, LABEL_ROOT / "team", LABEL_ROOT / "backups" / "_team", record_tables=())
                self._stores["/team"] = store
            return store

    def _open(
        self, key: str, label: Path, backup_label: Path, record_tables: Iterable[str] = tuple(FILE_PARSERS)
    ) -> RowStore:
        return RowStore(
            self.connections,
            key,
            label,
            backup_label,
            record_tables=record_tables,
            today=lambda: self.today(),
            now=lambda: self.now(),
        )

    def _keys(self) -> list[str]:
        with self.connections.reading() as conn:
            rows = conn.execute(f"SELECT key FROM {DOCUMENTS} ORDER BY key").fetchall()
        return [key for (key,) in rows]

    def member_ids(self) -> list[str]:
        ids = (key.removeprefix(MEMBER_PREFIX) for key in self._keys() if key.startswith(MEMBER_PREFIX))
        return [member_id for member_id in ids if MEMBER_ID_RE.match(member_id)]

    def has_member(self, member_id: str) -> bool:
        validate_member_id(member_id)
        with self.connections.reading() as conn:
            row = conn.execute(f"SELECT 1 FROM {DOCUMENTS} WHERE key = %s", (MEMBER_PREFIX + member_id,)).fetchone()
        return row is not None

    def remove_member(self, member_id: str) -> None:
        """Delete a member's row and its copies for good; open pages of theirs can no longer save."""
        store = self.store(member_id)
        store.delete_file()
        with self._lock:
            self._stores.pop(member_id, None)

    def documents(self) -> list[StoredDocument]:
        """Every member's document and the team's, members first, each read when asked."""
        keys = self._keys()
        members = [k.removeprefix(MEMBER_PREFIX) for k in keys if k.startswith(MEMBER_PREFIX)]
        found = [
            StoredDocument(self.member_label(m), m, self.store(m).stored_bytes)
            for m in members
            if MEMBER_ID_RE.match(m)
        ]
        if TEAM_ROW in keys:
            found.append(StoredDocument(LABEL_ROOT / "team", None, self.team_store().stored_bytes))
        return found

    def check(self) -> list[tuple[Path, str]]:
        """Every document that does not fully load, with the reasons (all of them, every document)."""
        problems: list[tuple[Path, str]] = []
        for document in self.documents():
            _, reasons = stored_problems(document)
            if reasons:
                problems.append((document.label, "; ".join(reasons)))
        return problems

    def close(self) -> None:
        self.connections.close()
