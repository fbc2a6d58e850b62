"""A save that the disk refuses, in a real browser, with the production settings.

The server runs with error details hidden (as `deploy/config.toml` sets them)
and with a file size limit just above the member's file, so the next save
that makes the file bigger fails inside the operating system, as on a full
disk. The person must read our message, not Streamlit's generic error, keep
what they typed, and the file must be left as it was.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_kit import assert_no_exception, main_area, member, seed_sample, wait_for_app
from launch import AppServer, start_app
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

PRODUCTION_FLAGS = ["--client.showErrorDetails", "none", "--client.toolbarMode", "viewer"]
ROOM_TO_GROW = 2_000  # bytes the member file may still grow by: less than one long note


@pytest.fixture
def tight_server(tmp_path: Path, chromium: str) -> Iterator[AppServer]:
    """A production-configured server whose process may not write a file past the member file's size + a little."""
    data_dir = tmp_path / "data"
    seed_sample(data_dir, 20)
    with member(data_dir) as svc:
        svc.add_person({"name": "Omar Haddad"})  # today's backup exists, so the next save writes the file only
    server = start_app(data_dir, tmp_path / "server.log", extra_args=PRODUCTION_FLAGS)
    try:
        limit = (data_dir / "members" / "me.json").stat().st_size + ROOM_TO_GROW
        subprocess.run(["prlimit", "--pid", str(server.process.pid), f"--fsize={limit}"], check=True)
        yield server
    finally:
        server.stop()


def test_a_save_the_disk_refuses_says_nothing_was_saved_and_keeps_the_form(page: Page, tight_server: AppServer) -> None:
    member_file = tight_server.data_dir / "members" / "me.json"
    before = member_file.read_bytes()
    page.goto(tight_server.url("log"))
    wait_for_app(page)
    main = main_area(page)
    note = "What the payments team plans for next quarter. " * 80  # far more than the file may grow
    main.get_by_label("New person's name", exact=True).fill("Maya Chen")
    main.get_by_role("radio", name="Colleague", exact=True).click()
    main.get_by_label("What I learned", exact=True).fill(note)
    main.get_by_role("button", name="Save conversation").click()

    expect(main.get_by_text(re.compile("nothing was saved", re.IGNORECASE))).to_be_visible()
    wait_for_app(page)
    assert_no_exception(page, "a refused save")
    expect(main.get_by_text(re.compile("File too large"))).to_be_visible()
    expect(main.get_by_text("Saved: your conversation")).to_have_count(0)
    expect(main.get_by_label("New person's name", exact=True)).to_have_value("Maya Chen")
    expect(main.get_by_label("What I learned", exact=True)).to_have_value(note)
    assert member_file.read_bytes() == before
