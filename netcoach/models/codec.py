"""Records in the plain JSON form the store keeps: ISO dates, enum values, lists.

The id lives in the TinyDB document id, not inside the stored record.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import types
import typing
from collections.abc import Mapping
from typing import Any

from netcoach.models.records import Record


def to_record(item: Any) -> dict[str, Any]:
    record: dict[str, Any] = {}
    for field in dataclasses.fields(item):
        if field.name == "id":
            continue
        record[field.name] = _to_json(getattr(item, field.name))
    return record


def _to_json(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_to_json(v) for v in value]
    return value


_CONVERTERS: dict[type, dict[str, Any]] = {}


def _converter_for(hint: Any) -> Any:
    """A function turning a stored JSON value back into the field's type."""
    args = typing.get_args(hint)
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        inner = _converter_for(next(a for a in args if a is not type(None)))
        return lambda v: None if v is None else inner(v)
    if hint is dt.date:
        return dt.date.fromisoformat
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return hint
    if typing.get_origin(hint) is tuple:
        return tuple
    return lambda v: v


def from_record(kind: type[Record], record: Mapping[str, Any], record_id: int | None = None) -> Record:
    """Build a value from a stored record; unknown keys are ignored, missing ones defaulted."""
    converters = _CONVERTERS.get(kind)
    if converters is None:
        hints = typing.get_type_hints(kind)
        # `Record` is any of the dataclasses in `records`; the type checker cannot see that from the TypeVar.
        fields = dataclasses.fields(typing.cast(Any, kind))
        converters = {f.name: _converter_for(hints[f.name]) for f in fields}
        _CONVERTERS[kind] = converters
    values = {name: conv(record[name]) for name, conv in converters.items() if name in record}
    if "id" in converters and record_id is not None:
        values["id"] = record_id
    return kind(**values)
