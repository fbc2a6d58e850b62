"""The hosted team instance in a real browser, signing in through a real OpenID Connect round trip.

`oidc-provider-mock` plays the company's identity provider on localhost; its
sign-in page asks for a subject, which is typed as a person would. Each
person gets their own browser context (their own cookies), so two interns
and a coordinator are really three different visitors of one server.

What must never fail: a member sees only their own notes, the coordinator
sees numbers and never a contact, a signed-out visitor sees nothing on any
URL (also on a server nobody has visited yet), and text a member typed is
shown as text, never run.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import dataclasses
import json
import re
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import pytest
from browser_kit import (
    PAGES_DIR,
    SCREENSHOTS,
    VIEWPORT,
    VIEWS,
    assert_no_exception,
    main_area,
    missing_browser,
    screenshot,
    shown,
    sidebar_link,
    wait_for_app,
)
from launch import Provider, SignInUser, provider_available, start_provider, stop_processes
from playwright.sync_api import Page, expect
from team_demo import SAMPLE_USERS, TeamInstance, start_team

from netcoach.team import Identity

pytestmark = pytest.mark.browser

# Every page URL Streamlit serves for a file in pages/ (the url path is the file's stem).
COORDINATOR_PATHS = ("cohort", "team_events", "team")
EXPECTED_PATHS = {"log", "people", "followups", "goals", "events", "insights", "tips", "data", "settings"}
EXPECTED_PATHS |= set(COORDINATOR_PATHS)
PAGE_PATHS = ["", *sorted(p.stem for p in PAGES_DIR.glob("*.py"))]

XSS_IMG = "<img src=x onerror=alert(1)>"
XSS_LINK = "[x](javascript:alert(1))"
REFUSED = "mallory@elsewhere.test"
# The provider vouches (email_verified: true) only for the people it was started with;
# any other subject it signs in with the subject as an unverified email.
CLEO = SignInUser("cleo@acme.test", "cleo@acme.test", "Cleo Chen")
UNVERIFIED = "dana@acme.test"


# ------------------------------------------------------------------ fixtures
@pytest.fixture(scope="module")
def provider(tmp_path_factory: pytest.TempPathFactory, chromium: str) -> Iterator[Provider]:
    """One identity provider for the module: it keeps no state the stories depend on."""
    if not provider_available():
        missing_browser("oidc-provider-mock is not installed (pip install -r requirements-dev.txt)")
    root = tmp_path_factory.mktemp("provider")
    instance = start_provider((*SAMPLE_USERS, CLEO), root / "provider.log")
    try:
        yield instance
    finally:
        instance.stop()


@pytest.fixture
def team_factory(tmp_path: Path, provider: Provider) -> Iterator[Callable[[str], TeamInstance]]:
    """Fresh team-mode servers for one test, each with its own data folder, all on the module's provider."""
    started: list[TeamInstance] = []

    def start(name: str = "team") -> TeamInstance:
        instance = start_team(tmp_path / name, provider=provider)
        started.append(instance)
        return instance

    yield start
    stop_all(started)


@dataclasses.dataclass
class FreshVisit:
    """A signed-out visitor who was the very first to open `path` on its server."""

    path: str
    team: TeamInstance
    page: Page


def stop_all(teams: Iterable[TeamInstance]) -> None:
    """Stop servers side by side: each one takes a moment to close its sessions."""
    stop_processes(team.app.process for team in teams)


@pytest.fixture(scope="class")
def fresh_visits(
    tmp_path_factory: pytest.TempPathFactory, provider: Provider, browser
) -> Iterator[dict[str, FreshVisit]]:
    """One never-visited server per page URL, each opened once by a signed-out visitor.

    Until someone has run app.py in a server process, Streamlit runs a
    requested page file directly, so each URL needs a server of its own.
    The servers start side by side and the visits are all under way before
    any is checked: a first script run is slow, and they overlap this way.
    """
    root = tmp_path_factory.mktemp("fresh")
    teams: dict[str, TeamInstance] = {}
    contexts = []
    try:
        with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
            futures = {path: pool.submit(start_team, root / (path or "root"), provider=provider) for path in PAGE_PATHS}
            errors = []
            for path, future in futures.items():  # collect every server, so a failure leaves none running
                try:
                    teams[path] = future.result()
                except RuntimeError as error:
                    errors.append(f"/{path}: {error}")
        if errors:
            raise RuntimeError("\n".join(errors))
        visits = {}
        for path, team in teams.items():
            context = browser.new_context(viewport=VIEWPORT)
            context.set_default_timeout(60_000)
            contexts.append(context)
            page = context.new_page()
            page.goto(team.app.url(path))
            visits[path] = FreshVisit(path, team, page)
        yield visits
    finally:
        for context in contexts:
            with contextlib.suppress(Exception):
                context.close()
        stop_all(teams.values())


@pytest.fixture(scope="module")
def shared_team(tmp_path_factory: pytest.TempPathFactory, provider: Provider) -> Iterator[TeamInstance]:
    """One server for stories that each use their own people and only check what those people see."""
    instance = start_team(tmp_path_factory.mktemp("shared-team"), provider=provider)
    try:
        yield instance
    finally:
        instance.app.stop()


@pytest.fixture
def visitor(browser, request: pytest.FixtureRequest) -> Iterator[Callable[[str], Page]]:
    """A new visitor: their own browser context (cookies) and tab, photographed if the test fails."""
    opened: list[tuple[str, object, Page]] = []

    def open_tab(name: str) -> Page:
        context = browser.new_context(viewport=VIEWPORT)
        context.set_default_timeout(30_000)
        tab = context.new_page()
        opened.append((name, context, tab))
        return tab

    yield open_tab
    report = getattr(request.node, "report_call", None)
    for name, context, tab in opened:
        if report is not None and report.failed:
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            with contextlib.suppress(Exception):
                tab.screenshot(path=str(SCREENSHOTS / f"FAILED-{request.node.name}-{name}.png"), full_page=True)
        context.close()


# ------------------------------------------------------------------- moves
def sign_in(page: Page, team: TeamInstance, subject: str) -> None:
    """Press Sign in, type the subject on the provider's page, authorize, land back on the app."""
    page.goto(team.app.url())
    wait_for_app(page)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_url(re.compile(re.escape(f"{team.provider.url}/oauth2/authorize")))
    page.locator('input[name="sub"]').fill(subject)
    page.get_by_role("button", name="Authorize", exact=True).click()
    # The callback sets the auth cookie and sends the browser to the root URL.
    page.wait_for_url(lambda url: url.rstrip("/") == team.app.base)
    wait_for_app(page)
    assert_no_exception(page, f"sign-in of {subject}")


def go_to(page: Page, title: str) -> None:
    """Open a view from the sidebar and wait for it to finish drawing."""
    sidebar_link(page, title).click()
    expect(sidebar_link(page, title)).to_have_attribute("aria-current", "page")
    wait_for_app(page)
    expect(main_area(page).locator("h1").first).to_be_visible()
    assert_no_exception(page, title)


def log_conversation(page: Page, name: str, organization: str = "", learned: str = "") -> None:
    """Log a conversation with someone new through the Log form."""
    go_to(page, "Log a conversation")
    page.get_by_label("New person's name", exact=True).fill(name)
    main_area(page).get_by_role("radio", name="Colleague", exact=True).click()
    page.get_by_label("Organization or team", exact=True).fill(organization)
    page.get_by_label("What I learned", exact=True).fill(learned)
    page.get_by_role("button", name="Save conversation").click()
    expect(page.get_by_text("Saved: your conversation with")).to_be_visible()
    wait_for_app(page)
    assert_no_exception(page, f"saving a conversation with {name}")


def everything_on(page: Page) -> str:
    """All text the page holds, including table cells that only live in the screen-reader grid."""
    return page.locator("body").inner_text() + "\n" + page.content()


def metric_value(page: Page, label: str) -> str:
    metric = main_area(page).locator('[data-testid="stMetric"]').filter(has_text=label)
    return metric.locator('[data-testid="stMetricValue"]').inner_text().strip()


def member_file(team: TeamInstance, subject: str, email: str) -> Path:
    member_id = Identity(team.provider.issuer, subject, email).member_id
    return team.app.data_dir / "members" / f"{member_id}.json"


def only_sign_in_is_offered(page: Page, where: str) -> None:
    """What a signed-out visitor may see: the sign-in button and the greeting, nothing of anyone's data."""
    main = main_area(page)
    expect(main.get_by_role("button", name="Sign in", exact=True)).to_be_visible()
    assert_no_exception(page, where)
    buttons = [b.inner_text().strip() for b in main.get_by_role("button").all()]
    assert [b for b in buttons if not b.endswith("Sign in")] == [], f"{where}: {buttons}"
    for widget in ("stDataFrame", "stMetric", "stForm", "stTextInput", "stPlotlyChart", "stSidebarNav"):
        assert page.locator(f'[data-testid="{widget}"]').count() == 0, f"{where}: {widget} is shown"
    expect(main.locator("h1")).to_have_text(["netcoach"])


# ------------------------------------------------------------------ stories
def test_the_page_list_covers_every_page_file() -> None:
    assert set(PAGE_PATHS) >= EXPECTED_PATHS | {""}


class TestAFreshServer:
    """Servers nobody has visited yet; they are stopped as soon as these checks are done."""

    @pytest.mark.parametrize("path", PAGE_PATHS, ids=lambda p: p or "root")
    def test_refuses_every_page_url_to_a_signed_out_visitor(
        self, fresh_visits: dict[str, FreshVisit], path: str
    ) -> None:
        visit = fresh_visits[path]
        wait_for_app(visit.page, timeout_ms=60_000)
        try:
            only_sign_in_is_offered(visit.page, f"/{path} on a fresh server")
        except AssertionError:
            with contextlib.suppress(Exception):
                screenshot(visit.page, f"FAILED-fresh-{path or 'root'}")
            raise
        assert not (visit.team.app.data_dir / "members").exists()


def test_two_interns_never_see_each_others_notes_and_the_coordinator_sees_totals_only(
    visitor: Callable[[str], Page], team_factory: Callable[[str], TeamInstance]
) -> None:
    team = team_factory()
    ana, ben = visitor("ana"), visitor("ben")
    sign_in(ana, team, "ana")
    sign_in(ben, team, "ben")
    notes = {
        "ana": ("Priya Anasecret", "Harbor Anaworks", "ana private note about mentoring"),
        "ben": ("Tomas Bensecret", "Northwind Benworks", "ben private note about code review"),
    }
    log_conversation(ana, *notes["ana"])
    log_conversation(ben, *notes["ben"])

    for page, me, other in ((ana, "ana", "ben"), (ben, "ben", "ana")):
        name, _, learned = notes[me]
        for title, mine in (("Log a conversation", learned), ("People", name), ("Home", None)):
            go_to(page, title)
            if mine is not None:  # their own notes are there, so the other's absence means something
                expect(shown(main_area(page), mine)).to_be_visible()
            else:
                assert metric_value(page, "Conversations this month") == "1"
            seen = everything_on(page)
            for secret in notes[other]:
                assert secret not in seen, f"{me} sees {other}'s {secret!r} on {title}"
        screenshot(page, f"team-{me}-home")
    # And on disk: each intern's file holds their notes only.
    for me, other in (("ana", "ben"), ("ben", "ana")):
        stored = member_file(team, me, f"{me}@acme.test").read_text()
        assert all(s in stored for s in notes[me]) and not any(s in stored for s in notes[other])

    coach = visitor("coach")
    sign_in(coach, team, "coach")
    expect(main_area(coach).locator("h1")).to_have_text("Cohort")
    expect(main_area(coach).get_by_text("Nobody shares totals yet")).to_be_visible()

    for page, counted in ((ana, 1), (ben, 2)):
        go_to(page, "Settings")
        page.get_by_text("Share my monthly totals", exact=True).click()
        expect(page.get_by_text("Sharing switched on.")).to_be_visible()
        wait_for_app(page)
        coach.reload()
        wait_for_app(coach)
        assert_no_exception(coach, "Cohort")
        # Sums over one or two interns would be their own numbers: held back until five share.
        expect(main_area(coach).get_by_text(f"({counted} counted now)")).to_be_visible()
        assert main_area(coach).locator('[data-testid="stMetric"]').count() == 0
    seen = everything_on(coach)
    for secret in [*notes["ana"], *notes["ben"], "ana@acme.test", "ben@acme.test"]:
        assert secret not in seen, f"the coordinator sees {secret!r}"
    screenshot(coach, "team-cohort")


def test_each_interns_calendar_link_serves_their_own_follow_ups_and_no_one_elses(
    visitor: Callable[[str], Page], team_factory: Callable[[str], TeamInstance]
) -> None:
    team = team_factory("calendars")
    people = {"ana": "Priya Anacalendar", "ben": "Tomas Bencalendar"}
    links: dict[str, str] = {}
    for me, person in people.items():
        page = visitor(me)
        sign_in(page, team, me)
        log_conversation(page, person)  # a follow-up is due in two days by default
        go_to(page, "Settings")
        page.get_by_role("button", name="Create my calendar link").click()
        wait_for_app(page)
        block = main_area(page).locator('[data-testid="stCode"]').filter(has_text="/calendar/")
        expect(block).to_have_count(1)
        links[me] = block.inner_text().strip()
    for me, other in (("ana", "ben"), ("ben", "ana")):
        # A calendar app has no sign-in cookie: the link alone must be enough, and only for its owner.
        with urllib.request.urlopen(links[me], timeout=30) as response:
            feed = response.read().decode()
        assert f"Follow up with {people[me]}" in feed
        assert people[other] not in feed, f"{me}'s calendar shows {other}'s contact"
    ana_id, _, ana_secret = links["ana"].rpartition("/")[2].removesuffix(".ics").partition(".")
    ben_id, _, ben_secret = links["ben"].rpartition("/")[2].removesuffix(".ics").partition(".")
    for crossed in (f"{ana_id}.{ben_secret}", f"{ben_id}.{ana_secret}"):
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(team.app.url(f"calendar/{crossed}.ics"), timeout=30)
        assert refused.value.code == 404


def test_a_member_opening_the_coordinator_urls_gets_their_home(
    visitor: Callable[[str], Page], shared_team: TeamInstance
) -> None:
    page = visitor("ben")
    sign_in(page, shared_team, "ben")
    for path in COORDINATOR_PATHS:
        page.goto(shared_team.app.url(path))
        wait_for_app(page)
        assert_no_exception(page, f"/{path} as a member")
        expect(sidebar_link(page, "Home")).to_have_attribute("aria-current", "page")
        headings = main_area(page).locator("h1").all_inner_texts()
        assert not {"Cohort", "Team events", "Team"} & set(headings), headings
        assert page.get_by_role("button", name="Post event").count() == 0
        assert "share their monthly totals" not in everything_on(page)


def test_an_email_that_is_not_on_the_list_is_refused(visitor: Callable[[str], Page], shared_team: TeamInstance) -> None:
    page = visitor("mallory")
    # The provider signs unknown subjects in with the subject as their email.
    sign_in(page, shared_team, REFUSED)
    expect(main_area(page).get_by_text(f"{REFUSED} is not on this netcoach's list")).to_be_visible()
    assert page.locator('[data-testid="stSidebarNav"]').count() == 0
    page.goto(shared_team.app.url("people"))
    wait_for_app(page)
    expect(main_area(page).get_by_text("is not on this netcoach's list")).to_be_visible()
    assert page.locator('[data-testid="stDataFrame"]').count() == 0
    assert not member_file(shared_team, REFUSED, REFUSED).exists()


def test_an_allowed_address_the_provider_did_not_verify_is_refused(
    visitor: Callable[[str], Page], shared_team: TeamInstance
) -> None:
    page = visitor("dana")
    sign_in(page, shared_team, UNVERIFIED)
    expect(main_area(page).get_by_text(f"{UNVERIFIED} is not on this netcoach's list")).to_be_visible()
    assert page.locator('[data-testid="stSidebarNav"]').count() == 0
    assert not member_file(shared_team, UNVERIFIED, UNVERIFIED).exists()


def test_text_a_member_typed_is_shown_as_typed_and_never_runs(
    visitor: Callable[[str], Page], shared_team: TeamInstance
) -> None:
    page = visitor("cleo")
    dialogs: list[str] = []

    def note_dialog(dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", note_dialog)
    sign_in(page, shared_team, CLEO.subject)
    log_conversation(page, XSS_IMG, organization=XSS_LINK, learned=XSS_LINK)
    expect(main_area(page).get_by_text(f"Saved: your conversation with {XSS_IMG}")).to_be_visible()
    log_conversation(page, XSS_LINK, organization=XSS_IMG, learned=XSS_IMG)
    expect(main_area(page).get_by_text(f"Saved: your conversation with {XSS_LINK}")).to_be_visible()

    def inert(where: str) -> None:
        assert_no_exception(page, where)
        assert page.locator('img[src="x"]').count() == 0, f"{where}: an <img> from member text"
        assert page.locator('a[href^="javascript"]').count() == 0, f"{where}: a javascript: link"
        assert dialogs == [], f"{where}: a dialog fired: {dialogs}"

    for text in (XSS_IMG, XSS_LINK):
        expect(shown(main_area(page), text)).to_be_visible()  # in the list of past conversations
    inert("Log")
    for _, title in VIEWS:
        go_to(page, title)
        inert(title)
    go_to(page, "People")
    for text in (XSS_IMG, XSS_LINK):
        expect(shown(main_area(page), text)).to_be_visible()
    stored = json.loads(member_file(shared_team, "cleo@acme.test", "cleo@acme.test").read_text())
    people = {record["name"]: int(key) for key, record in stored["people"].items()}
    for name in (XSS_IMG, XSS_LINK):
        page.goto(shared_team.app.url(f"people?person={people[name]}"))
        wait_for_app(page)
        expect(main_area(page).locator("h2").filter(has_text=name)).to_be_visible()
        inert(f"the page of {name}")
    go_to(page, "Settings")
    page.get_by_label("Your name (shown on Home)", exact=True).fill(XSS_LINK)
    page.get_by_role("button", name="Save settings").click()
    expect(page.get_by_text("Settings saved.")).to_be_visible()
    go_to(page, "Home")
    expect(main_area(page).locator("h1")).to_have_text(f"Hi {XSS_LINK}")
    inert("Home with a typed name")
    screenshot(page, "team-inert-text")
