"""The coach names people, not roles: on any log, advice aimed at someone names them when the log holds one who fits.

"Introduce yourself to one supervisor you have not met" is homework; "introduce
yourself to Priya" is a step. These properties run every rule over generated
logs and check that a role is named only when nobody in People fits.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from hypothesis import given, settings
from hypothesis import strategies as st
from support import TODAY

from netcoach import coach
from netcoach.coach.nudges.context import GROUP_SETTINGS, SMALL_GROUP
from netcoach.coach.thresholds import ONE_ROLE_WINDOW_DAYS
from netcoach.models import Conversation, Person, Profile, Role, Snapshot

FIRST_NAMES = ["Ana", "Ben", "Chi", "Dee", "Eve", "Finn", "Gus", "Hana"]

# Rules whose advice is always about someone in the log.
ALWAYS_NAMED = {
    "followup-overdue",
    "keep-in-touch",
    "one-off-contacts",
    "learned-empty",
    "no-help",
    "mentor-next-step",
    "opportunity",
    "promise-owed",
    "offer-open",
    "report-back",
    "exit-thanks",
}


def _past(snapshot: Snapshot) -> list[Conversation]:
    return [c for c in snapshot.conversations if c.date <= TODAY]


def _someone_never_met(snapshot: Snapshot) -> bool:
    """Someone never talked to; once the internship is over, only someone in the field (the office is behind)."""
    met = {pid for c in _past(snapshot) for pid in c.person_ids}
    end = snapshot.profile.internship_end
    field = (Role.INDUSTRY_PROFESSIONAL, Role.RECRUITER)
    return any(p.id not in met and (end is None or end >= TODAY or p.role in field) for p in snapshot.people)


def _someone_of_another_kind(snapshot: Snapshot) -> bool:
    """Someone of a kind the member's one-on-one talks of the last month left out."""
    since = TODAY - dt.timedelta(days=ONE_ROLE_WINDOW_DAYS - 1)
    personal = [
        c
        for c in _past(snapshot)
        if c.date >= since and c.setting not in GROUP_SETTINGS and len(c.person_ids) <= SMALL_GROUP
    ]
    by_id = snapshot.person_by_id()
    roles = {by_id[pid].role for c in personal for pid in c.person_ids if pid in by_id}
    return any(p.role not in roles and p.role != Role.OTHER for p in snapshot.people)


def _a_fellow_intern(snapshot: Snapshot) -> bool:
    return any(p.role == Role.FELLOW_INTERN for p in snapshot.people)


def _someone_talked_to(snapshot: Snapshot) -> bool:
    return any(c.person_ids for c in _past(snapshot))


# Rules that name someone only when the log holds a person of the right kind.
NAMED_WHEN_ONE_FITS: dict[str, Callable[[Snapshot], bool]] = {
    "no-new-people": _someone_never_met,
    "one-role": _someone_of_another_kind,
    "few-conversations": _a_fellow_intern,
    "quiet-stretch": _someone_talked_to,
}


@st.composite
def logs(draw: st.DrawFn) -> Snapshot:
    roles = list(Role)
    count = draw(st.integers(1, len(FIRST_NAMES)))
    people = tuple(
        Person(name=f"{FIRST_NAMES[i]} Lee", role=draw(st.sampled_from(roles)), id=i + 1) for i in range(count)
    )
    conversations = []
    for cid in range(draw(st.integers(0, 25))):
        when = TODAY - dt.timedelta(days=draw(st.integers(0, 120)))
        who = tuple(draw(st.sets(st.integers(1, count), min_size=1, max_size=2)))
        due = draw(st.none() | st.integers(-5, 10).map(lambda d, w=when: w + dt.timedelta(days=d)))
        done = None
        if due is not None and draw(st.booleans()):
            done = min(TODAY, due)
        conversations.append(
            Conversation(
                date=when,
                person_ids=who,
                quality=draw(st.integers(1, 5)),
                learned=draw(st.sampled_from(["", "How the team plans a sprint.", "Career paths in data."])),
                help_offered=draw(st.sampled_from(["", "Shared my notes."])),
                followup_due=due if due is None or due >= when else when,
                followup_done=done if done is None or due is None or done >= when else None,
                id=cid + 1,
            )
        )
    start = TODAY - dt.timedelta(days=draw(st.integers(0, 120)))
    end = TODAY + dt.timedelta(days=draw(st.integers(-10, 90)))
    return Snapshot(
        revision=0,
        profile=Profile(internship_start=start, internship_end=end),
        people=people,
        conversations=tuple(conversations),
        events=(),
        goals=(),
        tips=(),
    )


@settings(deadline=None, max_examples=80)
@given(logs())
def test_advice_aimed_at_someone_names_a_person_whenever_the_log_holds_one_who_fits(snapshot: Snapshot) -> None:
    by_id = snapshot.person_by_id()
    for nudge in coach.nudges(snapshot, TODAY):
        fits = NAMED_WHEN_ONE_FITS.get(nudge.rule)
        if nudge.rule in ALWAYS_NAMED or (fits is not None and fits(snapshot)):
            assert nudge.person_ids, nudge
        if nudge.person_ids:
            subject = by_id[nudge.person_ids[0]]
            assert subject.name.split()[0] in nudge.title + nudge.reason + nudge.action, nudge


@settings(deadline=None, max_examples=80)
@given(logs())
def test_the_top_three_never_ask_one_person_twice(snapshot: Snapshot) -> None:
    top = coach.nudges(snapshot, TODAY, limit=3)
    named = [pid for nudge in top for pid in nudge.person_ids]
    assert len(named) == len(set(named)), top
