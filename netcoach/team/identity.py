"""Who is signing in and what they may be: the provider's identity and the instance's sign-in rules."""

from __future__ import annotations

import dataclasses
import enum
import hashlib
from collections.abc import Iterable, Mapping
from typing import Any

from netcoach.models import ValidationError
from netcoach.team.addresses import canonical_domain, canonical_email
from netcoach.team.book import RosterEntries


class TeamRole(enum.StrEnum):
    """A person's place on a team instance (not their role in a member's log, `models.Role`)."""

    MEMBER = "member"
    COORDINATOR = "coordinator"


@dataclasses.dataclass(frozen=True)
class Identity:
    """What the identity provider said about the person signing in."""

    issuer: str
    subject: str
    email: str
    name: str = ""
    # Only the provider's explicit JSON `true` vouches for the address; anything
    # else (missing, "false", 0, "true" as a string) leaves it unproven.
    email_verified: bool | None = None

    @property
    def member_id(self) -> str:
        return member_id_for(self.issuer, self.subject)


def member_id_for(issuer: str, subject: str) -> str:
    """A file-safe id from the provider's identity: a hash, so it can never name a path."""
    digest = hashlib.sha256(f"{issuer}\n{subject}".encode()).hexdigest()
    return f"m{digest[:40]}"


@dataclasses.dataclass(frozen=True)
class TeamSettings:
    """Who may use the team instance, from netcoach's section of the secrets file."""

    coordinators: frozenset[str] = frozenset()
    allowed_domains: frozenset[str] = frozenset()
    invited: frozenset[str] = frozenset()
    removed: frozenset[str] = frozenset()  # taken off the cohort in the app: not a member, whatever else says so

    @classmethod
    def from_mapping(cls, raw: Mapping[str, Any]) -> TeamSettings:
        problems: list[str] = []
        allowed = _domains(raw, problems)  # problems read in this order: domains, coordinators, invited
        settings = cls(
            coordinators=_emails(raw, "coordinators", problems),
            allowed_domains=allowed,
            invited=_emails(raw, "invited", problems),
        )
        if not settings.coordinators:
            problems.append("netcoach.coordinators: name at least one coordinator email")
        if problems:
            raise ValidationError(problems)
        return settings

    def with_roster(self, entries: RosterEntries) -> TeamSettings:
        """These rules with the roster the coordinators keep in the team file added to them.

        The secrets file's own lists keep working as they are; the app adds to
        them, and a removal made in the app outranks an invitation or domain from either.
        """
        return TeamSettings(
            coordinators=self.coordinators | frozenset(entries.coordinators),
            allowed_domains=self.allowed_domains | frozenset(entries.domains),
            invited=self.invited | frozenset(entries.invited),
            removed=self.removed | frozenset(entries.removed),
        )

    def role_for(self, identity: Identity) -> TeamRole | None:
        """The role of a signed-in person, or None when they are not allowed in."""
        email = self._vouched_email(identity)
        if email is None:
            return None
        if email in self.coordinators:
            return TeamRole.COORDINATOR
        if email in self.removed:
            return None
        if email in self.invited or email.rpartition("@")[2] in self.allowed_domains:
            return TeamRole.MEMBER
        return None

    def is_removed(self, identity: Identity) -> bool:
        """Whether this verified address was taken off the cohort (and is not a coordinator)."""
        email = self._vouched_email(identity)
        return email is not None and email in self.removed and email not in self.coordinators

    @staticmethod
    def _vouched_email(identity: Identity) -> str | None:
        if identity.email_verified is not True:
            return None
        return canonical_email(identity.email)


def _emails(raw: Mapping[str, Any], key: str, problems: list[str]) -> frozenset[str]:
    values = raw.get(key, [])
    if isinstance(values, str) or not isinstance(values, Iterable):
        problems.append(f"netcoach.{key}: must be a list of email addresses")
        return frozenset()
    out = set()
    for value in values:
        address = canonical_email(value) if isinstance(value, str) else None
        if address is None:
            problems.append(f"netcoach.{key}: {str(value)[:60]!r} is not an email address")
        else:
            out.add(address)
    return frozenset(out)


def _domains(raw: Mapping[str, Any], problems: list[str]) -> frozenset[str]:
    domains = raw.get("allowed_domains", [])
    if isinstance(domains, str) or not isinstance(domains, Iterable):
        problems.append("netcoach.allowed_domains: must be a list of domains")
        return frozenset()
    allowed: set[str] = set()
    for value in domains:
        domain = canonical_domain(value.lstrip().lstrip("@")) if isinstance(value, str) else None
        if domain is None:
            problems.append(f"netcoach.allowed_domains: {str(value)[:60]!r} is not a domain name")
        else:
            allowed.add(domain)
    return frozenset(allowed)
