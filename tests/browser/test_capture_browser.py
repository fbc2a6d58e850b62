"""Noting a conversation in seconds, on a phone and at a desk.

An intern meets someone, takes out a phone and notes it before the next
meeting. These stories tap the way a thumb does on a 390 x 844 touch screen,
count every tap the test makes and time the flow with the test's own clock,
so the figures printed at the end are what a person would spend.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from browser_kit import assert_no_exception, main_area, member, screenshot, sidebar_link, wait_for_app
from launch import AppServer
from playwright.sync_api import Browser, Locator, Page, expect

from netcoach.models import Role

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1400, "height": 1000}}


class Thumb:
    """A person's thumb on the screen: every tap is counted, typing goes to the focused field."""

    def __init__(self, page: Page, *, touch: bool = True) -> None:
        self.page = page
        self.touch = touch
        self.taps = 0
        self.started = time.perf_counter()

    def tap(self, target: Locator) -> None:
        target.scroll_into_view_if_needed()
        if self.touch:
            target.tap()
        else:
            target.click()
        self.taps += 1
        wait_for_app(self.page)

    def type(self, text: str, *, enter: bool = False) -> None:
        """Typing on the keyboard that is up (no tap): the field with focus gets it."""
        self.page.keyboard.type(text)
        if enter:
            self.page.keyboard.press("Enter")
        wait_for_app(self.page)

    def fill(self, field: Locator, text: str, *, enter: bool = False) -> None:
        """Tap a field to bring up the keyboard, then type."""
        self.tap(field)
        self.type(text, enter=enter)

    @property
    def seconds(self) -> float:
        return time.perf_counter() - self.started


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(**PHONE)
    context.set_default_timeout(30_000)
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture
def desk(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(**DESKTOP)
    context.set_default_timeout(30_000)
    try:
        yield context.new_page()
    finally:
        context.close()


def _open(page: Page, server: AppServer, path: str = "") -> None:
    page.goto(server.url(path))
    wait_for_app(page)
    assert_no_exception(page)


def _two_people(data_dir: Path) -> None:
    with member(data_dir) as svc:
        svc.add_person({"name": "Samira Haddad", "role": "mentor", "organization": "Platform"})
        svc.add_person({"name": "Sam Ortiz", "role": "colleague", "organization": "Payments"})
        svc.add_person({"name": "Sarah Mills", "role": "supervisor"})


def _report(flow: str, thumb: Thumb) -> None:
    print(f"\n{flow}: {thumb.taps} taps, {thumb.seconds:.1f} s")


def _saved(data_dir: Path) -> list[tuple[str, str]]:
    with member(data_dir) as svc:
        snap = svc.snapshot()
        names = {p.id: p.name for p in snap.people}
        return [(names[i], c.notes or c.learned) for c in snap.conversations for i in c.person_ids]


# ------------------------------------------------------------------ the full Log page on a phone
def test_logging_on_the_full_form_on_a_phone(phone: Page, server_factory: Callable[..., AppServer]) -> None:
    """The desktop form, reached through the menu: the figure quick capture is compared with."""
    server = server_factory("log-form")
    _open(phone, server)
    thumb = Thumb(phone)
    thumb.tap(phone.get_by_role("button", name="Expand sidebar"))
    thumb.tap(sidebar_link(phone, "Log a conversation"))
    if phone.locator('[data-testid="stSidebar"][data-collapsed="false"]').is_visible():
        thumb.tap(phone.get_by_role("button", name="Collapse sidebar"))
    main = main_area(phone)
    thumb.fill(main.get_by_label("New person's name", exact=True), "Jordan Lee")
    thumb.tap(main.get_by_role("radio", name="Mentor", exact=True))
    thumb.fill(main.get_by_label("What I learned", exact=True), "How the data team reviews designs")
    thumb.tap(main.get_by_role("button", name="Save conversation"))
    confirmation = phone.get_by_text("Saved: your conversation with Jordan Lee")
    expect(confirmation).to_be_attached()
    _report("log page on a phone", thumb)
    assert _saved(server.data_dir) == [("Jordan Lee", "How the data team reviews designs")]
    expect(confirmation).to_be_in_viewport()
    screenshot(phone, "phone-log-saved")


# ------------------------------------------------------------------ quick capture
def test_quick_capture_of_someone_new_on_a_phone(phone: Page, server_factory: Callable[..., AppServer]) -> None:
    server = server_factory("capture-phone", arrange=_two_people)
    _open(phone, server)
    thumb = Thumb(phone)
    thumb.tap(phone.get_by_role("button", name="Quick capture"))
    dialog = phone.get_by_role("dialog")
    name = dialog.get_by_label("Who did you talk to?", exact=True)
    expect(name).to_be_visible()
    if not name.evaluate("e => e === document.activeElement"):
        thumb.tap(name)
    thumb.type("Jordan Lee")
    thumb.tap(dialog.get_by_role("radio", name="Mentor", exact=True))
    # The keyboard's Go key (Enter) saves: no reach for the button.
    thumb.fill(dialog.get_by_label("What was it about?", exact=True), "How design reviews work", enter=True)
    confirmation = dialog.get_by_text("Saved: your conversation with Jordan Lee today")
    expect(confirmation).to_be_in_viewport()
    _report("quick capture on a phone", thumb)
    assert thumb.taps <= 4, f"{thumb.taps} taps"
    assert _saved(server.data_dir) == [("Jordan Lee", "How design reviews work")]
    with member(server.data_dir) as svc:
        assert svc.people(text="Jordan")[0].role is Role.MENTOR
    assert_no_exception(phone)
    screenshot(phone, "phone-quick-capture-saved")


def test_enter_in_the_people_picker_picks_one_person_on_a_phone(
    phone: Page, server_factory: Callable[..., AppServer]
) -> None:
    server = server_factory("picker-phone", arrange=_two_people)
    _open(phone, server, "log")
    picker = main_area(phone).get_by_role("combobox", name="Who did you talk to?")
    picker.tap()
    phone.keyboard.type("Sam Ortiz")
    phone.keyboard.press("Enter")
    wait_for_app(phone)
    tags = main_area(phone).get_by_test_id("stMultiSelectTagsContainer").locator("[data-tag]")
    expect(tags).to_have_count(1)
    expect(tags.first).to_have_attribute("aria-label", re.compile(r"^Sam Ortiz \(Colleague"))
    # A part of a name still adds one person at most, never every match.
    picker.tap()
    phone.keyboard.type("Sa")
    expect(phone.get_by_role("option", name=re.compile("Select .* matches"))).to_have_count(0)
    phone.keyboard.press("Enter")
    wait_for_app(phone)
    expect(tags).to_have_count(2)
    assert_no_exception(phone)


def test_quick_capture_at_a_desk_then_adding_the_details(desk: Page, server_factory: Callable[..., AppServer]) -> None:
    def arrange(data_dir: Path) -> None:
        _two_people(data_dir)
        with member(data_dir) as svc:
            svc.log_conversation({"date": dt.date.today(), "person_ids": [2], "notes": "Payments on-call"})

    server = server_factory("capture-desk", arrange=arrange)
    _open(desk, server, "goals")
    thumb = Thumb(desk, touch=False)
    thumb.tap(desk.get_by_role("button", name="Quick capture"))
    dialog = desk.get_by_role("dialog")
    thumb.tap(dialog.get_by_role("radio", name="Sam Ortiz", exact=True))  # someone talked to lately
    thumb.fill(dialog.get_by_label("What was it about?", exact=True), "Retro ideas")
    thumb.tap(dialog.get_by_role("radio", name="No", exact=True))
    thumb.tap(dialog.get_by_role("button", name="Save", exact=True))
    expect(dialog.get_by_text("Saved: your conversation with Sam Ortiz today.")).to_be_in_viewport()
    _report("quick capture at a desk", thumb)
    thumb.tap(dialog.get_by_role("button", name="Add details"))
    edit = desk.get_by_role("dialog")
    expect(edit.get_by_text("Edit conversation")).to_be_visible()
    expect(edit.get_by_label("Notes", exact=True)).to_have_value("Retro ideas")
    assert desk.url.rstrip("/").endswith("/log")
    assert_no_exception(desk)
    screenshot(desk, "desktop-capture-add-details")
