"""The two places a member's document can live, behind one face for the store's tests.

Each test of the store's promises runs once on the data folder and once on
PostgreSQL; what it checks underneath (the bytes stored, a document broken
by hand, a second process's view) goes through a `Backend`, so the promise is
stated once and proven on both.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import psycopg

from netcoach.models import TABLE_PARSERS
from netcoach.storage import MemberStore, Tables, data_dir, load_json_file
from netcoach.storage.pg_connection import SETUP
from netcoach.storage.pg_folder import MEMBER_PREFIX, Database


class Backend:
    kind = ""
    root: Path | str

    def raw(self, member_id: str = "me") -> bytes | None:
        """The member's document exactly as stored, or None."""
        raise NotImplementedError

    def tables(self, member_id: str = "me") -> Tables:
        raw = self.raw(member_id)
        assert raw is not None, f"no stored document for {member_id}"
        data = json.loads(raw)
        assert isinstance(data, dict)
        return data

    def put_raw(self, payload: bytes, member_id: str = "me") -> None:
        """Store a document behind the app's back (a hand edit, a broken copy)."""
        raise NotImplementedError

    def put_tables(self, tables: dict[str, Any], member_id: str = "me") -> bytes:
        payload = json.dumps(tables).encode()
        self.put_raw(payload, member_id)
        return payload

    def second_store(self, member_id: str = "me") -> MemberStore:
        """The member's store as another process would open it: its own caches and connections."""
        raise NotImplementedError

    def backup_tables(self, name: str, member_id: str = "me") -> Tables:
        store = data_dir(self.root).store(member_id)
        (found,) = [b for b in store.backups() if b.name == name]
        return store.archive.load(found)

    def location_of(self, member_id: str = "me") -> str:
        """How messages name the member's document."""
        return str(data_dir(self.root).store(member_id).path)


class FileBackend(Backend):
    kind = "files"

    def __init__(self, root: Path):
        self.root = root

    def path(self, member_id: str = "me") -> Path:
        return self.root / "members" / f"{member_id}.json"

    def raw(self, member_id: str = "me") -> bytes | None:
        path = self.path(member_id)
        return path.read_bytes() if path.exists() else None

    def tables(self, member_id: str = "me") -> Tables:
        found = load_json_file(self.path(member_id))
        assert found is not None
        return found

    def put_raw(self, payload: bytes, member_id: str = "me") -> None:
        path = self.path(member_id)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(payload)

    def second_store(self, member_id: str = "me") -> MemberStore:
        return MemberStore(self.path(member_id), self.root / "backups" / member_id)


class DatabaseBackend(Backend):
    kind = "postgresql"

    def __init__(self, url: str):
        self.root = url
        self.url = url
        self._others: list[Database] = []

    def raw(self, member_id: str = "me") -> bytes | None:
        with psycopg.connect(self.url, autocommit=True) as conn:
            conn.execute(SETUP)
            row = conn.execute(
                "SELECT doc FROM netcoach_documents WHERE key = %s", (MEMBER_PREFIX + member_id,)
            ).fetchone()
        return None if row is None else str(row[0]).encode()

    def put_raw(self, payload: bytes, member_id: str = "me") -> None:
        with psycopg.connect(self.url, autocommit=True) as conn:
            conn.execute(SETUP)
            conn.execute(
                """INSERT INTO netcoach_documents (key, doc, version) VALUES (%s, %s, nextval('netcoach_versions'))
                ON CONFLICT (key) DO UPDATE SET doc = EXCLUDED.doc, version = EXCLUDED.version""",
                (MEMBER_PREFIX + member_id, payload.decode()),
            )

    def second_store(self, member_id: str = "me") -> MemberStore:
        other = Database(self.url)
        self._others.append(other)
        return other.store(member_id)

    def close(self) -> None:
        for other in self._others:
            other.close()


RECORD_TABLES = tuple(TABLE_PARSERS)
