"""What the `_meta` table of a file holds: the schema stamp and each table's highest id.

Ids are never reused: the highest id each table ever handed out is kept in
the file, so a stale page that still names a deleted record can never hit a
newer one that got its id. The schema stamp says which netcoach wrote the
file; an older file is brought up to date step by step, a newer one refused.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from netcoach.models import META, SCHEMA_VERSION, TRASH
from netcoach.storage.errors import CorruptFileError, StoreError
from netcoach.storage.files import Tables

SCHEMA_DOC = "1"  # {"schema": N}
MARKS_DOC = "2"  # {"last_ids": {table: highest id ever handed out}}
MARKS_KEY = "last_ids"


def _add_trash(data: Tables) -> Tables:
    """Version 2 keeps deleted records for a while in a trash table; a file from before starts with it empty.

    An older netcoach would not know to leave the trash out of what it erases
    or restores, so the stamp goes up and an older reader refuses the file.
    """
    data.setdefault(TRASH, {})
    return data


# Each migration takes the tables of version N and returns those of N + 1.
MIGRATIONS: dict[int, Callable[[Tables], Tables]] = {1: _add_trash}


def schema_of(path: Path, data: Tables) -> int:
    """The file's schema version; an unknown stamp is refused by name."""
    stamp_doc = data.get(META, {}).get(SCHEMA_DOC)
    if stamp_doc is None:
        return SCHEMA_VERSION  # written before stamps, or by hand: read as this version
    version = stamp_doc.get("schema", "missing")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise CorruptFileError(path, f"unknown schema stamp {version!r} in {META}")
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{path}: written by a newer netcoach (schema {version}, this one reads "
            f"{SCHEMA_VERSION}); it was left untouched"
        )
    return version


def is_outdated(version: int) -> bool:
    """True when a file of this schema must be migrated before use."""
    return version < SCHEMA_VERSION


def migration_label() -> str:
    """The name of the copy kept of a file before it is migrated."""
    return f"before-schema-{SCHEMA_VERSION}"


def migrated(path: Path, data: Tables, version: int) -> Tables:
    """The tables brought from `version` to this netcoach's schema, stamped."""
    while version < SCHEMA_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            raise StoreError(f"{path}: no way to update schema {version}; it was left untouched")
        data = step(data)
        version += 1
    meta = data.setdefault(META, {})
    meta[SCHEMA_DOC] = schema_stamp()
    return data


def schema_stamp() -> dict[str, int]:
    return {"schema": SCHEMA_VERSION}


def marks_of(data: Tables | None) -> dict[str, int]:
    """The highest id each table ever handed out, as the file records it (unreadable values ignored)."""
    if not data:
        return {}
    marks = data.get(META, {}).get(MARKS_DOC, {}).get(MARKS_KEY)
    if not isinstance(marks, dict):
        return {}
    return {k: v for k, v in marks.items() if isinstance(v, int) and not isinstance(v, bool)}


def check_marks(path: Path, data: Tables) -> None:
    """Refuse a file whose id counters are not whole numbers."""
    doc = data.get(META, {}).get(MARKS_DOC)
    if doc is None:
        return
    marks = doc.get(MARKS_KEY)
    if not isinstance(marks, dict) or not all(
        isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in marks.values()
    ):
        raise CorruptFileError(path, f"the id counters in {META} are not whole numbers")


def with_marks(meta: Mapping[str, Any], marks: dict[str, int]) -> dict[str, Any] | None:
    """The meta table stamped and holding `marks`, or None when it already does."""
    stamped = SCHEMA_DOC in meta
    if stamped and meta.get(MARKS_DOC, {}).get(MARKS_KEY) == marks:
        return None
    updated = dict(meta)
    if not stamped:
        updated[SCHEMA_DOC] = schema_stamp()
    updated[MARKS_DOC] = {MARKS_KEY: marks}
    return updated


def top_id(table: Mapping[str, Any] | None) -> int:
    return max(map(int, table), default=0) if table else 0
