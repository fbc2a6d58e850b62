"""The people side of the coach: who to keep in touch with, how strong each tie is, who could mentor.

These lists back the People, Follow-ups and Insights pages and the
leaving-well advice at the end of a placement; the nudges read them too, so a
rule and the page it points to always agree on who is overdue or strongest.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import math
from collections import defaultdict

import pandas as pd

from netcoach.coach.thresholds import (
    DUE_SOON_DAYS,
    EXIT_WINDOW_DAYS,
    FOLLOWUP_ON_TIME_DAYS,
    STRENGTH_HALF_LIFE_DAYS,
    STRENGTH_SCALE,
)
from netcoach.coach.wording import first_name
from netcoach.insights import analytics
from netcoach.models import Conversation, MentorStage, Person, Role, Snapshot

_CADENCE_DAYS: dict[Role, int] = {
    Role.SUPERVISOR: 14,
    Role.MENTOR: 21,
    Role.COLLEAGUE: 30,
    Role.FELLOW_INTERN: 30,
    Role.INDUSTRY_PROFESSIONAL: 45,
    Role.RECRUITER: 60,
    Role.OTHER: 60,
}

_MENTOR_ORDER: tuple[MentorStage, ...] = (
    MentorStage.FIRST_CHAT,
    MentorStage.FOLLOW_UP_CHAT,
    MentorStage.ASKED_ADVICE,
    MentorStage.ACTED_AND_REPORTED,
    MentorStage.MENTOR,
)

NEXT_STEP: dict[MentorStage, str] = {
    MentorStage.NONE: "Book a first short chat with {name} about how they got to where they are.",
    MentorStage.FIRST_CHAT: "Ask {name} for a second chat and bring one question that grew out of the first.",
    MentorStage.FOLLOW_UP_CHAT: "Ask {name} for advice on one concrete decision you are facing.",
    MentorStage.ASKED_ADVICE: "Act on {name}'s advice, then tell them what you did and how it went.",
    MentorStage.ACTED_AND_REPORTED: "Ask {name} whether they would be open to meeting now and then, say monthly.",
    MentorStage.MENTOR: "Keep the rhythm with {name}: meet on your cadence and share what changed since last time.",
}


def stage_rank(stage: MentorStage) -> int:
    """0 for no stage, then 1 (first chat) to 5 (mentor)."""
    return _MENTOR_ORDER.index(stage) + 1 if stage in _MENTOR_ORDER else 0


def is_mentor(person: Person) -> bool:
    return person.mentor_stage == MentorStage.MENTOR or person.role == Role.MENTOR


def default_cadence(role: Role) -> int:
    """Days between check-ins a relationship with this role usually needs."""
    return _CADENCE_DAYS.get(role, _CADENCE_DAYS[Role.OTHER])


class TouchStatus(enum.StrEnum):
    OK = "ok"
    DUE = "due"  # due within the next few days, or today
    OVERDUE = "overdue"

    @property
    def label(self) -> str:
        return self.value.capitalize()


@dataclasses.dataclass(frozen=True)
class KeepInTouch:
    person_id: int
    name: str
    last_date: dt.date
    last_conversation_id: int | None
    cadence_days: int
    due_date: dt.date
    status: TouchStatus
    days_overdue: int  # 0 unless overdue


def keep_in_touch(snapshot: Snapshot, today: dt.date) -> list[KeepInTouch]:
    """Everyone talked to, with their next check-in date; overdue first.

    Any logged conversation with a person restarts their clock. People never
    talked to are left out: there is nothing to keep up yet.
    """
    last: dict[int, Conversation] = {}
    for conversation in snapshot.conversations:
        if conversation.date > today:
            continue
        for person_id in conversation.person_ids:
            seen = last.get(person_id)
            if seen is None or conversation.date >= seen.date:
                last[person_id] = conversation
    rows: list[KeepInTouch] = []
    for person in snapshot.people:
        if person.id is None or person.id not in last:
            continue
        conversation = last[person.id]
        cadence = person.cadence_days or default_cadence(person.role)
        due = conversation.date + dt.timedelta(days=cadence)
        if today > due:
            status = TouchStatus.OVERDUE
        elif today >= due - dt.timedelta(days=DUE_SOON_DAYS):
            status = TouchStatus.DUE
        else:
            status = TouchStatus.OK
        rows.append(
            KeepInTouch(
                person_id=person.id,
                name=person.name,
                last_date=conversation.date,
                last_conversation_id=conversation.id,
                cadence_days=cadence,
                due_date=due,
                status=status,
                days_overdue=max(0, (today - due).days),
            )
        )
    order = {TouchStatus.OVERDUE: 0, TouchStatus.DUE: 1, TouchStatus.OK: 2}
    rows.sort(key=lambda r: (order[r.status], -r.days_overdue, r.due_date, r.name))
    return rows


STRENGTH_EXPLAINED = (
    "How close you are keeping this tie, from 0 to 100. Every conversation with them adds its quality "
    f"(your 1-5 rating; an ordinary 3 counts as one conversation), and each counts half as much after "
    f"{STRENGTH_HALF_LIFE_DAYS:.0f} days; a group conversation counts for less per person. A long history "
    "holds up through one missed check-in, and the score never goes above 100."
)
"""`relationship_strength` in the member's words, shown wherever the score is."""


def relationship_strength(
    snapshot: Snapshot, today: dt.date, half_life_days: float = STRENGTH_HALF_LIFE_DAYS
) -> dict[int, float]:
    """A 0-100 score per person from how recently and how well you talked.

    Each conversation adds its quality (3 counts as 1) halved every
    `half_life_days`; group conversations count less per person. The sum is
    squashed into 0-100, so a long history holds up through one missed
    check-in instead of dropping to zero, and no score ever exceeds 100.
    """
    raw: dict[int, float] = {p.id: 0.0 for p in snapshot.people if p.id is not None}
    for conversation in snapshot.conversations:
        if conversation.date > today or not conversation.person_ids:
            continue
        age = (today - conversation.date).days
        weight = 0.5 ** (age / half_life_days) * conversation.quality / 3 / math.sqrt(len(conversation.person_ids))
        for person_id in conversation.person_ids:
            if person_id in raw:
                raw[person_id] += weight
    return {pid: round(100 * (1 - math.exp(-value / STRENGTH_SCALE)), 1) for pid, value in raw.items()}


@dataclasses.dataclass(frozen=True)
class MentorCandidate:
    person_id: int
    name: str
    role: Role
    stage: MentorStage
    step: int  # 1 (first chat) to 5 (mentor)
    next_step: str
    conversations: int
    last_date: dt.date | None


def mentor_pipeline(snapshot: Snapshot) -> list[MentorCandidate]:
    """Everyone on the way to becoming a mentor, furthest along first, with a next step.

    A person whose role is mentor counts as a mentor even if no stage was set.
    """
    counts: dict[int, list[dt.date]] = defaultdict(list)
    for conversation in snapshot.conversations:
        for person_id in conversation.person_ids:
            counts[person_id].append(conversation.date)
    rows: list[MentorCandidate] = []
    for person in snapshot.people:
        if person.id is None:
            continue
        stage = person.mentor_stage
        if stage == MentorStage.NONE and person.role == Role.MENTOR:
            stage = MentorStage.MENTOR
        if stage == MentorStage.NONE:
            continue
        dates = counts.get(person.id, [])
        rows.append(
            MentorCandidate(
                person_id=person.id,
                name=person.name,
                role=person.role,
                stage=stage,
                step=stage_rank(stage),
                next_step=NEXT_STEP[stage].format(name=first_name(person)),
                conversations=len(dates),
                last_date=max(dates) if dates else None,
            )
        )
    rows.sort(key=lambda r: (-r.step, r.name.lower()))
    return rows


FOLLOWTHROUGH_COLUMNS = ["month", "needing", "done", "on_time", "share_on_time", "median_delay_days"]


def followthrough(snapshot: Snapshot, today: dt.date | None = None) -> pd.DataFrame:
    """Per month: conversations needing a follow-up, the share done within 48 hours, the median delay.

    A conversation counts in the month it happened. With `today` given, open
    follow-ups still inside their 48 hours are left out: they are not late yet.
    """
    frames = analytics.frames_for(snapshot)
    conv = frames.conversations
    needing = conv[conv["followup_due"].notna()].copy()
    if today is not None:
        fresh = needing["followup_done"].isna() & (
            needing["date"] > pd.Timestamp(today - dt.timedelta(days=FOLLOWUP_ON_TIME_DAYS))
        )
        needing = needing[~fresh]
    if needing.empty:
        return pd.DataFrame(columns=FOLLOWTHROUGH_COLUMNS)
    needing["month"] = needing["date"].dt.strftime("%Y-%m")
    needing["delay"] = (needing["followup_done"] - needing["date"]).dt.days
    needing["on_time"] = needing["delay"].le(FOLLOWUP_ON_TIME_DAYS) & needing["followup_done"].notna()
    grouped = needing.groupby("month", sort=True)
    out = pd.DataFrame(
        {
            "needing": grouped.size(),
            "done": grouped["followup_done"].count(),
            "on_time": grouped["on_time"].sum().astype(int),
            "median_delay_days": grouped["delay"].median(),
        }
    )
    out["share_on_time"] = out["on_time"] / out["needing"]
    return out.reset_index()[FOLLOWTHROUGH_COLUMNS]


@dataclasses.dataclass(frozen=True)
class ExitContact:
    person_id: int
    name: str
    reason: str
    strength: float
    last_conversation: Conversation | None


def exit_list(snapshot: Snapshot, today: dt.date, top: int = 5) -> list[ExitContact]:
    """Who to thank and stay in touch with, in the last three weeks of the placement.

    Mentors and supervisors first, then those who gave advice, then the
    strongest relationships; empty outside that window.
    """
    end = snapshot.profile.internship_end
    if end is None or not 0 <= (end - today).days <= EXIT_WINDOW_DAYS:
        return []
    strength = relationship_strength(snapshot, today)
    last: dict[int, Conversation] = {}
    for conversation in sorted(snapshot.conversations, key=lambda c: (c.date, c.id or 0)):
        if conversation.date <= today:
            for person_id in conversation.person_ids:
                last[person_id] = conversation
    strongest = {
        pid for pid, score in sorted(strength.items(), key=lambda kv: -kv[1])[:top] if score > 0 and pid in last
    }
    rows: list[tuple[int, ExitContact]] = []
    for person in snapshot.people:
        if person.id is None:
            continue
        if is_mentor(person):
            rank, reason = 0, "your mentor"
        elif person.role == Role.SUPERVISOR:
            rank, reason = 1, "your supervisor"
        elif person.mentor_stage in (MentorStage.ASKED_ADVICE, MentorStage.ACTED_AND_REPORTED):
            rank, reason = 2, "gave you advice"
        elif person.id in strongest:
            rank, reason = 3, f"one of your strongest relationships ({strength[person.id]:.0f}/100)"
        else:
            continue
        contact = ExitContact(person.id, person.name, reason, strength.get(person.id, 0.0), last.get(person.id))
        rows.append((rank, contact))
    rows.sort(key=lambda r: (r[0], -r[1].strength, r[1].name.lower()))
    return [contact for _, contact in rows]
