"""Reading raw input one field at a time, the way every record's rules do.

Parsing never stops at the first problem: a person filling a form wants to
see every field that is wrong at once, each named. A month is read here too,
because a goal's or reflection's month field and a month typed alone follow
the same rule.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Mapping
from typing import Any

from netcoach.models.errors import ValidationError
from netcoach.models.limits import EARLIEST_DATE, LIST_MAX_ITEMS, SHORT_TEXT_MAX

MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")


def _bad_char(char: str, *, allow_newlines: bool) -> bool:
    """Control characters and lone surrogates cannot be stored or shown safely."""
    code = ord(char)
    if allow_newlines and char in "\n\t":
        return False
    return code < 32 or code == 127 or 0xD800 <= code <= 0xDFFF


class FieldReader:
    """Reads raw input field by field, collecting problems instead of raising."""

    def __init__(self, raw: Mapping[str, Any]):
        if not isinstance(raw, Mapping):
            raise ValidationError([f"record: expected a set of fields, got {type(raw).__name__}"])
        self.raw = raw
        self.problems: list[str] = []

    def _get(self, name: str) -> Any:
        value = self.raw.get(name)
        if isinstance(value, str):
            value = value.strip()
            return value if value else None
        return value

    def fail(self, name: str, message: str) -> None:
        self.problems.append(f"{name}: {message}")

    def has_problem(self, name: str) -> bool:
        """Whether a problem with this field was found already (so a rule on it is not said twice)."""
        return any(p.startswith(f"{name}: ") for p in self.problems)

    def text(self, name: str, *, required: bool = False, max_len: int = SHORT_TEXT_MAX) -> str:
        value = self._get(name)
        if value is None:
            if required:
                self.fail(name, "required")
            return ""
        if not isinstance(value, str):
            self.fail(name, f"must be text, got {type(value).__name__}")
            return ""
        if len(value) > max_len:
            self.fail(name, f"too long ({len(value)} characters, at most {max_len})")
            return ""
        if any(_bad_char(c, allow_newlines=True) for c in value):
            self.fail(name, "contains control or invalid characters")
            return ""
        return value

    def text_list(self, name: str, *, max_len: int = SHORT_TEXT_MAX) -> tuple[str, ...]:
        value = self._get(name)
        if value is None:
            return ()
        if isinstance(value, str):
            value = value.split(",")
        if not isinstance(value, (list, tuple)):
            self.fail(name, f"must be a list of text, got {type(value).__name__}")
            return ()
        items: list[str] = []
        for item in value:
            if not isinstance(item, str):
                self.fail(name, f"must be a list of text, found {type(item).__name__}")
                return ()
            item = item.strip()
            if not item:
                continue
            if len(item) > max_len:
                self.fail(name, f"an item is too long ({len(item)} characters, at most {max_len})")
                return ()
            if any(_bad_char(c, allow_newlines=False) for c in item):
                self.fail(name, "contains control or invalid characters")
                return ()
            if item not in items:
                items.append(item)
        if len(items) > LIST_MAX_ITEMS:
            self.fail(name, f"too many items ({len(items)}, at most {LIST_MAX_ITEMS})")
            return ()
        return tuple(items)

    def date(self, name: str, *, required: bool = False) -> dt.date | None:
        value = self._get(name)
        if value is None:
            if required:
                self.fail(name, "required")
            return None
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            parsed = value
        elif isinstance(value, str):
            try:
                parsed = dt.date.fromisoformat(value)
            except ValueError:
                self.fail(name, f"{value[:40]} is not a date (use YYYY-MM-DD)")
                return None
        else:
            self.fail(name, f"must be a date, got {type(value).__name__}")
            return None
        if parsed < EARLIEST_DATE:
            self.fail(name, f"{parsed.isoformat()} is before {EARLIEST_DATE.year}")
            return None
        return parsed

    def integer(self, name: str, lo: int, hi: int, *, default: int | None = None) -> int | None:
        value = self._get(name)
        if value is None:
            if default is None:
                self.fail(name, "required")
            return default
        if isinstance(value, bool):
            self.fail(name, f"must be a whole number from {lo} to {hi}")
            return default
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, str):
            try:
                value = int(value)
            except ValueError:
                self.fail(name, f"must be a whole number from {lo} to {hi}, got {value[:40]!r}")
                return default
        if not isinstance(value, int):
            self.fail(name, f"must be a whole number from {lo} to {hi}")
            return default
        if not lo <= value <= hi:
            self.fail(name, f"must be {lo} to {hi}, got {value}")
            return default
        return value

    def optional_integer(self, name: str, lo: int, hi: int) -> int | None:
        if self._get(name) is None:
            return None
        return self.integer(name, lo, hi, default=None)

    def choice(self, name: str, kind: type[enum.Enum], default: enum.Enum | None) -> Any:
        value = self._get(name)
        if value is None:
            if default is None:
                self.fail(name, "required")
            return default
        if isinstance(value, kind):
            return value
        if isinstance(value, str):
            key = value.strip().lower().replace(" ", "_").replace("-", "_")
            for member in kind:
                if member.value == key:
                    return member
        allowed = ", ".join(m.value for m in kind)
        self.fail(name, f"{str(value)[:40]!r} is not one of: {allowed}")
        return default

    def boolean(self, name: str, *, default: bool | None) -> bool | None:
        value = self._get(name)
        if value is None:
            return default
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.lower() in {"true", "yes", "1", "false", "no", "0"}:
            return value.lower() in {"true", "yes", "1"}
        if isinstance(value, int) and value in (0, 1):
            return bool(value)
        self.fail(name, "must be yes or no")
        return default

    def month(self, name: str) -> str:
        try:
            return parse_month(self.raw.get(name))
        except ValidationError as exc:
            self.problems.extend(exc.problems)
            return ""

    def record_id(self) -> int | None:
        value = self.raw.get("id")
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            self.fail("id", "must be a positive whole number")
            return None
        return value

    def finish(self) -> None:
        if self.problems:
            raise ValidationError(self.problems)


def parse_month(value: Any) -> str:
    """Normalise 'YYYY-MM' (or a date) to 'YYYY-MM'."""
    if isinstance(value, dt.date):
        value = f"{value.year:04d}-{value.month:02d}"  # then checked like text: no year before 1990
    text = str(value).strip() if value is not None else ""
    match = MONTH_RE.match(text)
    if not match or not 1 <= int(match.group(2)) <= 12 or int(match.group(1)) < EARLIEST_DATE.year:
        raise ValidationError([f"month: {text[:40] or 'empty'} is not a month (use YYYY-MM)"])
    # \d also matches other scripts' digits; goals are matched by this text, so spell it one way.
    return f"{int(match.group(1)):04d}-{int(match.group(2)):02d}"
