"""The one door views use to read and change a member's data.

A `MemberService` is bound to one member when it is made; no method takes a
member id, so a caller holding one member's service cannot reach another's.
Every change is validated in full before anything is written and runs in one
store transaction, so it is either all on disk or not at all.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

import pandas as pd
from tinydb.table import Document

from netcoach import coach, transfer
from netcoach.coach import tips
from netcoach.insights import analytics
from netcoach.models import (
    TABLE_PARSERS,
    Conversation,
    Event,
    Goal,
    GoalMetric,
    MentorStage,
    Person,
    Profile,
    Reflection,
    Role,
    Setting,
    Snapshot,
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
    parse_reflection,
    parse_tip_progress,
    to_record,
)
from netcoach.storage.store import CorruptFileError, DataDir, MemberStore, Tables, data_dir

__all__ = [
    "FollowUps",
    "GoalProgress",
    "MemberService",
    "NotFoundError",
    "Snapshot",
    "StaleRecordError",
    "member_service",
]

PEOPLE, CONVERSATIONS, EVENTS, GOALS, TIPS, REFLECTIONS, PROFILE = (
    "people",
    "conversations",
    "events",
    "goals",
    "tips",
    "reflections",
    "profile",
)
DATA_TABLES = tuple(TABLE_PARSERS)

T = TypeVar("T")


class NotFoundError(LookupError):
    """The record asked for is not in this member's data."""


class StaleRecordError(ValidationError):
    """The record changed since the screen showed it, so a change meant for it was not saved.

    A ValidationError so every form's existing error display shows it as it shows a bad field.
    """


# A record a screen shows and a person can change or remove from there.
ShownRecord = Person | Conversation | Event


def _same_record(stored: Mapping[str, Any], expected: ShownRecord, wanted: Mapping[str, Any] | None = None) -> bool:
    """Whether the stored document is the record the screen showed (ids aside).

    `wanted` is `to_record(expected)` when the caller already has it.
    """
    wanted = to_record(expected) if wanted is None else wanted
    # An older file may lack a field a newer version defaults: compare both as this version reads them.
    return dict(stored) == wanted or to_record(from_record(type(expected), stored)) == wanted


def _fmt_day(day: dt.date) -> str:
    return day.strftime("%d %b %Y")


def _record_label(db: Any, record: ShownRecord, *, deleted: bool = False) -> str:
    """The record as the person knows it: a name, or who and when."""
    if isinstance(record, Person):
        name = record.name or "this person"
        return name if deleted else f"The details of {name}"
    if isinstance(record, Event):
        return f"The event {record.name} on {_fmt_day(record.date)}"
    people = db.table(PEOPLE)
    names = [doc.get("name", "") for i in record.person_ids if (doc := people.get(doc_id=i)) is not None]
    who = f" with {', '.join(n for n in names if n)}" if any(names) else ""
    return f"The conversation{who} on {_fmt_day(record.date)}"


@dataclasses.dataclass(frozen=True)
class Insights:
    """Headline numbers and the tables behind every Insights chart."""

    conversations: int
    people_met: int
    organizations: int
    on_time_rate: float | None
    per_week_by_role: pd.DataFrame
    new_vs_repeat: pd.DataFrame
    settings_mix: pd.DataFrame
    followthrough: pd.DataFrame
    quality_by_month: pd.DataFrame
    organizations_reached: pd.DataFrame
    network_growth: pd.DataFrame


@dataclasses.dataclass(frozen=True)
class GoalProgress:
    metric: GoalMetric
    target: int | None
    actual: int


@dataclasses.dataclass(frozen=True)
class FollowUps:
    overdue: tuple[Conversation, ...]
    due_today: tuple[Conversation, ...]
    upcoming: tuple[Conversation, ...]


def _rows(tables: Tables, name: str, kind: type[T]) -> tuple[T, ...]:
    return tuple(from_record(kind, doc, int(doc_id)) for doc_id, doc in tables.get(name, {}).items())


def _snapshot_of(revision: Any, tables: Tables) -> Snapshot:
    profile_doc = tables.get(PROFILE, {}).get("1")
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
    )


class MemberService:
    """Reads and writes for exactly one member."""

    def __init__(self, store: MemberStore, today: Callable[[], dt.date] = dt.date.today):
        self._store = store
        self._today = today
        self._snapshot: Snapshot | None = None
        self._memo: dict[Any, Any] = {}
        self._cache_lock = threading.Lock()

    @property
    def today(self) -> dt.date:
        return self._today()

    # ------------------------------------------------------------------ reads
    def snapshot(self) -> Snapshot:
        """The member's data, converted once per version of the file."""
        with self._store.reading() as (revision, tables), self._cache_lock:
            if self._snapshot is not None and self._snapshot.revision == revision:
                return self._snapshot
            try:
                snap = _snapshot_of(revision, tables)
            except (ValueError, TypeError, KeyError, AttributeError) as error:
                # A hand-edited file can be valid JSON and still hold a record we cannot read.
                raise CorruptFileError(self._store.path, f"a record cannot be read ({error})") from None
            self._snapshot = snap
            return snap

    def frames(self) -> analytics.Frames:
        """The member's data as DataFrames, rebuilt only when the file changed."""
        return analytics.frames_for(self.snapshot())

    def _derived(self, key: Any, compute: Callable[[Snapshot], T]) -> T:
        """Coach results for the current file version and day, computed once."""
        snap = self.snapshot()
        memo_key = (snap.revision, self.today, key)
        with self._cache_lock:
            if memo_key in self._memo:
                return self._memo[memo_key]
        value = compute(snap)
        with self._cache_lock:
            if len(self._memo) > 64:
                self._memo.clear()
            self._memo[memo_key] = value
        return value

    def profile(self) -> Profile:
        return self.snapshot().profile

    def people(self, text: str = "", roles: Iterable[Role] = ()) -> list[Person]:
        wanted = set(roles)
        needle = text.strip().lower()
        return [
            p
            for p in self.snapshot().people
            if (not wanted or p.role in wanted)
            and (not needle or needle in " ".join((p.name, p.organization, p.how_met, *p.tags)).lower())
        ]

    def person(self, person_id: int) -> Person:
        found = self.snapshot().person_by_id().get(person_id)
        if found is None:
            raise NotFoundError(f"person: no person with id {person_id}")
        return found

    def conversations(
        self,
        start: dt.date | None = None,
        end: dt.date | None = None,
        roles: Iterable[Role] = (),
        settings: Iterable[Setting] = (),
        person_id: int | None = None,
        text: str = "",
    ) -> list[Conversation]:
        """Conversations newest first, filtered by any of the given criteria."""
        snap = self.snapshot()
        people = snap.person_by_id()
        wanted_roles, wanted_settings = set(roles), set(settings)
        needle = text.strip().lower()

        def keep(c: Conversation) -> bool:
            if (start and c.date < start) or (end and c.date > end):
                return False
            if wanted_settings and c.setting not in wanted_settings:
                return False
            if person_id is not None and person_id not in c.person_ids:
                return False
            if wanted_roles and not any(people[p].role in wanted_roles for p in c.person_ids if p in people):
                return False
            if needle:
                names = " ".join(people[p].name for p in c.person_ids if p in people)
                haystack = " ".join((names, c.event, c.learned, c.help_offered, c.notes, *c.topics))
                return needle in haystack.lower()
            return True

        return [c for c in snap.conversations if keep(c)]

    def conversation(self, conversation_id: int) -> Conversation:
        for c in self.snapshot().conversations:
            if c.id == conversation_id:
                return c
        raise NotFoundError(f"conversation: no conversation with id {conversation_id}")

    def events(self) -> list[Event]:
        return list(self.snapshot().events)

    def event(self, event_id: int) -> Event:
        for e in self.snapshot().events:
            if e.id == event_id:
                return e
        raise NotFoundError(f"event: no event with id {event_id}")

    def goals(self, month: str | None = None) -> list[Goal]:
        month = parse_month(month) if month else None
        return [g for g in self.snapshot().goals if month is None or g.month == month]

    def goal_progress(self, month: str) -> list[GoalProgress]:
        """Every metric's count for the month beside its target, if one is set."""
        month = parse_month(month)
        actual = analytics.month_progress(self.frames(), month)
        targets = {g.metric: g.target for g in self.goals(month)}
        return [GoalProgress(m, targets.get(m), actual[m]) for m in GoalMetric]

    def followups(self) -> FollowUps:
        today = self.today
        open_ = [c for c in self.snapshot().conversations if c.needs_followup]
        open_.sort(key=lambda c: (c.followup_due, c.id or 0))
        return FollowUps(
            overdue=tuple(c for c in open_ if c.followup_due < today),
            due_today=tuple(c for c in open_ if c.followup_due == today),
            upcoming=tuple(c for c in open_ if c.followup_due > today),
        )

    def people_overview(self, text: str = "", roles: Iterable[Role] = ()) -> pd.DataFrame:
        """One row per matching person: role, organization, last conversation, count."""
        wanted = {p.id for p in self.people(text, roles)}
        table = analytics.people_table(self.frames())
        table = table[table["id"].isin(wanted)]
        touch = {row.person_id: row for row in self.keep_in_touch()}
        strength = self.relationship_strength()

        def touch_status(person_id: int) -> str:
            row = touch.get(person_id)
            if row is None:
                return "Not talked yet"
            return f"{row.status.label} · next by {row.due_date:%d %b}"

        table = table.assign(
            role=table["role"].map(lambda v: Role(v).label),
            mentor_stage=table["mentor_stage"].map(lambda v: MentorStage(v).label),
            keep_in_touch=table["id"].map(touch_status),
            strength=table["id"].map(lambda i: strength.get(i, 0.0)),
        )
        columns = [
            "id",
            "name",
            "role",
            "organization",
            "last_talk",
            "conversations",
            "mentor_stage",
            "keep_in_touch",
            "strength",
        ]
        return table[columns].sort_values(["last_talk", "name"], ascending=[False, True], na_position="last")

    def insights(self) -> Insights:
        frames = self.frames()
        people = analytics.people_table(frames)
        met = people[people["conversations"] > 0]
        followthrough = self.followthrough()
        due = followthrough["needing"].sum() if len(followthrough) else 0
        return Insights(
            conversations=len(frames.conversations),
            people_met=len(met),
            organizations=met.loc[met["organization"].str.len() > 0, "organization"].nunique(),
            on_time_rate=(followthrough["on_time"].sum() / due) if due else None,
            per_week_by_role=analytics.conversations_per_week_by_role(frames),
            new_vs_repeat=analytics.new_vs_repeat_by_month(frames),
            settings_mix=analytics.settings_mix(frames),
            followthrough=followthrough,
            quality_by_month=analytics.quality_by_month(frames),
            organizations_reached=analytics.organizations_reached(frames),
            network_growth=analytics.network_growth(frames),
        )

    def internship_day(self) -> tuple[int, int] | None:
        """(today's day of the internship, its length in days), once both dates are set."""
        profile = self.profile()
        if not (profile.internship_start and profile.internship_end):
            return None
        total = (profile.internship_end - profile.internship_start).days + 1
        return min(max((self.today - profile.internship_start).days + 1, 0), total), total

    def activity(self, days: int = 84) -> pd.DataFrame:
        """Conversations per day over the last `days` days, for the calendar."""
        return analytics.activity_by_day(self.frames(), days, self.today)

    def network_growth(self) -> pd.DataFrame:
        return analytics.network_growth(self.frames())

    def week_streak(self) -> int:
        return analytics.week_streak(self.frames(), self.today)

    # ------------------------------------------------------------- coaching
    def nudges(self, limit: int | None = None) -> list[coach.Nudge]:
        found = self._derived("nudges", lambda snap: coach.nudges(snap, self.today))
        return found if limit is None else found[:limit]

    def goal_paces(self, month: str) -> dict[GoalMetric, coach.Pace]:
        month = parse_month(month)
        return self._derived(("paces", month), lambda snap: coach.goal_paces(snap, month, self.today))

    def suggested_targets(self, month: str) -> dict[GoalMetric, int]:
        month = parse_month(month)
        return self._derived(("suggested", month), lambda snap: coach.suggested_targets(snap, month))

    def goal_streak(self) -> int:
        return self._derived("streak", lambda snap: coach.goal_streak(snap, self.today))

    def monthly_review(self, month: str) -> coach.MonthlyReview:
        month = parse_month(month)
        return self._derived(("review", month), lambda snap: coach.monthly_review(snap, month))

    def goal_history(self, months: int = 6) -> pd.DataFrame:
        """Targets against results for the months before this one."""
        this_month = coach.month_of(self.today)
        past = [coach.shift_month(this_month, -i) for i in range(months, 0, -1)]
        return analytics.goal_history(self.frames(), self.snapshot().goals, past)

    def keep_in_touch(self) -> list[coach.KeepInTouch]:
        return self._derived("touch", lambda snap: coach.keep_in_touch(snap, self.today))

    def relationship_strength(self) -> dict[int, float]:
        return self._derived("strength", lambda snap: coach.relationship_strength(snap, self.today))

    def mentor_pipeline(self) -> list[coach.MentorCandidate]:
        return self._derived("mentors", coach.mentor_pipeline)

    def followthrough(self) -> pd.DataFrame:
        return self._derived("followthrough", lambda snap: coach.followthrough(snap, self.today))

    def exit_list(self) -> list[coach.ExitContact]:
        return self._derived("exit", lambda snap: coach.exit_list(snap, self.today))

    def draft_message(self, person_id: int, conversation_id: int | None = None, kind: str = "thank_you") -> str:
        conversation = self.conversation(conversation_id) if conversation_id is not None else None
        return coach.draft_followup_message(
            self.person(person_id), conversation, kind=kind, sender=self.profile().display_name
        )

    # ----------------------------------------------------------------- tips
    @staticmethod
    def tips_library() -> tuple[tips.Tip, ...]:
        return tips.load_tips()

    def followups_sent(self, limit: int = 10) -> list[Conversation]:
        """The most recently sent follow-ups, newest first."""
        done = [c for c in self.snapshot().conversations if c.followup_done]
        done.sort(key=lambda c: (c.followup_done, c.id or 0), reverse=True)
        return done[:limit]

    def conversations_by_event(self) -> dict[int, list[Conversation]]:
        """Conversations logged at each event, by event id."""
        linked: dict[int, list[Conversation]] = {}
        for conversation in self.snapshot().conversations:
            if conversation.event_id is not None:
                linked.setdefault(conversation.event_id, []).append(conversation)
        return linked

    def tip_progress(self) -> dict[str, TipProgress]:
        return {t.tip_id: t for t in self.snapshot().tips}

    def tips_due_for_review(self) -> list[tips.Tip]:
        return [tips.tip_by_id(i) for i in tips.due_for_review(self.tip_progress(), self.today)]

    @staticmethod
    def _known_tip(tip_id: str) -> None:
        try:
            tips.tip_by_id(tip_id)
        except KeyError:
            raise NotFoundError(f"tip: no tip with id {tip_id!r}") from None

    def mark_tip_read(self, tip_id: str) -> TipProgress:
        self._known_tip(tip_id)
        progress = tips.mark_read(self.tip_progress().get(tip_id), tip_id, self.today)
        return self.save_tip_progress(to_record(progress) | {"tip_id": tip_id})

    def mark_tip_tried(self, tip_id: str, reflection: str = "", useful: bool | None = None) -> TipProgress:
        self._known_tip(tip_id)
        progress = tips.mark_tried(
            self.tip_progress().get(tip_id), tip_id, self.today, reflection=reflection, useful=useful
        )
        return self.save_tip_progress(to_record(progress) | {"tip_id": tip_id})

    def set_tip_useful(self, tip_id: str, useful: bool | None) -> TipProgress:
        self._known_tip(tip_id)
        current = self.tip_progress().get(tip_id)
        base = to_record(current) if current else {"tip_id": tip_id}
        return self.save_tip_progress(base | {"useful": useful})

    # ----------------------------------------------------------------- people
    def add_person(self, raw: Mapping[str, Any]) -> Person:
        person = parse_person({**raw, "id": None})
        with self._store.transaction() as db:
            doc_id = db.table(PEOPLE).insert(to_record(person))
        return dataclasses.replace(person, id=doc_id)

    def update_person(self, person_id: int, changes: Mapping[str, Any], *, expected: Person | None = None) -> Person:
        """Change a person; with `expected` (the person as shown), only if they still are that."""
        with self._store.transaction() as db:
            current = self._require_as_shown(db, PEOPLE, person_id, "person", expected)
            person = parse_person({**current, **changes, "id": None})
            db.table(PEOPLE).update(to_record(person), doc_ids=[person_id])
        return dataclasses.replace(person, id=person_id)

    def delete_impact(self, person_id: int) -> tuple[int, int]:
        """(conversations that would be deleted, conversations that would only lose this person)."""
        solo = shared = 0
        for c in self.snapshot().conversations:
            if person_id in c.person_ids:
                if len(c.person_ids) == 1:
                    solo += 1
                else:
                    shared += 1
        return solo, shared

    def delete_person(self, person_id: int, *, expected: Person | None = None) -> int:
        """Remove a person, their one-on-one log, and their name from group conversations."""
        removed = 0
        with self._store.transaction() as db:
            self._require_as_shown(db, PEOPLE, person_id, "person", expected)
            conversations = db.table(CONVERSATIONS)
            for doc in conversations.all():
                ids = doc.get("person_ids", [])
                if person_id not in ids:
                    continue
                if len(ids) == 1:
                    conversations.remove(doc_ids=[doc.doc_id])
                    removed += 1
                else:
                    conversations.update({"person_ids": [i for i in ids if i != person_id]}, doc_ids=[doc.doc_id])
            db.table(PEOPLE).remove(doc_ids=[person_id])
        return removed

    def merge_people(
        self,
        keep_id: int,
        other_ids: Sequence[int],
        *,
        expected: Person | None = None,
        expected_others: Sequence[Person] = (),
    ) -> Person:
        """Fold duplicates into one person: their conversations and details move over.

        `expected` is the person kept and `expected_others` the duplicates, as the screen
        showed them; any that changed since refuses the whole merge.
        """
        others = [i for i in dict.fromkeys(other_ids) if i != keep_id]
        if not others:
            raise ValidationError(["merge: pick at least one other person to merge"])
        shown = {p.id: p for p in expected_others}
        with self._store.transaction() as db:
            people = db.table(PEOPLE)
            merged = dict(self._require_as_shown(db, PEOPLE, keep_id, "person", expected))
            for other_id in others:
                other = self._require_as_shown(db, PEOPLE, other_id, "person", shown.get(other_id))
                for key, value in other.items():
                    if key in ("links", "tags"):
                        merged[key] = list(dict.fromkeys([*merged.get(key, []), *value]))
                    elif key == "notes" and value and value not in merged.get("notes", ""):
                        merged["notes"] = "\n".join(filter(None, [merged.get("notes", ""), value]))
                    elif not merged.get(key) or merged.get(key) in ("other", "none"):
                        merged[key] = value
            person = parse_person({**merged, "id": None})
            conversations = db.table(CONVERSATIONS)
            for doc in conversations.all():
                ids = doc.get("person_ids", [])
                if any(i in others for i in ids):
                    new_ids = list(dict.fromkeys(keep_id if i in others else i for i in ids))
                    conversations.update({"person_ids": new_ids}, doc_ids=[doc.doc_id])
            people.update(to_record(person), doc_ids=[keep_id])
            people.remove(doc_ids=others)
        return dataclasses.replace(person, id=keep_id)

    # ---------------------------------------------------------- conversations
    def log_conversation(self, raw: Mapping[str, Any], new_people: Sequence[Mapping[str, Any]] = ()) -> Conversation:
        """Log a conversation; people not yet known are created in the same write."""
        problems: list[str] = []
        parsed_people: list[Person] = []
        for index, person_raw in enumerate(new_people, start=1):
            try:
                parsed_people.append(parse_person({**person_raw, "id": None}))
            except ValidationError as exc:
                label = f"new person {index}" if len(new_people) > 1 else "new person"
                problems.extend(f"{label} {p}" for p in exc.problems)
        given = raw.get("person_ids") or []
        # Only a list can be padded with stand-ins for the new people; anything else goes to the
        # parser as it is, to be refused by name rather than crash here.
        placeholder = list(given) if isinstance(given, (list, tuple)) else []
        padded = placeholder + [10**9] * len(new_people) if isinstance(given, (list, tuple)) else given
        draft = {**raw, "id": None, "person_ids": padded}
        try:
            conversation = parse_conversation(draft)
        except ValidationError as exc:
            problems.extend(exc.problems)
            conversation = None
        if conversation is not None:
            problems.extend(conversation_date_problems(conversation, self.today))
        if problems:
            raise ValidationError(problems)
        assert conversation is not None
        with self._store.transaction() as db:
            # Check the ids given (the parser vouched they are ids), not the new people's stand-ins.
            known = dataclasses.replace(conversation, person_ids=tuple(dict.fromkeys(placeholder)))
            self._check_references(db, known)
            new_ids = [db.table(PEOPLE).insert(to_record(p)) for p in parsed_people]
            conversation = dataclasses.replace(conversation, person_ids=tuple(dict.fromkeys([*placeholder, *new_ids])))
            doc_id = db.table(CONVERSATIONS).insert(to_record(conversation))
        return dataclasses.replace(conversation, id=doc_id)

    def update_conversation(
        self, conversation_id: int, changes: Mapping[str, Any], *, expected: Conversation | None = None
    ) -> Conversation:
        """Change a conversation; with `expected` (as shown), only if it still is that.

        The rules on dates apply to the dates this change alters, so an older record
        with a date the rules now refuse can still have its other fields fixed.
        """
        with self._store.transaction() as db:
            current = self._require_as_shown(db, CONVERSATIONS, conversation_id, "conversation", expected)
            conversation = parse_conversation({**current, **changes, "id": None})
            before = from_record(Conversation, current)
            dates = ("date", "followup_due", "followup_done")
            changed = [f for f in dates if getattr(conversation, f) != getattr(before, f)]
            problems = conversation_date_problems(conversation, self.today, changed)
            if problems:
                raise ValidationError(problems)
            self._check_references(db, conversation)
            db.table(CONVERSATIONS).update(to_record(conversation), doc_ids=[conversation_id])
        return dataclasses.replace(conversation, id=conversation_id)

    def delete_conversation(self, conversation_id: int, *, expected: Conversation | None = None) -> None:
        with self._store.transaction() as db:
            self._require_as_shown(db, CONVERSATIONS, conversation_id, "conversation", expected)
            db.table(CONVERSATIONS).remove(doc_ids=[conversation_id])

    def mark_followup_done(
        self, conversation_id: int, on: dt.date | None = None, *, expected: Conversation | None = None
    ) -> Conversation:
        return self.update_conversation(conversation_id, {"followup_done": on or self.today}, expected=expected)

    def reopen_followup(self, conversation_id: int, *, expected: Conversation | None = None) -> Conversation:
        return self.update_conversation(conversation_id, {"followup_done": None}, expected=expected)

    # ----------------------------------------------------------------- events
    def add_event(self, raw: Mapping[str, Any]) -> Event:
        event = parse_event({**raw, "id": None})
        with self._store.transaction() as db:
            doc_id = db.table(EVENTS).insert(to_record(event))
        return dataclasses.replace(event, id=doc_id)

    def update_event(self, event_id: int, changes: Mapping[str, Any], *, expected: Event | None = None) -> Event:
        with self._store.transaction() as db:
            current = self._require_as_shown(db, EVENTS, event_id, "event", expected)
            event = parse_event({**current, **changes, "id": None})
            db.table(EVENTS).update(to_record(event), doc_ids=[event_id])
        return dataclasses.replace(event, id=event_id)

    def track_shared_event(self, shared: Event, attended: bool) -> Event:
        """Going to (or went to) a team event: keep it as this member's own event."""
        with self._store.transaction() as db:
            table = db.table(EVENTS)
            mine = [d for d in table.all() if d.get("shared_id") == shared.id]
            record = {**to_record(shared), "shared_id": shared.id, "attended": attended}
            event = parse_event({**record, "id": None})
            if mine:
                table.update(to_record(event), doc_ids=[mine[0].doc_id])
                doc_id = mine[0].doc_id
            else:
                doc_id = table.insert(to_record(event))
        return dataclasses.replace(event, id=doc_id)

    def delete_event(self, event_id: int, *, expected: Event | None = None) -> None:
        """Remove an event; conversations keep their event name but lose the link."""
        with self._store.transaction() as db:
            self._require_as_shown(db, EVENTS, event_id, "event", expected)
            conversations = db.table(CONVERSATIONS)
            for doc in conversations.all():
                if doc.get("event_id") == event_id:
                    conversations.update({"event_id": None}, doc_ids=[doc.doc_id])
            db.table(EVENTS).remove(doc_ids=[event_id])

    # ------------------------------------------------------------------ goals
    def set_goal(self, month: str, metric: GoalMetric | str, target: int) -> Goal:
        """Set (or change) the month's target for one metric."""
        goal = parse_goal({"month": month, "metric": metric, "target": target})
        with self._store.transaction() as db:
            table = db.table(GOALS)
            existing = [
                d.doc_id for d in table.all() if d.get("month") == goal.month and d.get("metric") == goal.metric.value
            ]
            if existing:
                table.update(to_record(goal), doc_ids=existing[:1])
                doc_id = existing[0]
            else:
                doc_id = table.insert(to_record(goal))
        return dataclasses.replace(goal, id=doc_id)

    def set_goals(
        self, month: str, targets: Mapping[GoalMetric, int | None], *, fill_with_suggestions: bool = False
    ) -> list[Goal]:
        """Set a whole month's targets at once; a target of None or 0 removes that goal.

        With `fill_with_suggestions`, metrics left at 0 get the suggested target instead.
        """
        month = parse_month(month)
        if fill_with_suggestions:
            suggested = self.suggested_targets(month)
            targets = {metric: target or suggested[GoalMetric(metric)] for metric, target in targets.items()}
        problems: list[str] = []
        wanted: dict[str, Goal] = {}
        for metric, target in targets.items():
            if not target:
                continue
            try:
                goal = parse_goal({"month": month, "metric": metric, "target": target})
            except ValidationError as exc:
                problems.extend(exc.problems)
            else:
                wanted[goal.metric.value] = goal
        if problems:
            raise ValidationError(problems)
        cleared = {GoalMetric(m).value for m, t in targets.items() if not t}
        with self._store.transaction() as db:
            table = db.table(GOALS)
            for doc in table.all():
                if doc.get("month") != month:
                    continue
                metric = doc.get("metric")
                if metric in wanted:
                    table.update(to_record(wanted.pop(metric)), doc_ids=[doc.doc_id])
                elif metric in cleared:
                    table.remove(doc_ids=[doc.doc_id])
            for goal in wanted.values():
                table.insert(to_record(goal))
        return self.goals(month)

    def delete_goal(self, month: str, metric: GoalMetric | str) -> None:
        goal = parse_goal({"month": month, "metric": metric, "target": 1})
        with self._store.transaction() as db:
            table = db.table(GOALS)
            ids = [
                d.doc_id for d in table.all() if d.get("month") == goal.month and d.get("metric") == goal.metric.value
            ]
            if ids:
                table.remove(doc_ids=ids)

    def reflection(self, month: str) -> str:
        month = parse_month(month)
        return next((r.text for r in self.snapshot().reflections if r.month == month), "")

    def save_reflection(self, month: str, text: str) -> Reflection:
        reflection = parse_reflection({"month": month, "text": text})
        with self._store.transaction() as db:
            table = db.table(REFLECTIONS)
            existing = [d.doc_id for d in table.all() if d.get("month") == reflection.month]
            if existing:
                table.update(to_record(reflection), doc_ids=existing[:1])
            else:
                table.insert(to_record(reflection))
        return reflection

    # ------------------------------------------------------- tips and profile
    def save_tip_progress(self, raw: Mapping[str, Any]) -> TipProgress:
        """Save what was done with a tip; fields not given keep their saved value (like the profile)."""
        progress = parse_tip_progress({**raw, "id": None})
        with self._store.transaction() as db:
            table = db.table(TIPS)
            existing = [d.doc_id for d in table.all() if d.get("tip_id") == progress.tip_id]
            if existing:
                progress = parse_tip_progress({**table.get(doc_id=existing[0]), **raw, "id": None})
                table.update(to_record(progress), doc_ids=existing[:1])
                doc_id = existing[0]
            else:
                doc_id = table.insert(to_record(progress))
        return dataclasses.replace(progress, id=doc_id)

    def save_profile(self, raw: Mapping[str, Any]) -> Profile:
        with self._store.transaction() as db:
            table = db.table(PROFILE)
            current = table.get(doc_id=1) or {}
            profile = parse_profile({**current, **raw})
            table.upsert(Document(to_record(profile), doc_id=1))
        return profile

    # ----------------------------------------------------- export and import
    def export_json(self) -> dict[str, Any]:
        """Every record of the member, ids included, as one JSON-ready document."""
        with self._store.reading() as (_, tables):
            return transfer.export_document(tables)

    def export_csv(self, kind: str) -> str:
        snap = self.snapshot()
        if kind == "people":
            return transfer.people_csv(snap.people)
        if kind == "conversations":
            return transfer.conversations_csv(snap.conversations, snap.person_by_id())
        raise ValueError(f"export: unknown CSV kind {kind!r} (people or conversations)")

    def preview_import(self, kind: str, payload: bytes | str) -> transfer.ImportPlan:
        """What an import would do, without writing anything."""
        snap = self.snapshot()
        if kind == "json":
            return transfer.plan_json(payload, member_is_empty=snap.is_empty, today=self.today)
        if kind == "linkedin":
            return transfer.plan_linkedin(payload, snap.people)
        if kind == "people_csv":
            return transfer.plan_people_csv(payload, snap.people)
        if kind == "conversations_csv":
            return transfer.plan_conversations_csv(payload, snap.people, today=self.today)
        raise ValueError(f"import: unknown kind {kind!r}")

    def apply_import(self, plan: transfer.ImportPlan) -> dict[str, int]:
        """Write what a previewed plan holds; rows listed as errors were already left out.

        Everything is prepared before the member's lock is taken, which is then held only
        to check the plan still fits and to write, so other saves are not held up. If any
        person the plan read changed or went away since the preview, nothing is written.
        """
        if plan.replace_tables is not None:
            return self._restore(plan.replace_tables)
        base = {person_id: to_record(person) for person_id, person in plan.based_on.items()}
        updates = self._import_updates(plan, base)
        new_people = [to_record(p) for p in plan.new_people]
        with self._store.transaction() as db:
            people = db.table(PEOPLE)
            self._check_import_base(people, plan.based_on, base)
            new_ids = people.insert_multiple(new_people) if new_people else []
            _update_documents(people, updates)
            records = []
            for conversation, new_refs in plan.new_conversations:
                ids = [*conversation.person_ids, *(new_ids[i] for i in new_refs)]
                records.append(to_record(dataclasses.replace(conversation, person_ids=tuple(dict.fromkeys(ids)))))
            if records:
                db.table(CONVERSATIONS).insert_multiple(records)
        return {
            "people": len(plan.new_people),
            "updated_people": len(plan.person_updates),
            "conversations": len(plan.new_conversations),
        }

    def _restore(self, tables: Mapping[str, Mapping[str, Mapping[str, Any]]]) -> dict[str, int]:
        with self._store.transaction() as db:
            if any(db.table(name).all() for name in (PEOPLE, CONVERSATIONS, EVENTS, GOALS)):
                raise ValidationError(["import: a full restore needs an empty member; use a backup restore"])
            for name in DATA_TABLES:
                table = db.table(name)
                if len(table):  # an "empty" member may still hold a profile or tip progress
                    table.truncate()
                docs = tables.get(name, {})
                if docs:
                    table.insert_multiple(Document(doc, doc_id=int(i)) for i, doc in docs.items())
        return {name: len(tables.get(name, {})) for name in DATA_TABLES}

    @staticmethod
    def _import_updates(plan: transfer.ImportPlan, base: Mapping[int, dict[str, Any]]) -> dict[int, dict[str, Any]]:
        """Each updated person's whole new record, built from the record the preview read."""
        updates: dict[int, dict[str, Any]] = {}
        for person_id, changes in plan.person_updates:
            if person_id not in base:
                raise ValueError(f"import: the plan updates person {person_id} without saying what it read")
            current = updates.get(person_id, base[person_id])
            updates[person_id] = to_record(parse_person({**current, **changes, "id": None}))
        return updates

    @staticmethod
    def _check_import_base(people: Any, based_on: Mapping[int, Person], base: Mapping[int, dict[str, Any]]) -> None:
        """Refuse the plan if anyone it matched, updates or names is not as the preview read them."""
        if not base:
            return
        stored = {doc.doc_id: doc for doc in people.all()}
        gone = [based_on[i].name for i in base if i not in stored]
        changed = [based_on[i].name for i in base if i in stored and not _same_record(stored[i], based_on[i], base[i])]
        if gone or changed:
            listed = [*(f"{n} was deleted" for n in gone), *(f"{n} changed" for n in changed)]
            named = ", ".join(listed[:5]) + (f" and {len(listed) - 5} more" if len(listed) > 5 else "")
            raise StaleRecordError(
                [
                    f"import: your people changed since this preview ({named}); nothing was imported."
                    " Preview the file again."
                ]
            )

    def load_sample_data(self, conversations: int = 120, seed: int = 1) -> None:
        """Fill an empty member with an invented intern's data, to look around."""
        from netcoach import demo  # demo builds on this module

        demo.generate(self, conversations=conversations, seed=seed)

    def erase_all(self) -> None:
        """Empty every table; a backup of the current file is kept first."""
        with self._store.transaction() as db:
            self._store.backup_now("before-erase")
            for name in DATA_TABLES:
                db.table(name).truncate()

    # ---------------------------------------------------------------- backups
    def backups(self) -> list[Path]:
        return self._store.backups()

    def restore_backup(self, name: str) -> None:
        matches = [p for p in self._store.backups() if p.name == name]
        if not matches:
            raise NotFoundError(f"backup: no backup named {name!r}")
        self._store.restore(matches[0])

    # ---------------------------------------------------------------- helpers
    @staticmethod
    def _require(table: Any, doc_id: int, what: str) -> Document:
        doc = table.get(doc_id=doc_id) if isinstance(doc_id, int) else None
        if doc is None:
            raise NotFoundError(f"{what}: no {what} with id {doc_id}")
        return doc

    @staticmethod
    def _require_as_shown(db: Any, name: str, doc_id: int, what: str, expected: ShownRecord | None) -> Document:
        """The stored document for `doc_id`, refused unless it is still the record the screen showed.

        Ids can come round again and another tab can change a record, so an id alone does
        not say which record a person acted on; the record they saw does.
        """
        if expected is None:
            return MemberService._require(db.table(name), doc_id, what)
        if expected.id is not None and expected.id != doc_id:
            raise ValueError(f"{what}: the record shown has id {expected.id}, not {doc_id}")
        doc = db.table(name).get(doc_id=doc_id) if isinstance(doc_id, int) else None
        if doc is None:
            label = _record_label(db, expected, deleted=True)
            raise NotFoundError(f"{label} was deleted in another tab or window; nothing was saved.")
        label = _record_label(db, expected)
        if not _same_record(doc, expected):
            raise StaleRecordError(
                [
                    f"{label} changed in another tab or window since this page was shown; "
                    "nothing was saved. Look at it again and retry."
                ]
            )
        return doc

    @staticmethod
    def _check_references(db: Any, conversation: Conversation) -> None:
        problems = []
        people = db.table(PEOPLE)
        for person_id in conversation.person_ids:
            if not people.contains(doc_id=person_id):
                problems.append(f"person_ids: no person with id {person_id}")
        if conversation.event_id is not None and not db.table(EVENTS).contains(doc_id=conversation.event_id):
            problems.append(f"event_id: no event with id {conversation.event_id}")
        if problems:
            raise ValidationError(problems)


def _update_documents(table: Any, records: Mapping[int, dict[str, Any]]) -> None:
    """Write new fields into many documents in one pass over the table.

    TinyDB re-reads and re-writes a whole table on every insert or update, so one call
    per row makes a large import grow with the square of its size. The caller has just
    checked every id is present, so TinyDB visits them in the order given.
    """
    if not records:
        return
    pending = iter(records.values())

    def fill(doc: dict[str, Any]) -> None:
        doc.update(next(pending))

    written = table.update(fill, doc_ids=list(records))
    if written != list(records):
        raise RuntimeError("import: a person to update went missing during the write")


def member_service(root: Path | str, member_id: str, today: Callable[[], dt.date] = dt.date.today) -> MemberService:
    """The service for one member of a data folder (the folder's locks are shared)."""
    folder: DataDir = data_dir(root)
    return MemberService(folder.store(member_id), today=today)
