"""Matching a row of an imported file to someone the member already knows.

An import that duplicated every person already known would make the people
list useless, so a row is matched by profile link, email or name (in that
order), and a match only fills in what is missing, never overwrites.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from netcoach.models import LIST_MAX_ITEMS, Person, ValidationError, parse_person
from netcoach.transfer.plan import ImportPlan


def name_key(name: str) -> str:
    """A name as matching compares it: case and spacing ignored."""
    return " ".join(name.casefold().split())


class PeopleIndex:
    """Finds a known person by profile link, email or name, so imports match, not duplicate.

    People new in the file are added under a negative reference (minus their
    line), so a second row about them is recognised as a repeat.
    """

    def __init__(self, people: Iterable[Person]):
        self.by_key: dict[str, int] = {}
        self.people: dict[int, Person] = {}
        for p in people:
            if p.id is None:
                continue
            self.people[p.id] = p
            for key in self._keys(p.name, p.email, p.links):
                self.by_key.setdefault(key, p.id)

    @staticmethod
    def _keys(name: str, email: str, links: Iterable[str]) -> list[str]:
        keys = [f"link:{link.rstrip('/').lower()}" for link in links]
        if email:
            keys.append(f"email:{email.lower()}")
        if name:
            keys.append(f"name:{name_key(name)}")
        return keys

    def find(self, name: str, email: str = "", links: Iterable[str] = ()) -> int | None:
        for key in self._keys(name, email, links):
            if key in self.by_key:
                return self.by_key[key]
        return None

    def add(self, ref: int, name: str, email: str = "", links: Iterable[str] = ()) -> None:
        for key in self._keys(name, email, links):
            self.by_key.setdefault(key, ref)


def plan_person_row(plan: ImportPlan, index: PeopleIndex, line: int, raw: dict[str, Any]) -> None:
    """One file row about a person: refused with its reasons, matched to someone known, or new."""
    try:
        person = parse_person(raw)
    except ValidationError as exc:
        plan.skip(f"row {line}", exc.problems)
        return
    found = index.find(person.name, person.email, person.links)
    if found is not None and found < 0:
        plan.skip(f"row {line}", [f"{person.name} appears twice in the file (first on row {-found})"])
    elif found is not None:
        plan.matched.append((line, found, person.name))
        plan.based_on[found] = index.people[found]
        changes = filled_in(index.people[found], person)
        if changes:
            plan.person_updates.append((found, changes))
    else:
        index.add(-line, person.name, person.email, person.links)
        plan.new_people.append(person)


def filled_in(current: Person, found: Person) -> dict[str, Any]:
    """What an import adds to a known person: empty fields filled, links joined, nothing overwritten."""
    changes: dict[str, Any] = {}
    if found.organization and not current.organization:
        changes["organization"] = found.organization
    if found.email and not current.email:
        changes["email"] = found.email
    # Compared as the matching compares them, so ".../in/dana/" does not join ".../in/dana".
    have = {link.rstrip("/").lower() for link in current.links}
    extra = [link for link in found.links if link.rstrip("/").lower() not in have]
    if extra and len(current.links) < LIST_MAX_ITEMS:
        changes["links"] = [*current.links, *extra][:LIST_MAX_ITEMS]
    return changes
