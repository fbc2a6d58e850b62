"""The dashboard in a real browser: what an intern does in a week, and what they see.

Each story drives `streamlit run app.py` in Chromium the way a person would
(sidebar links, labelled fields, buttons) and checks what appears on screen.
Stories that change data start their own server with their own data folder.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from browser_kit import (
    PAGES_DIR,
    VIEWS,
    assert_no_exception,
    current_view,
    main_area,
    member,
    screenshot,
    shown,
    sidebar_link,
    wait_for_app,
)
from launch import AppServer, start_apps, stop_apps
from playwright.sync_api import Locator, Page, expect

pytestmark = pytest.mark.browser

# LinkedIn puts a few lines of notes above the header of Connections.csv.
LINKEDIN_CSV = """Notes:
"When exporting your connection data, you may notice that some of the email addresses are missing."

First Name,Last Name,URL,Email Address,Company,Position,Connected On
Imani,Okafor,https://www.linkedin.com/in/imani-okafor,,Harbor Robotics,Talent Partner,12 Mar 2024
Tomas,Lindqvist,https://www.linkedin.com/in/tomas-lindqvist,tomas@example.org,Northwind Data,Data Engineer,03 Jan 2025
Bad,Date,https://www.linkedin.com/in/bad-date,,Fabrikam,Engineer,sometime last spring
"""
# The row with the bad date is on line 7 of the file, counting the notes.
BAD_ROW = 7


def open_app(page: Page, server: AppServer, path: str = "") -> None:
    page.goto(server.url(path))
    wait_for_app(page)
    assert_no_exception(page)


def go_to(page: Page, title: str) -> None:
    """Open a view from the sidebar and wait for it to finish drawing."""
    sidebar_link(page, title).click()
    expect(sidebar_link(page, title)).to_have_attribute("aria-current", "page")
    wait_for_app(page)
    expect(main_area(page).locator("h1").first).to_be_visible()
    assert_no_exception(page, title)


def done_buttons(page: Page) -> Locator:
    """The one-click buttons of the follow-up list."""
    return main_area(page).get_by_role("button", name="Mark done", exact=True)


# ------------------------------------------------------------------ stories
def test_logs_a_conversation_with_someone_new_and_finds_it_on_home_and_people(page: Page, server: AppServer) -> None:
    open_app(page, server)
    go_to(page, "Log a conversation")

    page.get_by_label("New person's name", exact=True).fill("Maya Okonjo")
    main_area(page).get_by_role("radio", name="Mentor", exact=True).click()
    page.get_by_label("Organization or team", exact=True).fill("Bluefin Health")
    page.get_by_label("Topics (comma separated)", exact=True).fill("career paths, code review")
    page.get_by_label("What I learned", exact=True).fill("Ask for review early; small pull requests get read.")
    page.get_by_role("button", name="Save conversation").click()

    expect(page.get_by_text("Saved: your conversation with Maya Okonjo")).to_be_visible()
    wait_for_app(page)
    assert_no_exception(page)
    # The form is empty again for the next conversation, and the next one saves too.
    expect(page.get_by_label("New person's name", exact=True)).to_have_value("")
    expect(page.get_by_label("What I learned", exact=True)).to_have_value("")
    page.get_by_label("New person's name", exact=True).fill("Leo Brandt")
    main_area(page).get_by_role("radio", name="Colleague", exact=True).click()
    page.get_by_role("button", name="Save conversation").click()
    expect(page.get_by_text("Saved: your conversation with Leo Brandt")).to_be_visible()
    wait_for_app(page)
    expect(page.get_by_label("New person's name", exact=True)).to_have_value("")
    expect(main_area(page).get_by_role("button", name="Save conversation")).to_have_count(1)

    go_to(page, "Home")
    expect(shown(main_area(page), "Maya Okonjo")).to_be_visible()

    go_to(page, "People")
    expect(shown(main_area(page), "Maya Okonjo")).to_be_visible()
    expect(shown(main_area(page), "Bluefin Health")).to_be_visible()
    expect(shown(main_area(page), re.compile(r"^Mentor$"))).to_be_visible()


def test_a_first_visit_explains_what_to_do_and_loads_sample_data_in_one_click(page: Page, server: AppServer) -> None:
    open_app(page, server)
    main = main_area(page)
    expect(main.get_by_text("Three things to start")).to_be_visible()
    screenshot(page, "first-visit")

    main.get_by_role("button", name="Load sample data").click()
    expect(page.get_by_text("Sample data loaded")).to_be_visible()
    wait_for_app(page)
    assert_no_exception(page)
    expect(main.get_by_role("heading", name="Recent conversations")).to_be_visible()
    expect(main.get_by_role("heading", name="This month's goals")).to_be_visible()
    with member(server.data_dir) as svc:
        assert len(svc.conversations()) > 0


def _two_open_followups(data_dir: Path) -> None:
    """One follow-up three days late, one due next week."""
    today = dt.date.today()
    with member(data_dir) as svc:
        svc.log_conversation(
            {
                "date": today - dt.timedelta(days=5),
                "setting": "coffee_chat",
                "topics": "team rotations",
                "followup_due": today - dt.timedelta(days=3),
            },
            new_people=[{"name": "Rowan Achebe", "role": "colleague", "organization": "Payments"}],
        )
        svc.log_conversation(
            {
                "date": today - dt.timedelta(days=1),
                "setting": "one_on_one",
                "topics": "mentoring",
                "followup_due": today + dt.timedelta(days=6),
            },
            new_people=[{"name": "Imogen Castellanos", "role": "mentor", "organization": "Security"}],
        )


def test_marks_an_overdue_follow_up_done_in_one_click(page: Page, server_factory: Callable[..., AppServer]) -> None:
    server = server_factory("followups", arrange=_two_open_followups)
    open_app(page, server)
    go_to(page, "Follow-ups")

    main = main_area(page)
    overdue = main.get_by_role("heading", name="Overdue (1)")
    expect(overdue).to_be_visible()
    expect(main.get_by_role("heading", name="This week (1)")).to_be_visible()
    expect(done_buttons(page)).to_have_count(2)
    # Blocks nest and are listed outermost first, so the last one holding both
    # Rowan's name and a button is Rowan's own card.
    # (`has` is searched inside each block, so it starts from the page, not from main.)
    done_button = page.get_by_role("button", name="Mark done", exact=True)
    card = main.get_by_test_id("stVerticalBlock").filter(has_text="Rowan Achebe").filter(has=done_button).last
    card.get_by_role("button", name="Mark done").click()

    expect(page.get_by_text("Marked the follow-up with Rowan Achebe as sent today.")).to_be_visible()
    wait_for_app(page)
    assert_no_exception(page)
    expect(overdue).to_have_count(0)
    expect(done_buttons(page)).to_have_count(1)
    expect(shown(main, "Imogen Castellanos")).to_be_visible()
    with member(server.data_dir) as svc:
        done = {svc.person(c.person_ids[0]).name: c.followup_done for c in svc.conversations()}
    assert done == {"Rowan Achebe": dt.date.today(), "Imogen Castellanos": None}


def _two_talks_this_month(data_dir: Path) -> None:
    today = dt.date.today()
    with member(data_dir) as svc:
        for name in ("Hana Iwasaki", "Luca Romano"):
            svc.log_conversation({"date": today, "setting": "coffee_chat"}, new_people=[{"name": name}])


def test_sets_a_goal_for_this_month_and_sees_its_progress(page: Page, server_factory: Callable[..., AppServer]) -> None:
    server = server_factory("goals", arrange=_two_talks_this_month)
    open_app(page, server)
    go_to(page, "Goals")

    main = main_area(page)
    target = main.get_by_label("Conversations", exact=True)
    target.fill("4")
    target.press("Tab")
    main.get_by_role("button", name="Save goals").click()
    expect(page.get_by_text(re.compile(r"Goals for \d{4}-\d{2} saved"))).to_be_visible()
    wait_for_app(page)
    assert_no_exception(page)

    # Two conversations this month against a target of four.
    expect(shown(main, re.compile(r"\b2\s*(/|of)\s*4\b"))).to_be_visible()
    expect(main.locator('[data-testid="stProgress"]').first).to_be_visible()
    with member(server.data_dir) as svc:
        goals = {g.metric.value: g.target for g in svc.goals(dt.date.today().strftime("%Y-%m"))}
    assert goals.get("conversations") == 4


def test_imports_linkedin_connections_after_a_preview(page: Page, server: AppServer, tmp_path: Path) -> None:
    csv_file = tmp_path / "Connections.csv"
    csv_file.write_text(LINKEDIN_CSV, encoding="utf-8")
    open_app(page, server)
    go_to(page, "Import and export")

    # A contacts file is the first choice: LinkedIn's layout is recognised from the file itself.
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(csv_file))
    main = main_area(page)
    expect(main.get_by_text("Nothing is saved until you confirm")).to_be_visible()
    wait_for_app(page)
    assert_no_exception(page)
    expect(main.get_by_text("LinkedIn connections (Connections.csv)")).to_be_visible()
    expect(main.get_by_text("1 row(s) will be skipped")).to_be_visible()
    expect(shown(main, re.compile(rf"row {BAD_ROW}\b.*Connected On"))).to_be_visible()
    expect(shown(main, "Imani Okafor")).to_be_visible()

    # Nothing is saved by the preview: another tab still sees nobody.
    other = page.context.new_page()
    other.goto(server.url("people"))
    wait_for_app(other)
    expect(main_area(other).get_by_text("Nobody here yet")).to_be_visible()
    other.close()

    main.get_by_role("button", name="Import now").click()
    expect(main.get_by_text("Imported 2 people")).to_be_visible()
    wait_for_app(page)
    assert_no_exception(page)

    go_to(page, "People")
    expect(shown(main, "Imani Okafor")).to_be_visible()
    expect(shown(main, "Tomas Lindqvist")).to_be_visible()
    expect(main.get_by_text("Bad Date")).to_have_count(0)


def test_downloads_a_json_export_with_everything_in_it(page: Page, sample_server: AppServer) -> None:
    open_app(page, sample_server)
    go_to(page, "Import and export")

    with page.expect_download() as download_info:
        main_area(page).get_by_role("button", name="All data (JSON)").click()
    download = download_info.value
    assert re.fullmatch(r"netcoach-\d{4}-\d{2}-\d{2}\.json", download.suggested_filename)
    document = json.loads(Path(download.path()).read_text(encoding="utf-8"))
    wait_for_app(page)
    assert_no_exception(page)

    with member(sample_server.data_dir) as svc:
        snap = svc.snapshot()
    tables = document["tables"]
    assert document["format"] == "netcoach"
    assert len(tables["people"]) == len(snap.people) > 0
    assert len(tables["conversations"]) == len(snap.conversations) > 0
    names = {record["name"] for record in tables["people"].values()}
    assert names == {p.name for p in snap.people}


def page_urls() -> list[tuple[str, str]]:
    """Every URL a page file answers to on a fresh server, with the view a member should get.

    A file that is not one of the member's views (a coordinator's page, say)
    must land the member on Home rather than run on its own.
    """
    titles = dict(VIEWS)
    urls = [("", "Home")]
    urls += [(file.stem, titles.get(file.stem, "Home")) for file in sorted(PAGES_DIR.glob("*.py"))]
    return urls


@pytest.fixture(scope="module")
def fresh_servers(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, chromium: str
) -> Iterator[dict[str, AppServer]]:
    """One never-visited server per page URL this run will open, all started together."""
    paths = sorted(
        {
            item.callspec.params["path"]
            for item in request.session.items
            if getattr(item, "originalname", "") == "test_every_page_url_on_a_fresh_server_shows_a_view"
        }
    )
    root = tmp_path_factory.mktemp("fresh")
    servers = start_apps([(root / f"data-{p or 'root'}", root / f"server-{p or 'root'}.log") for p in paths])
    try:
        yield dict(zip(paths, servers, strict=True))
    finally:
        stop_apps(servers)


@pytest.mark.parametrize(("path", "title"), page_urls(), ids=lambda v: v or "root")
def test_every_page_url_on_a_fresh_server_shows_a_view(
    page: Page, fresh_servers: dict[str, AppServer], path: str, title: str
) -> None:
    """Until one visitor has run app.py, Streamlit runs a requested page file directly."""
    server = fresh_servers[path]
    page.goto(server.url(path))
    wait_for_app(page)
    assert_no_exception(page, f"/{path} on a fresh server")
    expect(main_area(page).locator("h1").first).to_be_visible()
    assert current_view(page) in {title, "Home"}
    # app.py ran: the whole sidebar is there, not the bare pages/ listing.
    expect(page.locator('[data-testid="stSidebarNavLink"]')).to_have_count(len(VIEWS))
    screenshot(page, f"first-run-{path or 'home'}")


def test_every_view_renders_without_an_exception(page: Page, sample_server: AppServer) -> None:
    open_app(page, sample_server)
    seen: dict[str, str] = {}
    for path, title in VIEWS:
        go_to(page, title)
        assert page.url.rstrip("/") == sample_server.url(path).rstrip("/")
        seen[title] = main_area(page).locator("h1").first.inner_text()
        screenshot(page, path or "home")
        assert_no_exception(page, title)
    assert len(seen) == len(VIEWS)
