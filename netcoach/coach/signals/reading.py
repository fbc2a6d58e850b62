"""Reading one sentence: which kinds it holds, the thing at stake, the date, and which kind wins a tie.

Rules for a sentence, in the order they apply:

1. A question says nothing ("Is Ana hiring?").
2. Each clause is tried against each kind's table. A match is dropped when a
   "not" sits just before it, when a condition or a maybe comes earlier in
   its clause ("if", "might", "I hope"), when the member is the speaker of a
   phrase that must be someone else's ("I said to reach out"), when it is the
   member's voice inside someone else's quoted words, or when its clause says
   the chance or the debt is gone ("hiring freeze", "already sent").
3. Where two kinds claim the same words, the more specific wins, in this
   order: they asked, they offered, I promised, advice, opportunity. So "he
   told me to send the draft" is a request, not advice, and "she offered to
   refer me" is an offer to take up, not a separate opportunity. Both an
   offer and an opportunity are kept only when different words say each
   ("she offered to refer me for the open data role"). An opening inside the
   thing the member promised to hand over ("I'll forward Ben the job
   posting") is Ben's, not the member's, and is dropped.
4. One signal per kind per sentence (the first match), so a sentence's key
   is stable. For feelings the last one wins: "I was nervous at first but it
   went really well" ends proud.
5. The date is the one named in the matching clause, or else in the sentence.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import re
from collections import defaultdict

from netcoach.coach.signals import blockers
from netcoach.coach.signals.dates import due_date
from netcoach.coach.signals.feelings import FEELINGS
from netcoach.coach.signals.found import Found
from netcoach.coach.signals.model import Feeling, SignalKind
from netcoach.coach.signals.patterns import TABLES
from netcoach.coach.signals.sentences import clauses, is_question
from netcoach.coach.signals.trigger import Trigger, words_of
from netcoach.coach.signals.what import thing_after

ALL_KINDS = frozenset(SignalKind)
# Who wins when two kinds claim the same words: the more specific first.
PRECEDENCE = (
    SignalKind.THEY_ASKED,
    SignalKind.THEY_OFFERED,
    SignalKind.I_PROMISED,
    SignalKind.ADVICE,
    SignalKind.OPPORTUNITY,
)
_WITH_A_THING = frozenset({SignalKind.I_PROMISED, SignalKind.THEY_ASKED, SignalKind.THEY_OFFERED, SignalKind.ADVICE})
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'"})


@dataclasses.dataclass(frozen=True)
class _Entry:
    """One trigger of one table, with the kind (and feeling) it stands for."""

    kind: SignalKind
    feeling: Feeling | None
    trigger: Trigger


# Every trigger, in the order they are tried: by precedence of kind, then as listed, feelings last.
_ENTRIES = (
    *(_Entry(kind, None, entry) for kind in PRECEDENCE for entry in TABLES[kind]),
    *(_Entry(SignalKind.FEELING, feeling, entry) for feeling, table in FEELINGS.items() for entry in table),
)


def _index() -> dict[str, tuple[int, ...]]:
    by_word: dict[str, list[int]] = defaultdict(list)
    for number, entry in enumerate(_ENTRIES):
        for word in entry.trigger.anchors:
            by_word[word].append(number)
    return {word: tuple(numbers) for word, numbers in by_word.items()}


# Anchor word -> the triggers that need it: a sentence is tried only against triggers it has a word for.
_BY_ANCHOR = _index()
ANCHOR_WORDS = frozenset(_BY_ANCHOR)


@dataclasses.dataclass(frozen=True)
class _Hit:
    kind: SignalKind
    start: int  # in the sentence
    end: int  # the end of the words it claims (for a promise, the end of the thing promised too)
    clause: tuple[int, int]
    trigger: Trigger
    what: str = ""
    feeling: Feeling | None = None


def read_sentence(sentence: str, written_on: dt.date, kinds: frozenset[SignalKind] = ALL_KINDS) -> list[Found]:
    """Every signal of the wanted kinds in one sentence, at most one per kind."""
    numbers = {n for word in words_of(sentence) for n in _BY_ANCHOR.get(word, ())}
    entries = [_ENTRIES[n] for n in sorted(numbers) if _ENTRIES[n].kind in kinds]
    if not entries or is_question(sentence):
        return []
    text = sentence.translate(_APOSTROPHES)  # same length: spans in `text` are spans in `sentence`
    spans = clauses(text)
    hits = [hit for entry in entries for hit in _hits(entry, sentence, text, spans)]
    kept = _winners([hit for hit in hits if hit.kind is not SignalKind.FEELING])
    feelings = [hit for hit in hits if hit.kind is SignalKind.FEELING]
    if feelings:
        last = max(feelings, key=lambda hit: hit.start)  # the feeling the sentence ends on
        if last.feeling is Feeling.PROUD or not looks_back(text, written_on):
            kept.append(last)
    return [_found(hit, sentence, written_on) for hit in kept]


_MONTH_NAMES = tuple(calendar.month_name)[1:]
_LOOKING_BACK = re.compile(
    r"\b(?:at\s+(?:first|the\s+start|the\s+beginning)|used\s+to|last\s+(?:month|week|year)|back\s+then"
    r"|(?:weeks|months)\s+ago|in\s+my\s+first\s+(?:week|weeks|month|days))\b",
    re.IGNORECASE,
)
_IN_MONTH = re.compile(rf"\b(?i:in|back\s+in|during)\s+({'|'.join(_MONTH_NAMES)})\b")


def looks_back(text: str, written_on: dt.date) -> bool:
    """A feeling told about an earlier time ("in February I felt overwhelmed", "at first I was nervous"):
    how the member felt then, not how they feel now."""
    if _LOOKING_BACK.search(text):
        return True
    months = [_MONTH_NAMES.index(m.group(1)) + 1 for m in _IN_MONTH.finditer(text)]
    return any(month != written_on.month for month in months)


def _hits(entry: _Entry, sentence: str, text: str, spans: list[tuple[int, int]]) -> list[_Hit]:
    """The first match of one trigger in each clause that nothing blocks; `text` has plain apostrophes."""
    kind, trig = entry.kind, entry.trigger
    hits = []
    for start, end in spans:
        clause = text[start:end]
        m = next((m for m in trig.pattern.finditer(clause) if not _blocked(kind, trig, text, start, m)), None)
        if m is None or blockers.gone(kind, clause):
            continue
        as_written = sentence[start:end]
        what = _what(m, as_written) if kind in _WITH_A_THING else ""
        claimed_end = start + m.end()
        if kind is SignalKind.I_PROMISED and what:
            claimed_end = max(claimed_end, start + as_written.find(what, m.start()) + len(what))
        hits.append(_Hit(kind, start + m.start(), claimed_end, (start, end), trig, what, entry.feeling))
    return hits


def _blocked(kind: SignalKind, trig: Trigger, text: str, clause_start: int, m: re.Match[str]) -> bool:
    before = text[clause_start : clause_start + m.start()]
    if not trig.said_by_right_speaker(before):
        return True
    if trig.negatable and blockers.negated(before):
        return True
    if blockers.hedged(before):
        return True
    if kind in blockers.OTHERS_SPEAK and blockers.member_speaks(before):
        return True
    return kind in blockers.MEMBER_SPEAKS and blockers.quoted(text, clause_start + m.start())


def _what(m: re.Match[str], clause: str) -> str:
    """The thing at stake, cut from the clause as written (`m` matched the same clause, apostrophes made plain)."""
    groups = m.re.groupindex
    if "what" in groups and m["what"]:
        return thing_after(clause[m.start("what") : m.end("what")])
    if "thing" in groups and m["thing"]:
        return thing_after(clause[m.start("thing") :])
    return thing_after(clause[m.end() :])


def _winners(hits: list[_Hit]) -> list[_Hit]:
    """The first hit of each kind that no more specific kind has already claimed the words of."""
    taken: list[_Hit] = []
    for hit in hits:  # in order of precedence of kind, so the more specific kind claims words first
        if any(other.kind != hit.kind and hit.start < other.end and other.start < hit.end for other in taken):
            continue
        taken.append(hit)
    first: dict[SignalKind, _Hit] = {}
    for hit in sorted(taken, key=lambda h: h.start):
        first.setdefault(hit.kind, hit)
    return [first[k] for k in PRECEDENCE if k in first]


def _found(hit: _Hit, sentence: str, written_on: dt.date) -> Found:
    due = due_date(sentence, written_on, within=hit.clause)
    return Found(hit.kind, sentence, due, hit.feeling, hit.what, hit.trigger.why)
