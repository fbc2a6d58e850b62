"""Bringing a network in from a phone's vCards and from LinkedIn, at a desk and on a 390 x 844 touch screen.

The person picks nothing but the file: the preview names the layout it
recognised, asks about a namesake it cannot tell apart, and imports what was
confirmed.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_kit import assert_no_exception, main_area, member, screenshot, shown, wait_for_app
from launch import AppServer
from playwright.sync_api import Browser, Locator, Page, expect

pytestmark = pytest.mark.browser

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "contacts"
SIZES = {
    "desktop": {"viewport": {"width": 1400, "height": 1000}},
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
}


@pytest.fixture(params=sorted(SIZES))
def screen(request: pytest.FixtureRequest, browser: Browser) -> Iterator[tuple[str, Page]]:
    context = browser.new_context(**SIZES[request.param])
    context.set_default_timeout(30_000)
    try:
        yield request.param, context.new_page()
    finally:
        context.close()


def knows_grace(data_dir: Path) -> None:
    with member(data_dir) as svc:
        svc.add_person({"name": "Grace Obi", "role": "mentor"})  # no organization, no link


def press(size: str, target: Locator) -> None:
    target.scroll_into_view_if_needed()
    if size == "phone":
        target.tap()
    else:
        target.click()


def upload(page: Page, name: str) -> Locator:
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(FIXTURES / name))
    main = main_area(page)
    expect(main.get_by_text("Nothing is saved until you confirm")).to_be_visible()
    wait_for_app(page)
    assert_no_exception(page)
    return main


def import_now(size: str, page: Page, main: Locator, done: str) -> None:
    press(size, main.get_by_role("button", name="Import now"))
    expect(main.get_by_text(done)).to_be_visible()
    wait_for_app(page)
    assert_no_exception(page)


def test_a_vcard_and_a_linkedin_file_come_in_with_the_layout_named_and_the_namesake_asked(
    screen: tuple[str, Page], server_factory, tmp_path: Path
) -> None:
    size, page = screen
    server: AppServer = server_factory(size, arrange=knows_grace)
    page.goto(server.url("data"))
    wait_for_app(page)

    main = upload(page, "contacts_v30.vcf")
    expect(main.get_by_text("vCard 3.0 (.vcf)")).to_be_visible()
    expect(main.get_by_text("Not kept (netcoach has no place for these columns): ADR")).to_be_visible()
    expect(shown(main, "Lucia Reyes")).to_be_visible()
    import_now(size, page, main, "Imported 2 people.")

    main = upload(page, "linkedin_quoted_rows.csv")
    expect(main.get_by_text("LinkedIn connections (Connections.csv)")).to_be_visible()
    expect(main.get_by_text("1 question for you", exact=False)).to_be_visible()
    question = main.get_by_role("radiogroup").filter(has_text="New person")
    expect(main.get_by_text("Row 6: Grace Obi (Lumen Health, Product Manager)", exact=False)).to_be_visible()
    expect(main.get_by_text("not answered yet", exact=False)).to_be_visible()
    screenshot(page, f"import-preview-{size}")
    press(size, question.get_by_text("New person", exact=True))
    wait_for_app(page)
    expect(main.get_by_text("not answered yet", exact=False)).to_have_count(0)
    box = question.bounding_box()
    width = page.viewport_size["width"] if page.viewport_size else 0
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width + 1, "the answers fit the screen"
    import_now(size, page, main, "Imported 3 people.")

    with member(server.data_dir) as svc:
        people = sorted((p.name, p.organization) for p in svc.people())
    assert people == [
        ("Alex Kim", ""),
        ("Grace Obi", ""),
        ("Grace Obi", "Lumen Health"),
        ("Hana Sato", "Interna, Inc."),
        ("Lucia Reyes", "Solstice Media"),
        ("Tomas Novak", "Vela Studio"),
    ]
