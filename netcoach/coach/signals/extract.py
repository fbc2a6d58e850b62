"""Every signal in a member's own words: conversations, notes on people, monthly and tip reflections.

What is read, and when each was written (the day dates in it count from):

- conversations dated up to today: what was learned, notes, help offered and
  each topic, written on the conversation's day, about its people;
- each person's notes, written today (a note is kept current, so its "by
  Friday" means this Friday), about that person;
- monthly reflections, written on the last day of their month or today if
  that is earlier; tip reflections, written on the day the tip was tried, or
  read, or today. Neither is about anyone in particular, so a signal there
  names only the people its sentence names beyond doubt (see `names.py`).

Help the member offered is their own generosity: there only their own
promises ("I'll send him the article") and feelings are read. An offer they
made ("offered to review his deck") is not a debt, and an opening they passed
on ("sent her a job posting") is someone else's.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Iterator

from netcoach.coach.months import month_days
from netcoach.coach.signals.found import Found
from netcoach.coach.signals.model import Signal, SignalKind, Source, SourceKind
from netcoach.coach.signals.names import PeopleNames
from netcoach.coach.signals.reading import ALL_KINDS, ANCHOR_WORDS, read_sentence
from netcoach.coach.signals.sentences import collapse, sentences
from netcoach.coach.signals.trigger import words_of
from netcoach.models import Snapshot

_HELP_KINDS = frozenset({SignalKind.I_PROMISED, SignalKind.FEELING})


def signals_in(text: str, written_on: dt.date, kinds: frozenset[SignalKind] = ALL_KINDS) -> tuple[Found, ...]:
    """Every signal of the wanted kinds in a text, in the order written; a sentence said twice counts once."""
    return _read_text(text, written_on, kinds) if text else ()


# A member's notes are read again whenever their file changes (after every save), though only the
# new note is new: what a text says depends on the text, its day and the kinds asked for alone.
@functools.lru_cache(maxsize=32768)
def _read_text(text: str, written_on: dt.date, kinds: frozenset[SignalKind]) -> tuple[Found, ...]:
    if ANCHOR_WORDS.isdisjoint(words_of(text)):  # most notes hold no trigger word at all
        return ()
    found: list[Found] = []
    seen: set[tuple[SignalKind, str]] = set()
    for sentence in sentences(text):
        for item in read_sentence(sentence, written_on, kinds):
            said = (item.kind, collapse(item.quote).lower())
            if said not in seen:
                seen.add(said)
                found.append(item)
    return tuple(found)


def extract(snapshot: Snapshot, today: dt.date) -> tuple[Signal, ...]:
    """Every signal in the member's words up to today, each once (by its key)."""
    names = PeopleNames(snapshot.people)
    signals: dict[str, Signal] = {}
    for signal in _all(snapshot, today, names):
        signals.setdefault(signal.key, signal)
    return tuple(signals.values())


def _all(snapshot: Snapshot, today: dt.date, names: PeopleNames) -> Iterator[Signal]:
    for talk in snapshot.conversations:
        if talk.date > today:
            continue
        texts = [("learned", talk.learned), ("notes", talk.notes), *(("topics", topic) for topic in talk.topics)]
        for field, text in texts:
            found = signals_in(text, talk.date)
            if found:
                source = Source(SourceKind.CONVERSATION, _id(talk.id), field, talk.date)
                yield from _signals(found, source, talk.person_ids)
        found = signals_in(talk.help_offered, talk.date, _HELP_KINDS)
        if found:
            source = Source(SourceKind.CONVERSATION, _id(talk.id), "help_offered", talk.date)
            yield from _signals(found, source, talk.person_ids)
    for person in snapshot.people:
        found = signals_in(person.notes, today)
        if found:
            source = Source(SourceKind.PERSON, _id(person.id), "notes", today)
            yield from _signals(found, source, (_id(person.id),))
    for reflection in snapshot.reflections:
        written_on = min(_month_end(reflection.month, today), today)
        source = Source(SourceKind.REFLECTION, _id(reflection.id), "text", written_on)
        yield from _named(signals_in(reflection.text, written_on), source, names)
    for tip in snapshot.tips:
        written_on = tip.tried_on or tip.read_on or today
        source = Source(SourceKind.TIP, _id(tip.id), "reflection", written_on)
        yield from _named(signals_in(tip.reflection, written_on), source, names)


def _signals(found: Iterable[Found], source: Source, person_ids: tuple[int, ...]) -> Iterator[Signal]:
    for item in found:
        yield Signal(item.kind, item.quote, source, person_ids, item.due, item.feeling, item.what)


def _named(found: Iterable[Found], source: Source, names: PeopleNames) -> Iterator[Signal]:
    for item in found:
        yield from _signals((item,), source, names.named_in(item.quote))


def _id(record_id: int | None) -> int:
    """A record's id; one never saved (only in hand-built data) counts as 0."""
    return record_id if record_id is not None else 0


def _month_end(month: str, fallback: dt.date) -> dt.date:
    try:
        return month_days(month)[1]
    except ValueError:
        return fallback
