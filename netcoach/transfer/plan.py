"""What an import would do, said before anything is written.

Imports are two steps: a `plan_*` function reads the file into an ImportPlan
without touching the member's data, and the service writes a plan only when
the person confirms it. Rows with problems are listed by their line in the
file and skipped.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from typing import Any

from netcoach.models import Conversation, Person, Role


@dataclasses.dataclass(frozen=True)
class DoubtfulMatch:
    """A row whose person has the name of someone known, without a link or email to prove it either way."""

    line: int
    person: Person  # as the file gives them
    known_id: int
    why: str


def _stored(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


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
    # Contact files: the layout recognised and how this file differs from it, what was read with a
    # caveat ("row 9: ..."), the columns nothing in netcoach holds, and the namesakes to ask about.
    layout: str = ""
    layout_notes: list[str] = dataclasses.field(default_factory=list)
    warnings: list[str] = dataclasses.field(default_factory=list)
    dropped: list[str] = dataclasses.field(default_factory=list)
    questions: list[DoubtfulMatch] = dataclasses.field(default_factory=list)

    @property
    def nothing_to_do(self) -> bool:
        return not (self.new_people or self.person_updates or self.new_conversations or self.replace_tables)

    @property
    def recognised(self) -> str:
        """The layout the file was read as, in a sentence; '' for netcoach's own files."""
        if not self.layout:
            return ""
        notes = f", {'; '.join(self.layout_notes)}" if self.layout_notes else ""
        return f"{self.layout}{notes}"

    def role_rows(self) -> list[Person]:
        """Everyone this import may add, in the order the preview lists them: the new, then the doubtful."""
        return [*self.new_people, *(q.person for q in self.questions)]

    def decided(self, same_person: Mapping[int, bool], roles: Mapping[int, Role]) -> ImportPlan:
        """The plan as the person settled it: answers by question line, roles by `role_rows` position.

        A question answered "same person" fills in what the known person lacks; "new person" adds
        them; an unanswered one is left out of this import.
        """
        from netcoach.transfer.matching import filled_in  # matching builds plans: import here, not above

        def with_role(position: int, person: Person) -> Person:
            role = roles.get(position)
            return dataclasses.replace(person, role=role) if role is not None else person

        settled = dataclasses.replace(
            self,
            new_people=[with_role(i, p) for i, p in enumerate(self.new_people)],
            person_updates=list(self.person_updates),
            matched=list(self.matched),
            based_on=dict(self.based_on),
            questions=[],
        )
        for offset, question in enumerate(self.questions):
            answer = same_person.get(question.line)
            if answer is None:
                settled.questions.append(question)
            elif answer:
                settled.matched.append((question.line, question.known_id, question.person.name))
                known = self.based_on[question.known_id]
                for person_id, earlier in settled.person_updates:
                    if person_id == question.known_id:
                        known = dataclasses.replace(known, **{k: _stored(v) for k, v in earlier.items()})
                changes = filled_in(known, question.person)
                if changes:
                    settled.person_updates.append((question.known_id, changes))
            else:
                settled.new_people.append(with_role(len(self.new_people) + offset, question.person))
        return settled

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
        if self.questions:
            asked = len(self.questions)
            parts.append(f"{asked} question{'s' * (asked != 1)} for you")
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
