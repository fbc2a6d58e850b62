"""Subscribing a calendar to netcoach, on a phone and at a desk, on the server `make run` starts.

The member makes their private link in Settings, copies it with the button
beside it, and a calendar app (here: a plain HTTP client with no cookies)
fetches the feed from that link. Replacing the link shuts the old one out.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Callable

import icalendar
import pytest
from browser_kit import assert_no_exception, main_area, member, screenshot, wait_for_app
from launch import AppServer
from playwright.sync_api import Browser, Page, expect

pytestmark = pytest.mark.browser

SIZES = {
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
    "desktop": {"viewport": {"width": 1400, "height": 1000}},
}


def open_settings(browser: Browser, server: AppServer, size: str) -> Page:
    context = browser.new_context(**SIZES[size])
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.base)
    context.set_default_timeout(30_000)
    page = context.new_page()
    page.goto(server.url("settings"))
    wait_for_app(page)
    assert_no_exception(page, "Settings")
    return page


def press(page: Page, name: str, size: str) -> None:
    button = main_area(page).get_by_role("button", name=name)
    button.scroll_into_view_if_needed()
    if size == "phone":
        button.tap()
    else:
        button.click()
    wait_for_app(page)
    assert_no_exception(page, name)


def shown_link(page: Page) -> str:
    block = main_area(page).locator('[data-testid="stCode"]').filter(has_text="/calendar/")
    expect(block).to_have_count(1)
    return block.inner_text().strip()


def fetch(url: str) -> tuple[int, bytes]:
    """What a calendar app gets from the link: no cookies, no sign-in."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_makes_a_calendar_link_copies_it_and_the_link_serves_the_feed(
    browser: Browser, server_factory: Callable[..., AppServer], size: str
):
    server = server_factory(sample=40)
    with member(server.data_dir) as svc:
        due = [c for c in svc.snapshot().conversations if c.needs_followup]
        names = svc.snapshot().person_by_id()
    assert due, "the sample data has open follow-ups"
    page = open_settings(browser, server, size)
    press(page, "Create my calendar link", size)
    link = shown_link(page)
    assert link.startswith(server.base + "/calendar/") and link.endswith(".ics")

    # The copy button beside the link puts exactly the link on the clipboard.
    code = main_area(page).locator('[data-testid="stCode"]').filter(has_text="/calendar/")
    code.hover()
    code.get_by_role("button").first.click()
    assert page.evaluate("navigator.clipboard.readText()").strip() == link

    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= SIZES[size]["viewport"]["width"], f"Settings is {width} px wide"
    screenshot(page, f"calendar-link-{size}")

    status, body = fetch(link)
    assert status == 200
    events = icalendar.Calendar.from_ical(body).walk("VEVENT")
    titles = {str(e["summary"]) for e in events}
    expected = {f"Follow up with {names[c.person_ids[0]].name}" for c in due if c.person_ids[0] in names}
    assert expected & titles, (expected, titles)

    press(page, "Make a new link", size)
    new_link = shown_link(page)
    assert new_link != link
    assert fetch(link)[0] == 404, "the replaced link still answers"
    assert fetch(new_link)[0] == 200
    page.context.close()
