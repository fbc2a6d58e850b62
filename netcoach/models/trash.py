"""The trash's own rules: how long things are kept, what admits a trash item, and how a record is fingerprinted.

Nothing here touches a file; the service decides what goes in and comes out.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from typing import Any

from netcoach.models.enums import TrashKind
from netcoach.models.errors import ValidationError
from netcoach.models.fields import FieldReader
from netcoach.models.limits import SHORT_TEXT_MAX
from netcoach.models.records import TrashItem

# Things stay in the trash this many days after the day they were deleted, then go at the next save.
KEEP_DAYS = 30
_MAX_ID = 10**9


def days_left(deleted_on: dt.date, today: dt.date) -> int:
    """Whole days an item deleted on `deleted_on` still has in the trash (0: its last day)."""
    return max(0, KEEP_DAYS - (today - deleted_on).days)


def oldest_kept(today: dt.date) -> dt.date:
    """Items deleted before this day are past keeping."""
    return today - dt.timedelta(days=KEEP_DAYS)


def fingerprint(document: Mapping[str, Any]) -> str:
    """A short mark of a stored document, equal exactly when the document is."""
    text = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:20]


def short_label(text: str) -> str:
    """A label that fits the trash's label field, cut with an ellipsis when it must be."""
    text = " ".join(text.split())
    return text if len(text) <= SHORT_TEXT_MAX else text[: SHORT_TEXT_MAX - 1].rstrip() + "…"


def _is_id(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value <= _MAX_ID


def _id_key(key: Any) -> bool:
    return isinstance(key, str) and key.isascii() and key.isdigit() and _is_id(int(key))


def _records(f: FieldReader, parsers: Mapping[str, Any]) -> dict[str, dict[str, dict[str, Any]]]:
    """The deleted documents by table and id, each one its table's rules admit."""
    value = f.raw.get("records") or {}
    if not isinstance(value, Mapping):
        f.fail("records", f"must be tables of records, got {type(value).__name__}")
        return {}
    records: dict[str, dict[str, dict[str, Any]]] = {}
    for table, docs in value.items():
        parse = parsers.get(table)
        if parse is None or not isinstance(docs, Mapping):
            f.fail("records", f"{str(table)[:40]!r} is not a table of records")
            continue
        for key, doc in docs.items():
            if not _id_key(key) or not isinstance(doc, Mapping):
                f.fail("records", f"{table} {str(key)[:20]}: not a stored record")
                continue
            try:
                parse({**doc, "id": int(key)})
            except ValidationError as exc:
                f.fail("records", f"{table} {key}: {'; '.join(exc.problems)}")
        records[table] = {str(k): dict(v) for k, v in docs.items() if isinstance(v, Mapping)}
    return records


def _links(f: FieldReader, tables: Mapping[str, Any]) -> tuple[dict[str, Any], ...]:
    value = f.raw.get("links") or ()
    if not isinstance(value, (list, tuple)):
        f.fail("links", f"must be a list, got {type(value).__name__}")
        return ()
    links: list[dict[str, Any]] = []
    for link in value:
        ok = (
            isinstance(link, Mapping)
            and link.get("table") in tables
            and _is_id(link.get("id"))
            and isinstance(link.get("field"), str)
            and (link.get("value") is None or _is_id(link.get("value")))
            and (link.get("position") is None or (isinstance(link.get("position"), int) and link["position"] >= 0))
        )
        if not ok:
            f.fail("links", f"{str(link)[:60]} is not a link to put back")
            continue
        links.append(dict(link))
    return tuple(links)


def _added(f: FieldReader, tables: Mapping[str, Any]) -> dict[str, dict[str, str]]:
    value = f.raw.get("added") or {}
    if not isinstance(value, Mapping) or not all(
        table in tables
        and isinstance(ids, Mapping)
        and all(_id_key(k) and isinstance(v, str) and len(v) <= 64 for k, v in ids.items())
        for table, ids in value.items()
    ):
        f.fail("added", "must be tables of record ids and their fingerprints")
        return {}
    return {table: dict(ids) for table, ids in value.items()}


def _filled(f: FieldReader) -> dict[str, dict[str, list[Any]]]:
    value = f.raw.get("filled") or {}
    if not isinstance(value, Mapping) or not all(
        _id_key(k)
        and isinstance(fields, Mapping)
        and all(isinstance(pair, (list, tuple)) and len(pair) == 2 for pair in fields.values())
        for k, fields in value.items()
    ):
        f.fail("filled", "must be people's ids with each field's value before and after")
        return {}
    return {k: {name: list(pair) for name, pair in fields.items()} for k, fields in value.items()}


def parse_trash_item(raw: Mapping[str, Any]) -> TrashItem:
    """A trash item from raw fields; every record it holds must be one its table admits."""
    from netcoach.models.tables import TABLE_PARSERS  # the tables module imports this one

    f = FieldReader(raw)
    item = TrashItem(
        kind=f.choice("kind", TrashKind, None),
        label=f.text("label", required=True),
        deleted_on=f.date("deleted_on", required=True) or dt.date.min,
        records=_records(f, TABLE_PARSERS),
        links=_links(f, TABLE_PARSERS),
        added=_added(f, TABLE_PARSERS),
        filled=_filled(f),
        source=f.text("source"),
        id=f.record_id(),
    )
    f.finish()
    return item
