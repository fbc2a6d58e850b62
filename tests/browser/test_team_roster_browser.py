"""The coordinator's Team page in a real browser, on a phone and at a desk: invite an address, revoke it, remove it.

A guest at a partner company is not let in by any domain; the coordinator
invites them from the Team page and they can sign in, the invitation is
revoked and they are refused again. The sign-in is a real OpenID Connect
round trip against `oidc-provider-mock`, as in test_team_browser.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator

import pytest
from browser_kit import SCREENSHOTS, assert_no_exception, main_area, screenshot, shown, wait_for_app
from launch import Provider, SignInUser, provider_available, start_provider
from playwright.sync_api import Browser, Locator, Page, expect
from team_demo import SAMPLE_USERS, TeamInstance, start_team
from test_team_browser import sign_in

pytestmark = pytest.mark.browser

GUESTS = {
    "phone": SignInUser("guest", "guest@partner.test", "Gita Guest"),
    "desk": SignInUser("gus", "gus@partner.test", "Gus Guest"),
}
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
DESK = {"viewport": {"width": 1400, "height": 1000}}


@pytest.fixture(scope="module")
def team(tmp_path_factory: pytest.TempPathFactory, chromium: str) -> Iterator[TeamInstance]:
    if not provider_available():
        pytest.skip("oidc-provider-mock is not installed (pip install -r requirements-dev.txt)")
    root = tmp_path_factory.mktemp("roster")
    provider: Provider = start_provider((*SAMPLE_USERS, *GUESTS.values()), root / "provider.log")
    instance = start_team(root / "team", provider=provider)
    try:
        yield instance
    finally:
        instance.app.stop()
        provider.stop()


@contextlib.contextmanager
def person(browser: Browser, name: str, device: dict) -> Iterator[Page]:
    context = browser.new_context(**device)
    context.set_default_timeout(30_000)
    tab = context.new_page()
    try:
        yield tab
    except BaseException:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(Exception):
            tab.screenshot(path=str(SCREENSHOTS / f"FAILED-roster-{name}.png"), full_page=True)
        raise
    finally:
        context.close()


def keyed(page: Page, key: str) -> Locator:
    """The container made with `key=`: Streamlit names its class st-key-<key> with anything else as "-"."""
    return main_area(page).locator(".st-key-" + re.sub(r"[^a-zA-Z0-9_-]", "-", key))


def open_team_page(page: Page, team: TeamInstance) -> None:
    page.goto(team.app.url("team"))
    wait_for_app(page)
    expect(main_area(page).locator("h1")).to_have_text("Team")
    assert_no_exception(page, "Team")


def fits_the_screen(page: Page) -> None:
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= (page.viewport_size or {"width": 0})["width"], f"the page is {width}px wide"


def guest_is_refused(browser: Browser, team: TeamInstance, who: SignInUser, refused: bool) -> None:
    with person(browser, who.subject, DESK) as guest:
        sign_in(guest, team, who.subject)
        message = main_area(guest).get_by_text(f"{who.email} is not on this netcoach's list")
        if refused:
            expect(message).to_be_visible()
        else:
            expect(main_area(guest).locator("h1")).not_to_have_text("netcoach")
            assert message.count() == 0


@pytest.mark.parametrize("device", ["phone", "desk"])
def test_the_coordinator_invites_and_revokes_from_the_team_page(
    browser: Browser, team: TeamInstance, device: str
) -> None:
    who = GUESTS[device]
    guest_is_refused(browser, team, who, refused=True)
    with person(browser, f"coach-{device}", PHONE if device == "phone" else DESK) as coach:
        sign_in(coach, team, "coach")
        open_team_page(coach, team)
        coach.get_by_label("Email address", exact=True).fill(who.email.capitalize())
        main_area(coach).get_by_role("button", name="Invite", exact=True).click()
        expect(main_area(coach).get_by_text(f"Invited {who.email}")).to_be_visible()
        wait_for_app(coach)
        row = keyed(coach, f"roster_{who.email}")
        expect(row.get_by_text("not signed up yet")).to_be_visible()
        fits_the_screen(coach)
        screenshot(coach, f"team-roster-invited-{device}")

        guest_is_refused(browser, team, who, refused=False)  # the invitation lets them in; they sign up

        coach.reload()
        wait_for_app(coach)
        expect(row.get_by_text("signed up on")).to_be_visible()
        # Signed up: taken off the cohort rather than revoked. Invite another to revoke.
        coach.get_by_label("Email address", exact=True).fill(f"late.{device}@partner.test")
        main_area(coach).get_by_role("button", name="Invite", exact=True).click()
        wait_for_app(coach)
        late = keyed(coach, f"roster_late.{device}@partner.test")
        late.get_by_role("button", name="Revoke").click()
        expect(main_area(coach).get_by_text(f"Revoked the invitation of late.{device}@partner.test")).to_be_visible()
        wait_for_app(coach)
        expect(late).to_have_count(0)
        audit = main_area(coach).locator('[data-testid="stDataFrame"]').last
        expect(audit).to_be_visible()
        expect(shown(main_area(coach), f"revoked the invitation of late.{device}@partner.test")).to_be_visible()
        fits_the_screen(coach)
        screenshot(coach, f"team-roster-revoked-{device}")

        # Signed up: now taken off the cohort, they see only that and their own data to download.
        row.get_by_role("button", name="Remove").click()
        main_area(coach).page.get_by_role("button", name="Remove from the cohort").click()
        expect(main_area(coach).get_by_text(f"Removed {who.email} from the cohort")).to_be_visible()
        wait_for_app(coach)
    with person(browser, "guest-removed", PHONE) as guest:
        sign_in(guest, team, who.subject)
        expect(main_area(guest).get_by_text(f"took {who.email} off this cohort")).to_be_visible()
        expect(main_area(guest).get_by_role("button", name="Download my data (JSON)")).to_be_visible()
        fits_the_screen(guest)
        if device == "phone":
            screenshot(guest, "team-removed-phone")
            # On their own request, behind a confirmation: everything of theirs goes at once.
            delete = main_area(guest).get_by_role("button", name="Delete my notes now")
            expect(delete).to_be_disabled()
            main_area(guest).get_by_text("Yes, delete my notes now").tap()
            expect(delete).to_be_enabled()
            delete.tap()
            expect(
                main_area(guest).get_by_text("Your notes, their backups and your membership were deleted.")
            ).to_be_visible()
            expect(main_area(guest).get_by_text("nothing of yours is kept here")).to_be_visible()
            expect(main_area(guest).get_by_role("button", name="Download my data (JSON)")).to_have_count(0)
            fits_the_screen(guest)
            screenshot(guest, "team-removed-deleted-phone")


def test_the_team_urls_refuse_a_member(browser: Browser, team: TeamInstance) -> None:
    with person(browser, "ana", PHONE) as ana:
        sign_in(ana, team, "ana")
        ana.goto(team.app.url("team"))
        wait_for_app(ana)
        assert_no_exception(ana, "/team as a member")
        assert "Team" not in main_area(ana).locator("h1").all_inner_texts()
        assert ana.get_by_role("button", name="Invite").count() == 0
        assert "Changes to the roster" not in ana.content()
