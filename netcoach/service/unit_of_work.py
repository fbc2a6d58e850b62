"""What every part of the member's service shares: the store, the clock, the caches, and the one way to write.

Every change is validated in full before anything is written and runs in one
store transaction, so it is either all on disk or not at all. Reads go through
a snapshot converted once per version of the file, and the coach's results are
remembered per file version and day, because a page asks for them many times.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import threading
from collections.abc import Callable, Hashable, Iterator, Mapping
from pathlib import Path
from typing import Any, TypeVar

from tinydb import TinyDB, where
from tinydb.table import Document

from netcoach.config import Clock, system_today
from netcoach.insights import analytics
from netcoach.models import (
    CONVERSATIONS,
    DIGESTS_SENT,
    EVENTS,
    GOALS,
    LOOPS,
    PEOPLE,
    PROFILE,
    REFLECTIONS,
    REMINDERS,
    SET_ASIDE,
    TIPS,
    TRASH,
    Conversation,
    DigestSent,
    Event,
    Goal,
    Loop,
    Person,
    Profile,
    Reflection,
    Reminders,
    SetAside,
    Snapshot,
    TipProgress,
    TrashItem,
    ValidationError,
    from_record,
    oldest_kept,
    to_record,
)
from netcoach.storage import CorruptFileError, MemberStore, Tables
from netcoach.storage.repository import NotFoundError, Repository

__all__ = ["PROFILE_ID", "NotFoundError", "ShownRecord", "StaleRecordError", "UnitOfWork", "Work"]

T = TypeVar("T")
# Cached coach results for this many (file version, day, question) triples at most.
MEMO_LIMIT = 64
# The profile (and the reminder settings) is the one document of its table, under this id.
PROFILE_ID = 1


class StaleRecordError(ValidationError):
    """The record changed since the screen showed it, so a change meant for it was not saved.

    A ValidationError so every form's existing error display shows it as it shows a bad field.
    """


# A record a screen shows and a person can change or remove from there.
ShownRecord = Person | Conversation | Event | Loop


def same_record(stored: Mapping[str, Any], expected: ShownRecord, wanted: Mapping[str, Any] | None = None) -> bool:
    """Whether the stored document is the record the screen showed (ids aside).

    `wanted` is `to_record(expected)` when the caller already has it.
    """
    wanted = to_record(expected) if wanted is None else wanted
    # An older file may lack a field a newer version defaults: compare both as this version reads them.
    return dict(stored) == wanted or to_record(from_record(type(expected), stored)) == wanted


def _day(day: dt.date) -> str:
    return day.strftime("%d %b %Y")


def record_label(people: Repository[Person], record: ShownRecord, *, deleted: bool = False) -> str:
    """The record as the person knows it: a name, or who and when."""
    if isinstance(record, Person):
        name = record.name or "this person"
        return name if deleted else f"The details of {name}"
    if isinstance(record, Event):
        return f"The event {record.name} on {_day(record.date)}"
    if isinstance(record, Loop):
        return loop_label(people, record)
    names = [found.name for i in record.person_ids if (found := people.get(i)) is not None]
    who = f" with {', '.join(n for n in names if n)}" if any(names) else ""
    return f"The conversation{who} on {_day(record.date)}"


def loop_label(people: Repository[Person], loop: Loop) -> str:
    """An open loop as the person knows it: what was promised, and with whom."""
    names = [found.name for i in loop.person_ids if (found := people.get(i)) is not None]
    with_whom = f" with {', '.join(n for n in names if n)}" if any(names) else ""
    what = " ".join((loop.what or loop.text).split())
    what = what if len(what) <= 60 else what[:59].rstrip() + "…"
    return f"The promise '{what}'{with_whom}"


@dataclasses.dataclass(frozen=True)
class Work:
    """The member's tables as typed repositories, for the length of one transaction."""

    db: TinyDB

    @property
    def people(self) -> Repository[Person]:
        return Repository(self.db.table(PEOPLE), Person)

    @property
    def conversations(self) -> Repository[Conversation]:
        return Repository(self.db.table(CONVERSATIONS), Conversation)

    @property
    def events(self) -> Repository[Event]:
        return Repository(self.db.table(EVENTS), Event)

    @property
    def goals(self) -> Repository[Goal]:
        return Repository(self.db.table(GOALS), Goal)

    @property
    def tips(self) -> Repository[TipProgress]:
        return Repository(self.db.table(TIPS), TipProgress)

    @property
    def reflections(self) -> Repository[Reflection]:
        return Repository(self.db.table(REFLECTIONS), Reflection)

    @property
    def loops(self) -> Repository[Loop]:
        return Repository(self.db.table(LOOPS), Loop)

    @property
    def set_aside(self) -> Repository[SetAside]:
        return Repository(self.db.table(SET_ASIDE), SetAside)

    @property
    def profile(self) -> Repository[Profile]:
        return Repository(self.db.table(PROFILE), Profile)

    @property
    def trash(self) -> Repository[TrashItem]:
        return Repository(self.db.table(TRASH), TrashItem)

    def empty_expired_trash(self, today: dt.date) -> None:
        """Items kept past their time leave the trash; done on a save, so nothing runs on a timer.

        Only a change that writes anyway looks: one that wrote nothing stays a no-op.
        """
        durable = getattr(self.db, "durable", None)
        if durable is not None and durable.working is None:
            return
        table = self.db.table(TRASH)
        if not len(table):
            return
        expired = [doc.doc_id for doc in table.search(where("deleted_on") < oldest_kept(today).isoformat())]
        if expired:
            table.remove(doc_ids=expired)

    @property
    def reminders(self) -> Repository[Reminders]:
        return Repository(self.db.table(REMINDERS), Reminders)

    @property
    def digests_sent(self) -> Repository[DigestSent]:
        return Repository(self.db.table(DIGESTS_SENT), DigestSent)

    def as_shown(self, repo: Repository[Any], record_id: int, what: str, expected: ShownRecord | None) -> Document:
        """The stored document for `record_id`, refused unless it is still the record the screen showed.

        Ids can come round again and another tab can change a record, so an id alone does
        not say which record a person acted on; the record they saw does.
        """
        if expected is not None and expected.id is not None and expected.id != record_id:
            raise ValueError(f"{what}: the record shown has id {expected.id}, not {record_id}")
        doc = repo.document(record_id)
        if expected is None:
            if doc is None:
                raise NotFoundError(f"{what}: no {what} with id {record_id}")
            return doc
        if doc is None:
            label = record_label(self.people, expected, deleted=True)
            raise NotFoundError(f"{label} was deleted in another tab or window; nothing was saved.")
        if not same_record(doc, expected):
            raise StaleRecordError(
                [
                    f"{record_label(self.people, expected)} changed in another tab or window since this page "
                    "was shown; nothing was saved. Look at it again and retry."
                ]
            )
        return doc


class DecodedRows:
    """Records already turned into values, so a new version of the file decodes only what changed.

    After a save (or another process's write) every screen reads a new
    snapshot; decoding a thousand unchanged conversations again would be most
    of the save's cost. A stored record is never changed in place (a change
    replaces it), so a record that is the very object decoded before, or an
    equal one read back from the file, gives the same value.
    """

    def __init__(self) -> None:
        self._seen: dict[str, dict[str, tuple[Mapping[str, Any], Any]]] = {}

    def rows(self, tables: Tables, name: str, kind: type[T]) -> tuple[T, ...]:
        known = self._seen.get(name, {})
        fresh: dict[str, tuple[Mapping[str, Any], Any]] = {}
        for doc_id, doc in tables.get(name, {}).items():
            seen = known.get(doc_id)
            if seen is not None and (seen[0] is doc or seen[0] == doc):
                fresh[doc_id] = seen
            else:
                fresh[doc_id] = (doc, from_record(kind, doc, int(doc_id)))
        self._seen[name] = fresh  # rows deleted since are forgotten with the old table
        return tuple(value for _, value in fresh.values())


def snapshot_of(revision: Any, tables: Tables, decoded: DecodedRows | None = None) -> Snapshot:
    """The member's tables as values, each list in the order screens show it."""
    _rows = (decoded or DecodedRows()).rows
    profile_doc = tables.get(PROFILE, {}).get(str(PROFILE_ID))
    reminders_doc = tables.get(REMINDERS, {}).get(str(PROFILE_ID))
    return Snapshot(
        revision=revision,
        profile=from_record(Profile, profile_doc) if profile_doc else Profile(),
        people=tuple(sorted(_rows(tables, PEOPLE, Person), key=lambda p: p.name.lower())),
        conversations=tuple(
            sorted(_rows(tables, CONVERSATIONS, Conversation), key=lambda c: (c.date, c.id or 0), reverse=True)
        ),
        events=tuple(sorted(_rows(tables, EVENTS, Event), key=lambda e: e.date)),
        goals=tuple(sorted(_rows(tables, GOALS, Goal), key=lambda g: (g.month, g.metric.value))),
        tips=_rows(tables, TIPS, TipProgress),
        reflections=tuple(sorted(_rows(tables, REFLECTIONS, Reflection), key=lambda r: r.month)),
        loops=tuple(sorted(_rows(tables, LOOPS, Loop), key=lambda loop: loop.id or 0)),
        set_aside=tuple(sorted(_rows(tables, SET_ASIDE, SetAside), key=lambda item: item.id or 0)),
        reminders=from_record(Reminders, reminders_doc) if reminders_doc else Reminders(),
        digests_sent=tuple(sorted(_rows(tables, DIGESTS_SENT, DigestSent), key=lambda item: item.id or 0)),
    )


class UnitOfWork:
    """One member's store and clock, the caches over them, and the transaction every change runs in."""

    def __init__(self, store: MemberStore, today: Clock = system_today):
        self._store = store
        self._today = today
        self._snapshot: Snapshot | None = None
        self._decoded = DecodedRows()
        self._memo: dict[Hashable, Any] = {}
        self._cache_lock = threading.Lock()

    @property
    def today(self) -> dt.date:
        return self._today()

    # A member's file is <data folder>/members/<member id>.json.
    @property
    def data_file(self) -> Path:
        """The file this member's data lives in."""
        return self._store.path

    @property
    def member_id(self) -> str:
        return self._store.path.stem

    @property
    def data_root(self) -> Path:
        """The data folder this member belongs to."""
        return self._store.path.parent.parent

    # ------------------------------------------------------------------ reads
    def snapshot(self) -> Snapshot:
        """The member's data, converted once per version of the file."""
        with self._store.reading() as (revision, tables), self._cache_lock:
            if self._snapshot is not None and self._snapshot.revision == revision:
                return self._snapshot
            try:
                snap = snapshot_of(revision, tables, self._decoded)
            except (ValueError, TypeError, KeyError, AttributeError) as error:
                # A hand-edited file can be valid JSON and still hold a record we cannot read.
                raise CorruptFileError(self._store.path, f"a record cannot be read ({error})") from None
            self._snapshot = snap
            return snap

    def frames(self) -> analytics.Frames:
        """The member's data as DataFrames, rebuilt only when the file changed."""
        return analytics.frames_for(self.snapshot())

    def remembered(self, key: Hashable, build: Callable[[], T]) -> T:
        """What `build()` returns, built once per version of the member's file and day, then served from memory.

        For what a page would otherwise rebuild on every rerun from unchanged
        data, a chart say. `build` may read only this member's data and today;
        `key` names what it builds. Callers must not change what they get back.
        """
        return self._derived(("remembered", key), lambda _snap: build())

    def _derived(self, key: Hashable, compute: Callable[[Snapshot], T]) -> T:
        """A coach result for the current file version and day, computed once.

        Callers pass a `key` naming the question (and its arguments, such as the month).
        """
        snap = self.snapshot()
        memo_key = (snap.revision, self.today, key)
        with self._cache_lock:
            if memo_key in self._memo:
                found: T = self._memo[memo_key]
                return found
        value = compute(snap)
        with self._cache_lock:
            if len(self._memo) > MEMO_LIMIT:
                self._memo.clear()
            self._memo[memo_key] = value
        return value

    # ---------------------------------------------------------------- writes
    @contextlib.contextmanager
    def _work(self) -> Iterator[Work]:
        """One all-or-nothing change to the member's file.

        Kept to the service's own parts: what it yields reaches the raw tables.
        """
        with self._store.transaction() as db:
            work = Work(db)
            yield work
            work.empty_expired_trash(self.today)
