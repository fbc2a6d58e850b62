"""Export and import: JSON (lossless), CSV, and LinkedIn's Connections.csv.

Imports are two steps. `plan_*` reads the file and says what would happen, row
by row, without touching the member's data; the service writes a plan only
when the person confirms it. Rows with problems are listed by their line in
the file and skipped.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from .models import (
    LIST_MAX_ITEMS,
    SCHEMA_VERSION,
    TABLE_PARSERS,
    Conversation,
    Person,
    Role,
    ValidationError,
    parse_conversation,
    parse_person,
    to_record,
)

FORMAT = "netcoach"
MAX_IMPORT_BYTES = 20 * 1024 * 1024
LIST_SEPARATOR = " | "
NAMES_SEPARATOR = "; "
# A spreadsheet treats a cell starting with these as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
LINKEDIN_HEADER = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]

PARSERS: dict[str, Callable[[Mapping[str, Any]], Any]] = TABLE_PARSERS

PEOPLE_CSV_COLUMNS = ["name", "role", "organization", "how_met", "email", "links", "tags", "mentor_stage", "notes"]
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
    "notes",
]


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

    @property
    def nothing_to_do(self) -> bool:
        return not (self.new_people or self.person_updates or self.new_conversations or self.replace_tables)

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
            parts.append(f"{len(self.errors)} rows skipped")
        return f"{self.rows_read} rows read: " + ", ".join(parts) + "."


# ----------------------------------------------------------------- export
def export_document(tables: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "schema": SCHEMA_VERSION,
        "exported_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "tables": {name: {k: dict(v) for k, v in tables.get(name, {}).items()} for name in PARSERS},
    }


def safe_cell(value: Any) -> str:
    """Text a spreadsheet will show, never run."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def _unsafe_cell(text: str) -> str:
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_START) else text


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
                p.how_met,
                p.email,
                LIST_SEPARATOR.join(p.links),
                LIST_SEPARATOR.join(p.tags),
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
                c.notes,
            ]
            for c in sorted(conversations, key=lambda c: (c.date, c.id or 0))
        ),
        CONVERSATION_CSV_COLUMNS,
    )


# ----------------------------------------------------------------- import
def _text(payload: bytes | str) -> str:
    if isinstance(payload, bytes):
        if len(payload) > MAX_IMPORT_BYTES:
            raise ValidationError([f"file: larger than {MAX_IMPORT_BYTES // (1024 * 1024)} MB"])
        try:
            return payload.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError(["file: not UTF-8 text"]) from None
    if len(payload) > MAX_IMPORT_BYTES:
        raise ValidationError([f"file: larger than {MAX_IMPORT_BYTES // (1024 * 1024)} MB"])
    return payload.removeprefix("\ufeff")


def plan_json(payload: bytes | str, *, member_is_empty: bool) -> ImportPlan:
    """A full restore from a netcoach JSON export; every record is checked first."""
    plan = ImportPlan(kind="json")
    try:
        document = json.loads(_text(payload))
    except (ValueError, RecursionError) as exc:  # deep nesting exhausts the stack
        plan.errors.append(f"file: not valid JSON ({exc})")
        return plan
    if (
        not isinstance(document, dict)
        or document.get("format") != FORMAT
        or not isinstance(document.get("tables"), dict)
    ):
        plan.errors.append("file: not a netcoach export (no 'format': 'netcoach' with 'tables')")
        return plan
    schema = document.get("schema")
    if not isinstance(schema, int) or schema > SCHEMA_VERSION:
        plan.errors.append(f"schema: {schema!r} is not one this version of netcoach reads")
        return plan
    tables: dict[str, dict[str, dict[str, Any]]] = {}
    for name, parse in PARSERS.items():
        docs = document["tables"].get(name, {})
        if not isinstance(docs, dict):
            plan.errors.append(f"{name}: expected records keyed by id")
            continue
        out: dict[str, dict[str, Any]] = {}
        for key, record in docs.items():
            plan.rows_read += 1
            if not re.fullmatch(r"[1-9]\d{0,8}", str(key)):
                plan.errors.append(f"{name} {key!r}: id must be a positive whole number")
                continue
            try:
                out[str(key)] = to_record(parse({**record, "id": None} if isinstance(record, dict) else record))
            except ValidationError as exc:
                plan.errors.extend(f"{name} {key}: {p}" for p in exc.problems)
        tables[name] = out
    people_ids = {int(k) for k in tables.get("people", {})}
    event_ids = {int(k) for k in tables.get("events", {})}
    for key, record in tables.get("conversations", {}).items():
        missing = [i for i in record["person_ids"] if i not in people_ids]
        if missing:
            plan.errors.append(f"conversations {key}: person_ids: no person with id {missing[0]}")
        if record.get("event_id") is not None and record["event_id"] not in event_ids:
            plan.errors.append(f"conversations {key}: event_id: no event with id {record['event_id']}")
    if not member_is_empty:
        plan.errors.append("member: already holds data; a JSON import restores into an empty member only")
    if not plan.errors:
        plan.replace_tables = tables
    return plan


def _name_key(name: str) -> str:
    return " ".join(name.casefold().split())


class _PeopleIndex:
    """Finds a known person by profile link, email or name, so imports match, not duplicate."""

    def __init__(self, people: Iterable[Person]):
        self.by_key: dict[str, int] = {}
        self.people: dict[int, Person] = {}
        for p in people:
            if p.id is None:
                continue
            self.people[p.id] = p
            for key in self._keys(p.name, p.email, p.links):
                self.by_key.setdefault(key, p.id)

    @staticmethod
    def _keys(name: str, email: str, links: Iterable[str]) -> list[str]:
        keys = [f"link:{link.rstrip('/').lower()}" for link in links]
        if email:
            keys.append(f"email:{email.lower()}")
        if name:
            keys.append(f"name:{_name_key(name)}")
        return keys

    def find(self, name: str, email: str = "", links: Iterable[str] = ()) -> int | None:
        for key in self._keys(name, email, links):
            if key in self.by_key:
                return self.by_key[key]
        return None

    def add(self, ref: int, name: str, email: str = "", links: Iterable[str] = ()) -> None:
        for key in self._keys(name, email, links):
            self.by_key.setdefault(key, ref)


def _rows_after_header(
    text: str, header_test: Callable[[list[str]], bool]
) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and the data rows, each with its line number in the file."""
    reader = csv.reader(io.StringIO(text))
    header: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    try:
        for cells in reader:
            line = reader.line_num
            if header is None:
                if header_test([c.strip() for c in cells]):
                    header = [c.strip() for c in cells]
                continue
            if any(c.strip() for c in cells):
                rows.append((line, cells))
    except csv.Error as exc:
        raise ValidationError([f"row {reader.line_num}: cannot be read as CSV ({exc})"]) from None
    if header is None:
        raise ValidationError(["file: no header row found"])
    return header, rows


def _parse_linkedin_date(text: str) -> dt.date:
    return dt.datetime.strptime(text.strip(), "%d %b %Y").date()


def _guess_role(position: str) -> Role:
    lowered = position.lower()
    if any(word in lowered for word in ("recruit", "talent", "hiring")):
        return Role.RECRUITER
    if "intern" in lowered:
        return Role.FELLOW_INTERN
    return Role.INDUSTRY_PROFESSIONAL


def plan_linkedin(payload: bytes | str, known: Iterable[Person]) -> ImportPlan:
    """Read LinkedIn's Connections.csv (notes first, then the header) into a plan."""
    plan = ImportPlan(kind="linkedin")
    try:
        header, rows = _rows_after_header(_text(payload), lambda cells: cells[:2] == LINKEDIN_HEADER[:2])
    except ValidationError as exc:
        plan.errors.extend(exc.problems)
        return plan
    missing = [c for c in LINKEDIN_HEADER if c not in header]
    if missing:
        plan.errors.append(f"header: missing column(s) {', '.join(missing)}")
        return plan
    col = {name: header.index(name) for name in LINKEDIN_HEADER}
    index = _PeopleIndex(known)
    for line, cells in rows:
        plan.rows_read += 1
        cells = cells + [""] * (len(header) - len(cells))
        get = {name: cells[i].strip() for name, i in col.items()}
        name = " ".join(filter(None, [get["First Name"], get["Last Name"]]))
        connected = get["Connected On"]
        how_met = "LinkedIn connection"
        if connected:
            try:
                how_met += f" since {_parse_linkedin_date(connected).isoformat()}"
            except ValueError:
                plan.errors.append(f"row {line}: Connected On: {connected[:40]!r} is not a date like 12 Mar 2024")
                continue
        raw = {
            "name": name,
            "organization": get["Company"],
            "email": get["Email Address"],
            "links": [get["URL"]] if get["URL"] else [],
            "how_met": how_met,
            "role": _guess_role(get["Position"]).value,
            "notes": f"Position: {get['Position']}" if get["Position"] else "",
        }
        _plan_person_row(plan, index, line, raw)
    return plan


def _plan_person_row(plan: ImportPlan, index: _PeopleIndex, line: int, raw: dict[str, Any]) -> None:
    """One file row about a person: refused with its reasons, matched to someone known, or new."""
    try:
        person = parse_person(raw)
    except ValidationError as exc:
        plan.errors.extend(f"row {line}: {p}" for p in exc.problems)
        return
    found = index.find(person.name, person.email, person.links)
    if found is not None and found < 0:
        plan.errors.append(f"row {line}: {person.name} appears twice in the file (first on row {-found})")
    elif found is not None:
        plan.matched.append((line, found, person.name))
        changes = _fill_in(index.people[found], person)
        if changes:
            plan.person_updates.append((found, changes))
    else:
        index.add(-line, person.name, person.email, person.links)
        plan.new_people.append(person)


def _fill_in(current: Person, found: Person) -> dict[str, Any]:
    """What an import adds to a known person: empty fields filled, links joined, nothing overwritten."""
    changes: dict[str, Any] = {}
    if found.organization and not current.organization:
        changes["organization"] = found.organization
    if found.email and not current.email:
        changes["email"] = found.email
    # Compared as the matching compares them, so ".../in/dana/" does not join ".../in/dana".
    have = {link.rstrip("/").lower() for link in current.links}
    extra = [link for link in found.links if link.rstrip("/").lower() not in have]
    if extra and len(current.links) < LIST_MAX_ITEMS:
        changes["links"] = [*current.links, *extra][:LIST_MAX_ITEMS]
    return changes


def plan_people_csv(payload: bytes | str, known: Iterable[Person]) -> ImportPlan:
    """People from a CSV with netcoach's people columns (at least 'name')."""
    plan = ImportPlan(kind="people_csv")
    try:
        header, rows = _rows_after_header(_text(payload), lambda cells: "name" in [c.lower() for c in cells])
    except ValidationError as exc:
        plan.errors.extend(exc.problems)
        return plan
    header = [h.lower() for h in header]
    index = _PeopleIndex(known)
    for line, cells in rows:
        plan.rows_read += 1
        raw = {
            h: _unsafe_cell(cells[i]) if i < len(cells) else "" for i, h in enumerate(header) if h in PEOPLE_CSV_COLUMNS
        }
        for key in ("links", "tags"):
            raw[key] = [x for x in raw.get(key, "").split(LIST_SEPARATOR.strip()) if x.strip()]
        _plan_person_row(plan, index, line, raw)
    return plan


def plan_conversations_csv(payload: bytes | str, known: Iterable[Person]) -> ImportPlan:
    """Conversations from a CSV with netcoach's columns; unknown names become new people."""
    plan = ImportPlan(kind="conversations_csv")
    try:
        header, rows = _rows_after_header(
            _text(payload), lambda cells: {"date", "people"} <= {c.lower() for c in cells}
        )
    except ValidationError as exc:
        plan.errors.extend(exc.problems)
        return plan
    header = [h.lower() for h in header]
    index = _PeopleIndex(known)
    new_by_name: dict[str, int] = {}
    for line, cells in rows:
        plan.rows_read += 1
        raw: dict[str, Any] = {
            h: _unsafe_cell(cells[i]) if i < len(cells) else ""
            for i, h in enumerate(header)
            if h in CONVERSATION_CSV_COLUMNS
        }
        names = [n.strip() for n in raw.pop("people", "").split(NAMES_SEPARATOR.strip()) if n.strip()]
        raw["topics"] = [t for t in raw.get("topics", "").split(LIST_SEPARATOR.strip()) if t.strip()]
        if not names:
            plan.errors.append(f"row {line}: people: required")
            continue
        known_ids: list[int] = []
        refs: list[int] = []
        pending: list[Person] = []
        bad_name = False
        for name in names:
            found = index.find(name)
            if found is not None:
                known_ids.append(found)
            elif _name_key(name) in new_by_name:
                refs.append(new_by_name[_name_key(name)])
            elif any(_name_key(p.name) == _name_key(name) for p in pending):
                continue  # "Cleo; cleo" in one row is one new person, not two
            else:
                try:
                    pending.append(parse_person({"name": name}))
                except ValidationError as exc:
                    plan.errors.extend(f"row {line}: people: {p}" for p in exc.problems)
                    bad_name = True
        if bad_name:
            continue
        try:
            # One distinct stand-in per new person, so they count toward the limit on people.
            stand_ins = [10**9 + i for i in range(len(set(refs)) + len(pending))]
            conversation = parse_conversation({**raw, "person_ids": [*known_ids, *stand_ins]})
        except ValidationError as exc:
            plan.errors.extend(f"row {line}: {p}" for p in exc.problems)
            continue
        for person in pending:
            new_by_name[_name_key(person.name)] = len(plan.new_people)
            refs.append(len(plan.new_people))
            plan.new_people.append(person)
        plan.new_conversations.append((dataclasses.replace(conversation, person_ids=tuple(known_ids)), refs))
    return plan
