"""Cohort health on the Cohort page: buckets only from five members, date ranges, a CSV of totals, no names."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from app_helpers import texts
from test_app_team import ISSUER, team, visit

from netcoach.team import Identity

pytest_plugins = ["test_app_team"]


def sharing_interns(root: Path, count: int, conversations: int = 1) -> None:
    t = team(root)
    for i in range(count):
        email = f"intern{i}@acme.test"
        visit(email)
        member_id = Identity(ISSUER, email.split("@")[0], email).member_id
        svc = t.member_service(member_id)
        person = svc.add_person({"name": f"Zed Confidential {i}", "organization": "Hidden Org"})
        for _ in range(conversations):
            svc.log_conversation({"date": dt.date.today(), "person_ids": [person.id], "learned": "private note"})
        t.set_sharing(member_id, True)


def test_with_fewer_than_five_sharing_no_bucket_is_shown(root: Path) -> None:
    sharing_interns(root, 4)
    at = visit("coach@acme.test")
    shown = texts(at)
    assert not [c for c in at.get("plotly_chart") if "Cohort health" in str(c.proto.spec)]
    assert "Totals show once at least 5 interns share (4 counted now)" in shown
    assert not at.metric and not at.get("download_button")  # four people's sums could be one person's


def test_five_sharing_show_their_bucket_the_rules_and_a_csv_without_names(root: Path) -> None:
    sharing_interns(root, 5)
    at = visit("coach@acme.test")
    health = next(c for c in at.get("plotly_chart") if "Cohort health" in str(c.proto.spec))
    spec = str(health.proto.spec)
    assert "Too early to tell" in spec  # everyone joined today
    assert "How interns are put in a bucket" in [e.label for e in at.expander]
    assert "no conversation logged in the last 21 days" in texts(at)
    download = next(d for d in at.get("download_button") if d.proto.label == "Download these totals (CSV)")
    assert download.proto.label
    shown = texts(at) + spec
    for secret in ("Zed Confidential", "Hidden Org", "private note", "intern0@acme.test"):
        assert secret not in shown


def test_the_date_range_changes_the_totals(root: Path) -> None:
    sharing_interns(root, 5, conversations=3)
    at = visit("coach@acme.test")
    assert next(m for m in at.metric if m.label == "Conversations this month").value == "15"
    at.radio(key="cohort_range").set_value("Last month").run()
    assert next(m for m in at.metric if m.label == "Conversations last month").value == "0"
    at.radio(key="cohort_range").set_value("Whole internship").run()
    assert next(m for m in at.metric if m.label == "Conversations in the internship").value == "15"
    at.radio(key="cohort_range").set_value("Custom").run()
    assert not at.exception
    assert next(m for m in at.metric if m.label == "Conversations in the range").value == "15"
