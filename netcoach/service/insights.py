"""The Insights read side: headline numbers and the tables behind each chart."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

import pandas as pd

from netcoach.insights import analytics
from netcoach.models import MentorStage, Role
from netcoach.service.coaching import CoachingService

PEOPLE_OVERVIEW_COLUMNS = [
    "id",
    "name",
    "role",
    "organization",
    "last_talk",
    "conversations",
    "mentor_stage",
    "keep_in_touch",
    "strength",
]


@dataclasses.dataclass(frozen=True)
class Insights:
    """Headline numbers and the tables behind every Insights chart."""

    conversations: int
    people_met: int
    organizations: int
    on_time_rate: float | None
    per_week_by_role: pd.DataFrame
    new_vs_repeat: pd.DataFrame
    settings_mix: pd.DataFrame
    followthrough: pd.DataFrame
    quality_by_month: pd.DataFrame
    organizations_reached: pd.DataFrame
    network_growth: pd.DataFrame


class InsightsService(CoachingService):
    def insights(self) -> Insights:
        frames = self.frames()
        people = analytics.people_table(frames)
        met = people[people["conversations"] > 0]
        followthrough = self.followthrough()
        due = followthrough["needing"].sum() if len(followthrough) else 0
        return Insights(
            conversations=len(frames.conversations),
            people_met=len(met),
            organizations=met.loc[met["organization"].str.len() > 0, "organization"].nunique(),
            on_time_rate=(followthrough["on_time"].sum() / due) if due else None,
            per_week_by_role=analytics.conversations_per_week_by_role(frames),
            new_vs_repeat=analytics.new_vs_repeat_by_month(frames),
            settings_mix=analytics.settings_mix(frames),
            followthrough=followthrough,
            quality_by_month=analytics.quality_by_month(frames),
            organizations_reached=analytics.organizations_reached(frames),
            network_growth=analytics.network_growth(frames),
        )

    def people_overview(self, text: str = "", roles: Iterable[Role] = ()) -> pd.DataFrame:
        """One row per matching person: role, organization, last conversation, count."""
        wanted = {p.id for p in self.people(text, roles)}
        table = analytics.people_table(self.frames())
        table = table[table["id"].isin(wanted)]
        touch = {row.person_id: row for row in self.keep_in_touch()}
        strength = self.relationship_strength()

        def touch_status(person_id: int) -> str:
            row = touch.get(person_id)
            if row is None:
                return "Not talked yet"
            return f"{row.status.label} · next by {row.due_date:%d %b}"

        table = table.assign(
            role=table["role"].map(lambda v: Role(v).label),
            mentor_stage=table["mentor_stage"].map(lambda v: MentorStage(v).label),
            keep_in_touch=table["id"].map(touch_status),
            strength=table["id"].map(lambda i: strength.get(i, 0.0)),
        )
        return table[PEOPLE_OVERVIEW_COLUMNS].sort_values(
            ["last_talk", "name"], ascending=[False, True], na_position="last"
        )

    def activity(self, days: int = 84) -> pd.DataFrame:
        """Conversations per day over the last `days` days, for the calendar."""
        return analytics.activity_by_day(self.frames(), days, self.today)

    def network_growth(self) -> pd.DataFrame:
        return analytics.network_growth(self.frames())

    def week_streak(self) -> int:
        return self._derived("week_streak", lambda _snap: analytics.week_streak(self.frames(), self.today))
