"""Charts and tables as an intern sees them: on a phone (390 x 844, touch) and on a 1400 px desktop.

Measured on the page itself: where each chart draws its title, legend,
colour key, plot and (if any) Plotly's mode bar; how wide each table's
columns are against the space the table has and against the width of its
headings in the table's own font; and whether any button label is cut.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

import pytest
from browser_kit import assert_no_exception, main_area, wait_for_app
from launch import AppServer
from playwright.sync_api import Browser, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1400, "height": 900}
CHART_PAGES = {"": "Home", "insights": "Insights", "goals": "Goals"}
TABLE_PAGES = {"": "Home", "people": "People"}
BUTTON_PAGES = {"": "Home", "log": "Log a conversation", "events": "Events", "people?person=1": "a person"}

_CHARTS_DRAWN_JS = """() => {
  const charts = Array.from(document.querySelectorAll('[data-testid="stPlotlyChart"]'));
  return charts.length > 0 && charts.every(c => c.querySelector('.main-svg .gtitle'));
}"""

_TABLES_DRAWN_JS = """() => {
  const shown = Array.from(document.querySelectorAll('[data-testid="stDataFrame"]')).filter(f => f.offsetParent);
  return shown.length > 0 && shown.every(f => f.querySelector('canvas') && f.querySelector('.dvn-scroller'));
}"""

# Boxes as [left, top, right, bottom] in page pixels; null when the part is not drawn or hidden.
_CHART_BOXES_JS = """() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(plot => {
  const box = selector => {
    const element = plot.querySelector(selector);
    if (!element) return null;
    const style = getComputedStyle(element);
    if (style.display === 'none' || style.visibility === 'hidden' || style.opacity === '0') return null;
    const r = element.getBoundingClientRect();
    return r.width && r.height ? [r.left, r.top, r.right, r.bottom] : null;
  };
  return {
    title: plot.querySelector('.gtitle').textContent,
    titleBox: box('.gtitle'),
    legend: box('.legend'),
    colourKey: box('.colorbar'),
    plot: box('.nsewdrag') || box('.pielayer'),
    modeBar: box('.modebar-container .modebar'),
    paper: box('.main-svg'),
  };
})"""

# The grid draws on a canvas; its column widths and header font are read from the component's props.
_TABLES_JS = """() => Array.from(document.querySelectorAll('[data-testid="stDataFrame"]')).filter(frame =>
  frame.offsetParent && frame.querySelector('canvas')
).map(frame => {
  const canvas = frame.querySelector('canvas');
  let fiber = canvas[Object.keys(canvas).find(key => key.startsWith('__reactFiber'))];
  while (fiber && !(fiber.memoizedProps && Array.isArray(fiber.memoizedProps.columns) && fiber.memoizedProps.theme)) {
    fiber = fiber.return;
  }
  const {columns, theme} = fiber.memoizedProps;
  const measure = document.createElement('canvas').getContext('2d');
  measure.font = `${theme.headerFontStyle} ${theme.fontFamily}`;
  const scroller = frame.querySelector('.dvn-scroller');
  return {
    columns: columns.map(c => ({title: c.title, width: c.width, text: measure.measureText(c.title).width})),
    padding: theme.cellHorizontalPadding,
    contentWidth: scroller.scrollWidth,
    boxWidth: scroller.clientWidth,
  };
})"""

_CUT_BUTTON_LABELS_JS = """() => Array.from(document.querySelectorAll('[data-testid="stMain"] button')).filter(button =>
  button.offsetParent
).flatMap(button => Array.from(button.querySelectorAll('*')).filter(element =>
  getComputedStyle(element).textOverflow === 'ellipsis' && element.scrollWidth > element.clientWidth + 1
).map(() => button.innerText.replace(/\\s+/g, ' ').trim()))"""


def overlap(a: list[float] | None, b: list[float] | None, slack: float = 1.0) -> bool:
    if a is None or b is None:
        return False
    return a[0] < b[2] - slack and b[0] < a[2] - slack and a[1] < b[3] - slack and b[1] < a[3] - slack


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
    context.set_default_timeout(30_000)
    try:
        yield context.new_page()
    finally:
        context.close()


def open_view(page: Page, server: AppServer, path: str, *, charts: bool = False, tables: bool = False) -> None:
    page.goto(server.url(path))
    wait_for_app(page)
    expect(main_area(page).locator("h1, h2").first).to_be_visible()
    assert_no_exception(page, path or "home")
    page.evaluate("() => document.fonts.ready.then(() => true)")  # widths are measured in the app's own font
    if charts:
        page.wait_for_function(_CHARTS_DRAWN_JS, timeout=30_000, polling=100)
    if tables:
        page.wait_for_function(_TABLES_DRAWN_JS, timeout=30_000, polling=100)


def tables_on_screen(page: Page) -> list[dict[str, Any]]:
    """The tables as drawn once the page has settled (a table is sized a moment after it first appears)."""
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_function(
            f"() => ({_TABLES_JS})().every(t => t.contentWidth <= t.boxWidth)", timeout=10_000, polling=200
        )
    tables: list[dict[str, Any]] = page.evaluate(_TABLES_JS)
    return tables


def chart_boxes(page: Page) -> list[dict[str, Any]]:
    boxes: list[dict[str, Any]] = page.evaluate(_CHART_BOXES_JS)
    return boxes


# ------------------------------------------------------------------ phone
def test_on_a_phone_every_chart_keeps_its_title_clear_and_fits_the_screen(
    phone: Page, sample_server: AppServer
) -> None:
    seen = []
    for path, view in CHART_PAGES.items():
        open_view(phone, sample_server, path, charts=True)
        # A tap is how a phone "hovers": Plotly shows its mode bar on touch screens unless told not to.
        for chart in main_area(phone).locator('[data-testid="stPlotlyChart"]').all():
            chart.scroll_into_view_if_needed()
            chart.tap()
        for chart in chart_boxes(phone):
            where = f"{view}: {chart['title']}"
            seen.append(where)
            assert chart["titleBox"] is not None, where
            assert not overlap(chart["modeBar"], chart["titleBox"]), f"the mode bar covers the title on {where}"
            assert chart["modeBar"] is None, f"{where} shows Plotly's mode bar"
            for part in ("legend", "colourKey"):
                assert not overlap(chart[part], chart["titleBox"]), f"the {part} covers the title on {where}"
                assert not overlap(chart[part], chart["plot"]), f"the {part} lies on the plot on {where}"
            assert chart["paper"][0] >= 0 and chart["paper"][2] <= PHONE["width"], f"{where} runs off the screen"
    assert "Home: Conversations per day" in seen and "Insights: Follow-through by month" in seen


def test_on_a_phone_no_table_runs_off_the_screen_or_cuts_a_heading(phone: Page, sample_server: AppServer) -> None:
    for path, view in TABLE_PAGES.items():
        open_view(phone, sample_server, path, tables=True)
        tables = tables_on_screen(phone)
        assert tables, f"no table on {view}"
        for table in tables:
            titles = [c["title"] for c in table["columns"] if c["title"]]
            assert table["contentWidth"] <= table["boxWidth"], f"{view}: columns {titles} run past the table's edge"
            for column in table["columns"]:
                room = column["width"] - 2 * table["padding"]
                assert column["text"] <= room, f"{view}: the heading {column['title']!r} is cut"
    people = tables_on_screen(phone)[0]
    assert [c["title"] for c in people["columns"] if c["title"]] == ["Name", "Strength", "Keep in touch"]


def test_strength_is_explained_where_it_is_shown(phone: Page, sample_server: AppServer) -> None:
    open_view(phone, sample_server, "people", tables=True)
    phone.get_by_role("button", name="What is Strength?").tap()
    explanation = phone.get_by_text("How close you are keeping this tie, from 0 to 100")
    expect(explanation).to_be_visible()
    expect(explanation).to_contain_text("half as much after 60 days")


# ---------------------------------------------------------------- desktop
def test_on_a_desktop_the_people_table_shows_every_column_with_strength_second(
    page: Page, sample_server: AppServer
) -> None:
    page.set_viewport_size(DESKTOP)
    for path, view in TABLE_PAGES.items():
        open_view(page, sample_server, path, tables=True)
        for table in tables_on_screen(page):
            assert table["contentWidth"] <= table["boxWidth"], f"{view}: a column is cut off at the right"
            for column in table["columns"]:
                assert column["text"] <= column["width"] - 2 * table["padding"], f"{view}: {column['title']!r} cut"
    open_view(page, sample_server, "people", tables=True)
    titles = [c["title"] for c in tables_on_screen(page)[0]["columns"] if c["title"]]
    assert titles[:2] == ["Name", "Strength"]
    assert {"Role", "Organization", "Last conversation", "Keep in touch"} <= set(titles)


def test_at_1400_px_no_button_label_is_cut(page: Page, sample_server: AppServer) -> None:
    page.set_viewport_size(DESKTOP)
    for path, view in BUTTON_PAGES.items():
        open_view(page, sample_server, path)
        if path == "log":  # every past conversation has its Edit and Delete, side by side with its text
            expect(main_area(page).get_by_role("button", name="Delete", exact=True).last).to_be_visible()
        expect(main_area(page).get_by_role("button").first).to_be_visible()
        assert page.evaluate(_CUT_BUTTON_LABELS_JS) == [], f"cut button labels on {view}"
