"""Open loops: promises either way, spotted in notes or typed in, kept until the member closes them.

The coach's reading of a note is a guess, so these stories check that the
member's decision is what counts: a confirmed promise stays until it is
closed, a dismissed one never comes back, and a stale screen cannot close
or decide anything twice.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest
from support import TODAY, said

from netcoach.coach import loops as coach_loops
from netcoach.coach.signals import SignalKind, SourceKind
from netcoach.coach.thresholds import DETECTED_PROMISE_DAYS
from netcoach.models import NOTE_MAX, Loop, LoopKind, LoopStatus, ValidationError, from_record, parse_loop, to_record


def days_ago(n: int) -> dt.date:
    return TODAY - dt.timedelta(days=n)


# ------------------------------------------------------------------ the record
def test_a_loop_kind_is_spelled_as_the_promise_signal_it_comes_from() -> None:
    promises = {k.value for k in SignalKind if k.is_promise}
    assert {k.value for k in LoopKind} == promises
    assert [k.label for k in LoopKind] == [SignalKind(k.value).label for k in LoopKind]
    assert [k for k in LoopKind if k.owed_by_member] == [LoopKind.I_PROMISED, LoopKind.THEY_ASKED]


def test_a_loop_typed_in_needs_a_person_and_what_was_promised() -> None:
    with pytest.raises(ValidationError) as caught:
        parse_loop({"kind": "i_promised"})
    assert caught.value.problems == ["person_ids: pick the person it is with", "what: required"]
    with pytest.raises(ValidationError, match="kind: 'maybe' is not one of: i_promised, they_asked, they_offered"):
        parse_loop({"kind": "maybe", "person_ids": [1], "what": "slides"})


def test_a_loop_from_a_note_keeps_whatever_the_note_held() -> None:
    loop = parse_loop({"kind": "they_offered", "signal_key": "reflection:3:text:they_offered:abc", "text": "Offer."})
    assert (loop.person_ids, loop.what, loop.status) == ((), "", LoopStatus.CONFIRMED)


def test_only_a_closed_loop_has_a_closing_day_and_it_is_not_before_the_decision() -> None:
    base = {"kind": "i_promised", "person_ids": [1], "what": "the deck", "decided_on": "2026-04-10"}
    assert parse_loop({**base, "status": "closed", "closed_on": "2026-04-11"}).closed_on == dt.date(2026, 4, 11)
    for changes, problem in [
        ({"status": "closed"}, "closed_on: a closed loop needs the day it was closed"),
        ({"closed_on": "2026-04-11"}, "closed_on: only a closed loop has a closing day"),
        ({"status": "closed", "closed_on": "2026-04-09"}, "closed_on: must be on or after the day it was confirmed"),
    ]:
        with pytest.raises(ValidationError) as caught:
            parse_loop({**base, **changes})
        assert caught.value.problems == [problem]


def test_a_loop_survives_storage_as_plain_json() -> None:
    loop = Loop(
        LoopKind.THEY_ASKED,
        (3, 4),
        LoopStatus.CLOSED,
        "k",
        "Ana asked for my CV.",
        "my CV",
        dt.date(2026, 4, 20),
        dt.date(2026, 4, 1),
        dt.date(2026, 4, 2),
        7,
    )
    stored = json.loads(json.dumps(to_record(loop)))
    assert from_record(Loop, stored) == loop
    assert parse_loop(stored) == loop


def test_a_loop_note_longer_than_a_note_may_be_is_refused() -> None:
    with pytest.raises(ValidationError, match="text: too long"):
        parse_loop({"kind": "i_promised", "person_ids": [1], "what": "x", "text": "y" * (NOTE_MAX + 1)})


# ------------------------------------------------------------------ the coach's sorting
def test_spotted_promises_are_newest_first_and_only_from_the_last_weeks() -> None:
    old = said(SignalKind.I_PROMISED, "I'll send the deck.", 1, written=days_ago(DETECTED_PROMISE_DAYS + 1))
    edge = said(
        SignalKind.THEY_OFFERED, "Ana offered an intro.", 1, written=days_ago(DETECTED_PROMISE_DAYS), record_id=2
    )
    new = said(SignalKind.THEY_ASKED, "Ben asked for my CV.", 2, written=days_ago(1), record_id=3)
    advice = said(SignalKind.ADVICE, "Ana said to learn SQL.", 1, record_id=4)
    view = coach_loops.loops_view([old, edge, advice, new], [], TODAY)
    assert view.detected == (new, edge)


def test_a_sentence_once_decided_is_never_spotted_again_whatever_was_decided() -> None:
    confirmed, dismissed, closed, fresh = (
        said(SignalKind.I_PROMISED, f"I'll send item {n}.", 1, record_id=n) for n in range(1, 5)
    )
    loops = [
        coach_loops.loop_from_signal(confirmed, LoopStatus.CONFIRMED, TODAY),
        coach_loops.loop_from_signal(dismissed, LoopStatus.DISMISSED, TODAY),
        dataclasses.replace(
            coach_loops.loop_from_signal(closed, LoopStatus.CONFIRMED, TODAY), status=LoopStatus.CLOSED, closed_on=TODAY
        ),
    ]
    view = coach_loops.loops_view([confirmed, dismissed, closed, fresh], loops, TODAY)
    assert view.detected == (fresh,)
    assert [loop.signal_key for loop in view.open] == [confirmed.key]
    assert [loop.signal_key for loop in view.recently_closed] == [closed.key]


def test_open_loops_show_the_soonest_due_first_then_the_undated_newest_first() -> None:
    def loop(i: int, due: dt.date | None, decided: dt.date) -> Loop:
        return Loop(LoopKind.I_PROMISED, (1,), what=f"thing {i}", due=due, decided_on=decided, id=i)

    later, sooner = loop(1, days_ago(-5), days_ago(9)), loop(2, days_ago(2), days_ago(8))
    undated_old, undated_new = loop(3, None, days_ago(7)), loop(4, None, days_ago(1))
    dismissed = dataclasses.replace(loop(5, days_ago(9), TODAY), status=LoopStatus.DISMISSED)
    view = coach_loops.loops_view([], [later, undated_old, dismissed, sooner, undated_new], TODAY)
    assert [loop.id for loop in view.open] == [2, 1, 4, 3]
    assert coach_loops.is_overdue(sooner, TODAY) and not coach_loops.is_overdue(later, TODAY)


def test_each_person_sees_their_own_loops_and_promises_and_the_two_directions_are_apart() -> None:
    owed = Loop(LoopKind.I_PROMISED, (1, 2), what="the deck", id=1)
    offer = Loop(LoopKind.THEY_OFFERED, (2,), what="an intro", id=2)
    spotted = said(SignalKind.THEY_ASKED, "Ana asked for my CV.", 1)
    view = coach_loops.loops_view([spotted], [owed, offer], TODAY)
    assert view.for_person(1) == coach_loops.PersonLoops(open=(owed,), detected=(spotted,))
    assert view.for_person(2) == coach_loops.PersonLoops(open=(offer, owed), detected=()), "undated: newest first"
    assert (view.owed(), view.offered()) == ((owed,), (offer,))


def test_a_confirmed_note_keeps_the_members_sentence_and_where_it_was_written() -> None:
    signal = said(
        SignalKind.I_PROMISED,
        "I told Ana I'd send the deck by Friday.",
        1,
        record_id=9,
        what="the deck",
        due=days_ago(-3),
    )
    loop = coach_loops.loop_from_signal(signal, LoopStatus.CONFIRMED, TODAY)
    assert (loop.kind, loop.text, loop.what, loop.due, loop.conversation_id, loop.signal_key) == (
        LoopKind.I_PROMISED,
        signal.quote,
        "the deck",
        days_ago(-3),
        9,
        signal.key,
    )
    about_person = said(SignalKind.THEY_OFFERED, "Offers CV reviews.", 1, source=SourceKind.PERSON, field="notes")
    assert coach_loops.loop_from_signal(about_person, LoopStatus.DISMISSED, TODAY).conversation_id is None
    with pytest.raises(ValueError, match="not a promise"):
        coach_loops.loop_from_signal(said(SignalKind.ADVICE, "Learn SQL.", 1), LoopStatus.CONFIRMED, TODAY)
