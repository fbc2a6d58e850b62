"""Arbitrary input never crashes a parser or importer, and never stores anything invalid.

Hypothesis builds mostly plausible records and files, then spoils a field or
two with odd values (control characters, lone surrogates, formula-looking
cells, huge numbers, wrong types), so both the accepting and the refusing
paths are walked often. The promises checked:

- the only exception that escapes is `ValidationError`, and each of its
  problems names a field;
- whatever is accepted comes back unchanged from storage and re-validates;
- whatever an import plan writes re-validates when read back, and points
  only at people and events that exist.
"""

from __future__ import annotations

import copy
import csv
import dataclasses
import datetime as dt
import io
import itertools
import json
import re
import string
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from support import TODAY

from netcoach import storage, transfer
from netcoach.models import (
    Conversation,
    Event,
    EventKind,
    Goal,
    GoalMetric,
    MentorStage,
    Person,
    Profile,
    Role,
    Setting,
    TipProgress,
    ValidationError,
    conversation_date_problems,
    from_record,
    parse_conversation,
    parse_event,
    parse_goal,
    parse_month,
    parse_person,
    parse_profile,
    parse_tip_progress,
    to_record,
)
from netcoach.service import MemberService, member_service

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
Spec = dict[str, tuple[st.SearchStrategy[Any], st.SearchStrategy[Any]]]

# ------------------------------------------------------------- strategies
# Every code point, lone surrogates and control characters included: text pasted from anywhere.
WILD_TEXT = st.text(st.characters(blacklist_categories=()), max_size=30)
PLAIN_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=30)
TRICKY_OK = st.sampled_from(
    ["", " ", "  Ann  ", "=1+1", "+44 20", "-x", "@here", "'=quoted", "a,b", "a | b", "Ann; Bob", "Zoë Ødegård"]
)
TEXT = st.one_of(PLAIN_TEXT, TRICKY_OK)
NAME = st.one_of(st.sampled_from(["Ann Lee", "ann  lee", "=Bob", "Cleo", "Zoë Ødegård"]), PLAIN_TEXT)
BAD_TEXT = st.one_of(
    WILD_TEXT,
    st.sampled_from(["\x00", "a\udc80b", "\ud800", "\x1b[31m", "tab\there\x07"]),
    st.integers(0, 4100).map(lambda n: "x" * n),
)
ANY_VALUE = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    WILD_TEXT,
    st.dates(),
    st.datetimes(),
    st.lists(st.one_of(st.integers(), WILD_TEXT), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)
JUNK = st.one_of(BAD_TEXT, ANY_VALUE)
GOOD_DATE = st.one_of(
    st.dates(dt.date(2024, 1, 1), dt.date(2026, 12, 31)).map(dt.date.isoformat),
    st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31)),
    st.datetimes(dt.datetime(2024, 1, 1), dt.datetime(2026, 12, 31)),
)
BAD_DATE = st.one_of(st.sampled_from(["2026-02-30", "2026-13-01", "1989-12-31", "12 Mar 2024", "soon"]), JUNK)
WHOLE = st.one_of(st.integers(1, 5), st.integers(1, 5).map(str), st.integers(1, 5).map(float))
BAD_NUMBER = st.one_of(st.integers(), st.sampled_from(["0", "1.5", "9" * 5000, "five", True]), st.floats(), JUNK)
TEXT_LIST = st.one_of(st.lists(TEXT, max_size=5), TEXT)
BAD_LIST = st.one_of(st.lists(BAD_TEXT, min_size=1, max_size=3), st.lists(TEXT, min_size=21, max_size=23), JUNK)
LINKS = st.lists(st.sampled_from(["https://example.com/ann", "http://x.example/", "mailto:a@b.co"]), max_size=3)
BAD_LINKS = st.one_of(st.just(["ftp://x"]), st.just(["www.example.com"]), BAD_LIST)
EMAIL = st.sampled_from(["", "ann@example.com", "a@b.co", "zoë@exämple.org"])
BAD_EMAIL = st.one_of(st.sampled_from(["not an email", "a@b", "@x.y", "a b@c.d"]), JUNK)
MONTH = st.one_of(
    st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31)).map(lambda d: d.strftime("%Y-%m")),
    st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31)),
    st.sampled_from([" 2026-04 ", "\uff12\uff10\uff12\uff16-\uff10\uff13"]),
)
BAD_MONTH = st.one_of(st.sampled_from(["2026-13", "2026-1", "1989-12", "2026-04-01", "April"]), st.dates(), JUNK)
RECORD_ID = st.integers(1, 10**9)
BAD_ID = st.one_of(st.integers(max_value=0), st.sampled_from(["1", True, 1.0]), JUNK)


def choice(kind: type) -> tuple[st.SearchStrategy[Any], st.SearchStrategy[Any]]:
    """An enum's members, values and labels as a form shows them; and junk."""
    members = list(kind)  # type: ignore[call-overload]
    spellings = [m.value for m in members] + [m.label for m in members] + [m.label.upper() for m in members]
    return st.one_of(st.sampled_from(members), st.sampled_from(spellings)), st.one_of(TEXT, JUNK)


def records(spec: Spec, required: tuple[str, ...] = ()) -> st.SearchStrategy[dict[str, Any]]:
    """Plausible records with any optional fields, then up to two fields spoiled and unknown keys added."""
    plausible = st.fixed_dictionaries(
        {k: spec[k][0] for k in required}, optional={k: v[0] for k, v in spec.items() if k not in required}
    )
    spoiled_field = st.sampled_from(sorted(spec)).flatmap(lambda k: spec[k][1].map(lambda v: (k, v)))
    spoilers = st.lists(spoiled_field, max_size=2).map(dict)
    unknown = st.dictionaries(st.sampled_from(["junk", "ID", "", "name "]), ANY_VALUE, max_size=1)
    return st.builds(lambda p, u, s: {**p, **u, **s}, plausible, unknown, spoilers)


PERSON_SPEC: Spec = {
    "name": (NAME, st.one_of(st.just(""), st.just("x" * 121), JUNK)),
    "role": choice(Role),
    "organization": (TEXT, JUNK),
    "how_met": (TEXT, JUNK),
    "links": (LINKS, BAD_LINKS),
    "tags": (TEXT_LIST, BAD_LIST),
    "mentor_stage": choice(MentorStage),
    "cadence_days": (st.one_of(st.integers(1, 365), st.integers(1, 365).map(str), st.none()), BAD_NUMBER),
    "email": (EMAIL, BAD_EMAIL),
    "notes": (st.one_of(TEXT, st.just("line one\n\tline two")), JUNK),
    "id": (RECORD_ID, BAD_ID),
}
CONVERSATION_SPEC: Spec = {
    "date": (GOOD_DATE, BAD_DATE),
    "person_ids": (
        st.lists(st.integers(1, 30), min_size=1, max_size=5),
        st.one_of(st.just([]), st.lists(st.integers(1, 30), min_size=21, max_size=22), st.just([0]), JUNK),
    ),
    "setting": choice(Setting),
    "event_id": (st.one_of(st.none(), st.integers(1, 10)), BAD_NUMBER),
    "event": (TEXT, JUNK),
    "topics": (TEXT_LIST, BAD_LIST),
    "learned": (TEXT, JUNK),
    "help_offered": (TEXT, JUNK),
    "quality": (WHOLE, BAD_NUMBER),
    "followup_due": (st.one_of(st.none(), GOOD_DATE), BAD_DATE),
    "followup_done": (st.one_of(st.none(), GOOD_DATE), BAD_DATE),
    "followup_note": (TEXT, JUNK),
    "notes": (TEXT, JUNK),
    "id": (RECORD_ID, BAD_ID),
}
EVENT_SPEC: Spec = {
    "name": (NAME, st.one_of(st.just(""), JUNK)),
    "date": (GOOD_DATE, BAD_DATE),
    "kind": choice(EventKind),
    "attended": (st.sampled_from([True, False, "yes", "no", "True", "0", 1, 0, None]), st.one_of(TEXT, JUNK)),
    "place": (TEXT, JUNK),
    "description": (TEXT, JUNK),
    "id": (RECORD_ID, BAD_ID),
}
GOAL_SPEC: Spec = {
    "month": (MONTH, BAD_MONTH),
    "metric": choice(GoalMetric),
    "target": (st.one_of(st.integers(1, 999), st.integers(1, 999).map(str)), BAD_NUMBER),
    "id": (RECORD_ID, BAD_ID),
}
TIP_SPEC: Spec = {
    "tip_id": (st.sampled_from(["ask-for-advice", "offer-help", "x"]), st.one_of(st.just(""), JUNK)),
    "read_on": (st.one_of(st.none(), GOOD_DATE), BAD_DATE),
    "tried_on": (st.one_of(st.none(), GOOD_DATE), BAD_DATE),
    "reflection": (TEXT, JUNK),
    "next_review": (st.one_of(st.none(), GOOD_DATE), BAD_DATE),
    "useful": (st.sampled_from([None, True, False, "yes", "no"]), st.one_of(TEXT, JUNK)),
    "id": (RECORD_ID, BAD_ID),
}
PROFILE_SPEC: Spec = {
    "display_name": (TEXT, JUNK),
    "internship_start": (st.one_of(st.none(), GOOD_DATE), BAD_DATE),
    "internship_end": (st.one_of(st.none(), GOOD_DATE), BAD_DATE),
    "default_followup_days": (st.integers(0, 60), BAD_NUMBER),
    "default_setting": choice(Setting),
}
PERSON = records(PERSON_SPEC, required=("name",))
CONVERSATION = records(CONVERSATION_SPEC, required=("date", "person_ids"))
EVENT = records(EVENT_SPEC, required=("name", "date"))
GOAL = records(GOAL_SPEC, required=("month", "metric", "target"))
TIP = records(TIP_SPEC, required=("tip_id",))
PROFILE = records(PROFILE_SPEC)

PARSERS: dict[Callable[[Any], Any], type] = {
    parse_person: Person,
    parse_conversation: Conversation,
    parse_event: Event,
    parse_goal: Goal,
    parse_tip_progress: TipProgress,
    parse_profile: Profile,
}


# --------------------------------------------------------------- validators
def check_parse(parse: Callable[[Any], Any], raw: Any) -> Any:
    """Parse, and if accepted, prove the value survives storage and re-validates."""
    fields = {f.name for f in dataclasses.fields(PARSERS[parse])}
    try:
        value = parse(raw)
    except ValidationError as exc:
        assert exc.problems, "a refusal says why"
        for problem in exc.problems:
            assert problem.split(":", 1)[0] in fields | {"record"}, f"{problem!r} does not name a field"
        event("refused")
        return None
    event("accepted")
    record = to_record(value)
    stored = json.loads(json.dumps(record).encode("ascii"))  # exactly how the store writes and reads it
    without_id = dataclasses.replace(value, id=None) if "id" in fields else value
    assert parse(stored) == without_id, "an accepted value must validate again as itself"
    assert to_record(parse(stored)) == record
    assert from_record(type(value), stored, getattr(value, "id", None)) == value
    return value


@FUZZ
@given(PERSON)
@example({"name": "A", "cadence_days": "9" * 5000})
@example({"name": "\udc80"})
def test_any_person_input_is_accepted_whole_or_refused_by_field(raw: dict[str, Any]) -> None:
    check_parse(parse_person, raw)


@FUZZ
@given(CONVERSATION)
@example({"date": "2026-03-01", "person_ids": [1], "quality": float("nan")})
@example({"date": "2026-03-01", "person_ids": [1], "followup_due": dt.datetime(2026, 3, 1, 23, 59)})
def test_any_conversation_input_is_accepted_whole_or_refused_by_field(raw: dict[str, Any]) -> None:
    check_parse(parse_conversation, raw)


@FUZZ
@given(EVENT)
def test_any_event_input_is_accepted_whole_or_refused_by_field(raw: dict[str, Any]) -> None:
    check_parse(parse_event, raw)


@FUZZ
@given(GOAL)
def test_any_goal_input_is_accepted_whole_or_refused_by_field(raw: dict[str, Any]) -> None:
    goal = check_parse(parse_goal, raw)
    if goal is not None:
        assert re.fullmatch(r"[0-9]{4}-[0-9]{2}", goal.month), "one month, one spelling"


@FUZZ
@given(TIP)
def test_any_tip_progress_input_is_accepted_whole_or_refused_by_field(raw: dict[str, Any]) -> None:
    check_parse(parse_tip_progress, raw)


@FUZZ
@given(PROFILE)
def test_any_profile_input_is_accepted_whole_or_refused_by_field(raw: dict[str, Any]) -> None:
    check_parse(parse_profile, raw)


@FUZZ
@given(st.sampled_from(sorted(PARSERS, key=lambda p: p.__name__)), ANY_VALUE)
def test_input_that_is_not_a_set_of_fields_is_refused_as_a_record(parse: Callable[[Any], Any], raw: Any) -> None:
    if isinstance(raw, dict):
        check_parse(parse, raw)
        return
    with pytest.raises(ValidationError, match=r"^record: expected a set of fields"):
        parse(raw)


@FUZZ
@given(st.one_of(MONTH, BAD_MONTH, WILD_TEXT))
@example(dt.date(1, 1, 1))
@example("\u0662\u0660\u0662\u0666-\u0660\u0661")  # Arabic-Indic digits
def test_any_month_input_gives_a_plain_year_month_or_a_month_error(value: Any) -> None:
    try:
        month = parse_month(value)
    except ValidationError as exc:
        assert len(exc.problems) == 1 and exc.problems[0].startswith("month: ")
        event("refused")
        return
    event("accepted")
    assert re.fullmatch(r"[0-9]{4}-[0-9]{2}", month)
    assert parse_month(month) == month
    assert int(month[:4]) >= 1990 and 1 <= int(month[5:]) <= 12


# ---------------------------------------------------------------- importers
_members = itertools.count()


@pytest.fixture(scope="module")
def fuzz_root(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One folder for the module; every example gets a member of its own in it."""
    root = tmp_path_factory.mktemp("fuzz")
    yield root
    storage.forget_data_dirs()


def fresh_member(root: Path, known: bool = False) -> MemberService:
    svc = member_service(root, f"m{next(_members)}", today=lambda: TODAY)
    if known:
        svc.add_person({"name": "Ann Lee", "email": "ann@example.com", "links": ["https://example.com/ann"]})
        svc.add_person({"name": "=Bob", "organization": "Acme"})
    return svc


def reopened(svc: MemberService) -> MemberService:
    """The same member through a new handle, as after a restart."""
    storage.forget_data_dirs()
    return member_service(svc.data_root, svc.member_id, today=lambda: TODAY)


def assert_stored_data_is_valid(svc: MemberService) -> dict[str, dict[str, Any]]:
    """Read the member back from disk and re-validate every record and reference."""
    tables = storage.load_json_file(svc.data_file) or {}
    for name, parse in transfer.PARSERS.items():
        for key, record in tables.get(name, {}).items():
            assert re.fullmatch(r"[1-9][0-9]*", key)
            assert to_record(parse(record)) == record, f"{name} {key} is not stored in normal form"
    people = {int(k) for k in tables.get("people", {})}
    events = {int(k) for k in tables.get("events", {})}
    for conversation in tables.get("conversations", {}).values():
        assert set(conversation["person_ids"]) <= people, "a conversation points at nobody"
        assert conversation.get("event_id") is None or conversation["event_id"] in events
    reopened(svc).snapshot()  # and the service can read all of it
    return tables


def csv_text(header: list[str], rows: list[list[str]], preamble: str = "") -> str:
    out = io.StringIO()
    out.write(preamble)
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def cells(spec: dict[str, tuple[st.SearchStrategy[str], st.SearchStrategy[str]]]) -> st.SearchStrategy[dict[str, str]]:
    """A CSV row as a dict: plausible cells, up to two spoiled."""
    spoiled_field = st.sampled_from(sorted(spec)).flatmap(lambda k: spec[k][1].map(lambda v: (k, v)))
    return st.builds(
        lambda row, spoilers: {**row, **spoilers},
        st.fixed_dictionaries({k: v[0] for k, v in spec.items()}),
        st.lists(spoiled_field, max_size=2).map(dict),
    )


CELL_JUNK = st.one_of(WILD_TEXT, BAD_TEXT.filter(lambda s: isinstance(s, str)))


def as_cell(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[str]:
    return strategy.map(lambda v: "" if v is None else v.isoformat() if isinstance(v, dt.date) else str(v))


def file_or_junk(files: st.SearchStrategy[str]) -> st.SearchStrategy[Any]:
    """Mostly well-formed files; sometimes arbitrary text or bytes."""
    return st.one_of(files, files, files, WILD_TEXT, st.binary(max_size=200))


LINKEDIN_HEADER = list(transfer.LINKEDIN_HEADER)
LINKEDIN_PREAMBLE = 'Notes:\n"When exporting your connection data, some emails may be missing."\n\n'
LINKEDIN_ROW = cells(
    {
        "First Name": (st.sampled_from(["Ann", "Bob", "=Bob", "Dana", "Zoë", ""]), CELL_JUNK),
        "Last Name": (st.sampled_from(["Lee", "", "Wu", "Ødegård"]), CELL_JUNK),
        "URL": (
            st.sampled_from(["", "https://example.com/ann", "https://example.com/ann/", "https://x.example/dana"]),
            st.one_of(st.just("www.example.com/x"), CELL_JUNK),
        ),
        "Email Address": (EMAIL, as_cell(BAD_EMAIL)),
        "Company": (TEXT, CELL_JUNK),
        "Position": (st.sampled_from(["Recruiter", "Software Intern", "Engineer", "", "Talent Partner"]), CELL_JUNK),
        "Connected On": (
            st.one_of(
                st.just(""), st.dates(dt.date(2000, 1, 1), dt.date(2030, 1, 1)).map(lambda d: d.strftime("%d %b %Y"))
            ),
            st.one_of(st.sampled_from(["31/12/2024", "32 Mar 2024", "12 March 2024"]), CELL_JUNK),
        ),
    }
)
LINKEDIN_FILE = file_or_junk(
    st.builds(
        lambda rows, preamble, header: csv_text(header, [[r.get(c, "") for c in header] for r in rows], preamble),
        st.lists(LINKEDIN_ROW, max_size=8),
        st.sampled_from([LINKEDIN_PREAMBLE, "", "junk,line\n"]),
        st.one_of(st.just(LINKEDIN_HEADER), st.just(LINKEDIN_HEADER[:3]), st.just([*LINKEDIN_HEADER[:2], "Extra"])),
    )
)


@FUZZ
@given(payload=LINKEDIN_FILE)
def test_any_linkedin_file_is_previewed_without_error_and_stores_only_valid_people(
    fuzz_root: Path, payload: Any
) -> None:
    svc = fresh_member(fuzz_root, known=True)
    plan = svc.preview_import("linkedin", payload)
    for problem in plan.errors:
        assert re.match(r"(row \d+|file|header): ", problem), problem
    rows_accounted = len(plan.new_people) + len(plan.matched) + len(plan.questions) + len(plan.skipped)
    assert rows_accounted == plan.rows_read, "each row is added, matched, asked about or skipped, once"
    counts = svc.apply_import(plan)
    event(f"people added: {min(counts['people'], 3)}")
    tables = assert_stored_data_is_valid(svc)
    assert len(tables["people"]) == 2 + counts["people"]
    # A second import adds no one. (It may fill in a field: a row whose name and email point at
    # two different people is matched by name first, and by email once that person is known.)
    again = reopened(svc)
    assert again.preview_import("linkedin", payload).new_people == [], "no one is added twice"


def table_file(row: st.SearchStrategy[dict[str, str]], columns: list[str]) -> st.SearchStrategy[Any]:
    """CSV files with the given columns (all, shuffled, or some), plus text that is not such a file."""
    header = st.one_of(st.just(columns), st.permutations(columns), st.lists(st.sampled_from(columns), min_size=1))
    return file_or_junk(
        st.builds(lambda h, rows: csv_text(h, [[r[c] for c in h] for r in rows]), header, st.lists(row, max_size=6))
    )


PEOPLE_ROW = cells(
    {
        "name": (NAME, st.one_of(st.just(""), CELL_JUNK)),
        "role": (as_cell(choice(Role)[0]), CELL_JUNK),
        "organization": (TEXT, CELL_JUNK),
        "how_met": (TEXT, CELL_JUNK),
        "email": (EMAIL, as_cell(BAD_EMAIL)),
        "links": (LINKS.map(" | ".join), st.sampled_from(["ftp://x", "a | b"])),
        "tags": (TEXT_LIST.map(lambda t: t if isinstance(t, str) else " | ".join(t)), CELL_JUNK),
        "mentor_stage": (as_cell(choice(MentorStage)[0]), CELL_JUNK),
        "notes": (TEXT, CELL_JUNK),
        "title": (TEXT, CELL_JUNK),
        "phones": (st.sampled_from(["", "+1 555 0100", "+1 555 0100 | 030 1234"]), CELL_JUNK),
        "other_emails": (EMAIL, as_cell(BAD_EMAIL)),
        "birthday": (st.sampled_from(["", "1999-03-12", "--02-29"]), st.sampled_from(["--02-30", "12/3/99", "x"])),
    }
)


@FUZZ
@given(payload=table_file(PEOPLE_ROW, transfer.PEOPLE_CSV_COLUMNS))
def test_any_people_csv_is_previewed_without_error_and_stores_only_valid_people(fuzz_root: Path, payload: Any) -> None:
    svc = fresh_member(fuzz_root, known=True)
    plan = svc.preview_import("people_csv", payload)
    placed = len(plan.new_people) + len(plan.matched) + len(plan.questions) + len(plan.skipped)
    assert placed == plan.rows_read, "each row is added, matched, asked about or skipped, once"
    counts = svc.apply_import(plan)
    event(f"people added: {min(counts['people'], 3)}")
    tables = assert_stored_data_is_valid(svc)
    assert len(tables["people"]) == 2 + counts["people"]
    assert reopened(svc).preview_import("people_csv", payload).new_people == [], "no one is added twice"


NAMES_CELL = st.lists(st.one_of(NAME, st.just("Person")), min_size=1, max_size=4).map("; ".join)
CONVERSATION_ROW = cells(
    {
        "date": (as_cell(GOOD_DATE), as_cell(BAD_DATE)),
        "people": (
            NAMES_CELL,
            st.one_of(
                st.just(""),
                st.just("; ".join(f"P{i}" for i in range(21))),
                st.just("Cleo; cleo; CLEO"),
                CELL_JUNK,
            ),
        ),
        "setting": (as_cell(choice(Setting)[0]), CELL_JUNK),
        "event": (TEXT, CELL_JUNK),
        "topics": (TEXT_LIST.map(lambda t: t if isinstance(t, str) else " | ".join(t)), CELL_JUNK),
        "learned": (TEXT, CELL_JUNK),
        "help_offered": (TEXT, CELL_JUNK),
        "quality": (as_cell(WHOLE), as_cell(BAD_NUMBER)),
        "followup_due": (as_cell(st.one_of(st.none(), GOOD_DATE)), as_cell(BAD_DATE)),
        "followup_done": (as_cell(st.one_of(st.none(), GOOD_DATE)), as_cell(BAD_DATE)),
        "followup_note": (TEXT, CELL_JUNK),
        "notes": (TEXT, CELL_JUNK),
    }
)


@FUZZ
@given(payload=table_file(CONVERSATION_ROW, transfer.CONVERSATION_CSV_COLUMNS))
@example(payload="date,people\n2026-03-01," + "; ".join(f"Person {i}" for i in range(25)) + "\n")
@example(payload="date,people\n2026-03-01,Cleo; cleo; Ann Lee; ann lee\n")
def test_any_conversations_csv_is_previewed_without_error_and_stores_only_valid_records(
    fuzz_root: Path, payload: Any
) -> None:
    svc = fresh_member(fuzz_root, known=True)
    plan = svc.preview_import("conversations_csv", payload)
    counts = svc.apply_import(plan)
    event(f"conversations added: {min(counts['conversations'], 3)}")
    tables = assert_stored_data_is_valid(svc)
    assert len(tables["people"]) == 2 + counts["people"]
    assert len(tables.get("conversations", {})) == counts["conversations"]
    names = [" ".join(p["name"].casefold().split()) for p in tables["people"].values()]
    assert len(names) == len(set(names)), "one name in a file becomes one person"
    assert counts["conversations"] + len(plan.skipped) == plan.rows_read, "each row is imported or skipped, once"
    for conversation in svc.conversations():
        assert conversation_date_problems(conversation, TODAY) == [], "imports keep the log form's date rules"


# A valid export to spoil: every kind of record, references that hold.
BASE_TABLES: dict[str, dict[str, Any]] = {
    "people": {
        "1": to_record(Person(name="Ann Lee", role=Role.MENTOR, links=("https://example.com/ann",))),
        "3": to_record(Person(name="=Bob", tags=("x",), cadence_days=7)),
    },
    "events": {"2": to_record(Event(name="Fair", date=dt.date(2026, 3, 5), attended=True))},
    "conversations": {
        "1": to_record(Conversation(date=dt.date(2026, 3, 5), person_ids=(1, 3), event_id=2, quality=5)),
        "4": to_record(Conversation(date=dt.date(2026, 3, 6), person_ids=(3,), followup_due=dt.date(2026, 3, 9))),
    },
    "goals": {"1": to_record(Goal(month="2026-03", metric=GoalMetric.CONVERSATIONS, target=4))},
    "tips": {"1": to_record(TipProgress(tip_id="ask-for-advice", read_on=dt.date(2026, 3, 1)))},
    "profile": {"1": to_record(Profile(display_name="Me", internship_start=dt.date(2026, 1, 12)))},
}
RECORD_STRATEGIES = {
    "people": PERSON,
    "conversations": CONVERSATION,
    "events": EVENT,
    "goals": GOAL,
    "tips": TIP,
    "profile": PROFILE,
}
KEY = st.one_of(st.sampled_from(["1", "2", "3", "4", "5"]), st.sampled_from(["0", "x", "01", "-1", "1e3"]))
EDIT = st.one_of(
    # replace or add a whole record
    st.sampled_from(sorted(RECORD_STRATEGIES)).flatmap(
        lambda t: st.tuples(st.just(t), KEY, RECORD_STRATEGIES[t].map(lambda r: {k: v for k, v in r.items()}))
    ),
    # drop a record (references to it now dangle)
    st.tuples(st.sampled_from(sorted(BASE_TABLES)), KEY, st.none()),
)


def spoil(document: dict[str, Any], edits: list[tuple[str, str, Any]]) -> dict[str, Any]:
    document = copy.deepcopy(document)
    for table, key, record in edits:
        if record is None:
            document["tables"].setdefault(table, {}).pop(key, None)
        else:
            document["tables"].setdefault(table, {})[key] = record
    return document


JSON_FILE = file_or_junk(
    st.builds(
        lambda edits, head: json.dumps(spoil({**head, "tables": BASE_TABLES}, edits), default=str),
        st.lists(EDIT, max_size=2),
        st.one_of(
            st.just({"format": "netcoach", "schema": 1}),
            st.fixed_dictionaries({"format": st.sampled_from(["netcoach", "other"]), "schema": ANY_VALUE}),
        ),
    )
)


@FUZZ
@given(payload=JSON_FILE)
@example(payload="[" * 50_000)
@example(payload='{"format": "netcoach", "schema": 1, "tables": {"people": {"1": {"name": "\\ud800"}}}}')
@example(payload='{"format": "netcoach", "schema": 1, "tables": {"people": [1, 2]}}')
def test_any_json_file_is_previewed_without_error_and_restores_only_valid_records(
    fuzz_root: Path, payload: Any
) -> None:
    svc = fresh_member(fuzz_root)
    plan = svc.preview_import("json", payload)
    event("restored" if plan.replace_tables is not None else "refused")
    assert (plan.replace_tables is None) == bool(plan.errors), "a restore is all or nothing"
    svc.apply_import(plan)
    tables = assert_stored_data_is_valid(svc)
    if plan.replace_tables is not None:
        for name, docs in plan.replace_tables.items():
            assert tables.get(name, {}) == docs, "a restore keeps every record under its id"
    else:
        assert not any(tables.get(name) for name in transfer.PARSERS), "a refused restore writes nothing"


@FUZZ
@given(text=st.text(alphabet=string.printable + "\u00e9\u4e2d\ufeff", max_size=300))
def test_any_text_goes_through_every_importer_without_other_exceptions(text: str) -> None:
    for plan in (
        transfer.plan_linkedin(text, []),
        transfer.plan_people_csv(text, []),
        transfer.plan_conversations_csv(text, [], today=TODAY),
        transfer.plan_json(text, member_is_empty=True),
    ):
        assert all(isinstance(e, str) and e for e in plan.errors)
        for person in plan.new_people:
            assert parse_person(to_record(person)) == person


class RawJson(str):
    """JSON text already written, to nest as it is."""


def json_object(pairs: list[tuple[str, Any]]) -> RawJson:
    """A JSON object written pair by pair, so a key can appear twice as a hand edit leaves it."""
    written = (f"{json.dumps(k)}: {v if isinstance(v, RawJson) else json.dumps(v)}" for k, v in pairs)
    return RawJson("{" + ", ".join(written) + "}")


@FUZZ
@given(table=st.sampled_from(sorted(BASE_TABLES)), data=st.data())
def test_a_json_file_with_any_id_given_twice_is_never_restored(table: str, data: st.DataObject) -> None:
    docs = BASE_TABLES[table]
    key = data.draw(st.sampled_from(sorted(docs)), label="id given twice")
    second = data.draw(st.sampled_from([doc for doc in docs.values()]), label="second record")
    tables = [
        (name, json_object([*records.items(), *([(key, second)] if name == table else [])]))
        for name, records in BASE_TABLES.items()
    ]
    payload = json_object([("format", "netcoach"), ("schema", 1), ("tables", json_object(tables))])
    plan = transfer.plan_json(payload, member_is_empty=True)
    assert plan.replace_tables is None, "a restore would silently keep only one of the two"
    assert plan.errors == [p for p in plan.errors if p.startswith(f"{table} {key}: two records have this id (")]
    assert len(plan.errors) == 1
