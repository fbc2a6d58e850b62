"""Helpers for driving the app through Streamlit's AppTest."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from netcoach.member_text import seen_in_markdown

APP = str(Path(__file__).resolve().parents[2] / "app.py")
TIMEOUT_S = 60


def open_app(page: str | None = None) -> AppTest:
    """A fresh app session, optionally switched to `pages/<page>.py`."""
    at = AppTest.from_file(APP, default_timeout=TIMEOUT_S).run()
    if page:
        at.switch_page(f"pages/{page}.py").run()
    assert_clean(at)
    return at


def assert_clean(at: AppTest) -> None:
    """No uncaught exception box anywhere on the page."""
    assert not at.exception, [e.value for e in at.exception]


def texts(at: AppTest) -> str:
    """Everything readable on the page, joined, for 'the person sees X' checks.

    Member text reaches the page escaped for markdown; this is the text once
    rendered (escapes, invisible joiners and direction isolates removed).
    """
    return seen_in_markdown(raw_texts(at))


def raw_texts(at: AppTest) -> str:
    """The markdown sources of every readable element, as the app sent them."""
    parts: list[str] = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "success", "error", "info", "warning", "toast"):
        parts.extend(str(e.value) for e in getattr(at, kind))
    for metric in at.metric:
        parts.append(f"{metric.label}: {metric.value}")
    return "\n".join(parts)


def click(at: AppTest, label: str) -> AppTest:
    """Press the (first) button or form submit button with this label, then rerun."""
    for button in [*at.button, *at.form_submit_button]:
        if button.label == label:
            button.click().run()
            assert_clean(at)
            return at
    labels = [b.label for b in [*at.button, *at.form_submit_button]]
    raise AssertionError(f"no button {label!r}; buttons: {labels}")
