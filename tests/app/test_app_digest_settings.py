"""Settings' Email digest section through AppTest: opting in, a bad address, and a team member's fixed address."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import streamlit as st
from app_helpers import APP, TIMEOUT_S, assert_clean, click, open_app, texts
from streamlit.testing.v1 import AppTest

from netcoach import storage
from netcoach.member_text import seen_in_markdown
from netcoach.service import member_service
from netcoach.team import Identity

ADDRESS = "Email address for digests"
SAVE = "Save digest settings"


def field(at: AppTest, kind: str, label: str):
    found = [w for w in getattr(at, kind) if w.label == label]
    assert found, f"no {kind} {label!r}"
    return found[0]


def errors(at: AppTest) -> str:
    """The error messages as the person reads them."""
    return seen_in_markdown("\n".join(str(e.value) for e in at.error))


def test_opting_in_to_the_weekly_digest_with_a_day_an_hour_and_an_address(data_dir: Path) -> None:
    at = open_app("settings")
    assert "No digest has gone out yet." in texts(at)
    field(at, "checkbox", "Send me a weekly digest").check()
    field(at, "selectbox", "Day").set_value(4)
    field(at, "selectbox", "Hour").set_value(7)
    field(at, "text_input", ADDRESS).input("maya@example.com")
    click(at, SAVE)
    assert "Digest settings saved: a weekly digest on Fridays at 07:00." in texts(at)
    saved = member_service(data_dir, "me").reminders()
    assert (saved.weekly, saved.weekday, saved.hour, saved.email, saved.daily) == (
        True,
        4,
        7,
        "maya@example.com",
        False,
    )
    assert saved.unsubscribe_secret  # every digest will carry its unsubscribe link
    assert field(at, "checkbox", "Send me a weekly digest").value is True


def test_a_bad_or_missing_address_is_named_as_the_form_labels_it_and_nothing_is_saved(data_dir: Path) -> None:
    at = open_app("settings")
    field(at, "checkbox", "Send me a weekly digest").check()
    field(at, "text_input", ADDRESS).input("maya at example")
    click(at, SAVE)
    assert f"{ADDRESS}: 'maya at example' is not an email address" in errors(at)
    assert member_service(data_dir, "me").reminders().weekly is False

    field(at, "text_input", ADDRESS).input("")
    click(at, SAVE)
    assert f"{ADDRESS}: needed to send you a digest" in errors(at)


def test_the_last_digest_sent_is_shown(data_dir: Path) -> None:
    svc = member_service(data_dir, "me")
    svc.save_digest_settings({"weekly": True, "email": "maya@example.com"})
    svc.record_digest_sent("weekly", "2026-W16", "maya@example.com", dt.datetime(2026, 4, 15, 8, 3))
    at = open_app("settings")
    assert "Last digest: the weekly one, sent 2026-04-15 at 08:03 to maya@example.com." in texts(at)


AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "not-a-real-secret",
    "client_id": "netcoach",
    "client_secret": "not-a-real-secret",
    "server_metadata_url": "http://127.0.0.1:9400/.well-known/openid-configuration",
}
ISSUER = "http://127.0.0.1:9400"


@pytest.fixture
def team_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    folder = tmp_path / "data"
    monkeypatch.setenv("NETCOACH_DATA_DIR", str(folder))
    st.cache_resource.clear()
    storage.forget_data_dirs()
    yield folder
    st.cache_resource.clear()
    storage.forget_data_dirs()


def test_a_team_member_sees_the_address_they_signed_in_with_and_cannot_change_it(team_root: Path) -> None:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT_S)
    at.secrets["auth"] = AUTH
    at.secrets["netcoach"] = {"coordinators": ["coach@acme.test"], "allowed_domains": ["acme.test"]}
    at.user = {
        "is_logged_in": True,
        "email": "ana@acme.test",
        "sub": "ana",
        "iss": ISSUER,
        "name": "Ana",
        "email_verified": True,
    }
    at.switch_page("pages/settings.py").run()
    assert_clean(at)
    address = field(at, "text_input", ADDRESS)
    assert address.value == "ana@acme.test" and address.disabled
    field(at, "checkbox", "Send me a weekly digest").check()
    click(at, SAVE)
    assert "Digest settings saved" in texts(at)
    saved = member_service(team_root, Identity(ISSUER, "ana", "ana@acme.test").member_id).reminders()
    assert saved.weekly and saved.email == ""  # the team's own record of the address is what digests use
