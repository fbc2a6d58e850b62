"""One contact as a file gives it, before it becomes a Person: the same shape for every layout."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable

# Google joins several values in one cell with " ::: "; LinkedIn's lists use commas or semicolons.
MULTI_SEPARATOR = re.compile(r"\s+:::\s+|\s*[;,]\s*(?=\S+@)|\s*;\s*")
# Labels every Google contact carries; they say nothing about the person.
SYSTEM_LABELS = frozenset({"* mycontacts", "* my contacts", "* starred", "* other contacts"})


@dataclasses.dataclass
class ContactRow:
    """What one row or card says about a person; `line` is where it starts in the file."""

    line: int
    name: str = ""
    first: str = ""
    middle: str = ""
    last: str = ""
    emails: list[str] = dataclasses.field(default_factory=list)
    phones: list[str] = dataclasses.field(default_factory=list)
    organization: str = ""
    title: str = ""
    links: list[str] = dataclasses.field(default_factory=list)
    notes: str = ""
    birthday: str = ""
    connected: str = ""  # the text of a "Connected On" cell, read as a date later
    tags: list[str] = dataclasses.field(default_factory=list)

    @property
    def full_name(self) -> str:
        return self.name or " ".join(part for part in (self.first, self.middle, self.last) if part)


def split_values(cell: str, *, multi: bool) -> list[str]:
    """A cell's values: one, or several where the layout joins them in one cell."""
    parts = MULTI_SEPARATOR.split(cell) if multi else [cell]
    return [p.strip() for p in parts if p.strip()]


def unique(values: Iterable[str]) -> list[str]:
    """Values in order, each once (compared without case)."""
    seen: set[str] = set()
    kept: list[str] = []
    for value in values:
        key = value.casefold()
        if key not in seen:
            seen.add(key)
            kept.append(value)
    return kept


def as_link(text: str) -> str:
    """A web address as netcoach stores links: with its scheme."""
    text = text.strip()
    if not text or re.match(r"^(https?://|mailto:)", text, re.IGNORECASE):
        return text
    if re.match(r"^(www\.|[\w-]+\.[\w.-]+/)", text, re.IGNORECASE):
        return "https://" + text
    return text


def useful_tags(tags: Iterable[str]) -> list[str]:
    return unique(t for t in tags if t.casefold() not in SYSTEM_LABELS)
