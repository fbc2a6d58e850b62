"""What an import would do, said before anything is written.

Imports are two steps: a `plan_*` function reads the file into an ImportPlan
without touching the member's data, and the service writes a plan only when
the person confirms it. Rows with problems are listed by their line in the
file and skipped.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any

from netcoach.models import Conversation, Person


@dataclasses.dataclass
class ImportPlan:
    """What an import would write. Nothing here has touched the member's data."""

    kind: str
    rows_read: int = 0
    new_people: list[Person] = dataclasses.field(default_factory=list)
    # (person id, fields to fill in) for people the file matched to someone known.
    person_updates: list[tuple[int, dict[str, Any]]] = dataclasses.field(default_factory=list)
    matched: list[tuple[int, int, str]] = dataclasses.field(default_factory=list)
    # (conversation with known people's ids, indexes into new_people it also names)
    new_conversations: list[tuple[Conversation, list[int]]] = dataclasses.field(default_factory=list)
    errors: list[str] = dataclasses.field(default_factory=list)
    replace_tables: dict[str, dict[str, dict[str, Any]]] | None = None
    # Every known person the plan matched, updates or names, as it read them: writing the plan
    # is refused if any of them changed or went away since, so it never lands on someone else.
    based_on: dict[int, Person] = dataclasses.field(default_factory=dict)
    # Where each left-out row or record is ("row 7", "people 3"): one row may have several problems.
    skipped: set[str] = dataclasses.field(default_factory=set)

    @property
    def nothing_to_do(self) -> bool:
        return not (self.new_people or self.person_updates or self.new_conversations or self.replace_tables)

    def skip(self, where: str, problems: Iterable[str]) -> None:
        """Leave a row (or record) out, keeping each reason as 'where: problem'."""
        self.skipped.add(where)
        self.errors.extend(f"{where}: {p}" for p in problems)

    def problems_heading(self) -> str:
        """How many rows are left out, and how many problems they hold when that differs."""
        rows, problems = len(self.skipped), len(self.errors)
        if self.kind == "json":
            where = f" in {rows} record(s)" if rows else ""
            return f"{problems} problem(s){where}; nothing is restored until they are fixed"
        if not rows:
            return f"{problems} problem(s)"
        if problems == rows:
            return f"{rows} row(s) will be skipped"
        return f"{problems} problems in {rows} row(s); those row(s) will be skipped"

    def summary(self) -> str:
        if self.replace_tables is not None:
            counts = ", ".join(f"{len(v)} {k}" for k, v in self.replace_tables.items() if v and k != "profile")
            return f"Restore {counts or 'an empty file'}."
        if self.kind == "json":
            return f"{self.rows_read} records read; nothing can be restored until the problems below are fixed."
        parts = [f"{len(self.new_people)} new people"]
        if self.matched:
            parts.append(f"{len(self.matched)} already known")
        if self.new_conversations:
            parts.append(f"{len(self.new_conversations)} conversations")
        if self.errors:
            parts.append(self._skipped_phrase())
        return f"{self.rows_read} rows read: " + ", ".join(parts) + "."

    def _skipped_phrase(self) -> str:
        rows, problems = len(self.skipped), len(self.errors)
        if not rows:
            return f"{problems} problem{'s' * (problems != 1)}"
        skipped = f"{rows} row{'s' * (rows != 1)} skipped"
        return skipped if problems == rows else f"{skipped} ({problems} problems)"
