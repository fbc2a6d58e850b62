"""Moving every member and the team document from one storage to another, and proving the copy.

A company that outgrows one host moves its data folder into PostgreSQL (or
back, to leave it): every document is copied as it is, read back from the
target and compared with the original, so a move either leaves an equal copy
or says which document differs. A target that already holds members is left
alone unless the caller says to replace what it holds.
"""

from __future__ import annotations

import dataclasses
import json

from netcoach.storage.backend import Storage
from netcoach.storage.checks import stored_problems
from netcoach.storage.errors import StoreError
from netcoach.storage.files import Tables, parse_tables
from netcoach.storage.member_store import MemberStore


@dataclasses.dataclass(frozen=True)
class Moved:
    members: list[str]
    team: bool


def _same(left: Tables, right: Tables) -> bool:
    """Equal as documents: the same tables, records and values (key order aside)."""
    return json.dumps(left, sort_keys=True) == json.dumps(right, sort_keys=True)


def move_all(source: Storage, target: Storage, *, replace: bool = False) -> Moved:
    """Copy every member's document and the team's from `source` to `target`, each verified equal."""
    documents = source.documents()
    if not documents:
        raise StoreError(f"{source.location} holds no members and no team document; nothing was copied.")
    broken = source.check()
    if broken:
        named = "; ".join(f"{label}: {reason}" for label, reason in broken[:3])
        raise StoreError(f"some documents in {source.location} do not load ({named}); nothing was copied.")
    held = target.documents() if target.exists() else []
    if held and not replace:
        raise StoreError(
            f"{target.location} already holds {len(held)} document(s); nothing was copied. "
            "Move into an empty target, or say to replace what it holds."
        )
    members: list[str] = []
    team = False
    for document in documents:
        data, problems = stored_problems(document)
        if problems:
            raise StoreError(f"{document.label}: {problems[0]}; the move stopped here.")
        store = target.team_store() if document.member_id is None else target.store(document.member_id)
        store.put_document(data)
        _verify(store, data)
        if document.member_id is None:
            team = True
        else:
            members.append(document.member_id)
    return Moved(members, team)


def _verify(store: MemberStore, original: Tables) -> None:
    """Read the copy back as stored and compare it with the original."""
    raw = store.stored_bytes()
    copy = None if raw is None else parse_tables(store.path, raw)
    if copy is None or not _same(copy, original):
        raise StoreError(f"{store.path}: the copy read back differs from the original; the move stopped here.")
