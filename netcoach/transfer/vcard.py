"""Contact cards from a .vcf file (vCard 2.1, 3.0 and 4.0), read with the `vobject` library.

The file is cut into cards at their BEGIN/END lines first, so one broken
card is named by its line and skipped instead of stopping the rest.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

import vobject

from netcoach.transfer.contact_rows import ContactRow, as_link, unique, useful_tags

# Properties every card carries that hold nothing about the person.
_FRAME = frozenset({"VERSION", "PRODID", "REV", "UID", "KIND", "X-ABUID", "SOURCE", "CLIENTPIDMAP"})
_KEPT = frozenset({"FN", "N", "EMAIL", "TEL", "ORG", "TITLE", "URL", "NOTE", "BDAY", "CATEGORIES", "X-SOCIALPROFILE"})


@dataclasses.dataclass
class VcardContacts:
    rows: list[ContactRow]
    versions: list[str]
    dropped: list[str]
    problems: list[str]

    @property
    def label(self) -> str:
        versions = sorted(set(self.versions))
        return f"vCard {', '.join(versions)} (.vcf)" if versions else "vCard (.vcf)"


def looks_like_vcard(text: str) -> bool:
    return text.lstrip().upper().startswith("BEGIN:VCARD")


def _cards(text: str) -> list[tuple[int, str]]:
    """Each card's text with the line it starts on."""
    cards: list[tuple[int, str]] = []
    start: int | None = None
    lines: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        word = line.strip().upper()
        if word == "BEGIN:VCARD":
            start, lines = number, [line]
        elif start is not None:
            lines.append(line)
            if word == "END:VCARD":
                cards.append((start, "\r\n".join(lines) + "\r\n"))
                start = None
    if start is not None:
        cards.append((start, "\r\n".join(lines) + "\r\n"))  # vobject names what is missing
    return cards


def _text(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v).strip() for v in value if str(v).strip())
    return str(value).strip()


def read_vcards(text: str) -> VcardContacts:
    found = VcardContacts([], [], [], [])
    dropped: dict[str, None] = {}
    for line, card_text in _cards(text):
        try:
            card = vobject.readOne(card_text)
        except Exception as exc:  # vobject raises several kinds of error for a malformed card
            found.problems.append(f"row {line}: this card cannot be read ({str(exc)[:80]})")
            continue
        row = ContactRow(line=line)
        for prop in card.getChildren():
            name = prop.name.upper()
            if name == "VERSION":
                found.versions.append(_text(prop.value))
            if name in _FRAME:
                continue
            if name not in _KEPT:
                if _text(prop.value) and not name.startswith("X-"):
                    dropped.setdefault(name, None)
                continue
            _put(row, name, prop)
        row.emails = unique(row.emails)
        row.phones = unique(row.phones)
        row.links = unique(as_link(link) for link in row.links)
        row.tags = useful_tags(row.tags)
        found.rows.append(row)
    found.dropped = list(dropped)
    return found


def _put(row: ContactRow, name: str, prop: Any) -> None:
    value = prop.value
    if name == "FN":
        row.name = row.name or _text(value)
    elif name == "N":
        row.first = row.first or _text(getattr(value, "given", ""))
        row.middle = row.middle or _text(getattr(value, "additional", ""))
        row.last = row.last or _text(getattr(value, "family", ""))
    elif name == "EMAIL":
        row.emails.append(re.sub(r"^mailto:", "", _text(value), flags=re.IGNORECASE))
    elif name == "TEL":
        row.phones.append(re.sub(r"^tel:", "", _text(value), flags=re.IGNORECASE))
    elif name == "ORG":
        parts = value if isinstance(value, (list, tuple)) else [value]
        row.organization = row.organization or _text(parts[0] if parts else "")
    elif name == "TITLE":
        row.title = row.title or _text(value)
    elif name in ("URL", "X-SOCIALPROFILE"):
        row.links.append(_text(value))
    elif name == "NOTE":
        row.notes = "\n".join(filter(None, [row.notes, _text(value)]))
    elif name == "BDAY":
        row.birthday = row.birthday or _text(value)
    elif name == "CATEGORIES":
        row.tags.extend(v for v in (value if isinstance(value, (list, tuple)) else [value]) if str(v).strip())
