"""Conversations from a CSV with netcoach's columns; names nobody knows yet become new people.

Dates follow the log form's rules, so nothing imported is a record the form
could not have saved.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from typing import Any

from netcoach.models import Person, ValidationError, conversation_date_problems, parse_conversation, parse_person
from netcoach.transfer.csv_format import CONVERSATION_CSV_COLUMNS, NAMES_SEPARATOR, split_list, unquote_cell
from netcoach.transfer.matching import PeopleIndex, name_key
from netcoach.transfer.plan import ImportPlan
from netcoach.transfer.reading import import_text, rows_after_header


@dataclasses.dataclass
class RowPeople:
    """Whom one row names: known ids, people new in earlier rows, and people new in this one."""

    known_ids: list[int] = dataclasses.field(default_factory=list)
    refs: list[int] = dataclasses.field(default_factory=list)
    pending: list[Person] = dataclasses.field(default_factory=list)


def _row_people(
    plan: ImportPlan, index: PeopleIndex, new_by_name: dict[str, int], line: int, names: list[str]
) -> RowPeople | None:
    """The people a row names, or None when a new name cannot be a person (the row is skipped)."""
    found_people = RowPeople()
    bad_name = False
    for name in names:
        found = index.find(name)
        if found is not None:
            found_people.known_ids.append(found)
        elif name_key(name) in new_by_name:
            found_people.refs.append(new_by_name[name_key(name)])
        elif any(name_key(p.name) == name_key(name) for p in found_people.pending):
            continue  # "Cleo; cleo" in one row is one new person, not two
        else:
            try:
                found_people.pending.append(parse_person({"name": name}))
            except ValidationError as exc:
                plan.skip(f"row {line}", (f"people: {p}" for p in exc.problems))
                bad_name = True
    return None if bad_name else found_people


def plan_conversations_csv(payload: bytes | str, known: Iterable[Person], *, today: dt.date) -> ImportPlan:
    """Conversations from a CSV with netcoach's columns; unknown names become new people.

    Dates follow the log form's rules for `today`, so nothing imported is a record the
    form could not have saved.
    """
    plan = ImportPlan(kind="conversations_csv")
    try:
        found, rows = rows_after_header(
            import_text(payload),
            lambda cells: {"date", "people"} <= {c.lower() for c in cells},
            "a row naming the columns date and people, and any of " + ", ".join(CONVERSATION_CSV_COLUMNS[2:]),
        )
    except ValidationError as exc:
        plan.errors.extend(exc.problems)
        return plan
    header = [h.lower() for h in found]
    index = PeopleIndex(known)
    new_by_name: dict[str, int] = {}
    for line, cells in rows:
        plan.rows_read += 1
        raw: dict[str, Any] = {
            h: unquote_cell(cells[i]) if i < len(cells) else ""
            for i, h in enumerate(header)
            if h in CONVERSATION_CSV_COLUMNS
        }
        names = [n.strip() for n in raw.pop("people", "").split(NAMES_SEPARATOR.strip()) if n.strip()]
        raw["topics"] = split_list(raw.get("topics", ""))
        if not names:
            plan.skip(f"row {line}", ["people: required"])
            continue
        named = _row_people(plan, index, new_by_name, line, names)
        if named is None:
            continue
        try:
            # One distinct stand-in per new person, so they count toward the limit on people.
            stand_ins = [10**9 + i for i in range(len(set(named.refs)) + len(named.pending))]
            conversation = parse_conversation({**raw, "person_ids": [*named.known_ids, *stand_ins]})
        except ValidationError as exc:
            plan.skip(f"row {line}", exc.problems)
            continue
        date_problems = conversation_date_problems(conversation, today)
        if date_problems:
            plan.skip(f"row {line}", date_problems)
            continue
        plan.based_on.update((i, index.people[i]) for i in named.known_ids)
        for person in named.pending:
            new_by_name[name_key(person.name)] = len(plan.new_people)
            named.refs.append(len(plan.new_people))
            plan.new_people.append(person)
        plan.new_conversations.append(
            (dataclasses.replace(conversation, person_ids=tuple(named.known_ids)), named.refs)
        )
    return plan
