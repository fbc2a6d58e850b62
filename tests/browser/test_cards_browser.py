"""The coach's cards and the tips in a real browser: acting from a card on a desktop, and both fitting a phone.

On the phone (390 x 844, touch) nothing may stick out sideways, every button
of a card must be on screen, and a tip tapped Read or Tried stays open and
where it was, under the person's finger.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from browser_kit import assert_no_exception, main_area, member, screenshot, wait_for_app
from launch import AppServer
from playwright.sync_api import Browser, Page, expect

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1400, "height": 1000}}

_OVERFLOW_JS = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const wide = Array.from(main.querySelectorAll('button, a, p, [data-testid="stVerticalBlockBorderWrapper"]'))
    .filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.right > window.innerWidth + 1; })
    .map(e => (e.innerText || e.tagName).slice(0, 40));
  return {scroll: document.documentElement.scrollWidth, main: main.scrollWidth, wide: wide};
}"""


def _ana_is_owed_a_follow_up(data_dir: Path) -> None:
    today = dt.date.today()
    with member(data_dir) as svc:
        ana = svc.add_person({"name": "Ana Costa", "role": "supervisor"})
        svc.log_conversation(
            {
                "date": today - dt.timedelta(days=9),
                "person_ids": [ana.id],
                "topics": ["testing"],
                "followup_due": today - dt.timedelta(days=7),
            }
        )


def _fits_the_width(page: Page, where: str) -> None:
    found = page.evaluate(_OVERFLOW_JS)
    width = page.viewport_size["width"] if page.viewport_size else 0
    assert found["scroll"] <= width and found["main"] <= width, (where, found)
    assert not found["wide"], (where, found["wide"])


def test_marks_the_follow_up_done_from_the_coachs_card(
    browser: Browser, server_factory: Callable[..., AppServer]
) -> None:
    server = server_factory("desktop", arrange=_ana_is_owed_a_follow_up)
    context = browser.new_context(**DESKTOP)
    context.set_default_timeout(30_000)
    page = context.new_page()
    try:
        page.goto(server.url(""))
        wait_for_app(page)
        main = main_area(page)
        expect(main.get_by_text("Ranked by:").first).to_be_visible()
        expect(main.get_by_role("link", name="Why this matters").first).to_be_visible()
        screenshot(page, "coach-cards-desktop")

        main.get_by_role("button", name="Mark follow-up done").click()
        expect(page.get_by_text("Marked the follow-up with Ana Costa as sent today.")).to_be_visible()
        wait_for_app(page)
        assert_no_exception(page)
        expect(main.get_by_role("button", name="Mark follow-up done")).to_have_count(0)
        with member(server.data_dir) as svc:
            assert [c.followup_done for c in svc.snapshot().conversations] == [dt.date.today()]

        main.get_by_role("button", name="Undo the follow-up with Ana Costa").click()
        expect(page.get_by_text("Undone.")).to_be_visible()
        wait_for_app(page)
        expect(main.get_by_role("button", name="Mark follow-up done")).to_be_visible()
        with member(server.data_dir) as svc:
            assert [c.followup_done for c in svc.snapshot().conversations] == [None]
    finally:
        context.close()


def test_coach_cards_and_tips_fit_a_phone_and_a_tapped_tip_stays_put(
    browser: Browser, server_factory: Callable[..., AppServer]
) -> None:
    server = server_factory("phone", arrange=_ana_is_owed_a_follow_up)
    context = browser.new_context(**PHONE)
    context.set_default_timeout(30_000)
    page = context.new_page()
    try:
        page.goto(server.url(""))
        wait_for_app(page)
        main = main_area(page)
        done = main.get_by_role("button", name="Mark follow-up done")
        done.scroll_into_view_if_needed()
        expect(done).to_be_in_viewport()
        for name in ("Draft the note", "Snooze 3 days", "Not now"):
            box = main.get_by_role("button", name=name).first.bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390, (name, box)
        _fits_the_width(page, "home")
        screenshot(page, "coach-cards-phone")

        page.goto(server.url("tips?tip=follow-up"))
        wait_for_app(page)
        assert_no_exception(page)
        card = page.locator(".st-key-tip_card_follow-up")
        card.scroll_into_view_if_needed()
        expect(card.get_by_text("This week:")).to_be_visible()  # opened from the link
        _fits_the_width(page, "tips")
        before = card.bounding_box()
        assert before is not None

        card.get_by_role("button", name="Tried").tap()
        wait_for_app(page)
        assert_no_exception(page)
        card.get_by_role("button", name="Useful").tap()
        wait_for_app(page)
        after = card.bounding_box()
        assert after is not None and abs(after["y"] - before["y"]) < 2, (before, after)
        expect(card.get_by_text("This week:")).to_be_visible()  # still open
        expect(card.get_by_text(f"tried {dt.date.today():%d %b %Y}")).to_be_visible()
        screenshot(page, "tips-phone")
        with member(server.data_dir) as svc:
            state = svc.tip_progress()["follow-up"]
            assert (state.tried_on, state.useful) == (dt.date.today(), True)
    finally:
        context.close()
