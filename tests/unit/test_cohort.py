"""The cohort as the coordinator and the members see it: its chart, and totals that survive one broken file."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pytest
from support import TODAY

from netcoach.insights import charts
from netcoach.models import GoalMetric
from netcoach.storage import data_dir
from netcoach.team import MIN_SHARING_FOR_BENCHMARKS, Identity, Team, TeamRole


@pytest.fixture
def team(data_root: Path) -> Team:
    return Team(data_dir(data_root), today=lambda: TODAY)


def join(team: Team, name: str, conversations: int = 0, shares: bool = True) -> str:
    """A member who signed in, met one person `conversations` times this month, and (by default) shares."""
    identity = Identity("https://idp.test", name, f"{name}@acme.test", email_verified=True)
    team.sign_in(identity, TeamRole.MEMBER)
    svc = team.member_service(identity.member_id)
    if conversations:
        person = svc.add_person({"name": f"Contact of {name}"})
        for day in range(conversations):
            svc.log_conversation({"date": TODAY - dt.timedelta(days=day), "person_ids": [person.id]})
    team.set_sharing(identity.member_id, shares)
    return identity.member_id


def break_by_hand(team: Team, member_id: str) -> None:
    """Valid JSON, but a person whose role no version of netcoach ever wrote."""
    path = team.folder.member_path(member_id)
    data = json.loads(path.read_text(encoding="utf-8"))
    for person in data["people"].values():
        person["role"] = "boss"
    path.write_text(json.dumps(data), encoding="utf-8")


# ------------------------------------------------------------------ chart
def test_the_cohort_chart_has_one_named_line_per_measure_over_a_date_axis() -> None:
    months = pd.to_datetime(["2026-02-01", "2026-03-01", "2026-04-01"])
    totals = pd.DataFrame(
        {
            "month": months,
            "members_sharing": [5, 5, 5],
            "conversations": [4, 7, 9],
            "new_people": [2, 3, 1],
            "events_attended": [0, 1, 2],
            "goals_met": [1, 0, 3],
        }
    )
    fig = charts.cohort_totals(totals)
    assert [trace.name for trace in fig.data] == ["Conversations", "New people", "Events attended", "Goals met"]
    assert fig.layout.xaxis.type == "date"
    for trace in fig.data:
        assert list(pd.to_datetime(trace.x)) == list(months)
    conversations = next(trace for trace in fig.data if trace.name == "Conversations")
    assert list(conversations.y) == [4, 7, 9]


def test_the_cohort_chart_of_a_real_team_draws_its_months(team: Team) -> None:
    join(team, "ana", conversations=2)
    fig = charts.cohort_totals(team.cohort_totals(months=3))
    assert len(fig.data) == len(charts.COHORT_MEASURES)
    assert fig.layout.xaxis.type == "date"
    assert list(pd.to_datetime(fig.data[0].x)) == list(pd.to_datetime(["2026-02-01", "2026-03-01", "2026-04-01"]))


# ------------------------------------------------------- one broken file
def test_one_sharing_members_broken_file_is_left_out_of_the_medians_and_totals(team: Team) -> None:
    ids = [join(team, f"intern{i}", conversations=i + 1) for i in range(MIN_SHARING_FOR_BENCHMARKS)]
    broken = join(team, "broken", conversations=50)
    break_by_hand(team, broken)

    medians = team.cohort_benchmarks("2026-04")  # must not raise
    assert medians is not None
    assert medians[GoalMetric.CONVERSATIONS] == 3  # the median of 1..5; the broken 50 is not in it
    assert medians[GoalMetric.NEW_PEOPLE] == 1

    totals = team.cohort_totals(months=2)
    this_month = totals.iloc[-1]
    assert this_month["members_sharing"] == len(ids)
    assert this_month["members_skipped"] == 1
    assert this_month["conversations"] == sum(range(1, len(ids) + 1))


def test_too_few_readable_members_give_no_medians_and_no_error(team: Team) -> None:
    for i in range(MIN_SHARING_FOR_BENCHMARKS - 1):
        join(team, f"intern{i}", conversations=1)
    broken = join(team, "broken", conversations=1)
    break_by_hand(team, broken)
    assert team.cohort_benchmarks("2026-04") is None  # five share, but only four can be counted
    assert team.cohort_totals(months=1).iloc[-1]["members_skipped"] == 1


def test_a_garbled_file_is_skipped_too(team: Team) -> None:
    for i in range(MIN_SHARING_FOR_BENCHMARKS):
        join(team, f"intern{i}", conversations=2)
    broken = join(team, "broken", conversations=1)
    team.folder.member_path(broken).write_bytes(b"{nope")
    medians = team.cohort_benchmarks("2026-04")
    assert medians is not None
    assert (medians[GoalMetric.CONVERSATIONS], medians[GoalMetric.NEW_PEOPLE]) == (2, 1)
    assert team.cohort_totals(months=1).iloc[-1]["members_skipped"] == 1


# ------------------------------------------------------ one service each
def test_each_member_has_one_service_reused_across_calls(team: Team) -> None:
    ids = [join(team, f"intern{i}", conversations=1) for i in range(3)]
    first = team.sharing_services()
    again = team.sharing_services()
    assert len(first) == 3
    assert all(a is b for a, b in zip(first, again, strict=True))
    assert team.member_service(ids[0]) is team.member_service(ids[0])
    assert team.member_service(ids[0]) is not team.member_service(ids[1])


def test_a_deleted_account_does_not_keep_its_old_service(team: Team) -> None:
    member_id = join(team, "ana", conversations=1)
    before = team.member_service(member_id)
    team.remove_member(member_id)
    after = team.member_service(member_id)
    assert after is not before
    assert after.people() == []
