"""The team file: who is a member, who shares totals, and the events the coordinator posts.

A member's own notes stay in their own file; the team file holds only what
the instance needs to let people in and to add up the cohort.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading
import time
from collections.abc import Mapping
from typing import Any

import pandas as pd

from netcoach.config import Clock, system_today
from netcoach.models import MEMBERS, SHARED_EVENTS, Event, GoalMetric, from_record, parse_event, to_record
from netcoach.service import MemberService, MemberServices
from netcoach.storage import MemberStore, Storage, StoreError
from netcoach.team.addresses import canonical_email
from netcoach.team.book import Now, RosterBook
from netcoach.team.cohort import cohort_benchmarks, cohort_totals
from netcoach.team.health import CohortHealth, DateRange, MemberFacts, cohort_health, member_facts
from netcoach.team.help import HelpDesk
from netcoach.team.identity import Identity, TeamRole
from netcoach.team.pulse import PulseBook
from netcoach.team.retention import (
    DELETED_AFTER_RETENTION,
    DELETED_ON_OWN_REQUEST,
    RETENTION_BY,
    NoticeBook,
    Removed,
    plan,
)
from netcoach.team.retention import Membership as RetentionMembership


@dataclasses.dataclass(frozen=True)
class Membership:
    member_id: str
    email: str
    name: str
    role: TeamRole
    joined_on: dt.date
    shares_totals: bool = False


def membership_from_record(doc: Mapping[str, Any], today: dt.date) -> Membership:
    """A membership as stored; one written before join dates were kept joined today."""
    return Membership(
        member_id=doc["member_id"],
        email=doc.get("email", ""),
        name=doc.get("name", ""),
        role=TeamRole(doc.get("role", TeamRole.MEMBER)),
        joined_on=dt.date.fromisoformat(doc.get("joined_on") or today.isoformat()),
        shares_totals=bool(doc.get("shares_totals", False)),
    )


# How long the cohort medians on Home are kept before they are counted again (see Team.cohort_benchmarks).
BENCHMARK_REFRESH_S = 300.0


class Team:
    """The team file and the member files of one data folder."""

    def __init__(
        self,
        folder: Storage,
        today: Clock = system_today,
        services: MemberServices | None = None,
        now: Now | None = None,
    ):
        self.folder = folder
        self._today = today
        self.store: MemberStore = folder.team_store()
        # One service per member, shared with the app's pages when it hands its own cache in.
        self._services = services if services is not None else MemberServices(folder, today)
        # The clock of roster changes and asks for help: today's date (as the instance sees it) at this time of day.
        self._now: Now = now or (lambda: dt.datetime.combine(self._today(), dt.datetime.now().time()))
        self.book = RosterBook(self.store, self._now)
        self.help = HelpDesk(self.store, self._now)
        self.pulses = PulseBook(self.store, self._now)
        self._benchmarks: dict[tuple[str, dt.date, tuple[str, ...]], tuple[float, dict[GoalMetric, float] | None]] = {}
        self._benchmarks_lock = threading.Lock()
        self.notices = NoticeBook(self.store)

    def today(self) -> dt.date:
        return self._today()

    # ------------------------------------------------------------- members
    def sign_in(self, identity: Identity, role: TeamRole) -> Membership:
        """Record a first (or later) sign-in; the member's own store starts empty."""
        member_id = identity.member_id
        with self.store.transaction() as db:
            table = db.table(MEMBERS)
            found = [d for d in table.all() if d.get("member_id") == member_id]
            record = {
                "member_id": member_id,
                "email": canonical_email(identity.email) or identity.email.strip(),
                "name": identity.name[:120],
                "role": str(role),
            }
            if found:
                current = found[0]
                if any(current.get(k) != v for k, v in record.items()):
                    table.update(record, doc_ids=[current.doc_id])
                merged = {**current, **record}
            else:
                merged = {**record, "joined_on": self._today().isoformat(), "shares_totals": False}
                table.insert(merged)
        return membership_from_record(merged, self._today())

    def members(self) -> list[Membership]:
        today = self._today()
        with self.store.reading() as (_, tables):
            return [membership_from_record(d, today) for d in tables.get(MEMBERS, {}).values()]

    def current_members(self) -> list[Membership]:
        """Members (not coordinators) still on the cohort: nobody the coordinators took off it."""
        removed = self.book.entries().removed
        return [m for m in self.members() if m.role == TeamRole.MEMBER and m.email not in removed]

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
        self._services.forget(member_id)
        with self.store.transaction() as db:
            table = db.table(MEMBERS)
            ids = [d.doc_id for d in table.all() if d.get("member_id") == member_id]
            if ids:
                table.remove(doc_ids=ids)

    # ------------------------------------------------- the notes of removed people
    def removed_with_files(
        self, days: int | None, mail: bool, coordinators: frozenset[str] = frozenset()
    ) -> list[Removed]:
        """Everyone taken off the cohort whose file still exists, and what is due for them today.

        Without a retention period, nobody (nothing is ever deleted or announced). `coordinators`: the
        coordinators of the secrets file, never removed; `mail`: whether the instance mails notices.
        """
        if days is None:
            return []
        entries = self.book.entries()
        never = coordinators | set(entries.coordinators)
        removed = {email: entry for email, entry in entries.removed.items() if email not in never}
        memberships = [
            RetentionMembership(m.member_id, m.email, m.name) for m in self.members() if m.role is TeamRole.MEMBER
        ]
        return plan(
            removed, memberships, days, self._today(), self.notices.all(), mail, has_file=self.folder.has_member
        )

    def delete_after_retention(self, removed: Removed) -> None:
        """The retention period ended: their file, backups and membership go, and the audit list says so."""
        self.remove_member(removed.member_id)
        days = removed.days_after_removal(self._today())
        self.book.note(RETENTION_BY, DELETED_AFTER_RETENTION, removed.email, days=days)

    def delete_on_own_request(self, member_id: str, email: str) -> bool:
        """A removed person deletes their own notes at once. False when they are not (or no longer) removed."""
        membership = self.membership(member_id)
        entries = self.book.entries()
        if membership is None or membership.email != email or email not in entries.removed:
            return False
        self.remove_member(member_id)
        self.book.note(email, DELETED_ON_OWN_REQUEST, email)
        return True

    def member_service(self, member_id: str) -> MemberService:
        """The one service of this member in this team, made on first use."""
        return self._services.get(member_id)

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
    def sharing_services(self) -> list[MemberService]:
        """The services of members (not coordinators) who chose to share their totals."""
        return self._sharing()[0]

    def _sharing(self) -> tuple[list[MemberService], int]:
        """The sharing members' services, and how many of them have no store that can be opened.

        Only a hand-edited team file holds a member id the folder refuses; that
        member is left out, like one whose file cannot be read.
        """
        services: list[MemberService] = []
        unopened = 0
        for m in self.current_members():
            if not m.shares_totals:
                continue
            try:
                services.append(self.member_service(m.member_id))
            except StoreError:
                unopened += 1
        return services, unopened

    def cohort_totals(self, months: int = 6) -> pd.DataFrame:
        """Per month, totals over sharing members only; no row names a person (see `netcoach.team.cohort`).

        Sharing members whose files cannot be read are left out and counted in `members_skipped`.
        """
        services, unopened = self._sharing()
        table = cohort_totals(services, self._today(), months)
        table["members_skipped"] += unopened
        return table

    def cohort_benchmarks(self, month: str) -> dict[GoalMetric, float] | None:
        """Cohort medians per metric for the month, or None while too few can be counted.

        Every member's Home shows them on every run, and each member's save
        made the next Home recount that member: on a busy cohort every view
        recounted most of it. A median moves slowly, so it is kept for
        `BENCHMARK_REFRESH_S`; who shares is part of the key, so joining,
        leaving or a change of sharing counts at once.
        """
        services = self.sharing_services()
        key = (month, self._today(), tuple(svc.member_id for svc in services))
        now = time.monotonic()
        with self._benchmarks_lock:
            kept = self._benchmarks.get(key)
        if kept is not None and now - kept[0] < BENCHMARK_REFRESH_S:
            return kept[1]
        medians = cohort_benchmarks(services, month)
        with self._benchmarks_lock:
            self._benchmarks = {k: v for k, v in self._benchmarks.items() if k[:2] == key[:2]}
            self._benchmarks[key] = (now, medians)
        return medians

    def cohort_health(self, span: DateRange) -> CohortHealth:
        """Health buckets and totals for a date range over sharing members (see `netcoach.team.health`).

        A sharing member whose file cannot be read is left out and counted as skipped.
        """
        today = self._today()
        facts: list[MemberFacts] = []
        skipped = 0
        for m in self.current_members():
            if not m.shares_totals:
                continue
            try:
                facts.append(member_facts(self.member_service(m.member_id).frames(), m.joined_on, span, today))
            except StoreError:
                skipped += 1
        return cohort_health(facts, span, today, skipped)

    def first_join(self) -> dt.date | None:
        """The day the first member still on the cohort joined: where "the whole internship" starts."""
        return min((m.joined_on for m in self.current_members()), default=None)
