"""The dashboard with its member kept in PostgreSQL (NETCOACH_STORE): the same pages, the same promises."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_helpers import click, open_app, texts
from store_backends import DatabaseBackend

from netcoach.config import STORE_ENV
from netcoach.models import Role
from netcoach.service import member_service


@pytest.fixture
def on_database(data_dir: Path, postgres_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """The app pointed at a fresh database; the data folder it would otherwise use stays empty."""
    monkeypatch.setenv(STORE_ENV, postgres_url)
    return postgres_url


def test_a_conversation_logged_on_the_page_is_a_row_of_the_database(on_database: str, data_dir: Path) -> None:
    at = open_app("log")
    assert any(c.value.startswith("Database: `postgresql://") for c in at.sidebar.caption)
    at.text_input(key="log_0_new_name").input("Maya Chen")
    at.button_group(key="log_0_new_role").set_value(Role.COLLEAGUE)
    at.text_area(key="log_0_learned").input("How the payments team plans its quarter")
    click(at, "Save conversation")

    assert "Saved: your conversation with Maya Chen" in texts(at)
    stored = DatabaseBackend(on_database).tables()
    assert [doc["name"] for doc in stored["people"].values()] == ["Maya Chen"]
    assert not (data_dir / "members").exists(), "nothing went to the data folder"


def test_a_broken_row_is_reported_by_member_and_left_alone(on_database: str) -> None:
    DatabaseBackend(on_database).put_raw(b'{"people": {"1": ')
    at = open_app("people")
    shown = texts(at)
    assert "database/members/me" in shown and "cannot be read" in shown
    assert DatabaseBackend(on_database).raw() == b'{"people": {"1": '


def test_starting_over_keeps_a_copy_row_that_restores(on_database: str) -> None:
    member_service(on_database, "me").load_sample_data(conversations=30)
    at = open_app("data")
    next(c for c in at.checkbox if c.label == "Yes, remove all my data").check().run()
    click(at, "Remove all my data")
    assert member_service(on_database, "me").snapshot().is_empty

    backup = next(name for name in at.selectbox[1].options if name.startswith("before-erase"))
    at.selectbox[1].select(backup).run()
    next(c for c in at.checkbox if c.label.startswith("Yes, replace my current data")).check().run()
    click(at, "Restore")
    assert len(member_service(on_database, "me").conversations()) == 30
