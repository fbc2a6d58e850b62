"""Cutting the member's notes into sentences and clauses, without changing a character of them.

A signal quotes the member back to themselves, so a sentence must be their
words exactly, with only runs of whitespace made single. Every sentence this
module hands out is a piece of the note's whitespace-collapsed text, which is
what lets a quote be found again in the note it came from.

Notes are often lists ("- Ana is hiring\\n- promised the slides") rather than
prose, so a line break ends a sentence as surely as a full stop does, unless
the next line plainly carries on the same sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# A list marker at the start of a line: "- ", "* ", "• ", "1. ", "2) ".
_BULLET = re.compile(r"^(?:[-*•·‣◦>]+|\d{1,2}[.)])\s+")
# Where a sentence may end: stops, then any closing quotes or brackets, then a space.
_RUN_ON_STOPS = frozenset(".!?…:;")
# (A run of stops is taken whole, and only from its start, so "!!!!…" costs one pass, not one per "!".)
_STOP = re.compile(r"(?<![.!?…])[.!?…]++[\"'”’)\]]*+(?=\s)")
# Short words written with a full stop that do not end a sentence ("Dr. Ruiz", "e.g. SQL").
_ABBREVIATIONS = frozenset({"dr", "mr", "mrs", "ms", "prof", "st", "vs", "e.g", "i.e", "approx", "incl", "jr", "sr"})
# Where one clause of a sentence hands over to another: a negation or a condition
# in one ("not hiring now") should not reach into the next ("but said to reach out").
_CLAUSE_BREAK = re.compile(
    r"\s*;\s*|\s+[-–—]+\s+|,?\s+\b(?:but|however|although|though|whereas|except\s+that|yet)\b,?\s+",
    re.IGNORECASE,
)
_BREAK_HINTS = (";", "-", "–", "—", "but", "however", "though", "whereas", "except", "yet")  # cheap first test
_QUESTION_END = re.compile(r"\?[\"'”’)\]]*$")


def collapse(text: str) -> str:
    """The text with every run of whitespace (line breaks too) made one space, and no outer spaces."""
    return " ".join(text.split())


def sentences(text: str) -> Iterator[str]:
    """Each sentence of a note, whitespace collapsed, list markers left off; blank or letterless ones skipped."""
    for line in _lines(text):
        for sentence in _split_line(line):
            if any(ch.isalpha() for ch in sentence):
                yield sentence


def _lines(text: str) -> Iterator[str]:
    """The note's lines, a wrapped sentence joined back up.

    A line break ends a sentence unless the line before it ran on without a
    stop and the next line carries on in lower case ("she asked me / to send
    my CV"): that is one sentence wrapped, not two items of a list.
    """
    current = ""
    for raw in text.splitlines():
        line = collapse(raw)
        if not line:
            continue
        bullet = _BULLET.match(line)
        if current and not bullet and line[0].islower() and current[-1] not in _RUN_ON_STOPS:
            current = f"{current} {line}"
            continue
        if current:
            yield current
        current = line[bullet.end() :] if bullet else line
    if current:
        yield current


def _split_line(line: str) -> Iterator[str]:
    start = 0
    for stop in _STOP.finditer(line):
        if _ends_in_abbreviation(line[start : stop.start()]):
            continue
        piece = line[start : stop.end()].strip()
        if piece:
            yield piece
        start = stop.end()
    rest = line[start:].strip()
    if rest:
        yield rest


def _ends_in_abbreviation(before_stop: str) -> bool:
    words = before_stop.rsplit(None, 1)
    return bool(words) and words[-1].lower() in _ABBREVIATIONS


def clauses(sentence: str) -> list[tuple[int, int]]:
    """The (start, end) spans of the sentence's clauses, in order; the connecting words belong to none."""
    lowered = sentence.lower()
    if not any(hint in lowered for hint in _BREAK_HINTS):
        return [(0, len(sentence))]
    spans = []
    start = 0
    for brk in _CLAUSE_BREAK.finditer(sentence):
        if brk.start() > start:
            spans.append((start, brk.start()))
        start = brk.end()
    if start < len(sentence):
        spans.append((start, len(sentence)))
    return spans


def is_question(sentence: str) -> bool:
    """A question ("Is Ana hiring?") states nothing the coach could act on."""
    return bool(_QUESTION_END.search(sentence))
