"""Signals: what the member's own words say that the numbers cannot.

`extract(snapshot, today)` reads what-I-learned, notes, topics, help offered,
person notes and monthly reflections, and returns every signal found, each
with the sentence it came from. Nothing is guessed beyond the words: a note
that holds no promise yields no promise.
"""

from __future__ import annotations

from netcoach.coach.signals.model import Feeling, Signal, SignalKind, Source, SourceKind

__all__ = ["Feeling", "Signal", "SignalKind", "Source", "SourceKind"]
