"""A member makes their private calendar link in Settings, copies it, replaces it when it got out, or turns it off."""

from __future__ import annotations

from pathlib import Path

from app_helpers import open_app, texts
from streamlit.testing.v1 import AppTest

from netcoach.service import member_service


def shown_link(at: AppTest) -> str:
    links = [c.value for c in at.code if "/calendar/" in c.value]
    assert len(links) == 1, [c.value for c in at.code]
    return links[0]


def press(at: AppTest, key: str) -> AppTest:
    at.button(key=key).click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_makes_a_link_sees_it_with_its_secret_and_how_to_subscribe(data_dir: Path):
    at = open_app("settings")
    assert not [c for c in at.code if "/calendar/" in c.value]
    press(at, "calendar_link_create")
    link = shown_link(at)
    token = member_service(data_dir, "me").calendar_link_token()
    assert token is not None and link.endswith(f"/calendar/{token}.ics")
    assert link.startswith("http")
    assert "Copy it into your calendar app" in texts(at)
    assert any(e.label == "How to subscribe" for e in at.expander)
    assert "Google Calendar" in texts(at) and "Apple Calendar" in texts(at) and "Outlook" in texts(at)


def test_a_new_link_replaces_the_old_one_and_turning_it_off_removes_it(data_dir: Path):
    at = press(open_app("settings"), "calendar_link_create")
    first = shown_link(at)
    press(at, "calendar_link_new")
    second = shown_link(at)
    assert second != first
    assert "the old one no longer works" in texts(at)
    press(at, "calendar_link_stop")
    assert not [c for c in at.code if "/calendar/" in c.value]
    assert member_service(data_dir, "me").calendar_link_token() is None
    assert "The calendar link is off" in texts(at)
