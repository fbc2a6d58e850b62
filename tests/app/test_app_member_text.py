"""Text a member typed shows as text on every page: never bold, a link, an icon, math or a reversed line."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from app_helpers import click, open_app, raw_texts, texts
from streamlit.testing.v1 import AppTest

from netcoach.member_text import for_markdown, seen_in_markdown
from netcoach.service import member_service

EVENT = "**Gala** :red[loud] $x^2$ [site](https://e.x)"
LINKEDIN_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


def service(root: Path):
    return member_service(root, "me")


def days_ago(n: int) -> dt.date:
    return dt.date.today() - dt.timedelta(days=n)


def markdown_sources(at: AppTest) -> list[str]:
    """Every string the page hands to Streamlit's markdown renderer, progress texts included."""
    sources = raw_texts(at).split("\n")
    sources += [str(p.proto.text) for p in at.get("progress")]
    return sources


def log_cells(at: AppTest) -> list[str]:
    """Every cell of the Log page's list of past conversations."""
    return [str(v) for v in at.dataframe[0].value.to_numpy().ravel()]


def test_an_event_name_on_follow_ups_shows_as_typed(data_dir: Path) -> None:
    svc = service(data_dir)
    ana = svc.add_person({"name": "Ana Costa"})
    svc.log_conversation({"date": days_ago(3), "person_ids": [ana.id], "event": EVENT, "followup_due": days_ago(1)})
    at = open_app("followups")
    assert f"({EVENT})" in texts(at)  # the person reads exactly what they typed
    assert not any(EVENT in source for source in markdown_sources(at))  # but never as markdown
    assert any(for_markdown(EVENT) in source for source in markdown_sources(at))


def test_a_first_name_in_a_home_nudge_title_is_not_bold_or_an_icon(data_dir: Path) -> None:
    svc = service(data_dir)
    bo = svc.add_person(
        {"name": "**Bo**:material/warning: Lee", "role": "industry_professional", "mentor_stage": "asked_advice"}
    )
    for n in (70, 60, 50):  # a chosen mentor quiet for seven weeks: the coach's first advice
        svc.log_conversation({"date": days_ago(n), "person_ids": [bo.id], "quality": 5, "followup_due": None})
    at = open_app()
    assert "**Bo**:material/warning:: the next step toward a mentor" in texts(at)
    assert not any("**Bo**" in source or ":material/warning" in source for source in markdown_sources(at))


def test_a_form_error_that_quotes_a_typed_link_shows_it_as_text(data_dir: Path) -> None:
    at = open_app("people")
    at.text_input(key="add_person_0_name").input("Eve")
    at.text_input(key="add_person_0_links").input("[x](javascript:alert(1))")
    click(at, "Add person")
    errors = [str(e.value) for e in at.error]
    assert errors and "Nothing was saved" in errors[0]
    assert "'[x](javascript:alert(1))' must start with http://" in texts(at)
    assert not any("](javascript" in e for e in errors)
    assert service(data_dir).people() == []


def test_names_in_the_import_preview_show_as_typed(data_dir: Path) -> None:
    service(data_dir).add_person({"name": "Zed [x](javascript:alert(1))"})
    csv = LINKEDIN_HEADER + "Zed,[x](javascript:alert(1)),,,Acme,Engineer,12 Mar 2024\n"
    at = open_app("data")
    at.file_uploader[0].set_value(("Connections.csv", csv.encode(), "text/csv")).run()
    # The namesake is asked about, both names shown as typed.
    (question,) = at.radio
    assert seen_in_markdown(question.label).count("Zed [x](javascript:alert(1))") == 2
    assert "](javascript" not in question.label
    assert not any("](javascript" in source for source in markdown_sources(at))


def test_organization_labels_in_the_insights_chart_show_markup_as_text(data_dir: Path) -> None:
    svc = service(data_dir)
    for n, org in enumerate(["<b>Acme</b>", '<a href="https://e.x">Link Co</a>', "$x^2$ Labs"]):
        person = svc.add_person({"name": f"Person {n}", "organization": org})
        svc.log_conversation({"date": days_ago(n + 1), "person_ids": [person.id]})
    at = open_app("insights")
    specs = [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]
    labels = next(trace["y"] for spec in specs for trace in spec["data"] if "Acme" in str(trace.get("y")))
    assert "&lt;b&gt;Acme&lt;/b&gt;" in labels
    assert not any("<" in label or "$" in label for label in labels)


def test_a_right_to_left_override_in_a_name_cannot_reverse_the_line(data_dir: Path) -> None:
    svc = service(data_dir)
    evil = svc.add_person({"name": "\u202eevil Ann"})
    svc.log_conversation({"date": days_ago(2), "person_ids": [evil.id], "followup_due": days_ago(1)})
    for page in ("followups", None):
        at = open_app(page)
        assert "evil Ann" in texts(at)
        assert not any("\u202e" in source for source in markdown_sources(at)), page
    at = open_app("log")  # the list of past conversations, and the picker of the one to change
    shown = [*log_cells(at), *at.selectbox(key="log_chosen").options]
    assert any("evil Ann" in text for text in shown)
    assert not any("\u202e" in text for text in shown)


def test_a_right_to_left_override_cannot_reverse_a_table_cell(data_dir: Path) -> None:
    svc = service(data_dir)
    evil = svc.add_person({"name": "\u202eevil Ann", "organization": "\u202eAcme"})
    svc.log_conversation({"date": days_ago(2), "person_ids": [evil.id], "learned": "\u202epricing"})
    for page in ("people", None):  # the people table, and Home's recent conversations
        at = open_app(page)
        cells = [str(v) for frame in at.dataframe for v in frame.value.to_numpy().ravel()]
        assert any("evil Ann" in cell for cell in cells), page
        assert not any("\u202e" in cell for cell in cells), page


def test_icon_and_emoji_codes_in_a_name_stay_text(data_dir: Path) -> None:
    svc = service(data_dir)
    odd = svc.add_person({"name": ":material/warning: :smile: :streamlit:"})
    svc.log_conversation({"date": days_ago(1), "person_ids": [odd.id]})
    at = open_app("log")
    assert any(":material/warning: :smile: :streamlit:" in cell for cell in log_cells(at))
    sources = markdown_sources(at)
    assert not any(":material/" in s or ":material_" in s or ":smile" in s or ":streamlit" in s for s in sources)


def test_a_right_to_left_override_cannot_reverse_picker_options(data_dir: Path) -> None:
    svc = service(data_dir)
    evil = svc.add_person({"name": "\u202eevil Ann", "organization": "Acme"})
    svc.add_person({"name": "\u05e9\u05dc\u05d5\u05dd Ezra"})
    svc.log_conversation({"date": days_ago(2), "person_ids": [evil.id], "event": "\u202eGala"})
    at = open_app("log")
    options = at.multiselect(key="log_0_people").options
    assert "evil Ann (Other, Acme)" in options
    assert not any("\u202e" in option for option in options)
    # A right-to-left name is isolated, so it cannot reorder the role and organization after it.
    assert "\u2068\u05e9\u05dc\u05d5\u05dd Ezra\u2069 (Other)" in options


def test_a_long_note_cut_short_in_the_log_list_shows_no_stray_backslash(data_dir: Path) -> None:
    svc = service(data_dir)
    ana = svc.add_person({"name": "Ana Costa"})
    svc.log_conversation({"date": days_ago(1), "person_ids": [ana.id], "learned": "a" * 159 + "*bold* and more"})
    at = open_app("log")
    entry = at.dataframe[0].value["What"].iloc[0]
    # The list shows the first 160 characters as typed.
    assert entry == "a" * 159 + "*"
