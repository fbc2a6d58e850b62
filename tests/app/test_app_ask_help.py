"""Asking the coordinator for help: the member sees what is sent; the coordinator marks it handled."""

from __future__ import annotations

from pathlib import Path

from app_helpers import click, texts
from streamlit.testing.v1 import AppTest
from test_app_team import visit

pytest_plugins = ["test_app_team"]

XSS = "[call me](javascript:alert(1)) <img src=x onerror=alert(1)>"


def message_box(at: AppTest):
    return next(t for t in at.text_area if t.label.startswith("Message for the coordinator"))


def test_a_member_asks_for_help_and_sees_it_handled(root: Path) -> None:
    ana = visit("ana@acme.test", "settings")
    message_box(ana).input("x" * 501)
    click(ana, "Review what is sent")
    assert "Message for the coordinator: too long" in texts(ana)

    message_box(ana).input(f"Could we talk about my project? {XSS}")
    click(ana, "Review what is sent")
    shown = texts(ana)
    assert "The coordinator will get exactly this" in shown
    assert "Sign-in address: ana@acme.test" in shown and f"Could we talk about my project? {XSS}" in shown
    assert "No open asks" in texts(visit("coach@acme.test", "team"))  # nothing goes before Send
    click(ana, "Send to the coordinator")
    assert "Sent. The coordinator sees your ask" in texts(ana)
    assert "has not marked it handled yet" in texts(ana)

    coach = visit("coach@acme.test", "team")
    shown = texts(coach)
    assert "ana@acme.test" in shown and f"Could we talk about my project? {XSS}" in shown
    assert not any("](javascript" in str(m.value) and "\\]" not in str(m.value) for m in coach.markdown)
    click(coach, "Mark handled")
    assert "Marked the ask of ana@acme.test handled" in texts(coach)
    assert "No open asks" in texts(coach)

    ana = visit("ana@acme.test", "settings")
    assert "The coordinator marked your ask" in texts(ana) and "handled on" in texts(ana)


def test_a_member_who_reviews_and_does_not_send_sends_nothing(root: Path) -> None:
    ana = visit("ana@acme.test", "settings")
    click(ana, "Review what is sent")
    assert "Message: (none" in texts(ana)
    click(ana, "Don't send")
    assert "No open asks" in texts(visit("coach@acme.test", "team"))


def test_only_members_ask_and_only_coordinators_see_asks(root: Path) -> None:
    ana = visit("ana@acme.test", "settings")
    click(ana, "Review what is sent")
    click(ana, "Send to the coordinator")
    ben = visit("ben@acme.test", "team")  # another member opening the coordinator's page
    assert "ana@acme.test" not in texts(ben) and "Mark handled" not in [b.label for b in ben.button]
    coach_settings = visit("coach@acme.test", "settings")
    assert "Ask the coordinator to contact you" not in [e.label for e in coach_settings.expander]
