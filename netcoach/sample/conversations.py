"""The sample member's log: when, where and with whom, then the words of each conversation.

Conversations are first drafted (a day, a setting, the people), so that the
mentor arc can claim one-on-one time before any words are written; then each
draft gets topics, what was learned and a quality in date order, which is
what lets a mentor candidate's chats follow the arc step by step.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from collections.abc import Mapping, Sequence
from typing import Any

from netcoach.models import Conversation, Event, EventKind, MentorStage, Person, Role, Setting, parse_conversation
from netcoach.sample.followups import draw_followups
from netcoach.sample.material import material
from netcoach.sample.timeline import Timeline, day_weights

STAGE_ORDER = tuple(MentorStage)

# Which kinds of people one meets in each setting.
SETTING_ROLES: dict[Setting, tuple[Role, ...]] = {
    Setting.ONE_ON_ONE: (Role.SUPERVISOR, Role.MENTOR, Role.COLLEAGUE),
    Setting.TEAM_MEETING: (Role.COLLEAGUE, Role.SUPERVISOR, Role.FELLOW_INTERN),
    Setting.COFFEE_CHAT: (Role.FELLOW_INTERN, Role.COLLEAGUE, Role.INDUSTRY_PROFESSIONAL, Role.MENTOR, Role.OTHER),
    Setting.COMPANY_EVENT: (Role.COLLEAGUE, Role.FELLOW_INTERN, Role.SUPERVISOR, Role.RECRUITER),
    Setting.SOCIAL: (Role.FELLOW_INTERN, Role.COLLEAGUE, Role.OTHER),
    Setting.INDUSTRY_EVENT: (Role.INDUSTRY_PROFESSIONAL, Role.RECRUITER),
    Setting.ONLINE: (Role.INDUSTRY_PROFESSIONAL, Role.RECRUITER, Role.OTHER, Role.MENTOR),
    Setting.PRACTICE: (Role.FELLOW_INTERN, Role.OTHER),
}
SETTING_WEIGHTS: dict[Setting, float] = {
    Setting.ONE_ON_ONE: 18,
    Setting.TEAM_MEETING: 14,
    Setting.COFFEE_CHAT: 16,
    Setting.COMPANY_EVENT: 9,
    Setting.SOCIAL: 10,
    Setting.INDUSTRY_EVENT: 9,
    Setting.ONLINE: 12,
    Setting.PRACTICE: 4,
}
EVENT_SETTING_KIND = {Setting.COMPANY_EVENT: EventKind.COMPANY, Setting.INDUSTRY_EVENT: EventKind.INDUSTRY}


@dataclasses.dataclass
class Draft:
    """A conversation before its words are written and its follow-up decided."""

    date: dt.date
    setting: Setting
    person_ids: list[int]
    event_id: int | None = None
    event: str = ""
    pinned: bool = False


def _settings(rng: random.Random, count: int) -> list[Setting]:
    """Settings drawn by weight, each one placed at least once when there is room."""
    kinds = list(SETTING_WEIGHTS)
    settings = rng.choices(kinds, weights=list(SETTING_WEIGHTS.values()), k=count)
    if count >= len(kinds):
        for index, setting in zip(rng.sample(range(count), len(kinds)), kinds, strict=True):
            settings[index] = setting
    return settings


def draw_drafts(
    rng: random.Random,
    count: int,
    timeline: Timeline,
    people: Sequence[Person],
    weights: Mapping[int, float],
    events: Sequence[Event],
) -> list[Draft]:
    """When, where and with whom: everyone is met at least once when there are enough conversations."""
    days, weights_by_day = day_weights(timeline)
    dates = rng.choices(days, weights=weights_by_day, k=count)
    attended = {
        kind: [e for e in events if e.kind is kind and e.attended and e.date <= timeline.today]
        for kind in EVENT_SETTING_KIND.values()
    }
    social = [e for e in events if e.kind is EventKind.SOCIAL and e.attended]
    by_role: dict[Role, list[int]] = {}
    for p in people:
        assert p.id is not None
        by_role.setdefault(p.role, []).append(p.id)
    unmet = {p.id for p in people if p.id is not None}
    drafts: list[Draft] = []
    for index, (setting, day) in enumerate(zip(_settings(rng, count), dates, strict=True)):
        event: Event | None = None
        if setting in EVENT_SETTING_KIND:
            event = _nearest(attended[EVENT_SETTING_KIND[setting]], day)
        elif setting is Setting.SOCIAL and social and rng.random() < 0.4:
            event = _nearest(social, day)
        pool = [pid for role in SETTING_ROLES[setting] for pid in by_role.get(role, [])]
        remaining = count - index
        primary = _pick(rng, pool, weights, unmet, new_chance=1.5 * len(unmet) / remaining)
        unmet.discard(primary)
        ids = [primary, *_companions(rng, setting, pool, weights, primary)]
        unmet.difference_update(ids)
        drafts.append(
            Draft(
                date=event.date if event else day,
                setting=setting,
                person_ids=ids,
                event_id=event.id if event else None,
                event=event.name if event else "",
            )
        )
    return drafts


def ensure_mentor_arc(rng: random.Random, drafts: Sequence[Draft], candidates: Mapping[int, MentorStage]) -> None:
    """Enough one-on-one time with the first candidate for every step up to mentor.

    Only conversations whose person is met elsewhere too are handed over, so
    nobody drops out of the log.
    """
    mentor = [pid for pid, stage in candidates.items() if stage is MentorStage.MENTOR]
    if not mentor or len(drafts) < 20:
        return
    needed = STAGE_ORDER.index(MentorStage.MENTOR) - sum(1 for d in drafts if d.person_ids[0] == mentor[0])
    appearances: dict[int, int] = {}
    for draft in drafts:
        for pid in draft.person_ids:
            appearances[pid] = appearances.get(pid, 0) + 1
    for _ in range(max(0, needed)):
        spare = [
            d
            for d in drafts
            if d.setting in (Setting.ONE_ON_ONE, Setting.COFFEE_CHAT)
            and len(d.person_ids) == 1
            and d.person_ids[0] != mentor[0]
            and appearances[d.person_ids[0]] > 1
        ]
        if not spare:
            return
        draft = rng.choice(spare)
        appearances[draft.person_ids[0]] -= 1
        draft.person_ids = [mentor[0]]


def _nearest(events: Sequence[Event], day: dt.date) -> Event | None:
    if not events:
        return None
    return min(events, key=lambda e: (abs((e.date - day).days), e.id or 0))


def _pick(
    rng: random.Random, pool: Sequence[int], weights: Mapping[int, float], unmet: set[int], new_chance: float
) -> int:
    """Someone new now and then (so everybody is met by the end), else a familiar face."""
    new = [pid for pid in pool if pid in unmet]
    known = [pid for pid in pool if pid not in unmet]
    if new and (not known or rng.random() < new_chance):
        return rng.choice(new)
    return rng.choices(known, weights=[weights[pid] for pid in known])[0]


def _companions(
    rng: random.Random, setting: Setting, pool: Sequence[int], weights: Mapping[int, float], primary: int
) -> list[int]:
    extra = {Setting.TEAM_MEETING: (1, 3), Setting.SOCIAL: (0, 2), Setting.COMPANY_EVENT: (0, 1)}.get(setting)
    others = [pid for pid in pool if pid != primary]
    if extra is None or not others:
        return []
    wanted = min(len(others), rng.randint(*extra))
    chosen: list[int] = []
    while len(chosen) < wanted:
        pid = rng.choices(others, weights=[weights[p] for p in others])[0]
        if pid not in chosen:
            chosen.append(pid)
    return chosen


def write_conversations(
    rng: random.Random,
    drafts: list[Draft],
    people: Sequence[Person],
    candidates: Mapping[int, MentorStage],
    today: dt.date,
    followup_days: int,
) -> list[Conversation]:
    """Words, quality and follow-ups for each draft, in date order, ids from 1."""
    _pin_recent(drafts, today)
    drafts.sort(key=lambda d: d.date)
    by_id = {p.id: p for p in people}
    talks_with: dict[int, int] = {}
    raws = []
    for draft in drafts:
        main = by_id[draft.person_ids[0]]
        assert main.id is not None
        talks_with[main.id] = talks_with.get(main.id, 0) + 1
        stage = _arc_stage(candidates.get(main.id), talks_with[main.id])
        raws.append(_conversation_fields(rng, draft, main, people, stage))
    draw_followups(rng, raws, [d.pinned for d in drafts], [d.setting for d in drafts], today, followup_days)
    return [dataclasses.replace(parse_conversation(raw), id=i) for i, raw in enumerate(raws, start=1)]


def _pin_recent(drafts: list[Draft], today: dt.date) -> None:
    """Three conversations in the last days: a follow-up due today and two coming up."""
    loose = [d for d in drafts if d.event_id is None]
    loose.sort(key=lambda d: d.date, reverse=True)
    for draft, days_ago in zip(loose[:3], (2, 1, 0), strict=False):
        draft.date = today - dt.timedelta(days=days_ago)
        draft.pinned = True


def stage_for(furthest: MentorStage | None, talks: int) -> MentorStage | None:
    """The stage a mentor candidate reaches at their n-th conversation."""
    if furthest is None:
        return None
    return STAGE_ORDER[min(talks, STAGE_ORDER.index(furthest))]


def _arc_stage(furthest: MentorStage | None, talks: int) -> MentorStage | None:
    """The mentor-arc step a conversation is about, or None for an ordinary chat.

    A candidate who stopped short of becoming a mentor gets ordinary chats
    after their last step; a mentor gets regular check-ins.
    """
    if furthest is None:
        return None
    if talks > STAGE_ORDER.index(furthest) and furthest is not MentorStage.MENTOR:
        return None
    return stage_for(furthest, talks)


def _conversation_fields(
    rng: random.Random, draft: Draft, main: Person, people: Sequence[Person], stage: MentorStage | None
) -> dict[str, Any]:
    words = material()
    organization = main.organization.split(",")[0] or "their company"
    topics: list[str]
    if stage is not None and stage is not MentorStage.NONE:
        step = words.mentor_arc[stage]
        topics, learned = list(step.topics), step.learned
    else:
        topics = rng.sample(words.topics[main.role], k=rng.randint(1, 3))
        learned = rng.choice(words.learned[main.role]) if rng.random() < 0.8 else ""
    help_offered = ""
    if rng.random() < 0.22:
        other = rng.choice([p.name for p in people if p.id != main.id] or ["a friend"])
        help_offered = rng.choice(words.help).format(other=other)
    quality_weights = (1, 2, 5, 6, 3) if draft.setting in (Setting.ONE_ON_ONE, Setting.COFFEE_CHAT) else (1, 3, 6, 4, 2)
    if stage is not None:
        quality_weights = (0, 1, 2, 5, 6)
    note = rng.choice(words.notes) if rng.random() < 0.15 else ""
    return {
        "date": draft.date,
        "person_ids": draft.person_ids,
        "setting": draft.setting.value,
        "event_id": draft.event_id,
        "event": draft.event,
        "topics": topics,
        "learned": learned.format(name=main.name.split()[0], org=organization),
        "help_offered": help_offered,
        "quality": rng.choices(range(1, 6), weights=quality_weights)[0],
        "notes": note.format(topic=topics[0] if topics else "the project"),
    }


def with_mentor_stages(
    people: Sequence[Person], convs: Sequence[Conversation], candidates: Mapping[int, MentorStage]
) -> list[Person]:
    """Each mentor candidate's stage is where their conversations got to."""
    talks: dict[int, int] = {}
    for c in convs:
        talks[c.person_ids[0]] = talks.get(c.person_ids[0], 0) + 1
    out = []
    for p in people:
        if p.id is not None and p.id in candidates:
            stage = stage_for(candidates[p.id], talks.get(p.id, 0)) or MentorStage.NONE
            p = dataclasses.replace(p, mentor_stage=stage)
        out.append(p)
    return out
