"""The member's records: frozen values that the store hands out and takes back.

Records are frozen so that the store can hand the same objects to every
session without anyone changing a shared list behind its back.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import typing
from typing import Any, TypeVar

from netcoach.models.enums import EventKind, GoalMetric, LoopKind, LoopStatus, MentorStage, Role, Setting, TrashKind


@dataclasses.dataclass(frozen=True)
class Person:
    name: str
    role: Role = Role.OTHER
    organization: str = ""
    how_met: str = ""
    links: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    mentor_stage: MentorStage = MentorStage.NONE
    cadence_days: int | None = None
    email: str = ""
    notes: str = ""
    # What contact files carry besides: the job title, phone numbers, further addresses, and a
    # birthday as "YYYY-MM-DD" or "--MM-DD" when the year is not known.
    title: str = ""
    phones: tuple[str, ...] = ()
    other_emails: tuple[str, ...] = ()
    birthday: str = ""
    id: int | None = None


@dataclasses.dataclass(frozen=True)
class Conversation:
    date: dt.date
    person_ids: tuple[int, ...]
    setting: Setting = Setting.ONE_ON_ONE
    event_id: int | None = None
    event: str = ""
    topics: tuple[str, ...] = ()
    learned: str = ""
    help_offered: str = ""
    quality: int = 3
    followup_due: dt.date | None = None
    followup_done: dt.date | None = None
    # What the member means to send when following up ("the slides", "a thank-you note"); optional.
    followup_note: str = ""
    notes: str = ""
    id: int | None = None

    @property
    def needs_followup(self) -> bool:
        return self.followup_due is not None and self.followup_done is None


@dataclasses.dataclass(frozen=True)
class Event:
    name: str
    date: dt.date
    kind: EventKind = EventKind.COMPANY
    attended: bool = False
    place: str = ""
    description: str = ""
    # Set when the event came from the team's shared list (its id there).
    shared_id: int | None = None
    id: int | None = None


@dataclasses.dataclass(frozen=True)
class Goal:
    month: str
    metric: GoalMetric
    target: int
    id: int | None = None


@dataclasses.dataclass(frozen=True)
class TipProgress:
    tip_id: str
    read_on: dt.date | None = None
    tried_on: dt.date | None = None
    reflection: str = ""
    next_review: dt.date | None = None
    useful: bool | None = None
    id: int | None = None


@dataclasses.dataclass(frozen=True)
class Reflection:
    """What the member made of one month, written at the monthly review."""

    month: str
    text: str = ""
    id: int | None = None


@dataclasses.dataclass(frozen=True)
class Loop:
    """A promise either way that the member confirmed, dismissed or closed.

    One comes from a sentence the coach found in the member's notes (its
    `signal_key` says which, so a decision sticks to that sentence), or from
    the member typing it in by hand (no key). A dismissed one is kept only so
    the sentence is never offered again.
    """

    kind: LoopKind
    person_ids: tuple[int, ...] = ()
    status: LoopStatus = LoopStatus.CONFIRMED
    signal_key: str = ""  # "" for a loop the member added by hand
    text: str = ""  # the member's sentence it came from, or what they typed
    what: str = ""  # the thing promised or offered ("the slides"), when known
    due: dt.date | None = None
    decided_on: dt.date | None = None  # the day it was confirmed, dismissed or added
    closed_on: dt.date | None = None
    conversation_id: int | None = None  # the conversation the sentence was written in
    id: int | None = None

    @property
    def is_open(self) -> bool:
        return self.status is LoopStatus.CONFIRMED


@dataclasses.dataclass(frozen=True)
class SetAside:
    """A piece of the coach's advice the member put away until a day: one rule about one person (or none)."""

    rule: str
    person_id: int | None = None
    title: str = ""  # what the card said, to list it while it is away
    until: dt.date | None = None  # the advice comes back on this day
    set_on: dt.date | None = None
    id: int | None = None


@dataclasses.dataclass(frozen=True)
class TrashItem:
    """Something deleted, kept for a while so it can be given back exactly as it was.

    `records` holds every stored document the delete removed, by table and id,
    as it was stored (the person and, say, the conversations only with them).
    `links` are the references the delete cut in records that stayed (this
    person's id in a group conversation, a loop's link to the conversation):
    each is `{"table", "id", "field", "value"}`, with `"position"` for a list.
    An import keeps instead what it `added` (table -> id -> fingerprint of the
    record as written, so a record changed since is recognised) and what it
    `filled` in people already known (person id -> field -> [before, after]).
    Documents are kept in the stored JSON form, so a restore writes them back
    byte for byte under their old ids, which are never handed out again.
    """

    kind: TrashKind
    label: str  # what it was, in the words of the day it was deleted ("Ana Ruiz")
    deleted_on: dt.date
    records: dict[str, dict[str, dict[str, Any]]] = dataclasses.field(default_factory=dict)
    links: tuple[dict[str, Any], ...] = ()
    added: dict[str, dict[str, str]] = dataclasses.field(default_factory=dict)
    filled: dict[str, dict[str, list[Any]]] = dataclasses.field(default_factory=dict)
    source: str = ""  # an import's file name, when known
    id: int | None = None

    def count(self, table: str) -> int:
        """How many records of `table` it holds (or, for an import, added)."""
        return len(self.records.get(table, {})) or len(self.added.get(table, {}))


@dataclasses.dataclass(frozen=True)
class Profile:
    display_name: str = ""
    internship_start: dt.date | None = None
    internship_end: dt.date | None = None
    default_followup_days: int = 2
    default_setting: Setting = Setting.ONE_ON_ONE


@dataclasses.dataclass(frozen=True)
class Reminders:
    """How the coach reaches the member when the app is closed: a calendar link and an email digest.

    The secrets are stored as they are, not hashed: they guard nothing that is
    not in this same file, and the member must be able to see their calendar
    link again in Settings. They never leave in an export.
    """

    calendar_secret: str = ""  # the secret part of the private calendar link; "" while the link is off
    unsubscribe_secret: str = ""  # the secret part of every digest's unsubscribe link
    email: str = ""  # where digests go from a local dashboard; a team instance uses the signed-in address
    weekly: bool = False
    weekday: int = 0  # the weekly digest's day, Monday = 0
    hour: int = 8  # the hour (0-23, the server's time) the digests go out
    daily: bool = False  # a short "due today" on the other days as well


@dataclasses.dataclass(frozen=True)
class DigestSent:
    """One digest that went out: written after the mail server took it, so a period is never sent twice."""

    kind: str  # "weekly" or "daily"
    period: str  # the ISO week ("2026-W48") or the day ("2026-11-29") it covers
    sent_at: str = ""  # when, as an ISO timestamp
    address: str = ""
    id: int | None = None


@dataclasses.dataclass(frozen=True)
class Snapshot:
    """Everything of one member at one version of their file."""

    revision: Any  # the file version it was read at; compared, never interpreted
    profile: Profile
    people: tuple[Person, ...]
    conversations: tuple[Conversation, ...]
    events: tuple[Event, ...]
    goals: tuple[Goal, ...]
    tips: tuple[TipProgress, ...]
    reflections: tuple[Reflection, ...] = ()
    loops: tuple[Loop, ...] = ()
    set_aside: tuple[SetAside, ...] = ()
    reminders: Reminders = Reminders()
    digests_sent: tuple[DigestSent, ...] = ()

    def person_by_id(self) -> dict[int, Person]:
        return {p.id: p for p in self.people if p.id is not None}

    @property
    def is_empty(self) -> bool:
        return not (self.people or self.conversations or self.events or self.goals)


Record = TypeVar("Record")


class Saved(typing.Protocol):
    """Any record kind with a store id (people, conversations, events, goals, tips, loops, advice set aside)."""

    @property
    def id(self) -> int | None: ...


def saved_id(record: Saved) -> int:
    """The id of a record read from the store: only a record not yet saved has none."""
    if record.id is None:
        raise ValueError(f"{type(record).__name__} was never saved, so it has no id")
    return record.id
