"""Cohort health: the rules that put a sharing member in a bucket, and buckets never shown under five."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from support import TODAY

from netcoach.storage import data_dir
from netcoach.team import Identity, Team, TeamRole
from netcoach.team.health import (
    BUCKETS,
    MIN_BUCKET,
    NEEDS_CHECK_IN,
    ON_TRACK,
    TOO_EARLY,
    DateRange,
    MemberFacts,
    bucket_of,
    date_range,
    health_table,
    shown_buckets,
)


def facts(joined_days_ago: int = 60, quiet_days: int | None = 3, needed: int = 0, on_time: int = 0) -> MemberFacts:
    last = None if quiet_days is None else TODAY - dt.timedelta(days=quiet_days)
    return MemberFacts(TODAY - dt.timedelta(days=joined_days_ago), last, 4, 2, 1, needed, on_time)


def test_the_rules_the_page_explains() -> None:
    assert bucket_of(facts(), TODAY) == ON_TRACK
    assert bucket_of(facts(joined_days_ago=13, quiet_days=None), TODAY) == TOO_EARLY
    assert bucket_of(facts(joined_days_ago=14), TODAY) == ON_TRACK
    assert bucket_of(facts(quiet_days=21), TODAY) == NEEDS_CHECK_IN  # no conversation logged in 21 days
    assert bucket_of(facts(quiet_days=20), TODAY) == ON_TRACK
    assert bucket_of(facts(quiet_days=None), TODAY) == NEEDS_CHECK_IN
    assert bucket_of(facts(needed=10, on_time=2), TODAY) == NEEDS_CHECK_IN  # follow-through under 30%
    assert bucket_of(facts(needed=10, on_time=3), TODAY) == ON_TRACK
    assert bucket_of(facts(needed=2, on_time=0), TODAY) == ON_TRACK  # two missed is not yet a pattern


def test_small_buckets_merge_with_a_neighbour_and_fewer_than_five_in_all_show_nothing() -> None:
    def shown(on: int, needs: int, early: int) -> list[tuple[str, int]]:
        return [(b.label, b.members) for b in shown_buckets({ON_TRACK: on, NEEDS_CHECK_IN: needs, TOO_EARLY: early})]

    assert shown(6, 5, 5) == [("On track", 6), ("Needs a check-in", 5), ("Too early to tell", 5)]
    assert shown(8, 2, 5) == [("On track", 8), ("Needs a check-in or too early to tell", 7)]
    assert shown(8, 2, 0) == [("On track or needs a check-in", 10), ("Too early to tell", 0)]
    assert shown(5, 0, 0) == [("On track", 5), ("Needs a check-in", 0), ("Too early to tell", 0)]
    assert shown(2, 1, 1) == []
    assert shown(0, 0, 0) == []


@given(st.lists(st.integers(min_value=0, max_value=12), min_size=3, max_size=3))
def test_no_bucket_shown_ever_stands_for_one_to_four_members(counts: list[int]) -> None:
    buckets = shown_buckets(dict(zip(BUCKETS, counts, strict=True)))
    assert all(b.members == 0 or b.members >= MIN_BUCKET for b in buckets)
    if buckets:
        assert sum(b.members for b in buckets) == sum(counts)
    else:
        assert sum(counts) < MIN_BUCKET


def test_date_ranges() -> None:
    assert date_range("This month", TODAY) == DateRange(dt.date(2026, 4, 1), TODAY)
    assert date_range("Last month", TODAY) == DateRange(dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    assert date_range("Whole internship", TODAY, dt.date(2026, 1, 12)) == DateRange(dt.date(2026, 1, 12), TODAY)
    picked = (dt.date(2026, 2, 1), dt.date(2026, 9, 1))
    assert date_range("Custom", TODAY, custom=picked) == DateRange(dt.date(2026, 2, 1), TODAY)  # never past today
    one_day = dt.date(2026, 2, 3)
    assert date_range("Custom", TODAY, custom=(one_day,)) == DateRange(one_day, one_day)


@pytest.fixture
def team(tmp_path: Path) -> Team:
    return Team(data_dir(tmp_path / "data"), today=lambda: TODAY)


def join(team: Team, name: str, conversations: int, joined: dt.date) -> str:
    identity = Identity("https://idp.test", name, f"{name}@acme.test", name, True)
    team.sign_in(identity, TeamRole.MEMBER)
    with team.store.transaction() as db:  # as if they had joined on that day
        db.table("members").update({"joined_on": joined.isoformat()}, lambda d: d["member_id"] == identity.member_id)
    svc = team.member_service(identity.member_id)
    person = svc.add_person({"name": f"Secret {name}", "organization": "Hidden Org"})
    for day in range(conversations):
        svc.log_conversation({"date": TODAY - dt.timedelta(days=day), "person_ids": [person.id], "learned": "private"})
    team.set_sharing(identity.member_id, True)
    return identity.member_id


def test_team_health_counts_sharing_members_and_the_csv_names_nobody(team: Team) -> None:
    long_ago = TODAY - dt.timedelta(days=60)
    for i in range(5):
        join(team, f"busy{i}", conversations=2, joined=long_ago)
    for i in range(2):
        join(team, f"quiet{i}", conversations=0, joined=long_ago)
    span = date_range("This month", TODAY)
    health = team.cohort_health(span)
    assert health.members == 7
    # Two need a check-in: too few to show, so they are merged with the five on track.
    assert [(b.label, b.members) for b in health.buckets] == [
        ("On track or needs a check-in", 7),
        ("Too early to tell", 0),
    ]
    assert health.totals["conversations"] == 10 and health.totals["new_people"] == 5
    csv = health_table(health).to_csv(index=False)
    assert "Members sharing,7" in csv
    for secret in ("Secret", "Hidden Org", "private", "@acme.test", "busy", "quiet"):
        assert secret not in csv
