"""A real netcoach server and a real Chromium, and the few moves a person makes in them.

Streamlit reruns the whole script after every click, so "the page is ready"
means: the browser is connected, no script run is in flight, and nothing on
screen is still greyed out from the previous run. Every move here waits for
that before it looks at the page, so tests read like what a person does.
"""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import launch
import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page

    from netcoach.service import MemberService

REPO = launch.REPO
PAGES_DIR = REPO / "pages"
SCREENSHOTS = REPO / "artifacts" / "screenshots"
VIEWPORT = {"width": 1400, "height": 1000}
MEMBER = "me"
RUN_TIMEOUT_MS = 30_000

# Every view in the sidebar: (url path, sidebar title). Kept in step with app.py.
VIEWS = [
    ("", "Home"),
    ("log", "Log a conversation"),
    ("followups", "Follow-ups"),
    ("goals", "Goals"),
    ("people", "People"),
    ("events", "Events"),
    ("insights", "Insights"),
    ("tips", "Tips"),
    ("data", "Import and export"),
    ("settings", "Settings"),
    ("trash", "Trash"),
]


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() == "true"


def missing_browser(reason: str) -> None:
    """Skip on a developer machine without Chromium; under CI a missing browser is a failure."""
    if in_ci():
        pytest.fail(f"CI=true but the browser tests cannot run: {reason}", pytrace=False)
    pytest.skip(reason)


def chromium_path() -> str:
    if reason := launch.chromium_missing():
        missing_browser(f"{reason}; run `make chromium` (or scripts/ensure_chromium.sh) to install it")
    return str(launch.CHROMIUM)


# ------------------------------------------------------------------ data
def seed_sample(data_dir: Path, conversations: int, seed: int = 1) -> None:
    """Sample data from the product's own command, as a new user would load it."""
    if (REPO / "netcoach" / "__main__.py").exists():
        command = [sys.executable, "-m", "netcoach", "demo", "--data-dir", str(data_dir)]
        command += ["--member", MEMBER, "--conversations", str(conversations), "--seed", str(seed)]
        done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=300, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"sample data failed ({done.returncode}): {done.stderr or done.stdout}")
        return
    from netcoach import sample, storage
    from netcoach.service import member_service

    try:
        sample.generate(member_service(data_dir, MEMBER), conversations=conversations, seed=seed)
    finally:
        storage.forget_data_dirs()


@contextlib.contextmanager
def member(data_dir: Path) -> Iterator[MemberService]:
    """The member's service for arranging data in a test, released afterwards.

    The data folder's locks and cached copies live in this process; dropping
    them keeps one test's folder from leaking into the next.
    """
    from netcoach import storage
    from netcoach.service import member_service

    try:
        yield member_service(data_dir, MEMBER)
    finally:
        storage.forget_data_dirs()


# ------------------------------------------------------------------ page
def wait_for_app(page: Page, timeout_ms: int = RUN_TIMEOUT_MS) -> None:
    """Wait until the script run has finished and nothing on screen is stale.

    A click only asks for a rerun; for a moment the app still reports the old
    run as finished. The short pause lets the new run begin before we wait for
    it to end (assertions on what must appear use Playwright's own retrying
    `expect`, so they do not depend on this pause).
    """
    page.wait_for_timeout(150)
    page.wait_for_function(launch.APP_IDLE_JS, timeout=timeout_ms, polling=100)


def exception_texts(page: Page) -> list[str]:
    return [box.inner_text() for box in page.locator('[data-testid="stException"]').all()]


def assert_no_exception(page: Page, where: str = "") -> None:
    """Fail, with the traceback text Streamlit shows, if any exception box is on screen."""
    boxes = exception_texts(page)
    assert not boxes, f"Streamlit exception box on {where or page.url}:\n" + "\n---\n".join(boxes)


def screenshot(page: Page, name: str) -> Path:
    """A full-page picture of the view under artifacts/screenshots/<name>.png.

    Streamlit scrolls inside its own main container, so the window is
    stretched to the content's height for the picture and then put back.
    """
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    size = page.viewport_size or VIEWPORT
    height = page.evaluate(
        """() => Math.max(document.documentElement.scrollHeight, ...Array.from(
             document.querySelectorAll('[data-testid="stMain"], [data-testid="stAppViewContainer"], section')
           ).map(e => e.scrollHeight))"""
    )
    tall = max(size["height"], min(int(height) + 40, 12_000))
    if tall != size["height"]:
        page.set_viewport_size({"width": size["width"], "height": tall})
        page.wait_for_timeout(300)
    page.screenshot(path=str(path), full_page=True)
    if tall != size["height"]:
        page.set_viewport_size(size)
    return path


def main_area(page: Page) -> Locator:
    return page.locator('[data-testid="stMain"]')


def shown(scope: Page | Locator, text: str | re.Pattern[str]) -> Locator:
    """Where `text` is on screen: in ordinary elements or in a table.

    Streamlit draws table cells on a canvas and keeps their text in a grid
    for screen readers that is never "visible" itself, so a table counts as
    showing the text when the table is visible and its grid holds the text.
    """
    match = scope.get_by_text(text)
    # `has` is searched inside each table, so it must not start at `scope`'s root.
    cell = getattr(scope, "page", scope).get_by_text(text)
    in_table = scope.locator('[data-testid="stDataFrame"]').filter(has=cell)
    return match.filter(visible=True).or_(in_table).first


def sidebar_link(page: Page, title: str) -> Locator:
    return page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name=title, exact=True)


def current_view(page: Page) -> str:
    """The sidebar title of the view on screen (Streamlit marks it aria-current)."""
    for _, title in VIEWS:
        if sidebar_link(page, title).get_attribute("aria-current") == "page":
            return title
    return ""


def choose(page: Page, label: str, option: str) -> None:
    """Pick an option in a select box, as a person does: open it, click the option."""
    box = page.get_by_role("combobox", name=label, exact=True)
    box.click()
    page.get_by_role("option", name=option, exact=True).click()
