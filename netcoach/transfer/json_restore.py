"""A full restore from a netcoach JSON export: all of it, or nothing.

A restore replaces a member's tables, so every record is checked before
anything is written, and a file holding the same key twice is refused: the
JSON reader would silently keep only the last one, and a record would be
lost without anyone noticing.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from typing import Any

from netcoach.models import (
    SCHEMA_VERSION,
    Conversation,
    ValidationError,
    conversation_date_problems,
    from_record,
    to_record,
)
from netcoach.transfer.export import FORMAT, PARSERS
from netcoach.transfer.plan import ImportPlan
from netcoach.transfer.reading import import_text

Tables = dict[str, dict[str, dict[str, Any]]]


class JsonObject(dict[str, Any]):
    """A JSON object that remembers every key it saw more than once, with both values."""

    duplicates: list[tuple[str, Any, Any]]


def object_keeping_duplicates(pairs: list[tuple[str, Any]]) -> JsonObject:
    found = JsonObject()
    found.duplicates = []
    for key, value in pairs:
        if key in found:
            found.duplicates.append((key, found[key], value))
        found[key] = value
    return found


def _duplicates(value: Any) -> list[tuple[str, Any, Any]]:
    return getattr(value, "duplicates", [])


def describe_record(name: str, record: Any, people: Mapping[str, Any]) -> str:
    """A record as the person would recognise it: a name, a date, a month."""
    if not isinstance(record, Mapping):
        return "an unreadable record"
    if name == "people":
        return str(record.get("name", "a person"))[:60]
    if name == "conversations":
        listed = record.get("person_ids")
        ids = listed if isinstance(listed, list) else []
        names = [str(people[str(i)].get("name", "")) for i in ids if isinstance(people.get(str(i)), Mapping)]
        who = f" with {', '.join(names)}" if names else ""
        return f"the conversation{who} on {record.get('date', '?')}"[:120]
    if name == "events":
        return f"{record.get('name', 'an event')} on {record.get('date', '?')}"[:120]
    if name == "goals":
        return f"the {record.get('metric', '?')} goal for {record.get('month', '?')}"
    if name == "tips":
        return f"progress on tip {record.get('tip_id', '?')}"
    if name == "reflections":
        return f"the reflection for {record.get('month', '?')}"
    if name == "loops":
        return f"the promise {str(record.get('what') or record.get('text') or '?')[:60]!r}"
    return name


def duplicate_problems(document: Mapping[str, Any]) -> list[str]:
    """Keys given twice anywhere in an export: the JSON reader would silently keep only the last."""
    problems = [f"file: {key!r} appears twice" for key, _, _ in _duplicates(document)]
    tables = document.get("tables")
    if not isinstance(tables, Mapping):
        return problems
    problems.extend(f"tables: {key!r} appears twice" for key, _, _ in _duplicates(tables))
    listed = tables.get("people")
    people: Mapping[str, Any] = listed if isinstance(listed, Mapping) else {}
    for name, docs in tables.items():
        if not isinstance(docs, Mapping):
            continue
        for key, first, second in _duplicates(docs):
            problems.append(
                f"{name} {key}: two records have this id ({describe_record(name, first, people)} and "
                f"{describe_record(name, second, people)}); a restore would lose one, so give one of them a free id"
            )
        for key, record in docs.items():
            problems.extend(f"{name} {key}: field {field!r} appears twice" for field, _, _ in _duplicates(record))
    return problems


def _read_document(payload: bytes | str, plan: ImportPlan) -> dict[str, Any] | None:
    """The export as a JSON object, or None with the reason added to the plan."""
    try:
        document = json.loads(import_text(payload, "a restore"), object_pairs_hook=object_keeping_duplicates)
    except ValidationError as exc:
        plan.errors.extend(exc.problems)
        return None
    except RecursionError:  # deep nesting exhausts the stack; no export nests more than a few levels
        plan.errors.append("file: nested too deeply to be a netcoach export")
        return None
    except ValueError as exc:
        plan.errors.append(f"file: not valid JSON ({exc})")
        return None
    if (
        not isinstance(document, dict)
        or document.get("format") != FORMAT
        or not isinstance(document.get("tables"), dict)
    ):
        plan.errors.append("file: not a netcoach export (no 'format': 'netcoach' with 'tables')")
        return None
    schema = document.get("schema")
    if not isinstance(schema, int) or schema > SCHEMA_VERSION:
        plan.errors.append(f"schema: {schema!r} is not one this version of netcoach reads")
        return None
    duplicated = duplicate_problems(document)
    if duplicated:
        plan.errors.extend(duplicated)
        return None
    return document


def _admitted_tables(document: dict[str, Any], plan: ImportPlan) -> Tables:
    """Every record its table's parser admits, as it would be stored; the others skipped with reasons."""
    tables: Tables = {}
    for name, parse in PARSERS.items():
        docs = document["tables"].get(name, {})
        if not isinstance(docs, dict):
            plan.errors.append(f"{name}: expected records keyed by id")
            continue
        out: dict[str, dict[str, Any]] = {}
        for key, record in docs.items():
            plan.rows_read += 1
            if not re.fullmatch(r"[1-9]\d{0,8}", str(key)):
                plan.skip(f"{name} {key!r}", ["id must be a positive whole number"])
                continue
            try:
                out[str(key)] = to_record(parse({**record, "id": None} if isinstance(record, dict) else record))
            except ValidationError as exc:
                plan.skip(f"{name} {key}", exc.problems)
        tables[name] = out
    return tables


def _check_conversations(tables: Tables, plan: ImportPlan, today: dt.date | None) -> None:
    """Skip conversations naming people or events the file lacks, or dated against the log form's rules."""
    people_ids = {int(k) for k in tables.get("people", {})}
    event_ids = {int(k) for k in tables.get("events", {})}
    for key, record in tables.get("conversations", {}).items():
        missing = [i for i in record["person_ids"] if i not in people_ids]
        if missing:
            plan.skip(f"conversations {key}", [f"person_ids: no person with id {missing[0]}"])
        if record.get("event_id") is not None and record["event_id"] not in event_ids:
            plan.skip(f"conversations {key}", [f"event_id: no event with id {record['event_id']}"])
        dates = conversation_date_problems(from_record(Conversation, record), today) if today else []
        if dates:
            plan.skip(f"conversations {key}", dates)


def _check_loops(tables: Tables, plan: ImportPlan) -> None:
    """Skip loops naming people the file lacks; a link to a conversation it lacks is skipped too."""
    people_ids = {int(k) for k in tables.get("people", {})}
    conversation_ids = {int(k) for k in tables.get("conversations", {})}
    for key, record in tables.get("loops", {}).items():
        missing = [i for i in record["person_ids"] if i not in people_ids]
        if missing:
            plan.skip(f"loops {key}", [f"person_ids: no person with id {missing[0]}"])
        conversation_id = record.get("conversation_id")
        if conversation_id is not None and conversation_id not in conversation_ids:
            plan.skip(f"loops {key}", [f"conversation_id: no conversation with id {conversation_id}"])


def plan_json(payload: bytes | str, *, member_is_empty: bool, today: dt.date | None = None) -> ImportPlan:
    """A full restore from a netcoach JSON export; every record is checked first.

    With `today`, conversations also follow the log form's date rules, as every import does;
    without it the file is only checked to be readable (as `netcoach check` does).
    """
    plan = ImportPlan(kind="json")
    document = _read_document(payload, plan)
    if document is None:
        return plan
    tables = _admitted_tables(document, plan)
    _check_conversations(tables, plan, today)
    _check_loops(tables, plan)
    if not member_is_empty:
        plan.errors.append("member: already holds data; a JSON import restores into an empty member only")
    if not plan.errors:
        plan.replace_tables = tables
    return plan
