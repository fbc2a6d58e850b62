"""Open loops: promises either way, from the member's notes or typed in, until the member closes them.

The coach spots promises in what the member wrote ("I said I'd send her the
deck"), but a sentence read by a program is a guess; the member confirms it
(then it is an open loop they see until they close it) or dismisses it (then
that sentence is never offered again). This module only sorts: signals and
the stored decisions in, the member's view of their loops out.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence

from netcoach.coach.signals import Signal, SignalKind, SourceKind
from netcoach.coach.thresholds import DETECTED_PROMISE_DAYS, RECENTLY_CLOSED_LOOPS
from netcoach.models import Loop, LoopKind, LoopStatus

# Each promise kind of signal as the kind of loop it becomes.
LOOP_KINDS: dict[SignalKind, LoopKind] = {
    SignalKind.I_PROMISED: LoopKind.I_PROMISED,
    SignalKind.THEY_ASKED: LoopKind.THEY_ASKED,
    SignalKind.THEY_OFFERED: LoopKind.THEY_OFFERED,
}


@dataclasses.dataclass(frozen=True)
class PersonLoops:
    """One person's side of the loops: what is open with them and what was spotted in notes about them."""

    open: tuple[Loop, ...]
    detected: tuple[Signal, ...]


@dataclasses.dataclass(frozen=True)
class LoopsView:
    """The member's loops as the pages show them."""

    detected: tuple[Signal, ...]  # promises spotted in recent notes, not yet confirmed or dismissed; newest first
    open: tuple[Loop, ...]  # confirmed and not closed; soonest due first, undated last
    recently_closed: tuple[Loop, ...]  # newest first, for an undo

    def for_person(self, person_id: int) -> PersonLoops:
        return PersonLoops(
            open=tuple(loop for loop in self.open if person_id in loop.person_ids),
            detected=tuple(signal for signal in self.detected if person_id in signal.person_ids),
        )

    def owed(self) -> tuple[Loop, ...]:
        """Open loops the member has to keep (their promises and what they were asked for)."""
        return tuple(loop for loop in self.open if loop.kind.owed_by_member)

    def offered(self) -> tuple[Loop, ...]:
        """Open offers made to the member, waiting to be taken up."""
        return tuple(loop for loop in self.open if not loop.kind.owed_by_member)


def decided_keys(loops: Iterable[Loop]) -> frozenset[str]:
    """The sentences the member already decided about, whatever they decided."""
    return frozenset(loop.signal_key for loop in loops if loop.signal_key)


def detected_promises(signals: Iterable[Signal], loops: Iterable[Loop], today: dt.date) -> tuple[Signal, ...]:
    """Promises in notes of the last weeks that the member has neither confirmed nor dismissed, newest first.

    Older notes are left out: a promise from months ago is either kept or
    forgotten, and a list of them would bury the ones that still matter.
    """
    decided = decided_keys(loops)
    since = today - dt.timedelta(days=DETECTED_PROMISE_DAYS)
    fresh: dict[str, Signal] = {}
    for signal in signals:
        if signal.kind.is_promise and signal.key not in decided and signal.source.written_on >= since:
            fresh.setdefault(signal.key, signal)
    return tuple(sorted(fresh.values(), key=lambda s: (s.source.written_on, s.source.record_id), reverse=True))


def open_loops(loops: Iterable[Loop]) -> tuple[Loop, ...]:
    """Confirmed loops not yet closed: those with the soonest due date first, then the undated, newest first."""
    still_open = [loop for loop in loops if loop.status is LoopStatus.CONFIRMED]
    dated = sorted((loop for loop in still_open if loop.due), key=lambda loop: (loop.due, loop.id or 0))
    undated = sorted(
        (loop for loop in still_open if not loop.due),
        key=lambda loop: (loop.decided_on or dt.date.min, loop.id or 0),
        reverse=True,
    )
    return (*dated, *undated)


def loops_view(signals: Iterable[Signal], loops: Sequence[Loop], today: dt.date) -> LoopsView:
    closed = sorted(
        (loop for loop in loops if loop.status is LoopStatus.CLOSED),
        key=lambda loop: (loop.closed_on or dt.date.min, loop.id or 0),
        reverse=True,
    )
    return LoopsView(
        detected=detected_promises(signals, loops, today),
        open=open_loops(loops),
        recently_closed=tuple(closed[:RECENTLY_CLOSED_LOOPS]),
    )


def is_overdue(loop: Loop, today: dt.date) -> bool:
    return loop.is_open and loop.due is not None and loop.due < today


# Words that start a thing offered ("a look at my CV", "feedback on my draft") rather than an act
# ("introduce me to Priya"), which reads after "You offered" only with a "to" before it.
_DETERMINERS = frozenset({"a", "an", "the", "my", "our", "your", "some", "any", "one", "two", "more", "to"})
_POINTERS = frozenset({"his", "her", "their", "its", "this", "that", "these", "those"})
_THINGS = frozenset(
    {"feedback", "help", "advice", "coffee", "lunch", "intro", "intros", "introduction", "introductions"}
    | {"support", "contacts", "pointers", "tips", "time", "notes", "access", "mentoring"}
)
_THING_STARTS = _DETERMINERS | _POINTERS | _THINGS


def offer_phrase(what: str) -> str:
    """What was offered, to follow "You offered": "to introduce me to Priya", "a look at my CV"."""
    what = what.strip().rstrip(".!?")
    if not what:
        return ""
    if len(what) > 1 and what[0].isupper() and what[1].islower():
        what = what[0].lower() + what[1:]
    first = what.split(maxsplit=1)[0].casefold()
    return what if first in _THING_STARTS else f"to {what}"


def loop_from_signal(signal: Signal, status: LoopStatus, today: dt.date) -> Loop:
    """The stored decision about a spotted promise: the member's sentence kept as they wrote it."""
    if signal.kind not in LOOP_KINDS:
        raise ValueError(f"a {signal.kind.value} signal is not a promise")
    from_conversation = signal.source.kind is SourceKind.CONVERSATION
    return Loop(
        kind=LOOP_KINDS[signal.kind],
        person_ids=signal.person_ids,
        status=status,
        signal_key=signal.key,
        text=signal.quote,
        what=signal.what,
        due=signal.due,
        decided_on=today,
        conversation_id=signal.source.record_id if from_conversation else None,
    )
