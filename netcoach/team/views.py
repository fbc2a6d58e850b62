"""What each signed-in person may do with the team, bound to them when made.

Pages get one of these rather than the `Team`, so a member's page cannot
reach another member's file and the coordinator's cannot reach anyone's notes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from netcoach.models import Event, GoalMetric, ValidationError
from netcoach.team.book import AuditLine, InviteRow, one_address, one_domain, preview_invites
from netcoach.team.health import CohortHealth, date_range
from netcoach.team.help import HelpRequest, help_message
from netcoach.team.identity import TeamSettings
from netcoach.team.listing import (
    CoordinatorRow,
    DomainRow,
    RosterRow,
    coordinator_rows,
    domain_rows,
    roster_rows,
)
from netcoach.team.pulse import Pulse, PulseResults, open_for
from netcoach.team.roster import Team


class TeamView:
    """What one signed-in member may do with the team."""

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

    # ------------------------------------------------------------- asking for help
    def help_preview(self, message: str) -> dict[str, str]:
        """Exactly what an ask for help sends: the member's name and sign-in address, and the message."""
        membership = self._team.membership(self._member_id)
        return {
            "name": membership.name if membership else "",
            "email": membership.email if membership else "",
            "message": help_message(message),
        }

    def send_help(self, message: str) -> HelpRequest:
        sent = self.help_preview(message)
        return self._team.help.send(self._member_id, sent["name"], sent["email"], sent["message"])

    def my_help(self) -> HelpRequest | None:
        """This member's latest ask for help (open or handled), or None."""
        return self._team.help.latest_of(self._member_id)

    # ------------------------------------------------------------- the pulse
    def open_pulse(self) -> Pulse | None:
        """The check-in this member is asked now: open today and not answered yet."""
        pulses = self._team.pulses
        return open_for(pulses.all(), self._team.today(), pulses.answered_by(self._member_id))

    def answer_pulse(self, pulse: Pulse, answers: Sequence[str | None]) -> None:
        """Answer the check-in as it was shown; a problem names each question left out."""
        self._team.pulses.answer(self._member_id, pulse, answers)


class CoordinatorView:
    """The coordinator's reach: the roster, cohort totals and shared events, nobody's notes.

    `by` is the signed-in coordinator's address, recorded with every roster
    change; `secrets` the sign-in rules of the secrets file (shown, never changed here).
    """

    def __init__(
        self, team: Team, by: str = "", secrets: TeamSettings | None = None, retention_days: int | None = None
    ):
        self._team = team
        self.by = by
        self._secrets = secrets or TeamSettings()
        self.retention_days = retention_days

    def cohort_totals(self, months: int = 6) -> pd.DataFrame:
        return self._team.cohort_totals(months)

    def members_count(self) -> tuple[int, int]:
        """(members signed up and still on the cohort, members sharing totals)."""
        members = self._team.current_members()
        return len(members), sum(m.shares_totals for m in members)

    def today(self) -> dt.date:
        return self._team.today()

    def cohort_health(self, choice: str, custom: Sequence[dt.date] = ()) -> CohortHealth:
        """Buckets and totals for "This month", "Last month", "Whole internship" or a custom range."""
        span = date_range(choice, self._team.today(), self._team.first_join(), custom)
        return self._team.cohort_health(span)

    # ------------------------------------------------------------------ the roster
    def roster(self) -> list[RosterRow]:
        return roster_rows(self._secrets, self._team.book.entries(), self._team.members())

    def coordinators(self) -> list[CoordinatorRow]:
        return coordinator_rows(self._secrets, self._team.book.entries())

    def domains(self) -> list[DomainRow]:
        return domain_rows(self._secrets, self._team.book.entries())

    def audit(self) -> list[AuditLine]:
        return self._team.book.audit()

    def _may_sign_in(self) -> set[str]:
        entries = self._team.book.entries()
        return set(entries.invited) | set(self._secrets.invited)

    def invite(self, text: str) -> str:
        """Invite one typed address; a problem names the field. The address as it will be compared."""
        email = one_address(text)
        if email in self._secrets.coordinators | set(self._team.book.entries().coordinators):
            raise ValidationError([f"Email address: {email} is a coordinator already"])
        if email in self._may_sign_in():
            raise ValidationError([f"Email address: {email} is invited already"])
        self._team.book.invite([email], self.by)
        return email

    def preview_invites(self, text: str) -> list[InviteRow]:
        """The rows of an invitation list, checked; nothing is written until `invite_rows`."""
        return preview_invites(text, already=self._may_sign_in())

    def invite_rows(self, rows: Sequence[InviteRow]) -> list[str]:
        """Invite the rows the preview found fine (an address invited meanwhile is left as it is)."""
        return self._team.book.invite([r.email for r in rows if r.to_invite and r.email], self.by)

    def revoke(self, row: RosterRow) -> None:
        if not row.can_revoke:
            raise ValidationError([f"{row.email} has no open invitation from this page"])
        self._team.book.revoke(row.email, self.by, expected=row.invitation)

    def remove_from_cohort(self, row: RosterRow) -> None:
        """Take a member off the cohort: no more sign-in as a member; their file is kept as it is."""
        if row.email in self._secrets.coordinators | set(self._team.book.entries().coordinators):
            raise ValidationError([f"{row.email} is a coordinator; take them off the coordinators first"])
        self._team.book.remove(row.email, self.by)

    def add_coordinator(self, text: str) -> str:
        email = one_address(text, "Coordinator's email address")
        if email in self._secrets.coordinators or not self._team.book.add_coordinator(email, self.by):
            raise ValidationError([f"Coordinator's email address: {email} is a coordinator already"])
        return email

    def remove_coordinator(self, row: CoordinatorRow) -> None:
        if not row.can_remove:
            raise ValidationError([f"{row.email} is named in the server's secrets file; change it there"])
        if row.email == self.by:
            raise ValidationError(["You cannot take yourself off the coordinators; ask another coordinator"])
        self._team.book.remove_coordinator(row.email, self.by)

    def allow_domain(self, text: str) -> str:
        domain = one_domain(text)
        if domain in self._secrets.allowed_domains or not self._team.book.allow_domain(domain, self.by):
            raise ValidationError([f"Domain: {domain} is allowed already"])
        return domain

    def disallow_domain(self, row: DomainRow) -> None:
        if not row.can_remove:
            raise ValidationError([f"{row.domain} is set in the server's secrets file; change it there"])
        self._team.book.disallow_domain(row.domain, self.by)

    # ------------------------------------------------------------- asks for help
    def open_help(self) -> list[HelpRequest]:
        return self._team.help.open()

    def mark_handled(self, request: HelpRequest) -> None:
        self._team.help.mark_handled(request.id, self.by, expected=request)

    # ------------------------------------------------------------- the pulse
    def post_pulse(self, raw: Mapping[str, Any]) -> Pulse:
        """Post a check-in; every problem names its field as the form labels it."""
        return self._team.pulses.post(raw, self.by)

    def pulse_results(self) -> list[PulseResults]:
        """Each check-in with how many answered and, from five answers, counts per option; never who."""
        return self._team.pulses.results()

    def shared_events(self) -> list[Event]:
        return self._team.shared_events()

    def post_event(self, raw: Mapping[str, Any]) -> Event:
        return self._team.post_event(raw)

    def delete_event(self, event_id: int) -> None:
        self._team.delete_event(event_id)
