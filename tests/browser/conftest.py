"""Fixtures for the browser tests: Chromium, a real streamlit server, a fresh tab per test.

Without Chromium the browser tests skip on a developer's machine; with
CI=true they fail instead, so a pipeline cannot go green without having run
them. Each server gets its own data folder; a test that changes data starts
its own server so no test depends on another's leftovers.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from browser_kit import SCREENSHOTS, VIEWPORT, chromium_path, missing_browser, seed_sample
from launch import AppServer, launch_chromium, start_app, stop_apps

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

SAMPLE_CONVERSATIONS = 60


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):
    """Remember each phase's outcome so the page fixture can photograph a failure."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def chromium() -> str:
    return chromium_path()


@pytest.fixture(scope="session")
def browser(chromium: str) -> Iterator[Browser]:
    """One Chromium for the whole run; tests get their own context, so nothing is shared."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as error:
        missing_browser(f"the playwright package is not installed ({error})")
    with sync_playwright() as playwright:
        instance = launch_chromium(playwright)
        try:
            yield instance
        finally:
            instance.close()


@pytest.fixture
def page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A new browser context and tab per test, photographed if the test fails."""
    context = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
    context.set_default_timeout(30_000)
    tab = context.new_page()
    try:
        yield tab
    finally:
        report = getattr(request.node, "report_call", None)
        if report is not None and report.failed:
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            with contextlib.suppress(Exception):
                tab.screenshot(path=str(SCREENSHOTS / f"FAILED-{request.node.name}.png"), full_page=True)
        context.close()


@pytest.fixture
def server_factory(tmp_path: Path, chromium: str) -> Iterator[Callable[..., AppServer]]:
    """Start servers for one test (each on a free port, each with its own data folder).

    `arrange` runs against the data folder before the server starts, and
    `sample` loads that many sample conversations first.
    """
    servers: list[AppServer] = []

    def start(name: str = "app", *, sample: int = 0, arrange: Callable[[Path], None] | None = None) -> AppServer:
        data_dir = tmp_path / f"{name}-data"
        data_dir.mkdir(parents=True, exist_ok=True)
        if sample:
            seed_sample(data_dir, sample)
        if arrange is not None:
            arrange(data_dir)
        server = start_app(data_dir, tmp_path / f"{name}-server.log")
        servers.append(server)
        return server

    yield start
    stop_apps(servers)


@pytest.fixture
def server(server_factory: Callable[..., AppServer]) -> AppServer:
    """A freshly started server with an empty data folder."""
    return server_factory()


@pytest.fixture(scope="module")
def sample_server(tmp_path_factory: pytest.TempPathFactory, chromium: str) -> Iterator[AppServer]:
    """One server per module holding sample data, for tests that only look."""
    root = tmp_path_factory.mktemp("sample")
    seed_sample(root / "data", SAMPLE_CONVERSATIONS)
    instance = start_app(root / "data", root / "server.log")
    try:
        yield instance
    finally:
        instance.stop()
