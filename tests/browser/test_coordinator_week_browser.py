"""The coordinator's week in a real browser, on a phone and at a desk, with a screenshot at each step.

The coordinator invites someone, posts a check-in and a team event; an
intern answers the check-in on Home in one tap and asks for help; the
coordinator reads the cohort's health, the check-in's counts (five more
answers are seeded so they show) and the ask, and marks it handled.
Sign-in is a real OpenID Connect round trip against `oidc-provider-mock`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_kit import SCREENSHOTS, assert_no_exception, main_area, screenshot, wait_for_app
from launch import Provider, SignInUser, provider_available, start_provider
from playwright.sync_api import Browser, Page, expect
from team_demo import DOMAIN, SAMPLE_USERS, TeamInstance, seed_members, start_team
from test_team_browser import sign_in

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
DESK = {"viewport": {"width": 1400, "height": 1000}}
# Four more sharing interns besides Ana and Ben, so the cohort's health buckets hold five or more.
COHORT = tuple(SignInUser(f"intern{n}", f"intern{n}@{DOMAIN}", f"Intern {n}") for n in range(1, 5))
INTERN = "ana"  # on the desk she answers the desk's check-in: the phone's was answered first


@pytest.fixture(scope="module")
def team(tmp_path_factory: pytest.TempPathFactory, chromium: str) -> Iterator[tuple[TeamInstance, Path]]:
    if not provider_available():
        pytest.skip("oidc-provider-mock is not installed (pip install -r requirements-dev.txt)")
    root = tmp_path_factory.mktemp("week")
    provider: Provider = start_provider((*SAMPLE_USERS, *COHORT), root / "provider.log")
    data = root / "team" / "data"
    seed_members(data, provider.issuer, (*SAMPLE_USERS, *COHORT), conversations=12)
    instance = start_team(root / "team", provider=provider)
    try:
        yield instance, data
    finally:
        instance.app.stop()
        provider.stop()


@contextlib.contextmanager
def person(browser: Browser, name: str, device: dict) -> Iterator[Page]:
    context = browser.new_context(**device)
    context.set_default_timeout(30_000)
    expect.set_options(timeout=20_000)  # the machine's cores are shared: a rerun can take a while
    tab = context.new_page()
    try:
        yield tab
    except BaseException:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(Exception):
            tab.screenshot(path=str(SCREENSHOTS / f"FAILED-week-{name}.png"), full_page=True)
        raise
    finally:
        expect.set_options(timeout=5_000)  # Playwright's default, for the tests that run after these
        context.close()


def open_page(page: Page, team: TeamInstance, path: str, title: str) -> None:
    page.goto(team.app.url(path))
    wait_for_app(page)
    expect(main_area(page).locator("h1").first).to_have_text(title)
    assert_no_exception(page, title)


def fits_the_screen(page: Page) -> None:
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= (page.viewport_size or {"width": 0})["width"], f"the page is {width}px wide"


def seed_answers(data: Path, question: str, how_many: int) -> None:
    """Answers from interns who are not in this walk, written to the team file as the app would."""
    from netcoach import storage
    from netcoach.team import Team

    try:
        pulses = Team(storage.data_dir(data)).pulses
        pulse = next(p for p in pulses.all() if p.questions[0].text == question)
        for n in range(how_many):
            pulses.answer(f"seeded-{question[-5:]}-{n}", pulse, [pulse.questions[0].options[n % 2]])
    finally:
        storage.forget_data_dirs()


def close_the_week(data: Path, question: str) -> None:
    """The week passes: the pulse closed yesterday, so no answer can still come or change and counts may show."""
    from netcoach import storage
    from netcoach.team import Team
    from netcoach.team.pulse import PULSES

    week_ago, yesterday = dt.date.today() - dt.timedelta(days=7), dt.date.today() - dt.timedelta(days=1)
    try:
        team = Team(storage.data_dir(data))
        pulse = next(p for p in team.pulses.all() if p.questions[0].text == question)
        with team.store.transaction() as db:
            db.table(PULSES).update(
                {"opens": week_ago.isoformat(), "closes": yesterday.isoformat()}, doc_ids=[pulse.id]
            )
    finally:
        storage.forget_data_dirs()


@pytest.mark.parametrize("device", ["phone", "desk"])
def test_the_coordinators_week(browser: Browser, team: tuple[TeamInstance, Path], device: str) -> None:
    instance, data = team
    size = PHONE if device == "phone" else DESK
    question = f"Have you met your mentor yet ({device})?"
    intern = INTERN
    with person(browser, f"coach-{device}", size) as coach:
        sign_in(coach, instance, "coach")
        # Monday: invite a new intern.
        open_page(coach, instance, "team", "Team")
        coach.get_by_label("Email address", exact=True).fill(f"new.{device}@partner.test")
        main_area(coach).get_by_role("button", name="Invite", exact=True).click()
        expect(main_area(coach).get_by_text(f"Invited new.{device}@partner.test").first).to_be_visible()
        fits_the_screen(coach)
        screenshot(coach, f"week-1-invited-{device}")

        # Post a check-in.
        open_page(coach, instance, "pulse", "Pulse")
        coach.get_by_label("Question 1", exact=True).fill(question)
        main_area(coach).get_by_text("A choice", exact=True).first.click()
        coach.get_by_label("Options for question 1", exact=True).fill("Yes\nNot yet")
        main_area(coach).get_by_role("button", name="Post the check-in").click()
        expect(main_area(coach).get_by_text("Posted: interns see it on their Home page")).to_be_visible()
        expect(
            main_area(coach).get_by_text("0 answers so far; results show once it closes, from 5 answers").first
        ).to_be_visible()
        fits_the_screen(coach)
        screenshot(coach, f"week-2-pulse-posted-{device}")

        # Post a team event (dated today, as the form starts).
        open_page(coach, instance, "team_events", "Team events")
        coach.get_by_label("Name", exact=True).fill(f"Lunch with the alumni ({device})")
        main_area(coach).get_by_role("button", name="Post event").click()
        expect(main_area(coach).get_by_text(f"Posted Lunch with the alumni ({device})")).to_be_visible()
        fits_the_screen(coach)
        screenshot(coach, f"week-3-event-posted-{device}")

    with person(browser, f"{intern}-{device}", size) as member:
        # Midweek: the intern sees the check-in on Home and answers in one tap.
        sign_in(member, instance, intern)
        block = main_area(member).locator(".st-key-pulse_block")
        expect(block.get_by_text(question)).to_be_visible()
        fits_the_screen(member)
        screenshot(member, f"week-4-intern-sees-pulse-{device}")
        block.get_by_role("radio", name="Not yet").click()
        expect(main_area(member).get_by_text("Thanks: your answer is in.")).to_be_visible()
        wait_for_app(member)
        expect(main_area(member).get_by_text(question)).to_have_count(0)
        screenshot(member, f"week-5-intern-answered-{device}")

        # ...and asks the coordinator for help.
        open_page(member, instance, "settings", "Settings")
        ask = main_area(member).get_by_text("Ask the coordinator to contact you")
        if not member.get_by_label("Message for the coordinator").is_visible():
            ask.click()
        member.get_by_label("Message for the coordinator").fill(f"Could we talk about my project? ({device})")
        main_area(member).get_by_role("button", name="Review what is sent").click()
        wait_for_app(member)
        main_area(member).get_by_role("button", name="Send to the coordinator").click()
        expect(main_area(member).get_by_text("Sent. The coordinator sees your ask")).to_be_visible()
        fits_the_screen(member)
        screenshot(member, f"week-6-intern-asked-for-help-{device}")

    seed_answers(data, question, 5)
    close_the_week(data, question)

    with person(browser, f"coach-friday-{device}", size) as coach:
        # Friday: the coordinator reads the week.
        sign_in(coach, instance, "coach")
        expect(main_area(coach).locator("h1").first).to_have_text("Cohort")
        expect(main_area(coach).get_by_text("Cohort health", exact=True)).to_be_visible()
        expect(main_area(coach).get_by_text("health buckets are not shown")).to_have_count(0)
        fits_the_screen(coach)
        screenshot(coach, f"week-7-cohort-health-{device}")

        open_page(coach, instance, "pulse", "Pulse")
        expect(main_area(coach).get_by_text("6 answers", exact=False).first).to_be_visible()
        this_week = main_area(coach).locator('[class*="st-key-pulse_"]').filter(has_text=question)
        expect(this_week.get_by_text(re.compile(r"Not yet\W* · 3 of 6"))).to_be_visible()
        assert main_area(coach).locator('[data-testid="stDataFrame"]').count() == 0  # no table to download
        assert f"{intern}@" not in main_area(coach).inner_text()
        fits_the_screen(coach)
        screenshot(coach, f"week-8-pulse-counts-{device}")

        open_page(coach, instance, "team", "Team")
        expect(main_area(coach).get_by_text(f"Could we talk about my project? ({device})")).to_be_visible()
        screenshot(coach, f"week-9-ask-for-help-{device}")
        main_area(coach).get_by_role("button", name="Mark handled").first.click()
        expect(main_area(coach).get_by_text(f"Marked the ask of {intern}@{DOMAIN} handled")).to_be_visible()
        wait_for_app(coach)
        expect(main_area(coach).get_by_text(f"Could we talk about my project? ({device})")).to_have_count(0)
        fits_the_screen(coach)
        screenshot(coach, f"week-10-ask-handled-{device}")
