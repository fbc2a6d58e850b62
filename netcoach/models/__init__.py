"""The member's data as plain, immutable values, and the rules that admit them.

Records are frozen so that the store can hand the same objects to every
session without anyone changing a shared list behind its back. Parsing never
stops at the first problem: a person filling a form wants to see every field
that is wrong at once, each named.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import re
import types
import typing
from collections.abc import Iterable, Mapping
from typing import Any

from netcoach.models.enums import EventKind, GoalMetric, MentorStage, Role, Setting
from netcoach.models.errors import ValidationError
from netcoach.models.limits import (
    EARLIEST_DATE,
    FOLLOWUP_HORIZON,
    FUTURE_SLACK,
    LIST_MAX_ITEMS,
    NAME_MAX,
    NOTE_MAX,
    SHORT_TEXT_MAX,
)
from netcoach.models.records import (
    Conversation,
    Event,
    Goal,
    Person,
    Profile,
    Record,
    Reflection,
    Saved,
    Snapshot,
    TipProgress,
    saved_id,
)

SCHEMA_VERSION = 1

MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")


def _bad_char(char: str, *, allow_newlines: bool) -> bool:
    """Control characters and lone surrogates cannot be stored or shown safely."""
    code = ord(char)
    if allow_newlines and char in "\n\t":
        return False
    return code < 32 or code == 127 or 0xD800 <= code <= 0xDFFF


class _Fields:
    """Reads raw input field by field, collecting problems instead of raising."""

    def __init__(self, raw: Mapping[str, Any]):
        if not isinstance(raw, Mapping):
            raise ValidationError([f"record: expected a set of fields, got {type(raw).__name__}"])
        self.raw = raw
        self.problems: list[str] = []

    def _get(self, name: str) -> Any:
        value = self.raw.get(name)
        if isinstance(value, str):
            value = value.strip()
            return value if value else None
        return value

    def fail(self, name: str, message: str) -> None:
        self.problems.append(f"{name}: {message}")

    def text(self, name: str, *, required: bool = False, max_len: int = SHORT_TEXT_MAX) -> str:
        value = self._get(name)
        if value is None:
            if required:
                self.fail(name, "required")
            return ""
        if not isinstance(value, str):
            self.fail(name, f"must be text, got {type(value).__name__}")
            return ""
        if len(value) > max_len:
            self.fail(name, f"too long ({len(value)} characters, at most {max_len})")
            return ""
        if any(_bad_char(c, allow_newlines=True) for c in value):
            self.fail(name, "contains control or invalid characters")
            return ""
        return value

    def text_list(self, name: str, *, max_len: int = SHORT_TEXT_MAX) -> tuple[str, ...]:
        value = self._get(name)
        if value is None:
            return ()
        if isinstance(value, str):
            value = value.split(",")
        if not isinstance(value, (list, tuple)):
            self.fail(name, f"must be a list of text, got {type(value).__name__}")
            return ()
        items: list[str] = []
        for item in value:
            if not isinstance(item, str):
                self.fail(name, f"must be a list of text, found {type(item).__name__}")
                return ()
            item = item.strip()
            if not item:
                continue
            if len(item) > max_len:
                self.fail(name, f"an item is too long ({len(item)} characters, at most {max_len})")
                return ()
            if any(_bad_char(c, allow_newlines=False) for c in item):
                self.fail(name, "contains control or invalid characters")
                return ()
            if item not in items:
                items.append(item)
        if len(items) > LIST_MAX_ITEMS:
            self.fail(name, f"too many items ({len(items)}, at most {LIST_MAX_ITEMS})")
            return ()
        return tuple(items)

    def date(self, name: str, *, required: bool = False) -> dt.date | None:
        value = self._get(name)
        if value is None:
            if required:
                self.fail(name, "required")
            return None
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            parsed = value
        elif isinstance(value, str):
            try:
                parsed = dt.date.fromisoformat(value)
            except ValueError:
                self.fail(name, f"{value[:40]} is not a date (use YYYY-MM-DD)")
                return None
        else:
            self.fail(name, f"must be a date, got {type(value).__name__}")
            return None
        if parsed < EARLIEST_DATE:
            self.fail(name, f"{parsed.isoformat()} is before {EARLIEST_DATE.year}")
            return None
        return parsed

    def integer(self, name: str, lo: int, hi: int, *, default: int | None = None) -> int | None:
        value = self._get(name)
        if value is None:
            if default is None:
                self.fail(name, "required")
            return default
        if isinstance(value, bool):
            self.fail(name, f"must be a whole number from {lo} to {hi}")
            return default
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, str):
            try:
                value = int(value)
            except ValueError:
                self.fail(name, f"must be a whole number from {lo} to {hi}, got {value[:40]!r}")
                return default
        if not isinstance(value, int):
            self.fail(name, f"must be a whole number from {lo} to {hi}")
            return default
        if not lo <= value <= hi:
            self.fail(name, f"must be {lo} to {hi}, got {value}")
            return default
        return value

    def optional_integer(self, name: str, lo: int, hi: int) -> int | None:
        if self._get(name) is None:
            return None
        return self.integer(name, lo, hi, default=None)

    def choice(self, name: str, kind: type[enum.Enum], default: enum.Enum | None) -> Any:
        value = self._get(name)
        if value is None:
            if default is None:
                self.fail(name, "required")
            return default
        if isinstance(value, kind):
            return value
        if isinstance(value, str):
            key = value.strip().lower().replace(" ", "_").replace("-", "_")
            for member in kind:
                if member.value == key:
                    return member
        allowed = ", ".join(m.value for m in kind)
        self.fail(name, f"{str(value)[:40]!r} is not one of: {allowed}")
        return default

    def boolean(self, name: str, *, default: bool | None) -> bool | None:
        value = self._get(name)
        if value is None:
            return default
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.lower() in {"true", "yes", "1", "false", "no", "0"}:
            return value.lower() in {"true", "yes", "1"}
        if isinstance(value, int) and value in (0, 1):
            return bool(value)
        self.fail(name, "must be yes or no")
        return default

    def month(self, name: str) -> str:
        try:
            return parse_month(self.raw.get(name))
        except ValidationError as exc:
            self.problems.extend(exc.problems)
            return ""

    def record_id(self) -> int | None:
        value = self.raw.get("id")
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            self.fail("id", "must be a positive whole number")
            return None
        return value

    def finish(self) -> None:
        if self.problems:
            raise ValidationError(self.problems)


def parse_person(raw: Mapping[str, Any]) -> Person:
    f = _Fields(raw)
    person = Person(
        name=f.text("name", required=True, max_len=NAME_MAX),
        role=f.choice("role", Role, Role.OTHER),
        organization=f.text("organization"),
        how_met=f.text("how_met"),
        links=f.text_list("links", max_len=500),
        tags=f.text_list("tags", max_len=40),
        mentor_stage=f.choice("mentor_stage", MentorStage, MentorStage.NONE),
        cadence_days=f.optional_integer("cadence_days", 1, 365),
        email=f.text("email"),
        notes=f.text("notes", max_len=NOTE_MAX),
        id=f.record_id(),
    )
    for link in person.links:
        if not re.match(r"^(https?://|mailto:)", link, re.IGNORECASE):
            f.fail("links", f"{link[:40]!r} must start with http://, https:// or mailto:")
            break
    if person.email and not re.match(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", person.email):
        f.fail("email", f"{person.email[:40]!r} is not an email address")
    f.finish()
    return person


def _person_ids(f: _Fields, new_people: int) -> tuple[int, ...]:
    value = f.raw.get("person_ids")
    if new_people and not value:
        value = []  # everyone in it is new: nobody known needs picking
    if value is None or value == [] or value == ():
        if not new_people:
            f.fail("person_ids", "pick at least one person")
        return ()
    if not isinstance(value, (list, tuple)) or not all(
        isinstance(v, int) and not isinstance(v, bool) and v > 0 for v in value
    ):
        f.fail("person_ids", "must be a list of person ids")
        return ()
    if len(value) + new_people > LIST_MAX_ITEMS:
        f.fail("person_ids", f"too many people ({len(value) + new_people}, at most {LIST_MAX_ITEMS})")
        return ()
    return tuple(dict.fromkeys(value))


def parse_conversation(raw: Mapping[str, Any], *, new_people: int = 0) -> Conversation:
    """A conversation from raw fields; `new_people` counts people not yet stored who will join it.

    Those people have no ids yet, so the result holds only the known ones; the caller adds
    the new ids once they exist. They still count towards the limit on people.
    """
    f = _Fields(raw)
    conversation = Conversation(
        date=f.date("date", required=True) or dt.date.min,
        person_ids=_person_ids(f, new_people),
        setting=f.choice("setting", Setting, Setting.ONE_ON_ONE),
        event_id=f.optional_integer("event_id", 1, 10**9),
        event=f.text("event"),
        topics=f.text_list("topics", max_len=60),
        learned=f.text("learned", max_len=NOTE_MAX),
        help_offered=f.text("help_offered", max_len=NOTE_MAX),
        quality=f.integer("quality", 1, 5, default=3) or 3,
        followup_due=f.date("followup_due"),
        followup_done=f.date("followup_done"),
        notes=f.text("notes", max_len=NOTE_MAX),
        id=f.record_id(),
    )
    if conversation.date != dt.date.min:
        if conversation.followup_due and conversation.followup_due < conversation.date:
            f.fail("followup_due", "must be on or after the conversation date")
        if conversation.followup_done and conversation.followup_done < conversation.date:
            f.fail("followup_done", "must be on or after the conversation date")
    f.finish()
    return conversation


def conversation_date_problems(
    conversation: Conversation, today: dt.date, fields: Iterable[str] = ("date", "followup_due", "followup_done")
) -> list[str]:
    """The rules on a conversation's dates that depend on today, for the given fields.

    Kept apart from `parse_conversation` because they change as days pass: a record that
    passed yesterday still loads today. Every way in (the form, an import) applies them
    to what it writes; an edit applies them only to the dates it changes.
    """
    problems: list[str] = []
    wanted = set(fields)
    latest = today + FUTURE_SLACK
    if "date" in wanted and conversation.date > latest:
        problems.append(f"date: {conversation.date.isoformat()} is in the future (latest {latest.isoformat()})")
    due = conversation.followup_due
    if "followup_due" in wanted and due and due > today + FOLLOWUP_HORIZON:
        horizon = (today + FOLLOWUP_HORIZON).isoformat()
        problems.append(f"followup_due: {due.isoformat()} is too far ahead (latest {horizon})")
    done = conversation.followup_done
    if "followup_done" in wanted and done and done > latest:
        problems.append(f"followup_done: {done.isoformat()} is in the future (latest {latest.isoformat()})")
    return problems


def parse_event(raw: Mapping[str, Any]) -> Event:
    f = _Fields(raw)
    event = Event(
        name=f.text("name", required=True, max_len=NAME_MAX),
        date=f.date("date", required=True) or dt.date.min,
        kind=f.choice("kind", EventKind, EventKind.COMPANY),
        attended=bool(f.boolean("attended", default=False)),
        place=f.text("place"),
        description=f.text("description", max_len=NOTE_MAX),
        shared_id=f.optional_integer("shared_id", 1, 10**9),
        id=f.record_id(),
    )
    f.finish()
    return event


def parse_month(value: Any) -> str:
    """Normalise 'YYYY-MM' (or a date) to 'YYYY-MM'."""
    if isinstance(value, dt.date):
        value = f"{value.year:04d}-{value.month:02d}"  # then checked like text: no year before 1990
    text = str(value).strip() if value is not None else ""
    match = MONTH_RE.match(text)
    if not match or not 1 <= int(match.group(2)) <= 12 or int(match.group(1)) < EARLIEST_DATE.year:
        raise ValidationError([f"month: {text[:40] or 'empty'} is not a month (use YYYY-MM)"])
    # \d also matches other scripts' digits; goals are matched by this text, so spell it one way.
    return f"{int(match.group(1)):04d}-{int(match.group(2)):02d}"


def parse_goal(raw: Mapping[str, Any]) -> Goal:
    f = _Fields(raw)
    month = f.month("month")
    goal = Goal(
        month=month,
        metric=f.choice("metric", GoalMetric, None),
        target=f.integer("target", 1, 999) or 0,
        id=f.record_id(),
    )
    f.finish()
    return goal


def parse_tip_progress(raw: Mapping[str, Any]) -> TipProgress:
    f = _Fields(raw)
    progress = TipProgress(
        tip_id=f.text("tip_id", required=True, max_len=60),
        read_on=f.date("read_on"),
        tried_on=f.date("tried_on"),
        reflection=f.text("reflection", max_len=NOTE_MAX),
        next_review=f.date("next_review"),
        useful=f.boolean("useful", default=None),
        id=f.record_id(),
    )
    f.finish()
    return progress


def parse_reflection(raw: Mapping[str, Any]) -> Reflection:
    f = _Fields(raw)
    month = f.month("month")
    reflection = Reflection(month=month, text=f.text("text", max_len=NOTE_MAX), id=f.record_id())
    f.finish()
    return reflection


def parse_profile(raw: Mapping[str, Any]) -> Profile:
    f = _Fields(raw)
    profile = Profile(
        display_name=f.text("display_name", max_len=NAME_MAX),
        internship_start=f.date("internship_start"),
        internship_end=f.date("internship_end"),
        default_followup_days=f.integer("default_followup_days", 0, 60, default=2) or 0,
        default_setting=f.choice("default_setting", Setting, Setting.ONE_ON_ONE),
    )
    start, end = profile.internship_start, profile.internship_end
    if start and end and end < start:
        f.fail("internship_end", "must be on or after internship_start")
    f.finish()
    return profile


# The names of the tables in a member's file and in the team file: written once, here.
PEOPLE = "people"
CONVERSATIONS = "conversations"
EVENTS = "events"
GOALS = "goals"
TIPS = "tips"
REFLECTIONS = "reflections"
PROFILE = "profile"
META = "_meta"  # the schema stamp and the ids handed out so far; not member data
MEMBERS = "members"  # team file
SHARED_EVENTS = "shared_events"  # team file

# The member file's tables, each with the parser that admits its records.
TABLE_PARSERS: dict[str, Any] = {
    PEOPLE: parse_person,
    CONVERSATIONS: parse_conversation,
    EVENTS: parse_event,
    GOALS: parse_goal,
    TIPS: parse_tip_progress,
    REFLECTIONS: parse_reflection,
    PROFILE: parse_profile,
}
# Tables that make a member "not empty" (a profile or tip progress alone does not).
RECORD_TABLES = (PEOPLE, CONVERSATIONS, EVENTS, GOALS)


# ---------------------------------------------------------------- records
# Storage keeps plain JSON: ISO dates, enum values, lists. The id lives in the
# TinyDB document id, not inside the record.


def to_record(item: Any) -> dict[str, Any]:
    record: dict[str, Any] = {}
    for field in dataclasses.fields(item):
        if field.name == "id":
            continue
        record[field.name] = _to_json(getattr(item, field.name))
    return record


def _to_json(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_to_json(v) for v in value]
    return value


_CONVERTERS: dict[type, dict[str, Any]] = {}


def _converter_for(hint: Any) -> Any:
    """A function turning a stored JSON value back into the field's type."""
    args = typing.get_args(hint)
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        inner = _converter_for(next(a for a in args if a is not type(None)))
        return lambda v: None if v is None else inner(v)
    if hint is dt.date:
        return dt.date.fromisoformat
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return hint
    if typing.get_origin(hint) is tuple:
        return tuple
    return lambda v: v


def from_record(kind: type[Record], record: Mapping[str, Any], record_id: int | None = None) -> Record:
    """Build a value from a stored record; unknown keys are ignored, missing ones defaulted."""
    converters = _CONVERTERS.get(kind)
    if converters is None:
        hints = typing.get_type_hints(kind)
        # `Record` is any of the dataclasses above; the type checker cannot see that from the TypeVar.
        fields = dataclasses.fields(typing.cast(Any, kind))
        converters = {f.name: _converter_for(hints[f.name]) for f in fields}
        _CONVERTERS[kind] = converters
    values = {name: conv(record[name]) for name, conv in converters.items() if name in record}
    if "id" in converters and record_id is not None:
        values["id"] = record_id
    return kind(**values)


__all__ = [
    "CONVERSATIONS",
    "EARLIEST_DATE",
    "EVENTS",
    "FOLLOWUP_HORIZON",
    "FUTURE_SLACK",
    "GOALS",
    "LIST_MAX_ITEMS",
    "MEMBERS",
    "META",
    "MONTH_RE",
    "NAME_MAX",
    "NOTE_MAX",
    "PEOPLE",
    "PROFILE",
    "RECORD_TABLES",
    "REFLECTIONS",
    "SCHEMA_VERSION",
    "SHARED_EVENTS",
    "SHORT_TEXT_MAX",
    "TABLE_PARSERS",
    "TIPS",
    "Conversation",
    "Event",
    "EventKind",
    "Goal",
    "GoalMetric",
    "MentorStage",
    "Person",
    "Profile",
    "Record",
    "Reflection",
    "Role",
    "Saved",
    "Setting",
    "Snapshot",
    "TipProgress",
    "ValidationError",
    "conversation_date_problems",
    "from_record",
    "parse_conversation",
    "parse_event",
    "parse_goal",
    "parse_month",
    "parse_person",
    "parse_profile",
    "parse_reflection",
    "parse_tip_progress",
    "saved_id",
    "to_record",
]
