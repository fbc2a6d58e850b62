"""Tables and aggregates over a member's log: plain data in, pandas out.

Nothing here reads files or knows about Streamlit, so every figure the
dashboard shows can be checked in a unit test from a handful of records.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading
import weakref
from collections.abc import Iterable

import pandas as pd

from netcoach.models import Conversation, Event, Goal, GoalMetric, Person, Role, Setting, Snapshot

CONVERSATION_COLUMNS = [
    "id",
    "date",
    "person_ids",
    "setting",
    "event_id",
    "event",
    "topics",
    "learned",
    "help_offered",
    "quality",
    "followup_due",
    "followup_done",
]
PEOPLE_COLUMNS = ["id", "name", "role", "organization", "mentor_stage", "cadence_days"]
EVENT_COLUMNS = ["id", "name", "date", "kind", "attended"]


@dataclasses.dataclass(frozen=True)
class Frames:
    """The member's data as DataFrames, built once per version of their file."""

    people: pd.DataFrame
    conversations: pd.DataFrame
    events: pd.DataFrame
    # One row per (conversation, person): the unit most questions count.
    meetings: pd.DataFrame
    # month -> month_progress, counted once: goal rules ask about the same months again and again.
    progress_memo: dict[str, dict[GoalMetric, int]] = dataclasses.field(default_factory=dict, compare=False, repr=False)


def build_frames(people: Iterable[Person], conversations: Iterable[Conversation], events: Iterable[Event]) -> Frames:
    people_df = pd.DataFrame(
        [
            {
                "id": p.id,
                "name": p.name,
                "role": p.role.value,
                "organization": p.organization,
                "mentor_stage": p.mentor_stage.value,
                "cadence_days": p.cadence_days,
            }
            for p in people
        ],
        columns=PEOPLE_COLUMNS,
    )
    conv_df = pd.DataFrame(
        [
            {
                "id": c.id,
                "date": c.date,
                "person_ids": list(c.person_ids),
                "setting": c.setting.value,
                "event_id": c.event_id,
                "event": c.event,
                "topics": list(c.topics),
                "learned": c.learned,
                "help_offered": c.help_offered,
                "quality": c.quality,
                "followup_due": c.followup_due,
                "followup_done": c.followup_done,
            }
            for c in conversations
        ],
        columns=CONVERSATION_COLUMNS,
    )
    for column in ("date", "followup_due", "followup_done"):
        conv_df[column] = pd.to_datetime(conv_df[column])
    events_df = pd.DataFrame(
        [{"id": e.id, "name": e.name, "date": e.date, "kind": e.kind.value, "attended": e.attended} for e in events],
        columns=EVENT_COLUMNS,
    )
    events_df["date"] = pd.to_datetime(events_df["date"])
    meetings = conv_df[["id", "date", "person_ids", "setting", "quality"]].explode("person_ids")
    meetings = meetings.rename(columns={"id": "conversation_id", "person_ids": "person_id"})
    meetings = meetings.dropna(subset=["person_id"]).astype({"person_id": "int64"})
    roles = people_df.set_index("id")["role"] if len(people_df) else pd.Series(dtype=object)
    meetings["role"] = meetings["person_id"].map(roles).fillna(Role.OTHER.value)
    return Frames(people_df, conv_df, events_df, meetings.reset_index(drop=True))


# Frames by id of their snapshot, for as long as that snapshot lives: every member's current
# snapshot keeps its frames, however many members the server holds, and a replaced one lets go.
_FRAMES_MEMO: dict[int, Frames] = {}
_FRAMES_LOCK = threading.Lock()


def frames_for(snapshot: Snapshot) -> Frames:
    """The frames of one snapshot, built once however many views and rules ask.

    Snapshots are immutable and the service hands out one per file version, so
    the object itself is the key; its frames are dropped when it is.
    """
    key = id(snapshot)
    with _FRAMES_LOCK:
        hit = _FRAMES_MEMO.get(key)
        if hit is not None:
            return hit
    frames = build_frames(snapshot.people, snapshot.conversations, snapshot.events)
    with _FRAMES_LOCK:
        if key not in _FRAMES_MEMO:
            _FRAMES_MEMO[key] = frames
            weakref.finalize(snapshot, _forget_frames, key)
        return _FRAMES_MEMO[key]


def _forget_frames(key: int) -> None:
    with _FRAMES_LOCK:
        _FRAMES_MEMO.pop(key, None)


def month_bounds(month: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    """First day of the month and first day of the next."""
    start = pd.Timestamp(f"{month}-01")
    return start, start + pd.offsets.MonthBegin(1)


def first_met(frames: Frames) -> pd.Series:
    """The date of each person's first logged conversation, by person id."""
    if frames.meetings.empty:
        return pd.Series(dtype="datetime64[ns]")
    return frames.meetings.groupby("person_id")["date"].min()


def month_progress(frames: Frames, month: str) -> dict[GoalMetric, int]:
    """What the member did in one month, per goal metric, counted from the log."""
    counted = frames.progress_memo.get(month)
    if counted is None:
        counted = frames.progress_memo.setdefault(month, _count_month(frames, month))
    return dict(counted)


def _count_month(frames: Frames, month: str) -> dict[GoalMetric, int]:
    start, end = month_bounds(month)
    conv = frames.conversations
    in_month = conv[(conv["date"] >= start) & (conv["date"] < end)]
    met = first_met(frames)
    meetings = frames.meetings
    month_meetings = meetings[(meetings["date"] >= start) & (meetings["date"] < end)]
    mentor_ids = set(
        frames.people.loc[
            (frames.people["role"] == Role.MENTOR.value) | (frames.people["mentor_stage"] == "mentor"),
            "id",
        ]
    )
    events = frames.events
    done = conv["followup_done"]
    return {
        GoalMetric.NEW_PEOPLE: int(((met >= start) & (met < end)).sum()),
        GoalMetric.CONVERSATIONS: len(in_month),
        GoalMetric.EVENTS_ATTENDED: int(
            (events["attended"] & (events["date"] >= start) & (events["date"] < end)).sum()
        ),
        GoalMetric.FOLLOW_UPS_SENT: int(((done >= start) & (done < end)).sum()),
        GoalMetric.HELP_OFFERED: int((in_month["help_offered"].str.len() > 0).sum()),
        GoalMetric.MENTOR_CONVERSATIONS: int(
            month_meetings[month_meetings["person_id"].isin(mentor_ids)]["conversation_id"].nunique()
        ),
        GoalMetric.ONLINE_ACTIONS: int((in_month["setting"] == Setting.ONLINE.value).sum()),
    }


def network_growth(frames: Frames) -> pd.DataFrame:
    """Cumulative number of people met, by month (columns: month, new_people, total)."""
    met = first_met(frames)
    if met.empty:
        return pd.DataFrame(columns=["month", "new_people", "total"])
    monthly = met.to_frame("date").set_index("date").assign(n=1)["n"].resample("MS").sum()
    out = monthly.rename("new_people").to_frame()
    out["total"] = out["new_people"].cumsum()
    out.index.name = "month"
    return out.reset_index()


def activity_by_day(frames: Frames, days: int, today: dt.date) -> pd.DataFrame:
    """Conversations per day for the last `days` days, zero-filled (columns: date, conversations)."""
    index = pd.date_range(end=pd.Timestamp(today), periods=days, freq="D")
    counts = frames.conversations.groupby("date").size().reindex(index, fill_value=0)
    return counts.rename("conversations").rename_axis("date").reset_index()


def week_streak(frames: Frames, today: dt.date) -> int:
    """Weeks in a row, up to this one, with at least one conversation logged."""
    if frames.conversations.empty:
        return 0
    weeks = set(frames.conversations["date"].dt.to_period("W-SUN").astype(str))
    period = pd.Timestamp(today).to_period("W-SUN")
    streak = 0
    # The current week still counts as "in progress": an empty one does not break the streak.
    if str(period) not in weeks:
        period -= 1
    while str(period) in weeks:
        streak += 1
        period -= 1
    return streak


def _month_start(series: pd.Series) -> pd.Series:
    return series.dt.to_period("M").dt.to_timestamp()


def conversations_per_week_by_role(frames: Frames) -> pd.DataFrame:
    """People talked to per week and role (columns: week, role, conversations)."""
    meetings = frames.meetings
    if meetings.empty:
        return pd.DataFrame(columns=["week", "role", "conversations"])
    weekly = (
        meetings.set_index("date")
        .groupby("role")["conversation_id"]
        .resample("W-MON", label="left", closed="left")
        .nunique()
        .rename("conversations")
        .reset_index()
        .rename(columns={"date": "week"})
    )
    return weekly[["week", "role", "conversations"]]


def new_vs_repeat_by_month(frames: Frames) -> pd.DataFrame:
    """Per month, talks with someone for the first time vs again (columns: month, kind, talks)."""
    meetings = frames.meetings
    if meetings.empty:
        return pd.DataFrame(columns=["month", "kind", "talks"])
    first_talks = meetings.sort_values(["date", "conversation_id"]).groupby("person_id").head(1).index
    is_new = pd.Series(meetings.index.isin(first_talks), index=meetings.index)
    out = meetings.assign(month=_month_start(meetings["date"]), kind=is_new.map({True: "new", False: "repeat"}))
    return out.groupby(["month", "kind"]).size().rename("talks").reset_index()


def settings_mix(frames: Frames) -> pd.DataFrame:
    """Conversations per setting, most frequent first (columns: setting, conversations)."""
    counts = frames.conversations["setting"].value_counts()
    return counts.rename_axis("setting").rename("conversations").reset_index()


def quality_by_month(frames: Frames) -> pd.DataFrame:
    """Average quality per month (columns: month, quality, conversations)."""
    conv = frames.conversations
    if conv.empty:
        return pd.DataFrame(columns=["month", "quality", "conversations"])
    grouped = conv.set_index("date")["quality"].resample("MS")
    return (
        pd.DataFrame({"quality": grouped.mean().round(2), "conversations": grouped.size()})
        .rename_axis("month")
        .reset_index()
        .dropna(subset=["quality"])
    )


def organizations_reached(frames: Frames, top: int = 15) -> pd.DataFrame:
    """Organizations by people met there (columns: organization, people, conversations)."""
    people = frames.people[frames.people["organization"].str.len() > 0]
    if people.empty or frames.meetings.empty:
        return pd.DataFrame(columns=["organization", "people", "conversations"])
    talks = frames.meetings.merge(people[["id", "organization"]], left_on="person_id", right_on="id")
    out = talks.groupby("organization").agg(
        people=("person_id", "nunique"), conversations=("conversation_id", "nunique")
    )
    return out.sort_values(["people", "conversations"], ascending=False).head(top).reset_index()


def people_table(frames: Frames) -> pd.DataFrame:
    """Everyone met with their last conversation and count (one row per person)."""
    people = frames.people.copy()
    talks = frames.meetings.groupby("person_id").agg(
        last_talk=("date", "max"), conversations=("conversation_id", "nunique")
    )
    people = people.join(talks, on="id")
    people["conversations"] = people["conversations"].fillna(0).astype(int)
    return people


def goal_history(frames: Frames, goals: Iterable[Goal], months: Iterable[str]) -> pd.DataFrame:
    """Target and actual per month and metric (columns: month, metric, target, actual, met)."""
    targets = {(g.month, g.metric): g.target for g in goals}
    rows = []
    for month in months:
        actual = month_progress(frames, month)
        for metric, value in actual.items():
            target = targets.get((month, metric))
            if target is not None:
                rows.append(
                    {
                        "month": pd.Timestamp(f"{month}-01"),
                        "metric": metric.value,
                        "target": target,
                        "actual": value,
                        "met": value >= target,
                    }
                )
    return pd.DataFrame(rows, columns=["month", "metric", "target", "actual", "met"])
