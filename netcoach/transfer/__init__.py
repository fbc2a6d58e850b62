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

from netcoach.models import (
    LIST_MAX_ITEMS,
    SCHEMA_VERSION,
    TABLE_PARSERS,
    Conversation,
    Person,
    Role,
    ValidationError,
    conversation_date_problems,
    from_record,
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
def _too_large(size: int, purpose: str) -> ValidationError:
    mb = 1024 * 1024
    return ValidationError(
        [f"file: {size / mb:.1f} MB is larger than the {MAX_IMPORT_BYTES // mb} MB limit for {purpose}"]
    )


def _text(payload: bytes | str, purpose: str = "an import") -> str:
    """The file as text, refused by name when it is too large or not UTF-8."""
    if isinstance(payload, bytes):
        if len(payload) > MAX_IMPORT_BYTES:
            raise _too_large(len(payload), purpose)
        try:
            return payload.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError(["file: not UTF-8 text"]) from None
    if len(payload) > MAX_IMPORT_BYTES:
        raise _too_large(len(payload.encode("utf-8", "surrogatepass")), purpose)
    return payload.removeprefix("\ufeff")


class _JsonObject(dict):  # type: ignore[type-arg]
    """A JSON object that remembers every key it saw more than once, with both values."""

    duplicates: list[tuple[str, Any, Any]]


def _object_keeping_duplicates(pairs: list[tuple[str, Any]]) -> _JsonObject:
    found = _JsonObject()
    found.duplicates = []
    for key, value in pairs:
        if key in found:
            found.duplicates.append((key, found[key], value))
        found[key] = value
    return found


def _duplicates(value: Any) -> list[tuple[str, Any, Any]]:
    return getattr(value, "duplicates", [])


def _describe(name: str, record: Any, people: Mapping[str, Any]) -> str:
    """A record as the person would recognise it: a name, a date, a month."""
    if not isinstance(record, Mapping):
        return "an unreadable record"
    if name == "people":
        return str(record.get("name", "a person"))[:60]
    if name == "conversations":
        ids = record.get("person_ids") if isinstance(record.get("person_ids"), list) else []
        names = [str(people[str(i)].get("name", "")) for i in ids if isinstance(people.get(str(i)), Mapping)]
        who = f" with {', '.join(names)}" if names else ""
        return f"the conversation{who} on {record.get('date', '?')}"[:120]
    if name == "events":
        return f"{record.get('name', 'an event')} on {record.get('date', '?')}"[:120]
    if name == "goals":
        return f"the {record.get('metric', '?')} goal for {record.get('month', '?')}"
    if name == "tips":
        return f"progress on tip {record.get('tip_id', '?')}"
    if name == "reflections":
        return f"the reflection for {record.get('month', '?')}"
    return name


def _duplicate_problems(document: Mapping[str, Any]) -> list[str]:
    """Keys given twice anywhere in an export: the JSON reader would silently keep only the last."""
    problems = [f"file: {key!r} appears twice" for key, _, _ in _duplicates(document)]
    tables = document.get("tables")
    if not isinstance(tables, Mapping):
        return problems
    problems.extend(f"tables: {key!r} appears twice" for key, _, _ in _duplicates(tables))
    people = tables.get("people") if isinstance(tables.get("people"), Mapping) else {}
    for name, docs in tables.items():
        if not isinstance(docs, Mapping):
            continue
        for key, first, second in _duplicates(docs):
            problems.append(
                f"{name} {key}: two records have this id ({_describe(name, first, people)} and "
                f"{_describe(name, second, people)}); a restore would lose one, so give one of them a free id"
            )
        for key, record in docs.items():
            problems.extend(f"{name} {key}: field {field!r} appears twice" for field, _, _ in _duplicates(record))
    return problems


def plan_json(payload: bytes | str, *, member_is_empty: bool, today: dt.date | None = None) -> ImportPlan:
    """A full restore from a netcoach JSON export; every record is checked first.

    With `today`, conversations also follow the log form's date rules, as every import does;
    without it the file is only checked to be readable (as `netcoach check` does).
    """
    plan = ImportPlan(kind="json")
    try:
        document = json.loads(_text(payload, "a restore"), object_pairs_hook=_object_keeping_duplicates)
    except ValidationError as exc:
        plan.errors.extend(exc.problems)
        return plan
    except RecursionError:  # deep nesting exhausts the stack; no export nests more than a few levels
        plan.errors.append("file: nested too deeply to be a netcoach export")
        return plan
    except ValueError as exc:
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
    duplicated = _duplicate_problems(document)
    if duplicated:
        plan.errors.extend(duplicated)
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
                plan.skip(f"{name} {key!r}", ["id must be a positive whole number"])
                continue
            try:
                out[str(key)] = to_record(parse({**record, "id": None} if isinstance(record, dict) else record))
            except ValidationError as exc:
                plan.skip(f"{name} {key}", exc.problems)
        tables[name] = out
    people_ids = {int(k) for k in tables.get("people", {})}
    event_ids = {int(k) for k in tables.get("events", {})}
    for key, record in tables.get("conversations", {}).items():
        missing = [i for i in record["person_ids"] if i not in people_ids]
        if missing:
            plan.skip(f"conversations {key}", [f"person_ids: no person with id {missing[0]}"])
        if record.get("event_id") is not None and record["event_id"] not in event_ids:
            plan.skip(f"conversations {key}", [f"event_id: no event with id {record['event_id']}"])
        dates = conversation_date_problems(from_record(Conversation, record), today) if today else []
        if dates:
            plan.skip(f"conversations {key}", dates)
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
                plan.skip(f"row {line}", [f"Connected On: {connected[:40]!r} is not a date like 12 Mar 2024"])
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
        plan.skip(f"row {line}", exc.problems)
        return
    found = index.find(person.name, person.email, person.links)
    if found is not None and found < 0:
        plan.skip(f"row {line}", [f"{person.name} appears twice in the file (first on row {-found})"])
    elif found is not None:
        plan.matched.append((line, found, person.name))
        plan.based_on[found] = index.people[found]
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


def plan_conversations_csv(payload: bytes | str, known: Iterable[Person], today: dt.date | None = None) -> ImportPlan:
    """Conversations from a CSV with netcoach's columns; unknown names become new people.

    Dates follow the log form's rules for `today`, so nothing imported is a record the
    form could not have saved.
    """
    today = today or dt.date.today()
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
            plan.skip(f"row {line}", ["people: required"])
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
                    plan.skip(f"row {line}", (f"people: {p}" for p in exc.problems))
                    bad_name = True
        if bad_name:
            continue
        try:
            # One distinct stand-in per new person, so they count toward the limit on people.
            stand_ins = [10**9 + i for i in range(len(set(refs)) + len(pending))]
            conversation = parse_conversation({**raw, "person_ids": [*known_ids, *stand_ins]})
        except ValidationError as exc:
            plan.skip(f"row {line}", exc.problems)
            continue
        date_problems = conversation_date_problems(conversation, today)
        if date_problems:
            plan.skip(f"row {line}", date_problems)
            continue
        plan.based_on.update((i, index.people[i]) for i in known_ids)
        for person in pending:
            new_by_name[_name_key(person.name)] = len(plan.new_people)
            refs.append(len(plan.new_people))
            plan.new_people.append(person)
        plan.new_conversations.append((dataclasses.replace(conversation, person_ids=tuple(known_ids)), refs))
    return plan
