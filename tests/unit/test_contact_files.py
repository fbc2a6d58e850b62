"""Contacts files as people really have them: each layout is recognised, kept whole, and said in the preview.

The files in tests/fixtures/contacts are small and invented, written from the
published layouts of LinkedIn, Google, Outlook and vCard.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from netcoach.models import Person, Role
from netcoach.service import MemberService
from netcoach.transfer import ImportPlan, plan_contacts
from netcoach.transfer.roles import guess_role

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "contacts"


def preview(name: str, known: list[Person] | None = None) -> ImportPlan:
    return plan_contacts((FIXTURES / name).read_bytes(), known or [])


def by_name(plan: ImportPlan) -> dict[str, Person]:
    return {p.name: p for p in plan.new_people}


def test_linkedin_today_keeps_links_titles_and_the_day_of_connecting() -> None:
    plan = preview("linkedin_connections.csv")
    assert plan.recognised == "LinkedIn connections (Connections.csv)"
    assert plan.errors == [] and plan.warnings == [] and plan.dropped == []
    assert plan.summary() == "4 rows read: 4 new people."  # the blank row is nothing, not a problem
    dana = by_name(plan)["Dana Whitlock"]
    assert (dana.email, dana.organization, dana.title, dana.role) == (
        "dana@harborview.example",
        "Harborview Data",
        "Talent Acquisition Partner",
        Role.RECRUITER,
    )
    assert dana.links == ("https://www.linkedin.com/in/dana-whitlock-example",)
    assert dana.how_met == "LinkedIn connection since 2024-03-12"


def test_namesakes_with_different_links_in_one_file_stay_two_people() -> None:
    plan = preview("linkedin_connections.csv")
    kims = [p for p in plan.new_people if p.name == "Alex Kim"]
    assert [(p.organization, p.role) for p in kims] == [
        ("Kestrel Bank", Role.INDUSTRY_PROFESSIONAL),  # "Internal Audit" holds the letters of intern, not the word
        ("Summit Grid", Role.FELLOW_INTERN),
    ]


def test_linkedins_earlier_layout_without_links_and_with_its_date_and_time() -> None:
    plan = preview("linkedin_connections_2018.csv")
    assert plan.recognised == (
        "LinkedIn connections (Connections.csv), LinkedIn's earlier layout, without profile links"
    )
    marco = by_name(plan)["Marco Bellini"]
    assert marco.how_met == "LinkedIn connection since 2018-01-08"
    assert marco.role is Role.RECRUITER and marco.links == ()
    assert by_name(plan)["Sofia Lindqvist"].how_met == "LinkedIn connection since 2017-11-23"


def test_rows_wrapped_whole_in_quotes_are_read_as_their_columns_with_a_warning() -> None:
    plan = preview("linkedin_quoted_rows.csv")
    assert plan.warnings == [
        "row 5: the whole row was wrapped in quotes; read as its 7 columns",
        "row 7: the whole row was wrapped in quotes; read as its 7 columns",
    ]
    assert sorted(by_name(plan)) == ["Grace Obi", "Hana Sato", "Tomas Novak"]
    assert by_name(plan)["Hana Sato"].organization == "Interna, Inc."
    assert by_name(plan)["Tomas Novak"].links == ("https://www.linkedin.com/in/tomas-novak-example",)


def test_a_spreadsheet_resave_with_semicolons_bom_and_other_dates_reads_like_the_original() -> None:
    plan = preview("linkedin_resaved_semicolon.csv")
    assert plan.recognised == (
        "LinkedIn connections (Connections.csv), "
        "columns separated by semicolons; column names re-saved by a spreadsheet"
    )
    assert plan.errors == [], "the row of separators only is blank, not a problem"
    people = by_name(plan)
    assert people["Lea Moreau"].how_met == "LinkedIn connection since 2022-05-04"
    assert people["Lea Moreau"].role is Role.RECRUITER  # chargée de recrutement
    assert people["Jonas Weber"].how_met == "LinkedIn connection since 2024-03-12"  # 12 mars 2024
    assert people["Jonas Weber"].role is Role.FELLOW_INTERN  # Werkstudent
    assert people["Nina Hoff"].how_met == "LinkedIn connection since 2023-03-03"  # 3. März 2023


def test_a_tab_separated_resave() -> None:
    plan = preview("linkedin_resaved_tabs.csv")
    assert plan.layout_notes == ["columns separated by tabs"]
    assert by_name(plan)["Rui Costa"].how_met == "LinkedIn connection since 2023-02-14"


def test_linkedin_imported_contacts_keep_every_email_and_phone() -> None:
    plan = preview("linkedin_imported_contacts.csv")
    assert plan.layout == "LinkedIn imported contacts (Imported Contacts.csv)"
    ingrid = by_name(plan)["Ingrid Berg"]
    assert (ingrid.email, ingrid.other_emails) == ("ingrid@nordlys.example", ("ingrid.berg@mail.example",))
    assert (ingrid.phones, ingrid.organization, ingrid.title) == (
        ("+47 400 00 000",),
        "Nordlys Energy",
        "Engineering Manager",
    )
    assert plan.dropped == ["CreatedAt", "Addresses", "Location"]


def test_google_contacts_current_layout() -> None:
    plan = preview("google_contacts.csv")
    assert plan.layout == "Google Contacts (CSV)"
    maya = by_name(plan)["Maya J. Okafor"]
    assert maya.email == "maya@cobalt.example" and maya.other_emails == ("maya.okafor@mail.example",)
    assert maya.phones == ("+1 555 0100", "+1 555 0101")  # two numbers in one cell, joined with ' ::: '
    assert (maya.organization, maya.title, maya.role) == ("Cobalt Systems", "Recruiting Coordinator", Role.RECRUITER)
    assert (maya.birthday, maya.notes, maya.tags) == ("1998-04-21", "Met at the spring career fair", ("Career fair",))
    assert maya.links == ("https://www.linkedin.com/in/maya-okafor-example",)
    assert by_name(plan)["Ben Carter"].birthday == "--07-15"  # a birthday without the year
    assert "Address 1 - Formatted" in plan.dropped and "Nickname" in plan.dropped
    assert "E-mail 1 - Value" not in plan.dropped


def test_google_contacts_earlier_layout_keeps_email_company_title_and_phone() -> None:
    plan = preview("google_contacts_legacy.csv")
    assert plan.layout == "Google Contacts (earlier CSV layout)"
    oliver = by_name(plan)["Oliver Grant"]
    assert (oliver.email, oliver.organization, oliver.title, oliver.phones) == (
        "oliver@tidewater.example",
        "Tidewater Robotics",
        "Staff Engineer",
        ("+1 555 0142",),
    )
    assert oliver.tags == ("Mentors",) and oliver.birthday == "1995-11-02"
    assert plan.dropped == ["Hobby", "E-mail 1 - Type", "Phone 1 - Type", "Website 1 - Type"]


def test_outlook_in_english() -> None:
    plan = preview("outlook_en.csv")
    assert plan.layout == "Outlook contacts (CSV, English)"
    ruth = by_name(plan)["Ruth Adeyemi"]
    assert (ruth.title, ruth.role, ruth.birthday) == ("Internal Audit Lead", Role.OTHER, "1990-03-14")
    assert ruth.phones == ("+44 113 000 0000", "+44 7700 900456")
    assert ruth.other_emails == ("ruth.a@mail.example",)
    assert by_name(plan)["Sam Patel"].birthday == "", "0/0/00 is Outlook's way of saying none"
    assert by_name(plan)["Sam Patel"].role is Role.FELLOW_INTERN  # summer analyst
    assert "Title" in plan.dropped, "Outlook's Title is Ms./Mr., not a job"


def test_outlook_in_german_saved_as_windows_text() -> None:
    plan = preview("outlook_de.csv")
    assert plan.layout == "Outlook contacts (CSV, German)"
    assert plan.warnings == ["file: not UTF-8; read as Windows-1252 text, so check accented names in the preview"]
    juergen = by_name(plan)["Jürgen Müller"]
    assert (juergen.birthday, juergen.role, juergen.organization) == ("1991-03-12", Role.RECRUITER, "Kiefer AG")
    assert juergen.phones == ("+49 30 0000000", "+49 151 0000000")


def test_outlook_in_french() -> None:
    plan = preview("outlook_fr.csv")
    assert plan.layout == "Outlook contacts (CSV, French)"
    elodie = by_name(plan)["Élodie Lefèvre"]
    assert (elodie.birthday, elodie.role, elodie.email) == (
        "1999-04-21",
        Role.FELLOW_INTERN,
        "elodie@atelier-nord.example",
    )


@pytest.mark.parametrize(
    ("name", "label", "person", "expected"),
    [
        ("contacts_v21.vcf", "vCard 2.1 (.vcf)", "Kai Lindström", ("+46 70 000 00 00", "+46 8 000 000")),
        ("contacts_v30.vcf", "vCard 3.0 (.vcf)", "Lucia Reyes", ("+34 600 000 000",)),
        ("contacts_v40.vcf", "vCard 4.0 (.vcf)", "Noor Haddad", ("+1-555-0177",)),
    ],
)
def test_vcards_of_every_version(name: str, label: str, person: str, expected: tuple[str, ...]) -> None:
    plan = preview(name)
    assert plan.layout == label and plan.errors == []
    assert by_name(plan)[person].phones == expected


def test_a_vcard_keeps_email_title_notes_links_and_birthday() -> None:
    lucia = by_name(preview("contacts_v30.vcf"))["Lucia Reyes"]
    assert (lucia.email, lucia.other_emails) == ("lucia@solstice.example", ("lucia.reyes@mail.example",))
    assert (lucia.title, lucia.role) == ("Head of Talent Acquisition", Role.RECRUITER)
    assert lucia.notes == "Offered to review my portfolio, follow up in May"
    assert lucia.tags == ("Recruiters", "Madrid")
    assert preview("contacts_v30.vcf").dropped == ["ADR"]
    noor = by_name(preview("contacts_v40.vcf"))["Noor Haddad"]
    assert (noor.birthday, noor.links) == ("--09-21", ("https://www.linkedin.com/in/noor-haddad-example",))
    assert preview("contacts_v40.vcf").dropped == ["PHOTO"]
    kai = by_name(preview("contacts_v21.vcf"))["Kai Lindström"]  # quoted-printable UTF-8
    assert (kai.birthday, kai.organization, kai.role) == ("1999-03-12", "Fjord Analytics", Role.FELLOW_INTERN)


def test_a_file_of_no_known_layout_lists_the_layouts_and_the_closest() -> None:
    plan = preview("not_contacts.csv")
    assert plan.errors[0].startswith("header: no row of the file is a header of a layout netcoach reads (")
    for known in ("LinkedIn connections", "Google Contacts (CSV)", "Outlook contacts (CSV, German)", "vCard"):
        assert known in plan.errors[0]
    near = plan_contacts("First Name,Last Name,Company\nDana,Wu,Acme\n", [])
    assert near.errors[1].startswith(
        "header: closest is LinkedIn connections (Connections.csv), which also needs the column(s) Connected On; "
        "this file's header is First Name, Last Name, Company"
    )
    assert near.nothing_to_do


def test_a_broken_card_is_named_by_its_line_and_the_rest_are_read() -> None:
    text = "BEGIN:VCARD\nVERSION:3.0\nFN:Ann Lee\nEND:VCARD\nBEGIN:VCARD\nVERSION:3.0\nFN\nEND:VCARD\n"
    plan = plan_contacts(text, [])
    assert [p.name for p in plan.new_people] == ["Ann Lee"]
    assert plan.errors and plan.errors[0].startswith("row 5: this card cannot be read")


@pytest.mark.parametrize(
    ("title", "role"),
    [
        ("Internal Audit", Role.INDUSTRY_PROFESSIONAL),
        ("International Relations", Role.INDUSTRY_PROFESSIONAL),
        ("Interna", Role.INDUSTRY_PROFESSIONAL),
        ("Internist", Role.INDUSTRY_PROFESSIONAL),
        ("Software Engineering Intern", Role.FELLOW_INTERN),
        ("Intern, Finance", Role.FELLOW_INTERN),
        ("Summer Analyst", Role.FELLOW_INTERN),
        ("University Recruiter", Role.RECRUITER),
        ("Talent Acquisition Partner", Role.RECRUITER),
        ("Recruiting Coordinator", Role.RECRUITER),
        ("Talent Development Manager", Role.INDUSTRY_PROFESSIONAL),
    ],
)
def test_roles_are_guessed_on_whole_words(title: str, role: Role) -> None:
    assert guess_role(title) is role


# ------------------------------------------------------------ against people already known


def test_namesakes_with_different_links_never_merge_with_someone_known(svc: MemberService) -> None:
    known = svc.add_person(
        {"name": "Alex Kim", "organization": "Kestrel Bank", "links": ["https://www.linkedin.com/in/alex-kim-kestrel"]}
    )
    plan = svc.preview_import("contacts", (FIXTURES / "linkedin_connections.csv").read_bytes())
    assert [(line, found) for line, found, _ in plan.matched] == [(6, known.id)]
    assert [p.organization for p in plan.new_people if p.name == "Alex Kim"] == ["Summit Grid"]
    assert plan.questions == [], "a different profile link says it is someone else: nothing to ask"
    svc.apply_import(plan)
    kims = [p for p in svc.people() if p.name == "Alex Kim"]
    assert sorted((p.organization, p.links) for p in kims) == [
        ("Kestrel Bank", ("https://www.linkedin.com/in/alex-kim-kestrel",)),
        ("Summit Grid", ("https://www.linkedin.com/in/alex-kim-summit",)),
    ], "no one receives the other's company or link"


def test_a_doubtful_namesake_is_a_question_and_the_answer_decides(svc: MemberService) -> None:
    grace = svc.add_person({"name": "Grace Obi", "role": "mentor"})  # no organization, no link
    plan = svc.preview_import("contacts", (FIXTURES / "linkedin_quoted_rows.csv").read_bytes())
    assert [(q.line, q.known_id, q.why) for q in plan.questions] == [
        (6, grace.id, "same name; the file says Lumen Health, you have no organization")
    ]
    assert "1 question for you" in plan.summary()
    unanswered = svc.decide_import(plan, {}, {})
    svc.apply_import(unanswered)
    assert [p.name for p in svc.people()].count("Grace Obi") == 1, "an unanswered question adds no one"

    again = svc.preview_import("contacts", (FIXTURES / "linkedin_quoted_rows.csv").read_bytes())
    svc.apply_import(svc.decide_import(again, {6: True}, {}))
    assert svc.person(grace.id).organization == "Lumen Health" and svc.person(grace.id).role is Role.MENTOR
    assert [p.name for p in svc.people()].count("Grace Obi") == 1


def test_a_doubtful_namesake_answered_new_is_added_with_the_role_chosen(svc: MemberService) -> None:
    svc.add_person({"name": "Grace Obi", "role": "mentor"})
    plan = svc.preview_import("contacts", (FIXTURES / "linkedin_quoted_rows.csv").read_bytes())
    rows = plan.role_rows()
    assert [p.name for p in rows] == ["Tomas Novak", "Hana Sato", "Grace Obi"]
    svc.apply_import(svc.decide_import(plan, {6: False}, {0: Role.COLLEAGUE, 2: Role.SUPERVISOR}))
    roles = sorted((p.name, p.role) for p in svc.people())
    assert roles == [
        ("Grace Obi", Role.MENTOR),
        ("Grace Obi", Role.SUPERVISOR),
        ("Hana Sato", Role.INDUSTRY_PROFESSIONAL),
        ("Tomas Novak", Role.COLLEAGUE),
    ]


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.iterdir() if p.name != "not_contacts.csv"))
def test_importing_the_same_file_again_changes_nothing(svc: MemberService, name: str) -> None:
    payload = (FIXTURES / name).read_bytes()
    first = svc.apply_import(svc.preview_import("contacts", payload))
    assert first["people"] > 0
    before = svc.people()
    again = svc.preview_import("contacts", payload)
    assert (again.new_people, again.person_updates, again.questions) == ([], [], [])
    assert svc.apply_import(again) == {"people": 0, "updated_people": 0, "conversations": 0}
    assert svc.people() == before


def test_netcoachs_own_csv_files_say_which_header_they_expected() -> None:
    from netcoach.transfer import plan_people_csv

    (problem,) = plan_people_csv("Nom,Courriel\nAda,ada@mail.example\n", []).errors
    assert problem.startswith("file: no header row found (expected a row naming the column name, and any of role,")


def test_outlooks_unicode_export_is_read_from_utf16_with_tabs() -> None:
    text = (
        "First Name\tLast Name\tCompany\tJob Title\tE-mail Address\r\nAda\tQuinn\tHelix\tEngineer\tada@mail.example\r\n"
    )
    plan = plan_contacts(text.encode("utf-16"), [])
    assert plan.recognised == "Outlook contacts (CSV, English), columns separated by tabs"
    assert [(p.name, p.email) for p in plan.new_people] == [("Ada Quinn", "ada@mail.example")]
