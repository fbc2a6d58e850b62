"""Matching a row of an imported file to someone the member already knows, by the strongest evidence.

A profile link says most, then an email address, then a name together with
an organization. Two different links on one site are two people, however
alike their names: namesakes stay apart. A name alone, with the organization
missing on one side or different, is a question for the person, not a
guess. A match only fills in what is missing, never overwrites.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from netcoach.models import LIST_MAX_ITEMS, Person, ValidationError, parse_person
from netcoach.transfer.plan import DoubtfulMatch, ImportPlan

_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def name_key(name: str) -> str:
    """A name as matching compares it: case and spacing ignored."""
    return " ".join(name.casefold().split())


def email_key(email: str) -> str:
    """An address as matching compares it: ASCII case only, so a lookalike letter stays different."""
    return email.strip().translate(_ASCII_LOWER)


@functools.lru_cache(maxsize=65536)
def link_key(link: str) -> str:
    """A profile link without scheme, 'www.', country subdomain, query or final '/'."""
    text = link.strip()
    parts = urlsplit(text if "://" in text else "https://" + text)
    host = (parts.hostname or "").removeprefix("www.")
    if host.endswith(".linkedin.com"):
        host = "linkedin.com"
    path = parts.path.rstrip("/").lower() if host == "linkedin.com" else parts.path.rstrip("/")
    return f"{host}{path}" if host else text.rstrip("/").lower()


def link_site(key: str) -> str:
    return key.split("/", 1)[0]


def org_key(organization: str) -> str:
    return " ".join(organization.casefold().split())


def phone_key(phone: str) -> str:
    return re.sub(r"[^\d+]", "", phone)


def emails_of(person: Person) -> list[str]:
    return [e for e in (person.email, *person.other_emails) if e]


def links_conflict(a: Iterable[str], b: Iterable[str]) -> bool:
    """Both have a profile on one site and no profile in common: two different people."""
    a_keys, b_keys = {link_key(x) for x in a}, {link_key(x) for x in b}
    if a_keys & b_keys:
        return False
    return bool({link_site(k) for k in a_keys} & {link_site(k) for k in b_keys})


class PeopleIndex:
    """Finds a known person by profile link, email or name, so imports match, not duplicate.

    People new in the file are added under a negative reference (minus their
    line), so a second row about them is recognised as a repeat.
    """

    def __init__(self, people: Iterable[Person]):
        self.by_link: dict[str, int] = {}
        self.by_email: dict[str, int] = {}
        self.by_name: dict[str, list[int]] = {}
        self.people: dict[int, Person] = {}
        for p in people:
            if p.id is None:
                continue
            self.add(p.id, p)

    def add(self, ref: int, person: Person) -> None:
        self.people[ref] = person
        for link in person.links:
            self.by_link.setdefault(link_key(link), ref)
        for email in emails_of(person):
            self.by_email.setdefault(email_key(email), ref)
        self.by_name.setdefault(name_key(person.name), []).append(ref)

    def find(self, name: str) -> int | None:
        """The first known person with this name (how a conversation file names people)."""
        found = self.by_name.get(name_key(name))
        return found[0] if found else None

    def strong(self, person: Person) -> tuple[int, str] | None:
        """Someone the link or an email address proves to be this person, and which it was."""
        for link in person.links:
            ref = self.by_link.get(link_key(link))
            if ref is not None:
                return ref, "profile link"
        for email in emails_of(person):
            ref = self.by_email.get(email_key(email))
            if ref is not None and not links_conflict(person.links, self.people[ref].links):
                return ref, "email"
        return None

    def namesakes(self, person: Person) -> list[int]:
        """People of the same name whose links do not prove them someone else."""
        return [
            ref
            for ref in self.by_name.get(name_key(person.name), [])
            if not links_conflict(person.links, self.people[ref].links)
        ]


@dataclasses.dataclass
class ContactMatcher:
    """Places each row of a file: matched to someone known, a repeat, a question, or someone new."""

    plan: ImportPlan
    known: PeopleIndex
    in_file: PeopleIndex = dataclasses.field(default_factory=lambda: PeopleIndex(()))

    def place(self, line: int, raw: dict[str, Any]) -> None:
        try:
            person = parse_person(raw)
        except ValidationError as exc:
            self.plan.skip(f"row {line}", exc.problems)
            return
        earlier = self._repeat_of(person)
        if earlier is not None:
            self.plan.skip(f"row {line}", [f"{person.name} appears twice in the file (first on row {earlier})"])
            return
        found = self.known.strong(person)
        if found is None:
            found = self._by_name_and_organization(person, line)
            if found is None:
                return  # a question was asked
        if found[0] >= 0:
            self.match(line, found[0], person)
        else:
            self.in_file.add(-line, person)
            self.plan.new_people.append(person)

    def _repeat_of(self, person: Person) -> int | None:
        strong = self.in_file.strong(person)
        if strong is not None:
            return -strong[0]
        for ref in self.in_file.namesakes(person):
            other = self.in_file.people[ref]
            if org_key(other.organization) == org_key(person.organization) and not (
                other.email and person.email and email_key(other.email) != email_key(person.email)
            ):
                return -ref
        return None

    def _by_name_and_organization(self, person: Person, line: int) -> tuple[int, str] | None:
        """A known namesake at the same organization; (-1, "") for someone new; None when it is a question."""
        namesakes = self.known.namesakes(person)
        for ref in namesakes:
            if org_key(self.known.people[ref].organization) == org_key(person.organization):
                return ref, "name and organization"
        if namesakes:
            known = self.known.people[namesakes[0]]
            self.plan.questions.append(DoubtfulMatch(line, person, namesakes[0], doubt(person, known)))
            self.plan.based_on[namesakes[0]] = known
            return None
        return -1, ""

    def match(self, line: int, person_id: int, person: Person) -> None:
        current = self.known.people[person_id]
        self.plan.matched.append((line, person_id, person.name))
        self.plan.based_on[person_id] = current
        changes = filled_in(current, person)
        if changes:
            self.plan.person_updates.append((person_id, changes))


def doubt(person: Person, known: Person) -> str:
    """Why a namesake is a question: what the file and the member's record say about where they work."""
    here = person.organization or "no organization"
    there = known.organization or "no organization"
    return f"same name; the file says {here}, you have {there}"


def filled_in(current: Person, found: Person) -> dict[str, Any]:
    """What an import adds to a known person: empty fields filled, lists joined, nothing overwritten."""
    changes: dict[str, Any] = {}
    for field in ("organization", "title", "birthday"):
        if getattr(found, field) and not getattr(current, field):
            changes[field] = getattr(found, field)
    have_emails = {email_key(e) for e in emails_of(current)}
    new_emails = [e for e in emails_of(found) if email_key(e) not in have_emails]
    if new_emails and not current.email:
        changes["email"], new_emails = new_emails[0], new_emails[1:]
    if new_emails and len(current.other_emails) < LIST_MAX_ITEMS:
        changes["other_emails"] = [*current.other_emails, *new_emails][:LIST_MAX_ITEMS]
    # Compared as the matching compares them, so ".../in/dana/" does not join ".../in/dana".
    have = {link_key(link) for link in current.links}
    extra = [link for link in found.links if link_key(link) not in have]
    if extra and len(current.links) < LIST_MAX_ITEMS:
        changes["links"] = [*current.links, *extra][:LIST_MAX_ITEMS]
    have_phones = {phone_key(p) for p in current.phones}
    phones = [p for p in found.phones if phone_key(p) not in have_phones]
    if phones and len(current.phones) < LIST_MAX_ITEMS:
        changes["phones"] = [*current.phones, *phones][:LIST_MAX_ITEMS]
    return changes
