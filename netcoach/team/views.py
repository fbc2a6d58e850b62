"""What each signed-in person may do with the team, bound to them when made.

Pages get one of these rather than the `Team`, so a member's page cannot
reach another member's file and the coordinator's cannot reach anyone's notes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from netcoach.models import Event, GoalMetric
from netcoach.team.identity import TeamRole
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


class CoordinatorView:
    """The coordinator's reach: cohort totals and shared events, nobody's notes."""

    def __init__(self, team: Team):
        self._team = team

    def cohort_totals(self, months: int = 6) -> pd.DataFrame:
        return self._team.cohort_totals(months)

    def members_count(self) -> tuple[int, int]:
        """(members signed up, members sharing totals)."""
        members = [m for m in self._team.members() if m.role == TeamRole.MEMBER]
        return len(members), sum(m.shares_totals for m in members)

    def shared_events(self) -> list[Event]:
        return self._team.shared_events()

    def post_event(self, raw: Mapping[str, Any]) -> Event:
        return self._team.post_event(raw)

    def delete_event(self, event_id: int) -> None:
        self._team.delete_event(event_id)
