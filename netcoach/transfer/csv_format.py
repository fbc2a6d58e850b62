"""How netcoach's CSV files look, both ways: columns, list separators, cells a spreadsheet cannot run.

Export and import share these so that a file netcoach wrote always reads
back as it was written.
"""

from __future__ import annotations

from typing import Any

LIST_SEPARATOR = " | "
NAMES_SEPARATOR = "; "
# A spreadsheet treats a cell starting with these as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

PEOPLE_CSV_COLUMNS = [
    "name",
    "role",
    "organization",
    "title",
    "how_met",
    "email",
    "other_emails",
    "phones",
    "links",
    "tags",
    "birthday",
    "mentor_stage",
    "notes",
]
# People columns that hold a list, joined with LIST_SEPARATOR.
LIST_COLUMNS = ("links", "tags", "phones", "other_emails")
CONVERSATION_CSV_COLUMNS = [
    "date",
    "people",
    "setting",
    "event",
    "topics",
    "learned",
    "help_offered",
    "quality",
    "followup_due",
    "followup_done",
    "followup_note",
    "notes",
]


def safe_cell(value: Any) -> str:
    """Text a spreadsheet will show, never run."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def unquote_cell(text: str) -> str:
    """The text `safe_cell` was given, for a cell it quoted."""
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_START) else text


def split_list(text: str, separator: str = LIST_SEPARATOR) -> list[str]:
    """A list cell's items, blanks dropped."""
    return [item for item in text.split(separator.strip()) if item.strip()]
