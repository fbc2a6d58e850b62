"""Open loops and prep cards: promises the member confirmed, and what to have in mind before a talk or an event.

Promises found in notes are only offered; nothing becomes a loop until the
member confirms it, and a dismissed sentence stays dismissed. Every decision
is written through the same all-or-nothing transaction as the rest, and a
click on a loop another tab already closed is refused, not repeated.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from typing import Any

from tinydb import where

from netcoach.coach import loops as coach_loops
from netcoach.coach import prep, signals
from netcoach.coach.signals import Signal
from netcoach.models import (
    FOLLOWUP_HORIZON,
    SHORT_TEXT_MAX,
    Loop,
    LoopStatus,
    Snapshot,
    ValidationError,
    from_record,
    parse_loop,
    to_record,
)
from netcoach.service.events import EventService
from netcoach.service.people import PeopleService
from netcoach.service.unit_of_work import NotFoundError, StaleRecordError, Work, loop_label, same_record

# The loop form's fields as the person sees them, for problems that name a field.
FIELD_LABELS = {"kind": "Kind", "person_ids": "Person", "what": "What", "text": "What", "due": "Due date"}


def signals_in(snapshot: Snapshot, today: dt.date) -> tuple[Signal, ...]:
    """Everything the coach reads in the member's words."""
    return tuple(signals.extract(snapshot, today))


def as_seen_on_the_form(problems: list[str]) -> list[str]:
    """Problems named by the form's labels ("What: required") rather than the stored field names."""
    labelled = []
    for problem in problems:
        field, _, rest = problem.partition(": ")
        labelled.append(f"{FIELD_LABELS[field]}: {rest}" if field in FIELD_LABELS and rest else problem)
    return labelled


def _decision_word(status: object) -> str:
    """How an earlier decision about a sentence reads: "You already dismissed this promise"."""
    words = {"confirmed": "confirmed", "dismissed": "dismissed", "closed": "confirmed and closed"}
    return words.get(str(status), "decided about")


def _valid_id(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


class LoopService(PeopleService, EventService):
    # ------------------------------------------------------------------ reads
    def signals(self) -> tuple[Signal, ...]:
        """What the member's notes say, read once per file version and day."""
        return self._derived("signals", lambda snap: signals_in(snap, self.today))

    def loops(self) -> coach_loops.LoopsView:
        """Promises spotted and not yet decided, open loops, and the ones closed lately."""
        return self._derived("loops", lambda snap: coach_loops.loops_view(self.signals(), snap.loops, self.today))

    def loops_for(self, person_id: int) -> coach_loops.PersonLoops:
        """One person's open loops and the promises with them spotted in notes."""
        self._require_person(person_id)
        return self.loops().for_person(person_id)

    def loop(self, loop_id: int) -> Loop:
        found = next((loop for loop in self.snapshot().loops if loop.id == loop_id), None)
        if found is None or not _valid_id(loop_id):
            raise NotFoundError(f"loop: no loop with id {loop_id}")
        return found

    def prep_card(self, person_id: int) -> prep.PrepCard:
        """The card to read before talking to this person."""
        self._require_person(person_id)
        return self._derived(
            ("prep", person_id),
            lambda snap: prep.prep_card(snap, person_id, self.today, self.signals(), snap.loops),
        )

    def event_prep(self, event_id: int) -> prep.EventPrep:
        """The card to read before going to this event."""
        if not _valid_id(event_id):
            raise NotFoundError(f"event: no event with id {event_id}")
        self.event(event_id)
        return self._derived(
            ("event_prep", event_id),
            lambda snap: prep.event_prep(snap, event_id, self.today, self.signals(), snap.loops),
        )

    def _require_person(self, person_id: int) -> None:
        if not _valid_id(person_id):
            raise NotFoundError(f"person: no person with id {person_id}")
        self.person(person_id)

    # ---------------------------------------------------------------- changes
    def confirm_loop(self, signal_key: str) -> Loop:
        """The promise in this sentence is real: it becomes an open loop until closed."""
        return self._decide(signal_key, LoopStatus.CONFIRMED)

    def dismiss_signal(self, signal_key: str) -> Loop:
        """The sentence holds no promise after all: it is never offered again."""
        return self._decide(signal_key, LoopStatus.DISMISSED)

    def _decide(self, signal_key: str, status: LoopStatus) -> Loop:
        signal = next((s for s in self.signals() if s.key == signal_key and s.kind.is_promise), None)
        if signal is None:
            raise StaleRecordError(
                ["That promise is no longer in your notes (the note was changed or deleted); nothing was saved."]
            )
        decision = coach_loops.loop_from_signal(signal, status, self.today)
        if len(decision.what) > SHORT_TEXT_MAX:
            decision = dataclasses.replace(decision, what=decision.what[: SHORT_TEXT_MAX - 1].rstrip() + "…")
        with self._work() as work:
            earlier = work.loops.document_where(where("signal_key") == signal_key)
            if earlier is not None:
                raise StaleRecordError(
                    [
                        f"You already {_decision_word(earlier.get('status'))} this promise in another tab or "
                        "window; nothing was saved."
                    ]
                )
            decision = _still_there(work, decision)
            loop = parse_loop(to_record(decision))
            loop_id = work.loops.insert(loop)
        return dataclasses.replace(loop, id=loop_id)

    def add_loop(self, fields: Mapping[str, Any]) -> Loop:
        """A promise the member types in on a person's page: "I promised…" or "They offered…".

        `fields` holds `kind`, `person_id` (or `person_ids`), `what` and an optional `due`.
        Problems name the form's fields ("What: required", "Due date: …").
        """
        raw = dict(fields)
        if "person_id" in raw:
            person_id = raw.pop("person_id")
            raw["person_ids"] = [person_id] if person_id is not None else []
        what = raw.get("what")
        record = {
            **raw,
            "text": raw.get("text") or what,
            "signal_key": "",
            "status": LoopStatus.CONFIRMED,
            "decided_on": self.today,
            "closed_on": None,
            "conversation_id": None,
            "id": None,
        }
        try:
            loop = parse_loop(record)
        except ValidationError as error:
            raise ValidationError(as_seen_on_the_form(error.problems)) from None
        latest = self.today + FOLLOWUP_HORIZON
        if loop.due is not None and loop.due > latest:
            raise ValidationError([f"Due date: {loop.due.isoformat()} is too far ahead (latest {latest.isoformat()})"])
        with self._work() as work:
            missing = [i for i in loop.person_ids if not work.people.contains(i)]
            if missing:
                raise NotFoundError(
                    f"Person: nobody with id {missing[0]} (deleted in another tab?); nothing was saved."
                )
            loop_id = work.loops.insert(loop)
        return dataclasses.replace(loop, id=loop_id)

    def close_loop(self, loop_id: int, *, expected: Loop | None = None) -> Loop:
        """Done, sent or taken up: the loop leaves every list (it can be reopened)."""
        with self._work() as work:
            current = self._shown_loop(work, loop_id, expected, LoopStatus.CLOSED)
            if current.status is not LoopStatus.CONFIRMED:
                raise ValidationError([f"{loop_label(work.people, current)} is not open, so it cannot be closed."])
            closed = parse_loop(to_record(dataclasses.replace(current, status=LoopStatus.CLOSED, closed_on=self.today)))
            work.loops.update(loop_id, closed)
        return dataclasses.replace(closed, id=loop_id)

    def reopen_loop(self, loop_id: int, *, expected: Loop | None = None) -> Loop:
        """A loop closed by mistake, or not quite done after all: open again."""
        with self._work() as work:
            current = self._shown_loop(work, loop_id, expected, LoopStatus.CONFIRMED)
            if current.status is not LoopStatus.CLOSED:
                raise ValidationError([f"{loop_label(work.people, current)} is not closed, so it cannot be reopened."])
            reopened = parse_loop(to_record(dataclasses.replace(current, status=LoopStatus.CONFIRMED, closed_on=None)))
            work.loops.update(loop_id, reopened)
        return dataclasses.replace(reopened, id=loop_id)

    @staticmethod
    def _shown_loop(work: Work, loop_id: int, expected: Loop | None, going_to: LoopStatus) -> Loop:
        """The stored loop, refused unless it is still the one the screen showed.

        A loop another tab already moved to where this click wants it gets its own
        message: the person meant the same thing, and needs to know it happened once.
        """
        if not _valid_id(loop_id):
            raise NotFoundError(f"loop: no loop with id {loop_id}")
        doc = work.loops.document(loop_id)
        if expected is not None and doc is not None and not same_record(doc, expected):
            current = from_record(Loop, doc, loop_id)
            if current.status is going_to and expected.status is not going_to:
                done = "closed" if going_to is LoopStatus.CLOSED else "reopened"
                label = loop_label(work.people, expected)
                raise StaleRecordError([f"{label} was already {done} in another tab or window; nothing was saved."])
        return from_record(Loop, work.as_shown(work.loops, loop_id, "loop", expected), loop_id)


def _still_there(work: Work, loop: Loop) -> Loop:
    """The decision with only the people and the conversation still stored; refused when all its people are gone."""
    people = tuple(i for i in loop.person_ids if work.people.contains(i))
    if loop.person_ids and not people:
        raise StaleRecordError(
            ["The person this promise is with was deleted in another tab or window; nothing was saved."]
        )
    conversation_id = loop.conversation_id
    if conversation_id is not None and not work.conversations.contains(conversation_id):
        conversation_id = None
    return dataclasses.replace(loop, person_ids=people, conversation_id=conversation_id)
