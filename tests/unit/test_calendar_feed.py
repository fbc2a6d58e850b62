"""A member subscribes their calendar app to a private link; the server answers it, and only for them.

The routes are the ones `serve.py` mounts beside the pages, driven here over
HTTP with Starlette's test client; the browser story in
tests/browser/test_reminders_browser.py runs them on the real server.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import icalendar
import pytest
import streamlit as st
import vobject
from starlette.applications import Starlette
from starlette.testclient import TestClient

from netcoach import storage
from netcoach.service import MemberService, member_service
from netcoach.web.routes import ROUTES, calendar_path

TODAY = dt.date.today()  # the server's own clock answers the feed


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "data"
    monkeypatch.setenv("NETCOACH_DATA_DIR", str(folder))
    st.cache_resource.clear()
    storage.forget_data_dirs()
    yield folder
    st.cache_resource.clear()
    storage.forget_data_dirs()


@pytest.fixture
def client(root: Path) -> TestClient:
    return TestClient(Starlette(routes=ROUTES), base_url="https://coach.example")


def member(root: Path, member_id: str, person: str, note: str) -> MemberService:
    """A member with one open follow-up, due in two days, about `person`."""
    svc = member_service(root, member_id)
    svc.log_conversation(
        {
            "date": TODAY - dt.timedelta(days=1),
            "person_ids": [],
            "topics": ["testing"],
            "followup_due": TODAY + dt.timedelta(days=2),
            "followup_note": note,
        },
        new_people=[{"name": person, "role": "colleague"}],
    )
    return svc


def fetch(client: TestClient, token: str) -> bytes:
    response = client.get(calendar_path(token))
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/calendar")
    assert response.headers["cache-control"] == "no-store"
    return response.content


def uids_with_icalendar(payload: bytes) -> dict[str, str]:
    return {str(e["uid"]): str(e["summary"]) for e in icalendar.Calendar.from_ical(payload).walk("VEVENT")}


def uids_with_vobject(payload: bytes) -> dict[str, str]:
    """The same file read by a second, independent parser, as another calendar app would."""
    calendar = vobject.readOne(payload.decode())
    return {e.uid.value: e.summary.value for e in calendar.vevent_list}


def test_the_feed_carries_the_follow_up_and_reads_the_same_in_two_parsers(root, client):
    svc = member(root, "me", "Ben Okafor", "the test plan")
    token = svc.new_calendar_link()
    payload = fetch(client, token)
    first = uids_with_icalendar(payload)
    assert first == uids_with_vobject(payload)
    followups = {uid: title for uid, title in first.items() if uid.startswith("followup-")}
    assert list(followups.values()) == ["Follow up with Ben Okafor"]
    event = next(e for e in icalendar.Calendar.from_ical(payload).walk("VEVENT") if str(e["uid"]) in followups)
    assert "What to send: the test plan" in str(event["description"])
    assert str(event["url"]) == "https://coach.example/followups"  # links back to the page that acts on it


def test_two_fetches_give_the_same_uids_so_a_calendar_updates_instead_of_doubling(root, client):
    token = member(root, "me", "Ben Okafor", "notes").new_calendar_link()
    assert uids_with_icalendar(fetch(client, token)) == uids_with_icalendar(fetch(client, token))


def test_a_follow_up_marked_sent_leaves_the_feed(root, client):
    svc = member(root, "me", "Ben Okafor", "notes")
    token = svc.new_calendar_link()
    assert any(uid.startswith("followup-") for uid in uids_with_icalendar(fetch(client, token)))
    chat = svc.snapshot().conversations[0]
    svc.mark_followup_done(chat.id, expected=chat)
    assert not any(uid.startswith("followup-") for uid in uids_with_icalendar(fetch(client, token)))


def test_a_wrong_or_made_up_link_gets_a_bare_404_and_creates_nothing(root, client):
    token = member(root, "me", "Ben Okafor", "notes").new_calendar_link()
    member_id, _, secret = token.partition(".")
    wrong = [
        f"{member_id}.{secret[:-1]}{'B' if secret[-1] == 'A' else 'A'}",  # one character off
        f"{member_id}.",
        member_id,
        f"nobody.{secret}",
        f"m{'0' * 40}.{secret}",
        f"ME.{secret}",
    ]
    for bad in wrong:
        response = client.get(calendar_path(bad))
        assert response.status_code == 404, bad
        assert b"Ben" not in response.content and b"VCALENDAR" not in response.content
    assert sorted(p.name for p in (root / "members").glob("*.json")) == ["me.json"]


def test_a_replaced_or_switched_off_link_stops_at_once(root, client):
    svc = member(root, "me", "Ben Okafor", "notes")
    old = svc.new_calendar_link()
    new = svc.new_calendar_link()
    assert new != old
    assert client.get(calendar_path(old)).status_code == 404
    assert fetch(client, new)
    svc.stop_calendar_link()
    assert svc.calendar_link_token() is None
    response = client.get(calendar_path(new))
    assert response.status_code == 404 and b"VEVENT" not in response.content


def test_on_a_team_instance_one_members_link_never_yields_anothers_items(root, client):
    ana = member(root, "m" + "a" * 40, "Priya Raman", "Priya's slides")
    bo = member(root, "m" + "b" * 40, "Tomas Eriksen", "Tomas's deck")
    ana_token, bo_token = ana.new_calendar_link(), bo.new_calendar_link()
    ana_feed, bo_feed = fetch(client, ana_token), fetch(client, bo_token)
    assert b"Priya" in ana_feed and b"Tomas" not in ana_feed
    assert b"Tomas" in bo_feed and b"Priya" not in bo_feed
    # One member's id with the other's secret opens neither.
    ana_id, ana_secret = ana_token.split(".")
    bo_id, bo_secret = bo_token.split(".")
    assert client.get(calendar_path(f"{ana_id}.{bo_secret}")).status_code == 404
    assert client.get(calendar_path(f"{bo_id}.{ana_secret}")).status_code == 404


def test_a_broken_member_file_is_reported_as_unavailable_not_as_a_traceback(root, client):
    svc = member(root, "me", "Ben Okafor", "notes")
    token = svc.new_calendar_link()
    svc.data_file.write_text("{ not json")
    response = client.get(calendar_path(token))
    assert response.status_code == 503
    assert "nothing was changed" in response.text and "Traceback" not in response.text
    assert svc.data_file.read_text() == "{ not json"  # reported, never written


def test_an_export_never_carries_the_link_secret(root):
    svc = member(root, "me", "Ben Okafor", "notes")
    token = svc.new_calendar_link()
    exported = str(svc.export_json())
    assert token.split(".")[1] not in exported
    assert "reminders" not in svc.export_json()["tables"]
