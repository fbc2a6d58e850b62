"""The Email digest section on a phone (390 x 844, touch), and the unsubscribe link opened from a mail.

The section must fit the phone's width (no sideways scrolling, every field
and the button inside the screen) and save with taps; the unsubscribe link,
opened in the phone's browser from a digest, asks once and then stops the
digests, served by the same server as the pages.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from browser_kit import assert_no_exception, main_area, member, screenshot, wait_for_app
from launch import AppServer
from playwright.sync_api import Browser, BrowserContext, Page, expect

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


@pytest.fixture
def phone(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(**PHONE)
    context.set_default_timeout(30_000)
    yield context
    context.close()


def inside_the_screen(page: Page, label: str, role: str) -> None:
    target = main_area(page).get_by_role(role, name=label).first  # type: ignore[arg-type]
    target.scroll_into_view_if_needed()
    expect(target).to_be_visible()
    box = target.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390, (label, box)


def test_on_a_phone_the_email_digest_section_fits_and_saves_with_taps(
    server_factory: Callable[..., AppServer], phone: BrowserContext
) -> None:
    server = server_factory("digest-phone")
    page = phone.new_page()
    page.goto(server.url("settings"))
    wait_for_app(page)
    heading = main_area(page).get_by_role("heading", name="Email digest")
    heading.scroll_into_view_if_needed()
    expect(heading).to_be_visible()
    for label, role in (
        ("Send me a weekly digest", "checkbox"),
        ("Day", "combobox"),
        ("Hour", "combobox"),
        ("Email address for digests", "textbox"),
        ("Save digest settings", "button"),
    ):
        inside_the_screen(page, label, role)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    weekly = main_area(page).get_by_text("Send me a weekly digest")
    weekly.scroll_into_view_if_needed()
    weekly.tap()
    address = main_area(page).get_by_role("textbox", name="Email address for digests")
    address.tap()
    address.fill("maya@example.com")
    save = main_area(page).get_by_role("button", name="Save digest settings")
    save.scroll_into_view_if_needed()
    save.tap()
    expect(main_area(page).get_by_text("Digest settings saved: a weekly digest on Mondays at 08:00.")).to_be_visible()
    assert_no_exception(page)
    screenshot(page, "settings-digest-phone")
    with member(server.data_dir) as svc:
        saved = svc.reminders()
    assert saved.weekly and saved.email == "maya@example.com"


def _opted_in(data_dir: Path) -> None:
    with member(data_dir) as svc:
        svc.save_digest_settings({"weekly": True, "daily": True, "email": "maya@example.com"})


def test_the_unsubscribe_link_opened_on_a_phone_asks_once_then_stops_the_digests(
    server_factory: Callable[..., AppServer], phone: BrowserContext
) -> None:
    server = server_factory("digest-unsubscribe", arrange=_opted_in)
    with member(server.data_dir) as svc:
        token = svc.unsubscribe_token()
    assert token
    page = phone.new_page()
    page.goto(server.url(f"unsubscribe/{token}"))
    button = page.get_by_role("button", name="Unsubscribe")
    expect(button).to_be_visible()
    with member(server.data_dir) as svc:
        assert svc.reminders().weekly  # opening the link changes nothing
    button.tap()
    expect(page.get_by_text("netcoach sends you no more digests")).to_be_visible()
    with member(server.data_dir) as svc:
        assert not (svc.reminders().weekly or svc.reminders().daily)
    other = phone.new_page()
    answer = other.goto(server.url(f"unsubscribe/{token[:-4]}abcd"))
    assert answer is not None and answer.status == 404
