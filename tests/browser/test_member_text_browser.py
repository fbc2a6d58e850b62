"""Hostile text in every field a member fills, and every page shows it as plain text.

The data is written through the service before the server starts, then every
view (and the edit and delete dialogs) is opened at desktop size and on a
phone. In the main area and in dialogs there must be no link, bold, italic,
heading, list, quote, code, table, colour, KaTeX formula, icon, emoji or image
made from member text, no markup in chart labels, and a name holding a
right-to-left override must not reverse the text that follows it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_kit import VIEWS, main_area, member, wait_for_app
from launch import AppServer, start_app
from playwright.sync_api import Browser, Page, expect

pytestmark = pytest.mark.browser

# Each markup sample carries a token; the token must never end up alone inside
# an element that markup would have made (a <strong>, an <li>, a heading...).
CORPUS = [
    "**bold1**",
    "__bold2__",
    "*ital3*",
    "_ital4_",
    "[link5](javascript:alert(1))",
    "<b>bold6</b>",
    '<a href="https://e.x">link7</a>',
    "<img src=x onerror=alert(1)>",
    "$x^2$",
    "$$\\frac12$$",
    ":red[red8]",
    ":material/bolt:",
    ":smile:",
    ":streamlit:",
    "# heading9",
    "> quote10",
    "`code11`",
    "~~strike12~~",
    "|a|b|",
    "\\",
    "1. list15",
    "- list16",
    "www.evil.example",
    "mallory@evil.example",
    "https://evil.example/x",
    "a -> b",
    "\u05e9\u05dc\u05d5\u05dd **bold18**",
]
TOKENS = ["bold1", "bold2", "ital3", "ital4", "link5", "bold6", "link7", "red8", "heading9", "quote10", "code11"]
TOKENS += ["strike12", "list15", "list16", "a", "b", "bold18"]
CHART_ORGANIZATIONS = ["<b>bold6</b>", '<a href="https://e.x">link7</a>', "$x^2$", "<i>ital3</i>"]
RTL_NAME = "\u202eReversed13 Tail14"
DISPLAY_NAME = "**Me** :red[me17]"
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1400, "height": 1000}}

# What a page shows, checked in the main area and in any open dialog. Tables
# (drawn on a canvas, text kept literally) and form fields are left out.
_FIND_MARKUP_JS = """(tokens) => {
  const scopes = [...document.querySelectorAll('[data-testid="stMain"], [role="dialog"]')];
  const skip = (el) => el.closest('[data-testid="stDataFrame"], textarea, input');
  const bad = [];
  const token = (el) => tokens.includes(el.textContent.trim());
  for (const scope of scopes) {
    for (const a of scope.querySelectorAll('a')) {
      if (skip(a)) continue;
      const href = a.getAttribute('href') || a.getAttribute('xlink:href') || '';
      if (href.startsWith('#')) continue;
      let url = null;
      try { url = new URL(href, location.href); } catch (e) {}
      if (url && url.origin === location.origin) continue;
      bad.push('link to ' + href + ': ' + a.textContent);
    }
    const made = 'b, strong, em, i, del, s, h1, h2, h3, h4, h5, h6, blockquote, li, code, th, td, table';
    for (const el of scope.querySelectorAll(made)) {
      if (!skip(el) && token(el)) bad.push(el.tagName.toLowerCase() + ' made from "' + el.textContent + '"');
    }
    for (const el of scope.querySelectorAll('[data-testid="stMarkdownContainer"] table, blockquote')) {
      if (!skip(el)) bad.push('markdown table or quote: ' + el.textContent.slice(0, 60));
    }
    for (const el of scope.querySelectorAll('.katex')) bad.push('KaTeX: ' + el.textContent);
    for (const el of scope.querySelectorAll('[role="img"]')) {
      if (/bolt/.test((el.getAttribute('aria-label') || '') + el.textContent)) bad.push('icon: bolt');
    }
    for (const el of scope.querySelectorAll('img')) {
      const made = el.getAttribute('src') === 'x' || /Streamlit logo/.test(el.alt || '');
      if (made) bad.push('image: ' + (el.alt || el.getAttribute('src')));
    }
    for (const el of scope.querySelectorAll('[class*="stMarkdownColored"], span[style*="color"]')) {
      if (/red8|me17/.test(el.textContent)) bad.push('colour: ' + el.textContent);
    }
    for (const el of scope.querySelectorAll('svg tspan[style*="bold"], svg tspan[style*="italic"]')) {
      if (tokens.some((t) => t.length > 1 && el.textContent.includes(t))) bad.push('chart markup: ' + el.textContent);
    }
    const walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (skip(node.parentElement)) continue;
      if (node.data.includes('\\u{1F604}')) bad.push('emoji from :smile:');
      if (/[\\u202a-\\u202e\\u2066\\u2067]/.test(node.data)) bad.push('direction: ' + JSON.stringify(node.data));
    }
  }
  return bad;
}"""

# For every text node holding the right-to-left sample: "Reversed13", "Tail14"
# and whatever follows must read left to right (same line: further right;
# wrapped: lower).
_READING_ORDER_JS = """() => {
  const scopes = [...document.querySelectorAll('[data-testid="stMain"], [role="dialog"]')];
  const where = (node, index) => {
    const range = document.createRange();
    range.setStart(node, index);
    range.setEnd(node, index + 1);
    const rects = range.getClientRects();
    return rects.length ? rects[0] : null;
  };
  const after = (a, b) => Math.abs(a.top - b.top) < 3 ? b.left > a.left : b.top > a.top;
  let checked = 0;
  const bad = [];
  for (const scope of scopes) {
    const walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const start = node.data.indexOf('Reversed13');
      if (start < 0 || node.parentElement.closest('[data-testid="stDataFrame"], textarea, input')) continue;
      // A first name alone ("Reversed13" in "Reversed13 could be your mentor") has no "Tail14" after it.
      const points = [start];
      const tailAt = node.data.indexOf('Tail14', start);
      if (tailAt >= 0) points.push(tailAt);
      const end = tailAt >= 0 ? tailAt + 6 : start + 10;
      const tail = node.data.slice(end).search(/[^\\s\\u2060-\\u2069]/);
      if (tail >= 0) points.push(end + tail);
      const rects = points.map((i) => where(node, i));
      if (rects.some((r) => !r || (r.width === 0 && r.height === 0))) continue;  // hidden (closed expander)
      checked += 1;
      for (let i = 1; i < rects.length; i++) {
        if (!after(rects[i - 1], rects[i])) bad.push(JSON.stringify(node.data));
      }
    }
  }
  return {checked, bad};
}"""


def _hostile_data(data_dir: Path) -> dict[str, int]:
    """Every text field a member fills, filled with the corpus; returns ids worth opening."""
    today = dt.date.today()
    samples = [*CORPUS, RTL_NAME]
    with member(data_dir) as svc:
        svc.save_profile({"display_name": DISPLAY_NAME})
        people = []
        for i, text in enumerate(samples):
            event = svc.add_event(
                {
                    "name": text,
                    "date": today + dt.timedelta(days=(i % 6) - 3),
                    "kind": "company",
                    "place": text,
                    "attended": i % 2 == 0,
                    "description": text,
                }
            )
            person = svc.add_person(
                {
                    "name": text,
                    "role": "supervisor" if i == 0 else "colleague",
                    "organization": text,
                    "how_met": text,
                    "tags": text,
                    "notes": text,
                    "links": "https://evil.example/[x](javascript:alert(1))",
                }
            )
            people.append(person)
            for talk in range(3 if i == 0 else 1):  # three good talks: the coach suggests a mentor
                svc.log_conversation(
                    {
                        "date": today - dt.timedelta(days=(i % 9) + 1 + 7 * talk),
                        "person_ids": [person.id],
                        "event_id": event.id if event.date <= today else None,
                        "event": text,
                        "topics": text,
                        "learned": text,
                        "help_offered": text,
                        "notes": text,
                        "quality": 5,
                        "followup_due": today - dt.timedelta(days=1) if i % 2 else today + dt.timedelta(days=2),
                    }
                )
        svc.log_conversation(
            {"date": today, "person_ids": [people[-1].id, people[0].id], "event": "after Reversed13", "quality": 4}
        )
        # A second person at the organizations Plotly would render as markup puts them at the top of the chart.
        for n, organization in enumerate(CHART_ORGANIZATIONS):
            extra = svc.add_person({"name": f"Chart {n}", "organization": organization})
            svc.log_conversation({"date": today - dt.timedelta(days=n + 1), "person_ids": [extra.id]})
        month = today.strftime("%Y-%m")
        svc.save_reflection(month, "\n".join(CORPUS))
        tried = [tip for tip in svc.tips_library() if tip.kind.needs_actions]
        for tip, text in zip(tried, samples, strict=False):
            svc.mark_tip_tried(tip.id, reflection=text)
        return {"rtl_person": people[-1].id, "first_person": people[0].id}


@pytest.fixture(scope="module")
def hostile_server(
    tmp_path_factory: pytest.TempPathFactory, chromium: str
) -> Iterator[tuple[AppServer, dict[str, int]]]:
    root = tmp_path_factory.mktemp("hostile")
    ids = _hostile_data(root / "data")
    server = start_app(root / "data", root / "server.log")
    try:
        yield server, ids
    finally:
        server.stop()


def _text_of_main(page: Page) -> str:
    """Every character the main area holds (hidden tabs included), minus invisible joiners and isolates."""
    text = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').textContent")
    return re.sub("[\u2060\u2068\u2069]", "", text)


def _markup_on(page: Page) -> list[str]:
    return page.evaluate(_FIND_MARKUP_JS, TOKENS)


def _open(page: Page, server: AppServer, path: str) -> None:
    page.goto(server.url(path))
    wait_for_app(page)
    expect(main_area(page).locator("h1").first).to_be_visible()


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_hostile_member_text_is_shown_as_text_on_every_page(
    browser: Browser, hostile_server: tuple[AppServer, dict[str, int]], size: str
) -> None:
    server, ids = hostile_server
    context = browser.new_context(**(PHONE if size == "phone" else DESKTOP))
    context.set_default_timeout(30_000)
    page = context.new_page()
    alerts: list[str] = []
    page.on("dialog", lambda dialog: (alerts.append(dialog.message), dialog.dismiss()))
    found: dict[str, list[str]] = {}
    orders: dict[str, dict] = {}
    missing: dict[str, list[str]] = {}
    try:
        views = [path for path, _ in VIEWS] + [
            f"people?person={ids['rtl_person']}",
            f"people?person={ids['first_person']}",
        ]
        for path in views:
            _open(page, server, path)
            if path == "events":  # every event name, place and description, character for character
                text = _text_of_main(page)
                missing[size] = [sample for sample in CORPUS if sample not in text]
            found[path or "home"] = _markup_on(page)
            orders[path or "home"] = page.evaluate(_READING_ORDER_JS)
        _open(page, server, "log")
        main_area(page).get_by_role("button", name="Edit").first.click()
        expect(page.get_by_role("dialog")).to_be_visible()
        wait_for_app(page)
        found["log: edit dialog"] = _markup_on(page)
        _open(page, server, "log")
        main_area(page).get_by_role("button", name="Delete").first.click()
        expect(page.get_by_role("dialog")).to_be_visible()
        wait_for_app(page)
        found["log: delete dialog"] = _markup_on(page)
        orders["log: delete dialog"] = page.evaluate(_READING_ORDER_JS)
    finally:
        context.close()
    markup = {where: sorted(set(bad)) for where, bad in found.items() if bad}
    assert not markup, "member text rendered as markup:\n" + json.dumps(markup, indent=1, ensure_ascii=False)
    assert alerts == []
    assert missing == {size: []}, "not shown as typed on Events"
    reversed_ = {where: o["bad"] for where, o in orders.items() if o["bad"]}
    assert not reversed_, "text after a right-to-left name reads reversed:\n" + json.dumps(reversed_, indent=1)
    # The reading-order check really ran where the name is shown.
    # (the Log page lists past conversations in a table; its picker and dialogs show the line itself)
    assert orders["log: delete dialog"]["checked"] > 0 and orders[f"people?person={ids['rtl_person']}"]["checked"] > 0
