"""Signals: what the member's own words say that the numbers cannot.

`extract(snapshot, today)` reads what-I-learned, notes, topics, help offered,
person notes and monthly and tip reflections, and returns every signal found,
each with the sentence it came from. `signals_in(text, written_on)` reads one
text the same way. Nothing is guessed beyond the words: a note that holds no
promise yields no promise.

The parts: `sentences` (cutting notes up), `dates` (the day a sentence
names), `patterns` and `feelings` (the tables of what counts, built from
`trigger` entries and `vocabulary` word lists), `blockers` (what cancels a
match), `what` (the thing at stake), `reading` (one sentence, into `Found`),
`names` (who a reflection names) and `extract` (the records).
"""

from __future__ import annotations

from netcoach.coach.signals.extract import extract, signals_in
from netcoach.coach.signals.found import Found
from netcoach.coach.signals.model import Feeling, Signal, SignalKind, Source, SourceKind

__all__ = ["Feeling", "Found", "Signal", "SignalKind", "Source", "SourceKind", "extract", "signals_in"]
