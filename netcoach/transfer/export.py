"""The member's data out of netcoach: a lossless JSON document, and CSV files for a spreadsheet."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from netcoach.models import INSTANCE_TABLES, SCHEMA_VERSION, TABLE_PARSERS, Conversation, Person
from netcoach.transfer.csv_format import (
    CONVERSATION_CSV_COLUMNS,
    LIST_SEPARATOR,
    NAMES_SEPARATOR,
    PEOPLE_CSV_COLUMNS,
    safe_cell,
)

FORMAT = "netcoach"
# The tables an export holds and a restore reads, each with the parser that admits its records.
# Not the private links' secrets or the log of digests sent: those belong to this instance, and an
# export handed to someone must not open the member's calendar feed.
PARSERS: dict[str, Callable[[Mapping[str, Any]], Any]] = {
    name: parse for name, parse in TABLE_PARSERS.items() if name not in INSTANCE_TABLES
}


def export_document(tables: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "schema": SCHEMA_VERSION,
        "exported_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "tables": {name: {k: dict(v) for k, v in tables.get(name, {}).items()} for name in PARSERS},
    }


def _csv(rows: Iterable[Sequence[Any]], header: Sequence[str]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])
    return out.getvalue()


def people_csv(people: Iterable[Person]) -> str:
    return _csv(
        (
            [
                p.name,
                p.role.value,
                p.organization,
                p.title,
                p.how_met,
                p.email,
                LIST_SEPARATOR.join(p.other_emails),
                LIST_SEPARATOR.join(p.phones),
                LIST_SEPARATOR.join(p.links),
                LIST_SEPARATOR.join(p.tags),
                p.birthday,
                p.mentor_stage.value,
                p.notes,
            ]
            for p in people
        ),
        PEOPLE_CSV_COLUMNS,
    )


def conversations_csv(conversations: Iterable[Conversation], people: Mapping[int, Person]) -> str:
    def names(c: Conversation) -> str:
        return NAMES_SEPARATOR.join(people[i].name for i in c.person_ids if i in people)

    def iso(d: dt.date | None) -> str:
        return d.isoformat() if d else ""

    return _csv(
        (
            [
                iso(c.date),
                names(c),
                c.setting.value,
                c.event,
                LIST_SEPARATOR.join(c.topics),
                c.learned,
                c.help_offered,
                c.quality,
                iso(c.followup_due),
                iso(c.followup_done),
                c.followup_note,
                c.notes,
            ]
            for c in sorted(conversations, key=lambda c: (c.date, c.id or 0))
        ),
        CONVERSATION_CSV_COLUMNS,
    )
