"""Who a sentence names, among the member's people, when it can only be one of them.

A monthly or tip reflection is not written about one person, so a signal
found there is tied to someone only when the sentence names them beyond
doubt: their full name, or a first name nobody else in People has. "Ana"
with two Anas names nobody; "Ana Ruiz" still names her.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Iterable

from netcoach.models import Person

# First names that are also everyday words or months: at the start of a sentence
# ("Will send the deck", "May is busy") they are the word, not the person.
_WORDLIKE = frozenset(
    {
        "will", "may", "mark", "bill", "grace", "hope", "joy", "faith", "june", "april", "august", "rose",
        "art", "guy", "jack", "ray", "rob", "sue", "pat", "max", "frank", "chase", "page", "drew", "miles",
        "rich", "summer", "dawn", "eve", "ivy", "amber", "ruby", "sunny", "river", "sky", "glen", "dean",
    }
)  # fmt: skip
_MONTHS = frozenset({"january", "march", "may", "june", "july", "april", "august"})


class PeopleNames:
    """The member's people by full name and by first name, to find in sentences."""

    def __init__(self, people: Iterable[Person]) -> None:
        full: dict[str, set[int]] = defaultdict(set)
        first: dict[str, set[int]] = defaultdict(set)
        for person in people:
            words = person.name.split()
            if person.id is None or not words:
                continue
            full[" ".join(words).lower()].add(person.id)
            first[words[0]].add(person.id)
            if len(words) > 1:
                first[words[-1]].add(person.id)  # "Okoye's group": a surname alone names them too
        self._full = {name: ids for name, ids in full.items()}
        self._first = {name: ids for name, ids in first.items() if name.lower() not in _MONTHS and len(name) > 1}

    # The patterns are built on first use: most members' reflections name nobody the coach must find.
    @functools.cached_property
    def _full_pattern(self) -> re.Pattern[str] | None:
        return _alternation(self._full, re.IGNORECASE)

    @functools.cached_property
    def _first_pattern(self) -> re.Pattern[str] | None:
        return _alternation(self._first, 0)

    def named_in(self, sentence: str) -> tuple[int, ...]:
        """The ids of the people the sentence names unambiguously, in the order it names them."""
        found: list[tuple[int, int]] = []
        claimed: list[tuple[int, int]] = []
        if self._full_pattern is not None:
            for m in self._full_pattern.finditer(sentence):
                claimed.append(m.span())
                ids = self._full[" ".join(m.group().split()).lower()]
                if len(ids) == 1:
                    found.append((m.start(), next(iter(ids))))
        if self._first_pattern is not None:
            for m in self._first_pattern.finditer(sentence):
                if any(s <= m.start() < e for s, e in claimed):
                    continue
                if m.start() == 0 and m.group().lower() in _WORDLIKE:
                    continue
                ids = self._first[m.group()]
                if len(ids) == 1:
                    found.append((m.start(), next(iter(ids))))
        ordered: list[int] = []
        for _, person_id in sorted(found):
            if person_id not in ordered:
                ordered.append(person_id)
        return tuple(ordered)


def _alternation(names: Iterable[str], flags: int) -> re.Pattern[str] | None:
    """One pattern for all names, longest first, each a whole word (so "Ana" is not found in "Anabel")."""
    ordered = sorted(names, key=len, reverse=True)
    if not ordered:
        return None
    body = "|".join(r"\s+".join(re.escape(word) for word in name.split()) for name in ordered)
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", flags)
