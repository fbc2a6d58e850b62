"""The import on the Data page: a contacts file recognised from itself, its questions and roles, then the import."""

from __future__ import annotations

from pathlib import Path

from app_helpers import assert_clean, click, open_app, texts
from streamlit.testing.v1 import AppTest

from netcoach.member_text import seen_in_markdown
from netcoach.service import member_service

CONVERSATIONS_CSV = (
    "date,people,setting,quality\n"
    "2026-13-01,Ann,pub,9\n"  # one row, three problems
    "2026-03-02,Ben,social,3\n"
)


def test_a_row_with_three_problems_is_counted_as_one_skipped_row(data_dir: Path) -> None:
    at = open_app("data")
    at.selectbox[0].select("conversations_csv").run()
    at.file_uploader[0].set_value(("log.csv", CONVERSATIONS_CSV.encode(), "text/csv")).run()

    summary = "2 rows read: 1 new people, 1 conversations, 1 row skipped (3 problems)."
    assert any(summary in m.value for m in at.markdown)
    assert [e.label for e in at.expander if "skipped" in e.label] == [
        "3 problems in 1 row(s); those row(s) will be skipped"
    ]
    assert member_service(data_dir, "me").conversations() == []


FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "contacts"


def upload_contacts(name: str) -> AppTest:
    at = open_app("data")
    at.file_uploader[0].set_value((name, (FIXTURES / name).read_bytes(), "application/octet-stream")).run()
    assert_clean(at)
    return at


def test_a_phones_vcard_file_is_recognised_previewed_and_imported_with_its_phones(data_dir: Path) -> None:
    at = upload_contacts("contacts_v30.vcf")
    shown = texts(at)
    assert "**Recognised:** vCard 3.0 (.vcf)" in shown
    assert "**Preview:** 2 rows read: 2 new people." in shown
    assert "Not kept (netcoach has no place for these columns): ADR" in shown
    preview = at.data_editor[0].value
    assert preview[["name", "role", "title"]].values.tolist() == [
        ["Lucia Reyes", "Recruiter", "Head of Talent Acquisition"],
        ["Alex Kim", "Other", ""],
    ]
    assert member_service(data_dir, "me").people() == []

    click(at, "Import now")
    assert "Imported 2 people." in texts(at)
    lucia = next(p for p in member_service(data_dir, "me").people() if p.name == "Lucia Reyes")
    assert (lucia.phones, lucia.other_emails) == (("+34 600 000 000",), ("lucia.reyes@mail.example",))

    # Her page shows what the card held: title, both addresses, the phone.
    at.switch_page("pages/people.py")
    at.query_params["person"] = str(lucia.id)
    at.run()
    shown = texts(at)
    assert "Recruiter · Head of Talent Acquisition · Solstice Media" in shown
    for address in ("lucia@solstice.example", "lucia.reyes@mail.example", "+34 600 000 000"):
        assert address in shown


def test_a_doubtful_namesake_is_asked_about_and_the_roles_can_be_changed_before_importing(data_dir: Path) -> None:
    svc = member_service(data_dir, "me")
    grace = svc.add_person({"name": "Grace Obi", "role": "mentor"})
    at = upload_contacts("linkedin_quoted_rows.csv")
    shown = texts(at)
    assert "3 rows read: 2 new people, 1 question for you." in shown
    assert "1 question(s) above not answered yet" in shown
    (question,) = at.radio
    assert question.value is None, "nothing is decided for the person"
    assert "Row 6: Grace Obi (Lumen Health, Product Manager)" in seen_in_markdown(question.label)
    assert at.data_editor[0].value["added"].tolist() == ["yes", "yes", "if new person"]
    assert [e.label for e in at.expander] == ["2 thing(s) to check"]  # the rows wrapped in quotes

    question.set_value("new").run()
    # The person makes Tomas (first row of the table) a colleague and the new Grace a supervisor.
    at.session_state["roles_contacts_0"] = {
        "edited_rows": {0: {"role": "Colleague"}, 2: {"role": "Supervisor"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    assert "not answered yet" not in texts(at)
    click(at, "Import now")
    assert "Imported 3 people." in texts(at)
    people = sorted((p.name, p.role.value) for p in member_service(data_dir, "me").people())
    assert people == [
        ("Grace Obi", "mentor"),
        ("Grace Obi", "supervisor"),
        ("Hana Sato", "industry_professional"),
        ("Tomas Novak", "colleague"),
    ]
    assert member_service(data_dir, "me").person(grace.id).organization == "", "the known Grace is untouched"


def test_a_file_of_no_known_layout_says_which_layouts_and_headers_are_expected(data_dir: Path) -> None:
    at = open_app("data")
    at.file_uploader[0].set_value(("people.csv", b"First Name,Last Name,Company\nDana,Wu,Acme\n", "text/csv")).run()
    problems = at.dataframe[0].value["problem"].tolist()
    assert problems[0].startswith("header: no row of the file is a header of a layout netcoach reads (LinkedIn")
    assert (
        "closest is LinkedIn connections (Connections.csv), which also needs the column(s) Connected On"
        in (problems[1])
    )
    assert "Import now" not in [b.label for b in at.button]


def test_many_namesakes_from_a_phone_are_answered_together(data_dir: Path) -> None:
    svc = member_service(data_dir, "me")
    for i in range(35):
        svc.add_person({"name": f"Person {i}", "organization": "Northwind"})
    cards = "".join(f"BEGIN:VCARD\nVERSION:3.0\nFN:Person {i}\nTEL:+1 555 {i:04d}\nEND:VCARD\n" for i in range(35))
    at = open_app("data")
    at.file_uploader[0].set_value(("phone.vcf", cards.encode(), "text/vcard")).run()
    assert "35 rows read: 0 new people, 35 questions for you." in texts(at)
    assert "… and 5 more like these, answered by the choice below." in texts(at)
    assert len(at.radio) == 31  # the first 30 one by one, then one choice for the rest

    at.radio(key="same_0_1").set_value("new").run()  # Person 0 on the phone is someone else
    at.radio(key="rest_0").set_value("same").run()
    click(at, "Import now")
    assert "Imported 1 people, 34 updated people." in texts(at)
    people = member_service(data_dir, "me").people()
    assert len(people) == 36
    assert {p.phones for p in people if p.organization == "Northwind" and p.name != "Person 0"} == {
        (f"+1 555 {i:04d}",) for i in range(1, 35)
    }
