"""The trash in a real browser: a person deleted on a phone and undone, and a restore from the Trash page.

On a phone (390 x 844, touch) the Undo after a delete is where the thumb
is, without scrolling; the Trash page's buttons fit the screen at both sizes.
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
TODAY = dt.date.today()


def _ana_and_ben(data_dir: Path) -> None:
    with member(data_dir) as svc:
        ana = svc.add_person({"name": "Ana Ruiz", "role": "mentor", "organization": "Design"})
        ben = svc.add_person({"name": "Ben Okoro", "role": "colleague"})
        svc.log_conversation({"date": TODAY, "person_ids": [ana.id], "learned": "how design reviews work"})
        svc.log_conversation({"date": TODAY, "person_ids": [ana.id, ben.id], "learned": "the roadmap"})


def _two_things_in_the_trash(data_dir: Path) -> None:
    _ana_and_ben(data_dir)
    with member(data_dir) as svc:
        ana = next(p for p in svc.people() if p.name == "Ana Ruiz")
        fair = svc.add_event({"name": "Career fair", "date": TODAY})
        svc.delete_event(fair.id or 0)
        svc.delete_person(ana.id or 0)


@pytest.fixture
def open_page(browser: Browser) -> Iterator[Callable[[AppServer, str, str], Page]]:
    contexts = []

    def open_(server: AppServer, path: str, size: str) -> Page:
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


def test_a_person_deleted_on_a_phone_comes_back_with_the_undo_in_view(
    server_factory: Callable[..., AppServer], open_page: Callable[[AppServer, str, str], Page]
) -> None:
    server = server_factory("trash-undo-phone", arrange=_ana_and_ben)
    page = open_page(server, "people?person=1", "phone")
    main = main_area(page)
    expect(main.get_by_role("heading", name="Ana Ruiz")).to_be_visible()

    press(main.get_by_role("tab", name="Edit"), "phone")
    press(main.get_by_role("button", name="Delete this person"), "phone")
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_text("It all goes to the trash for 30 days")).to_be_visible()
    press(dialog.get_by_role("button", name="Move to trash"), "phone")
    wait_for_app(page)
    assert_no_exception(page)

    expect(page.get_by_text("Moved Ana Ruiz and 1 conversation only with them to the trash.")).to_be_visible()
    undo = main.get_by_role("button", name="Undo")
    expect(undo).to_be_visible()
    # On screen right after the delete, without scrolling (once the page has settled).
    expect(undo).to_be_in_viewport(ratio=1)
    screenshot(page, "trash-deleted-phone")
    with member(server.data_dir) as svc:
        assert [p.name for p in svc.people()] == ["Ben Okoro"]

    press(undo, "phone")
    wait_for_app(page)
    assert_no_exception(page)

    expect(page.get_by_text("Ana Ruiz is back.")).to_be_visible()
    with member(server.data_dir) as svc:
        assert sorted(p.name for p in svc.people()) == ["Ana Ruiz", "Ben Okoro"]
        assert len(svc.conversations()) == 2
        assert all(1 in c.person_ids for c in svc.conversations())
        assert svc.trash() == []


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_restores_a_person_from_the_trash_page(
    server_factory: Callable[..., AppServer], open_page: Callable[[AppServer, str, str], Page], size: str
) -> None:
    server = server_factory(f"trash-restore-{size}", arrange=_two_things_in_the_trash)
    page = open_page(server, "trash", size)
    main = main_area(page)
    expect(main.get_by_role("heading", name="Trash", exact=True)).to_be_visible()
    ana = (
        main.get_by_test_id("stVerticalBlock")
        .filter(has_text="Ana Ruiz")
        .filter(has=page.get_by_role("button", name="Restore"))
        .last
    )
    expect(ana.get_by_text("with 1 conversation")).to_be_visible()
    expect(ana.get_by_text("30 days left")).to_be_visible()
    expect(main.get_by_text(f"Career fair on {TODAY.day} {TODAY:%b %Y}")).to_be_visible()
    texts = main.inner_text()
    assert texts.index("Ana Ruiz") < texts.index("Career fair"), "the latest deleted comes first"
    for button in main.get_by_role("button", name="Restore").all():
        button.scroll_into_view_if_needed()
        box = button.bounding_box()
        assert box is not None and box["x"] + box["width"] <= (page.viewport_size or {})["width"]
    screenshot(page, f"trash-{size}")

    press(ana.get_by_role("button", name="Restore"), size)
    wait_for_app(page)
    assert_no_exception(page)

    expect(page.get_by_text("Ana Ruiz is back.")).to_be_visible()
    expect(main.get_by_text("Ana Ruiz", exact=True)).to_have_count(0)
    expect(main.get_by_text(f"Career fair on {TODAY.day} {TODAY:%b %Y}")).to_be_visible()
    with member(server.data_dir) as svc:
        assert sorted(p.name for p in svc.people()) == ["Ana Ruiz", "Ben Okoro"]
        assert len(svc.conversations(person_id=1)) == 2
        assert [e.item.label for e in svc.trash()] == [f"Career fair on {TODAY.day} {TODAY:%b %Y}"]
