"""How names and counts read in the coach's sentences.

Nudges, the mentor pipeline and drafted messages all mention people and
numbers; these helpers keep "1 day" / "2 days", "a" / "an" and lists of names
reading the same everywhere.
"""

from __future__ import annotations

from collections.abc import Sequence

from netcoach.models import Person


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else (many or word + 's')}"


def with_article(noun: str) -> str:
    """'a colleague', 'an industry professional'."""
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"


def first_name(person: Person | None) -> str:
    if person is None or not person.name.strip():
        return "them"
    return person.name.split()[0]


def name_list(names: Sequence[str], limit: int = 3) -> str:
    """'Ana', 'Ana and Ben', 'Ana, Ben and Chi', 'Ana, Ben, Chi and 2 more'."""
    names = list(names)
    if not names:
        return ""
    if len(names) > limit:
        rest = len(names) - limit
        return ", ".join(names[:limit]) + f" and {rest} more"
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " and " + names[-1]
