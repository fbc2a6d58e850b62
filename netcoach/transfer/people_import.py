"""People from a CSV with netcoach's people columns, as netcoach exports them (at least 'name')."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from netcoach.models import Person, ValidationError
from netcoach.transfer.csv_format import LIST_COLUMNS, PEOPLE_CSV_COLUMNS, split_list, unquote_cell
from netcoach.transfer.matching import ContactMatcher, PeopleIndex
from netcoach.transfer.plan import ImportPlan
from netcoach.transfer.reading import import_text, rows_after_header


def plan_people_csv(payload: bytes | str, known: Iterable[Person]) -> ImportPlan:
    """People from a CSV with netcoach's people columns (at least 'name')."""
    plan = ImportPlan(kind="people_csv")
    try:
        found, rows = rows_after_header(
            import_text(payload),
            lambda cells: "name" in [c.lower() for c in cells],
            "a row naming the column name, and any of " + ", ".join(PEOPLE_CSV_COLUMNS[1:]),
        )
    except ValidationError as exc:
        plan.errors.extend(exc.problems)
        return plan
    header = [h.lower() for h in found]
    matcher = ContactMatcher(plan, PeopleIndex(known))
    for line, cells in rows:
        plan.rows_read += 1
        raw: dict[str, Any] = {
            h: unquote_cell(cells[i]) if i < len(cells) else "" for i, h in enumerate(header) if h in PEOPLE_CSV_COLUMNS
        }
        for key in LIST_COLUMNS:
            raw[key] = split_list(raw.get(key, ""))
        matcher.place(line, raw)
    return plan
