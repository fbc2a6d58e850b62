"""Open loops in a real browser, on a desktop and on a phone: a promise spotted in a note, confirmed and closed.

The server reads the member's notes with the coach's own reader, so the
promise here is found the way a member's would be.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from browser_kit import assert_no_exception, main_area, member, screenshot, wait_for_app
from launch import AppServer
from playwright.sync_api import Browser, expect

from netcoach.models import LoopStatus

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1400, "height": 1000}}
PROMISE = "I promised Ana I would send the slides from my demo by Friday."


def _ana_and_a_promise(data_dir: Path) -> None:
    with member(data_dir) as svc:
        ana = svc.add_person({"name": "Ana Ruiz", "role": "supervisor"})
        svc.log_conversation({"date": dt.date.today(), "person_ids": [ana.id], "learned": PROMISE})
        assert [s.quote for s in svc.loops().detected] == [PROMISE], "the coach reads it as a promise"


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_confirms_and_closes_a_loop_on_the_person_page(
    browser: Browser, server_factory: Callable[..., AppServer], size: str
) -> None:
    server = server_factory(size, arrange=_ana_and_a_promise)
    context = browser.new_context(**(PHONE if size == "phone" else DESKTOP))
    context.set_default_timeout(30_000)
    page = context.new_page()
    try:
        page.goto(server.url("people?person=1"))
        wait_for_app(page)
        assert_no_exception(page)
        main = main_area(page)
        expect(main.get_by_role("heading", name="Spotted in your notes")).to_be_visible()
        expect(main.get_by_text(PROMISE).first).to_be_visible()

        main.get_by_role("button", name="Confirm", exact=True).click()
        expect(page.get_by_text("Added to your open loops")).to_be_visible()
        wait_for_app(page)
        assert_no_exception(page)
        expect(main.get_by_role("heading", name="Open loops (1)")).to_be_visible()
        expect(main.get_by_role("heading", name="Spotted in your notes")).to_have_count(0)
        screenshot(page, f"open-loop-{size}")

        main.get_by_role("button", name="Close", exact=True).click()
        expect(page.get_by_text("Closed:")).to_be_visible()
        wait_for_app(page)
        assert_no_exception(page)
        expect(main.get_by_role("heading", name="Open loops (1)")).to_have_count(0)
        expect(main.get_by_role("heading", name="Spotted in your notes")).to_have_count(0)
    finally:
        context.close()
    with member(server.data_dir) as svc:
        assert [loop.status for loop in svc.snapshot().loops] == [LoopStatus.CLOSED]
