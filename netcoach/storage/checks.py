"""Whether every record of a file loads: a file that does not fully read is never written.

Before a change every record must load, or the change is refused naming the
record; a person would rather hear "people 3: role 'boss' is unknown" than
lose the rest of their notes to a save that drops what it cannot read.
"""

from __future__ import annotations

import functools
import typing
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from netcoach.models import FILE_PARSERS, ValidationError, from_record
from netcoach.storage.backend import StoredDocument
from netcoach.storage.errors import CorruptFileError, StoreError, describe_fault
from netcoach.storage.files import Signature, Tables, parse_tables
from netcoach.storage.schema import check_marks, schema_of


@functools.cache
def record_kinds() -> dict[str, type]:
    """Each member table's record class, read from its parser's return type."""
    return {name: typing.get_type_hints(parse)["return"] for name, parse in FILE_PARSERS.items()}


def record_problem(table: str, doc_id: str, record: Mapping[str, Any]) -> str | None:
    """Why one stored record cannot be loaded by the app, or None when it can.

    The app builds every record with `from_record`; when that fails, the
    record's parser usually says the same thing naming the field, so its words
    are used.
    """
    kind = record_kinds().get(table)
    if kind is None:
        return None
    try:
        from_record(kind, record, int(doc_id))
        return None
    except Exception as exc:  # whatever stops the app building it makes the record unreadable
        failure: Exception = exc
    try:
        FILE_PARSERS[table]({**record, "id": int(doc_id)})
    except ValidationError as exc:
        return f"{table} {doc_id}: {'; '.join(exc.problems)}"
    except Exception:  # the parser's own trouble is no better a reason than the first one
        pass
    return f"{table} {doc_id}: {failure}"


def unreadable_records(data: Tables, tables: Iterable[str] = FILE_PARSERS) -> list[str]:
    """Every record of the file that the app cannot load, as 'table id: what is wrong'."""
    problems: list[str] = []
    for name in tables:
        for key, record in data.get(name, {}).items():
            problem = record_problem(name, key, record)
            if problem:
                problems.append(problem)
    return problems


def file_problems(path: Path, *, record_tables: Iterable[str] = FILE_PARSERS) -> tuple[Tables, list[str]]:
    """A data file's tables and every reason it does not fully load (none: it is fine)."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}, ["the file is missing"]
    except OSError as exc:
        return {}, [describe_fault(exc, path, writing=False)]
    return document_problems(path, raw, record_tables=record_tables)


def stored_problems(document: StoredDocument) -> tuple[Tables, list[str]]:
    """A stored document's tables and every reason it does not fully load, reading it included."""
    record_tables = () if document.member_id is None else tuple(FILE_PARSERS)
    try:
        raw = document.read()
    except OSError as exc:
        return {}, [describe_fault(exc, document.label, writing=False)]
    except StoreError as exc:
        return {}, [str(exc)]
    return document_problems(document.label, raw, record_tables=record_tables)


def document_problems(
    label: Path, raw: bytes | str | None, *, record_tables: Iterable[str] = FILE_PARSERS
) -> tuple[Tables, list[str]]:
    """A stored document's tables and every reason it does not fully load, wherever it is kept."""
    if raw is None:
        return {}, ["the document is missing"]
    try:
        data = parse_tables(label, raw)
    except CorruptFileError as exc:
        return {}, [exc.reason]
    problems: list[str] = []
    path = label
    try:
        schema_of(path, data)
        check_marks(path, data)
    except CorruptFileError as exc:
        problems.append(exc.reason)
    except StoreError as exc:
        problems.append(str(exc).split(": ", 1)[-1])
    problems.extend(f"record {p}" for p in unreadable_records(data, record_tables))
    return data, problems


class VerifiedRecords:
    """The records of one file known to load, so that a save checks only what it changed.

    Parsing every record before every save would make a long-kept file slow
    to change; a record that is the very object (or an equal one) checked
    before needs no second look.
    """

    def __init__(self, path: Path, record_tables: Iterable[str]):
        self.path = path
        self.record_tables = tuple(record_tables)
        self._known: dict[str, dict[str, Any]] = {}
        self._known_at: Signature | None = None

    def verify(self, data: Tables, signature: Signature | None) -> None:
        """Refuse a file holding a record the app cannot load; only records not checked before are parsed."""
        if signature is not None and signature == self._known_at:
            return
        problem = self.first_unreadable(data)
        if problem:
            raise CorruptFileError(self.path, f"record {problem}")
        self.remember(data, signature)

    def remember(self, data: Tables, signature: Signature | None) -> None:
        """`data` as written or read at `signature` is known to load."""
        self._known = {name: data[name] for name in self.record_tables if name in data}
        self._known_at = signature

    def first_unreadable(self, data: Tables, changed: Mapping[str, set[str] | None] | None = None) -> str | None:
        """The first record that does not load; with `changed`, only the documents it names are suspects."""
        for name in self.record_tables:
            table = data.get(name)
            known = self._known.get(name, {})
            if not table or table is known:
                continue
            if changed is not None and name not in changed:
                continue
            keys = None if changed is None else changed[name]
            items = table.items() if keys is None else ((k, table[k]) for k in keys if k in table)
            for key, record in items:
                seen = known.get(key)
                if seen is record or (seen is not None and seen == record):
                    continue
                problem = record_problem(name, key, record)
                if problem:
                    return problem
        return None
