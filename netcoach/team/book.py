"""The roster the coordinators keep in the app, and the audit list of every change to it.

The secrets file names the identity provider and the first coordinators; the
rest of "who may sign in" lives in the team file, in the tables below, and
changes only through `RosterBook`, which records who changed what and when in
the same write. Everything here but `RosterBook` is pure.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from netcoach.models import ValidationError
from netcoach.service import StaleRecordError
from netcoach.storage import MemberStore
from netcoach.team.addresses import canonical_domain, canonical_email

# The team file's roster tables.
INVITED = "invited"  # {email, on, by}: an address invited from the Team page
COORDINATORS = "coordinators"  # {email, on, by}: a coordinator added from the Team page
DOMAINS = "allowed_domains"  # {domain, on, by}: anyone with a verified address here may sign in
REMOVED = "removed"  # {email, on, by}: taken off the cohort; may not sign in as a member
AUDIT = "roster_audit"  # {at, by, action, subject[, days]}: one line per roster change, never edited

MAX_INVITES_AT_ONCE = 500

Now = Callable[[], dt.datetime]


@dataclasses.dataclass(frozen=True)
class Entry:
    """One address or domain on the roster, and who put it there when."""

    key: str
    on: dt.datetime
    by: str


@dataclasses.dataclass(frozen=True)
class RosterEntries:
    """The roster tables of the team file at one moment, keyed by address or domain."""

    invited: Mapping[str, Entry] = dataclasses.field(default_factory=dict)
    coordinators: Mapping[str, Entry] = dataclasses.field(default_factory=dict)
    domains: Mapping[str, Entry] = dataclasses.field(default_factory=dict)
    removed: Mapping[str, Entry] = dataclasses.field(default_factory=dict)


@dataclasses.dataclass(frozen=True)
class AuditLine:
    at: dt.datetime
    by: str
    action: str
    subject: str
    days: int | None = None  # how many days after the removal a file was deleted, on those lines

    @property
    def what(self) -> str:
        days = "" if self.days is None else f"{self.days} day" + ("" if self.days == 1 else "s")
        return AUDIT_WORDS.get(self.action, self.action).format(subject=self.subject, days=days)


AUDIT_WORDS: Mapping[str, str] = {
    "invite": "invited {subject}",
    "revoke": "revoked the invitation of {subject}",
    "remove": "removed {subject} from the cohort",
    "readmit": "let {subject} back in (invited again after being removed)",
    "add_coordinator": "made {subject} a coordinator",
    "remove_coordinator": "took {subject} off the coordinators",
    "allow_domain": "let everyone at {subject} sign in",
    "disallow_domain": "stopped letting everyone at {subject} sign in",
    "delete_after_retention": "deleted the notes of {subject}, {days} after removal (the retention period)",
    "delete_own_after_removal": "{subject} deleted their own notes after being removed",
}


# ------------------------------------------------------------------ pure: reading the tables
def _stamp(value: object) -> dt.datetime:
    try:
        return dt.datetime.fromisoformat(str(value))
    except ValueError:
        return dt.datetime.min


def entries_from_tables(tables: Mapping[str, Mapping[str, Any]]) -> RosterEntries:
    """The roster as stored; a row without its address (hand-edited) is skipped."""

    def table(name: str, key: str) -> dict[str, Entry]:
        out: dict[str, Entry] = {}
        for doc in tables.get(name, {}).values():
            value = doc.get(key)
            if isinstance(value, str) and value:
                out[value] = Entry(value, _stamp(doc.get("on")), str(doc.get("by", "")))
        return out

    return RosterEntries(
        invited=table(INVITED, "email"),
        coordinators=table(COORDINATORS, "email"),
        domains=table(DOMAINS, "domain"),
        removed=table(REMOVED, "email"),
    )


def audit_from_tables(tables: Mapping[str, Mapping[str, Any]]) -> list[AuditLine]:
    """Every recorded roster change, newest first."""
    numbered = [
        (
            int(i),
            AuditLine(
                _stamp(d.get("at")),
                str(d.get("by", "")),
                str(d.get("action", "")),
                str(d.get("subject", "")),
                d.get("days") if isinstance(d.get("days"), int) else None,
            ),
        )
        for i, d in tables.get(AUDIT, {}).items()
    ]
    return [line for _, line in sorted(numbered, key=lambda pair: (pair[1].at, pair[0]), reverse=True)]


# ------------------------------------------------------------------ pure: an invitation list
@dataclasses.dataclass(frozen=True)
class InviteRow:
    """One row of an invitation list as the preview shows it."""

    row: int  # as a spreadsheet numbers it: the first line is row 1
    text: str
    email: str | None  # the address as sign-in compares it, when the row holds one
    problem: str = ""  # why this row cannot be invited; "" when it can
    note: str = ""  # nothing to do for this row, and why (already invited)

    @property
    def to_invite(self) -> bool:
        return self.email is not None and not self.problem and not self.note


HEADER_WORDS = frozenset({"email", "e-mail", "email address", "address", "mail"})


def preview_invites(text: str, already: Iterable[str] = ()) -> list[InviteRow]:
    """Each row of a pasted or uploaded list of addresses, checked: nothing is written here.

    The address is the first column (a header row naming it is skipped);
    blank rows are skipped. A row that is not an address, or repeats an
    earlier row, has a problem naming what is wrong; an address already
    invited is noted and left alone.
    """
    known = set(already)
    seen: dict[str, int] = {}
    rows: list[InviteRow] = []
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    for number, cells in enumerate(reader, start=1):
        first = (cells[0] if cells else "").strip()
        if not first and not any(c.strip() for c in cells):
            continue
        if number == 1 and first.lower() in HEADER_WORDS:
            continue
        shown = first[:80]
        email = canonical_email(first) if first else None
        if email is None:
            problem = "the first column is empty" if not first else "is not an email address"
            rows.append(InviteRow(number, shown, None, problem=problem))
        elif email in seen:
            rows.append(InviteRow(number, shown, email, problem=f"the same address as row {seen[email]}"))
        elif email in known:
            seen[email] = number
            rows.append(InviteRow(number, shown, email, note="already invited"))
        else:
            seen[email] = number
            rows.append(InviteRow(number, shown, email))
    if sum(r.to_invite for r in rows) > MAX_INVITES_AT_ONCE:
        raise ValidationError([f"Addresses: at most {MAX_INVITES_AT_ONCE} at a time; split the list"])
    return rows


def one_address(text: str, field: str = "Email address") -> str:
    email = canonical_email(text)
    if email is None:
        shown = text.strip()[:80]
        raise ValidationError([f"{field}: " + (f"{shown!r} is not an email address" if shown else "type an address")])
    return email


def one_domain(text: str, field: str = "Domain") -> str:
    domain = canonical_domain(text.strip().lstrip("@")) if text.strip() else None
    if domain is None:
        shown = text.strip()[:80]
        raise ValidationError([f"{field}: " + (f"{shown!r} is not a domain name" if shown else "type a domain")])
    return domain


# ------------------------------------------------------------------ the roster tables, changed
class RosterBook:
    """Changes to the roster tables of one team file, each recorded in the audit list in the same write."""

    def __init__(self, store: MemberStore, now: Now):
        self.store = store
        self._now = now

    def entries(self) -> RosterEntries:
        with self.store.reading() as (_, tables):
            return entries_from_tables(tables)

    def audit(self) -> list[AuditLine]:
        with self.store.reading() as (_, tables):
            return audit_from_tables(tables)

    def _stamp(self) -> str:
        return self._now().replace(microsecond=0).isoformat()

    def _log(self, db: Any, by: str, action: str, subject: str, at: str) -> None:
        db.table(AUDIT).insert({"at": at, "by": by, "action": action, "subject": subject})

    @staticmethod
    def _find(db: Any, table: str, key: str, value: str) -> list[Any]:
        return [d for d in db.table(table).all() if d.get(key) == value]

    def note(self, by: str, action: str, subject: str, days: int | None = None) -> None:
        """An audit line for a change made outside the roster tables (a removed person's file deleted)."""
        line: dict[str, Any] = {"at": self._stamp(), "by": by, "action": action, "subject": subject}
        if days is not None:
            line["days"] = days
        with self.store.transaction() as db:
            db.table(AUDIT).insert(line)

    def invite(self, emails: Iterable[str], by: str) -> list[str]:
        """Invite addresses (already canonical); those invited before are left as they are. The newly invited."""
        added: list[str] = []
        at = self._stamp()
        with self.store.transaction() as db:
            current = {d.get("email") for d in db.table(INVITED).all()}
            for email in dict.fromkeys(emails):
                if email in current:
                    continue
                removed = self._find(db, REMOVED, "email", email)
                if removed:
                    db.table(REMOVED).remove(doc_ids=[d.doc_id for d in removed])
                    self._log(db, by, "readmit", email, at)
                db.table(INVITED).insert({"email": email, "on": at, "by": by})
                self._log(db, by, "invite", email, at)
                added.append(email)
        return added

    def revoke(self, email: str, by: str, *, expected: Entry | None = None) -> None:
        """Take back an invitation; with `expected` (as shown), only if it is still that invitation."""
        with self.store.transaction() as db:
            found = self._find(db, INVITED, "email", email)
            if not found or (expected is not None and _stamp(found[0].get("on")) != expected.on):
                raise StaleRecordError([f"The invitation of {email} changed since this page was shown; look again"])
            db.table(INVITED).remove(doc_ids=[d.doc_id for d in found])
            self._log(db, by, "revoke", email, self._stamp())

    def remove(self, email: str, by: str) -> None:
        """Take someone off the cohort: their invitation goes, and they may not sign in as a member."""
        at = self._stamp()
        with self.store.transaction() as db:
            if self._find(db, REMOVED, "email", email):
                return
            invited = self._find(db, INVITED, "email", email)
            if invited:
                db.table(INVITED).remove(doc_ids=[d.doc_id for d in invited])
            db.table(REMOVED).insert({"email": email, "on": at, "by": by})
            self._log(db, by, "remove", email, at)

    def add_coordinator(self, email: str, by: str) -> bool:
        at = self._stamp()
        with self.store.transaction() as db:
            if self._find(db, COORDINATORS, "email", email):
                return False
            db.table(COORDINATORS).insert({"email": email, "on": at, "by": by})
            self._log(db, by, "add_coordinator", email, at)
        return True

    def remove_coordinator(self, email: str, by: str) -> None:
        with self.store.transaction() as db:
            found = self._find(db, COORDINATORS, "email", email)
            if not found:
                return
            db.table(COORDINATORS).remove(doc_ids=[d.doc_id for d in found])
            self._log(db, by, "remove_coordinator", email, self._stamp())

    def allow_domain(self, domain: str, by: str) -> bool:
        at = self._stamp()
        with self.store.transaction() as db:
            if self._find(db, DOMAINS, "domain", domain):
                return False
            db.table(DOMAINS).insert({"domain": domain, "on": at, "by": by})
            self._log(db, by, "allow_domain", domain, at)
        return True

    def disallow_domain(self, domain: str, by: str) -> None:
        with self.store.transaction() as db:
            found = self._find(db, DOMAINS, "domain", domain)
            if not found:
                return
            db.table(DOMAINS).remove(doc_ids=[d.doc_id for d in found])
            self._log(db, by, "disallow_domain", domain, self._stamp())
