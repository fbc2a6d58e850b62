"""The roster as the coordinator reads it: who was invited, who signed up and when, who was taken off.

Pure: it joins the sign-in rules of the secrets file, the roster the app
keeps and the memberships, and says for each address what may be done.
It holds names and addresses only, never anything from a member's own file.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable

from netcoach.team.book import Entry, RosterEntries
from netcoach.team.identity import TeamRole, TeamSettings
from netcoach.team.roster import Membership

# Where an address's right to sign in comes from.
FROM_APP = "invited on the Team page"
FROM_SECRETS = "invited in the server's secrets file"
FROM_DOMAIN = "from an allowed domain"


@dataclasses.dataclass(frozen=True)
class RosterRow:
    email: str
    name: str
    source: str
    invitation: Entry | None  # the app's invitation, when there is one (what "revoke" takes back)
    signed_up: dt.date | None
    removed: Entry | None

    @property
    def status(self) -> str:
        if self.removed is not None:
            return "Removed from the cohort"
        return "Signed up" if self.signed_up else "Invited, not signed up yet"

    @property
    def can_revoke(self) -> bool:
        """An invitation made here that nobody has used yet; a member who signed up is removed instead."""
        return self.invitation is not None and self.signed_up is None and self.removed is None

    @property
    def can_remove(self) -> bool:
        return self.signed_up is not None and self.removed is None


def roster_rows(secrets: TeamSettings, entries: RosterEntries, members: Iterable[Membership]) -> list[RosterRow]:
    """One row per address: invited (here or in the secrets file), signed up, or removed; coordinators aside.

    Signed-up members first (by name), then open invitations, then removed addresses.
    """
    joined = {m.email: m for m in members if m.role == TeamRole.MEMBER}
    coordinators = secrets.coordinators | frozenset(entries.coordinators)
    emails = [*entries.invited, *sorted(secrets.invited), *joined, *entries.removed]
    rows = []
    for email in dict.fromkeys(emails):
        if email in coordinators:
            continue
        member = joined.get(email)
        invitation = entries.invited.get(email)
        if invitation is not None:
            source = FROM_APP
        elif email in secrets.invited:
            source = FROM_SECRETS
        else:
            source = FROM_DOMAIN
        rows.append(
            RosterRow(
                email=email,
                name=member.name if member else "",
                source=source,
                invitation=invitation,
                signed_up=member.joined_on if member else None,
                removed=entries.removed.get(email),
            )
        )
    order = {"Signed up": 0, "Invited, not signed up yet": 1, "Removed from the cohort": 2}
    return sorted(rows, key=lambda r: (order[r.status], r.name.casefold() or r.email, r.email))


@dataclasses.dataclass(frozen=True)
class CoordinatorRow:
    email: str
    added: Entry | None  # None: named in the secrets file, changed only there

    @property
    def can_remove(self) -> bool:
        return self.added is not None


def coordinator_rows(secrets: TeamSettings, entries: RosterEntries) -> list[CoordinatorRow]:
    rows = [CoordinatorRow(email, None) for email in sorted(secrets.coordinators)]
    rows += [CoordinatorRow(e, entry) for e, entry in entries.coordinators.items() if e not in secrets.coordinators]
    return rows


@dataclasses.dataclass(frozen=True)
class DomainRow:
    domain: str
    added: Entry | None  # None: in the secrets file

    @property
    def can_remove(self) -> bool:
        return self.added is not None


def domain_rows(secrets: TeamSettings, entries: RosterEntries) -> list[DomainRow]:
    rows = [DomainRow(domain, None) for domain in sorted(secrets.allowed_domains)]
    rows += [DomainRow(d, entry) for d, entry in entries.domains.items() if d not in secrets.allowed_domains]
    return rows
