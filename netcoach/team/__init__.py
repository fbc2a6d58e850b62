"""The hosted team instance: who may sign in, membership, sharing, shared events, cohort totals.

Everything here works on identities the sign-in provider vouched for. A
member's own notes stay in their own file; the team file holds only who is a
member, whether they share totals, and the events the coordinator posts. The
coordinator gets numbers per month, never a person, an organization or a note.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re
import statistics
import string
from collections.abc import Iterable, Mapping
from typing import Any

import idna
import pandas as pd

from netcoach import coach
from netcoach.insights import analytics
from netcoach.models import Event, GoalMetric, ValidationError, from_record, parse_event, to_record
from netcoach.service import MemberService
from netcoach.storage import DataDir, MemberStore

MEMBERS, SHARED_EVENTS = "members", "shared_events"
MIN_SHARING_FOR_BENCHMARKS = 5
EMAIL_RE = re.compile(r"^[^@\s]+@([^@\s]+\.[^@\s]+)\Z")
# Case-folds A-Z only: str.lower() maps lookalikes such as the Kelvin sign
# (U+212A) to "k", which would make a different address equal a configured one.
_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
_ASCII_DOMAIN_RE = re.compile(r"[a-z0-9-]+(\.[a-z0-9-]+)+")


def canonical_domain(text: str) -> str | None:
    """A domain in its IDNA (ASCII) form, or None when it is not a valid domain name.

    IDNA 2008 without UTS 46 mapping: a label holding a lookalike that would
    only turn into an ASCII letter by compatibility mapping is refused, not mapped.
    """
    domain = text.strip().translate(_ASCII_LOWER).rstrip(".")
    if not domain.isascii():
        try:
            domain = idna.encode(domain, uts46=False).decode("ascii")
        except idna.IDNAError:
            return None
    return domain if _ASCII_DOMAIN_RE.fullmatch(domain) else None


def canonical_email(text: str) -> str | None:
    """An address as compared for sign-in, or None when it is not one.

    The local part is compared exactly except for ASCII case; the domain in
    its IDNA form. So only the same address, written the same way, matches.
    """
    match = EMAIL_RE.match(text.strip())
    if not match:
        return None
    local = text.strip()[: match.start(1) - 1]
    domain = canonical_domain(match.group(1))
    if domain is None:
        return None
    return f"{local.translate(_ASCII_LOWER)}@{domain}"


class Role:
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

    @classmethod
    def from_mapping(cls, raw: Mapping[str, Any]) -> TeamSettings:
        problems: list[str] = []

        def emails(key: str) -> frozenset[str]:
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

        domains = raw.get("allowed_domains", [])
        if isinstance(domains, str) or not isinstance(domains, Iterable):
            problems.append("netcoach.allowed_domains: must be a list of domains")
            domains = []
        allowed: set[str] = set()
        for value in domains:
            domain = canonical_domain(value.lstrip().lstrip("@")) if isinstance(value, str) else None
            if domain is None:
                problems.append(f"netcoach.allowed_domains: {str(value)[:60]!r} is not a domain name")
            else:
                allowed.add(domain)
        settings = cls(
            coordinators=emails("coordinators"), allowed_domains=frozenset(allowed), invited=emails("invited")
        )
        if not settings.coordinators:
            problems.append("netcoach.coordinators: name at least one coordinator email")
        if not (settings.allowed_domains or settings.invited):
            problems.append("netcoach: set allowed_domains or invited (or both), or nobody can sign in")
        if problems:
            raise ValidationError(problems)
        return settings

    def role_for(self, identity: Identity) -> str | None:
        """The role of a signed-in person, or None when they are not allowed in."""
        if identity.email_verified is not True:
            return None
        email = canonical_email(identity.email)
        if email is None:
            return None
        if email in self.coordinators:
            return Role.COORDINATOR
        if email in self.invited or email.rpartition("@")[2] in self.allowed_domains:
            return Role.MEMBER
        return None


@dataclasses.dataclass(frozen=True)
class Membership:
    member_id: str
    email: str
    name: str
    role: str
    joined_on: dt.date
    shares_totals: bool = False


class Team:
    """The team file and the member files of one data folder."""

    def __init__(self, folder: DataDir, today: Any = dt.date.today):
        self.folder = folder
        self._today = today
        self.store: MemberStore = folder.team_store()

    # ------------------------------------------------------------- members
    def sign_in(self, identity: Identity, role: str) -> Membership:
        """Record a first (or later) sign-in; the member's own store starts empty."""
        member_id = identity.member_id
        with self.store.transaction() as db:
            table = db.table(MEMBERS)
            found = [d for d in table.all() if d.get("member_id") == member_id]
            record = {
                "member_id": member_id,
                "email": canonical_email(identity.email) or identity.email.strip(),
                "name": identity.name[:120],
                "role": role,
            }
            if found:
                current = found[0]
                if any(current.get(k) != v for k, v in record.items()):
                    table.update(record, doc_ids=[current.doc_id])
                merged = {**current, **record}
            else:
                merged = {**record, "joined_on": self._today().isoformat(), "shares_totals": False}
                table.insert(merged)
        return _membership(merged)

    def members(self) -> list[Membership]:
        with self.store.reading() as (_, tables):
            return [_membership(d) for d in tables.get(MEMBERS, {}).values()]

    def membership(self, member_id: str) -> Membership | None:
        return next((m for m in self.members() if m.member_id == member_id), None)

    def set_sharing(self, member_id: str, shares: bool) -> None:
        with self.store.transaction() as db:
            table = db.table(MEMBERS)
            ids = [d.doc_id for d in table.all() if d.get("member_id") == member_id]
            if ids:
                table.update({"shares_totals": bool(shares)}, doc_ids=ids)

    def remove_member(self, member_id: str) -> None:
        """Delete a member's account: their file, their backups and their membership."""
        self.folder.remove_member(member_id)
        with self.store.transaction() as db:
            table = db.table(MEMBERS)
            ids = [d.doc_id for d in table.all() if d.get("member_id") == member_id]
            if ids:
                table.remove(doc_ids=ids)

    def member_service(self, member_id: str) -> MemberService:
        return MemberService(self.folder.store(member_id), today=self._today)

    # --------------------------------------------------------- shared events
    def shared_events(self) -> list[Event]:
        with self.store.reading() as (_, tables):
            events = [from_record(Event, d, int(i)) for i, d in tables.get(SHARED_EVENTS, {}).items()]
        return sorted(events, key=lambda e: (e.date, e.name))

    def upcoming_shared_events(self) -> list[Event]:
        today = self._today()
        return [e for e in self.shared_events() if e.date >= today]

    def post_event(self, raw: Mapping[str, Any]) -> Event:
        event = parse_event({**raw, "id": None, "attended": False})
        with self.store.transaction() as db:
            doc_id = db.table(SHARED_EVENTS).insert(to_record(event))
        return dataclasses.replace(event, id=doc_id)

    def delete_event(self, event_id: int) -> None:
        with self.store.transaction() as db:
            table = db.table(SHARED_EVENTS)
            if table.contains(doc_id=event_id):
                table.remove(doc_ids=[event_id])

    # ---------------------------------------------------------- cohort totals
    def _sharing_services(self) -> list[MemberService]:
        return [self.member_service(m.member_id) for m in self.members() if m.shares_totals and m.role == Role.MEMBER]

    def cohort_totals(self, months: int = 6) -> pd.DataFrame:
        """Per month, totals over sharing members only; no row names a person.

        Columns: month, members_sharing, conversations, new_people, events_attended,
        followups_needed, followups_on_time, followthrough_rate, goals_set, goals_met.
        """
        month_list = _recent_months(self._today(), months)
        services = self._sharing_services()
        rows = []
        for month in month_list:
            row = {
                "month": pd.Timestamp(f"{month}-01"),
                "members_sharing": len(services),
                "conversations": 0,
                "new_people": 0,
                "events_attended": 0,
                "followups_needed": 0,
                "followups_on_time": 0,
                "goals_set": 0,
                "goals_met": 0,
            }
            for svc in services:
                totals = member_month_totals(svc, month)
                for key, value in totals.items():
                    row[key] += value
            rows.append(row)
        table = pd.DataFrame(rows)
        needed = table["followups_needed"].where(table["followups_needed"] > 0)
        table["followthrough_rate"] = (table["followups_on_time"] / needed).round(3)
        return table

    def cohort_benchmarks(self, month: str) -> dict[GoalMetric, float] | None:
        """Cohort medians per metric for the month, or None while fewer than five share."""
        services = self._sharing_services()
        if len(services) < MIN_SHARING_FOR_BENCHMARKS:
            return None
        counts = [analytics.month_progress(svc.frames(), month) for svc in services]
        return {metric: statistics.median(c[metric] for c in counts) for metric in GoalMetric}


class TeamView:
    """What one signed-in member may do with the team: bound to them when made."""

    def __init__(self, team: Team, member_id: str):
        self._team = team
        self._member_id = member_id

    @property
    def shares_totals(self) -> bool:
        membership = self._team.membership(self._member_id)
        return bool(membership and membership.shares_totals)

    def set_sharing(self, shares: bool) -> None:
        self._team.set_sharing(self._member_id, shares)

    def upcoming_events(self) -> list[Event]:
        return self._team.upcoming_shared_events()

    def benchmarks(self, month: str) -> dict[GoalMetric, float] | None:
        return self._team.cohort_benchmarks(month)

    def delete_account(self) -> None:
        self._team.remove_member(self._member_id)


class CoordinatorView:
    """The coordinator's reach: cohort totals and shared events, nobody's notes."""

    def __init__(self, team: Team):
        self._team = team

    def cohort_totals(self, months: int = 6) -> pd.DataFrame:
        return self._team.cohort_totals(months)

    def members_count(self) -> tuple[int, int]:
        """(members signed up, members sharing totals)."""
        members = [m for m in self._team.members() if m.role == Role.MEMBER]
        return len(members), sum(m.shares_totals for m in members)

    def shared_events(self) -> list[Event]:
        return self._team.shared_events()

    def post_event(self, raw: Mapping[str, Any]) -> Event:
        return self._team.post_event(raw)

    def delete_event(self, event_id: int) -> None:
        self._team.delete_event(event_id)


def member_month_totals(svc: MemberService, month: str) -> dict[str, int]:
    """The few numbers a sharing member contributes to the cohort for one month."""
    progress = analytics.month_progress(svc.frames(), month)
    followthrough = svc.followthrough()
    in_month = followthrough[followthrough["month"] == month]
    goals = svc.goals(month)
    return {
        "conversations": progress[GoalMetric.CONVERSATIONS],
        "new_people": progress[GoalMetric.NEW_PEOPLE],
        "events_attended": progress[GoalMetric.EVENTS_ATTENDED],
        "followups_needed": int(in_month["needing"].sum()),
        "followups_on_time": int(in_month["on_time"].sum()),
        "goals_set": len(goals),
        "goals_met": sum(1 for g in goals if progress[g.metric] >= g.target),
    }


def _recent_months(today: dt.date, count: int) -> list[str]:
    this_month = coach.month_of(today)
    return [coach.shift_month(this_month, -i) for i in range(count - 1, -1, -1)]


def _membership(doc: Mapping[str, Any]) -> Membership:
    return Membership(
        member_id=doc["member_id"],
        email=doc.get("email", ""),
        name=doc.get("name", ""),
        role=doc.get("role", Role.MEMBER),
        joined_on=dt.date.fromisoformat(doc.get("joined_on") or dt.date.today().isoformat()),
        shares_totals=bool(doc.get("shares_totals", False)),
    )
