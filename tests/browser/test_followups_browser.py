"""Follow-ups in a real browser, on a phone (390 x 844, touch) and on a desktop.

A follow-up due the day after tomorrow is on Home already; a snooze is one
tap, and its Undo appears in view, where the card was.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from browser_kit import assert_no_exception, main_area, member, screenshot, wait_for_app
from launch import AppServer
from playwright.sync_api import Browser, Locator, Page, expect

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1400, "height": 1000}}
NOTE = "the slides from my demo"


def day(offset: int) -> dt.date:
    return dt.date.today() + dt.timedelta(days=offset)


def _ana_due_the_day_after_tomorrow(data_dir: Path) -> None:
    with member(data_dir) as svc:
        ana = svc.add_person({"name": "Ana Ruiz", "role": "supervisor"})
        svc.log_conversation(
            {
                "date": day(0),
                "person_ids": [ana.id],
                "setting": "coffee_chat",
                "followup_due": day(2),
                "followup_note": NOTE,
            }
        )


def _three_people_waiting(data_dir: Path) -> None:
    with member(data_dir) as svc:
        for name, due in (("Rowan Achebe", -3), ("Ana Ruiz", -1), ("Imogen Castellanos", 4)):
            person = svc.add_person({"name": name})
            svc.log_conversation({"date": day(-5), "person_ids": [person.id], "followup_due": day(due)})


@pytest.fixture(params=["phone", "desktop"])
def size(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def open_page(browser: Browser, size: str) -> Iterator[Callable[[AppServer, str], Page]]:
    contexts = []

    def open_(server: AppServer, path: str) -> Page:
        context = browser.new_context(**(PHONE if size == "phone" else DESKTOP))
        context.set_default_timeout(30_000)
        contexts.append(context)
        page = context.new_page()
        page.goto(server.url(path))
        wait_for_app(page)
        assert_no_exception(page)
        return page

    yield open_
    for context in contexts:
        context.close()


def press(button: Locator, size: str) -> None:
    """A tap on a phone, a click on a desktop."""
    button.scroll_into_view_if_needed()
    if size == "phone":
        button.tap()
    else:
        button.click()


def card_of(page: Page, name: str) -> Locator:
    """The innermost block holding this person's name and a Mark done button: their card."""
    done = page.get_by_role("button", name="Mark done", exact=True)
    return main_area(page).get_by_test_id("stVerticalBlock").filter(has_text=name).filter(has=done).last


def in_viewport(page: Page, target: Locator) -> bool:
    box = target.bounding_box()
    size = page.viewport_size
    assert box is not None and size is not None
    return box["y"] >= 0 and box["y"] + box["height"] <= size["height"]


def test_a_follow_up_due_the_day_after_tomorrow_is_visible_on_home(
    server_factory: Callable[..., AppServer], open_page: Callable[[AppServer, str], Page], size: str
) -> None:
    server = server_factory(f"home-{size}", arrange=_ana_due_the_day_after_tomorrow)
    page = open_page(server, "")
    main = main_area(page)
    expect(main.get_by_role("heading", name="Follow-ups", exact=True)).to_be_visible()
    card = card_of(page, "Ana Ruiz")
    expect(card).to_be_visible()
    top = card.bounding_box()
    assert top is not None
    print(f"followup card on home ({size}): {top['y']:.0f} px from the top")
    expect(card.get_by_text("due in 2 days")).to_be_visible()
    expect(card.get_by_text(f"To send: {NOTE}")).to_be_visible()
    card.scroll_into_view_if_needed()
    for label in ("Mark done", "Tomorrow", "Next week", "Reschedule", "Drop"):
        button = card.get_by_role("button", name=label)
        expect(button).to_be_visible()
        box = button.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= (page.viewport_size or {})["width"]
    screenshot(page, f"home-followups-{size}")


def test_snoozes_a_follow_up_to_next_week_and_undoes_it_with_the_undo_in_view(
    server_factory: Callable[..., AppServer], open_page: Callable[[AppServer, str], Page], size: str
) -> None:
    server = server_factory(f"snooze-{size}", arrange=_three_people_waiting)
    page = open_page(server, "followups")
    main = main_area(page)
    expect(main.get_by_role("heading", name="Overdue (2)")).to_be_visible()

    press(card_of(page, "Ana Ruiz").get_by_role("button", name="Next week"), size)
    notice = page.get_by_text(f"Snoozed the follow-up with Ana Ruiz to {day(7):%a %d %b}.")
    expect(notice).to_be_visible()
    wait_for_app(page)
    assert_no_exception(page)
    undo = main.get_by_role("button", name="Undo")
    expect(undo).to_be_visible()
    assert in_viewport(page, undo), "the Undo is where the person is looking, without scrolling"
    expect(main.get_by_role("heading", name="Overdue (1)")).to_be_visible()
    expect(main.get_by_role("heading", name="This week (2)")).to_be_visible()
    screenshot(page, f"followups-snoozed-{size}")
    with member(server.data_dir) as svc:
        ana = next(c for c in svc.conversations() if svc.person(c.person_ids[0]).name == "Ana Ruiz")
    assert ana.followup_due == day(7)

    press(undo, size)
    expect(page.get_by_text("Undone: it is back as it was.")).to_be_visible()
    wait_for_app(page)
    assert_no_exception(page)
    expect(main.get_by_role("heading", name="Overdue (2)")).to_be_visible()
    with member(server.data_dir) as svc:
        assert svc.conversation(ana.id).followup_due == day(-1)
