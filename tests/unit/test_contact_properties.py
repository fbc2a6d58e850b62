"""Generated people written in every contacts layout read back as the same people, and a re-import is a no-op."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netcoach.models import Person
from netcoach.service import member_service
from netcoach.storage import forget_data_dirs
from netcoach.transfer import plan_contacts

WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéøüñ", min_size=1, max_size=8).map(str.capitalize)
ORG = st.one_of(
    st.just(""),
    st.builds(
        lambda a, b, tail: f"{a} {b}{tail}", WORD, WORD, st.sampled_from(["", ", Inc.", " & Co", ' "Labs"', "; EU"])
    ),
)
TITLE = st.sampled_from(["", "Engineer", "Internal Audit", "Software Intern", "Talent Acquisition Partner", "Designer"])


@st.composite
def people(draw: st.DrawFn) -> list[dict[str, str]]:
    """Distinct people, each with a first and last name and some of what contact files carry."""
    count = draw(st.integers(1, 6))
    firsts = draw(st.lists(WORD, min_size=count, max_size=count))
    lasts = draw(st.lists(WORD, min_size=count, max_size=count, unique=True))
    rows = []
    for i, (first, last) in enumerate(zip(firsts, lasts, strict=True)):
        rows.append(
            {
                "first": first,
                "last": last,
                "email": draw(st.sampled_from(["", f"p{i}@mail.example"])),
                "organization": draw(ORG),
                "title": draw(TITLE),
                "phone": draw(st.sampled_from(["", f"+1 555 01{i:02d}"])),
                "link": draw(st.sampled_from(["", f"https://www.linkedin.com/in/person-{i}"])),
            }
        )
    return rows


def table(header: list[str], rows: list[list[str]], separator: str = ",", before: str = "") -> str:
    out = io.StringIO()
    out.write(before)
    writer = csv.writer(out, delimiter=separator, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def linkedin(rows: list[dict[str, str]]) -> str:
    header = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]
    notes = 'Notes:\r\n"When exporting your connection data, some emails may be missing."\r\n\r\n'
    return table(
        header,
        [[r["first"], r["last"], r["link"], r["email"], r["organization"], r["title"], "12 Mar 2024"] for r in rows],
        before=notes,
    )


def linkedin_2018(rows: list[dict[str, str]]) -> str:
    header = ["First Name", "Last Name", "Email Address", "Company", "Position", "Connected On"]
    return table(
        header, [[r["first"], r["last"], r["email"], r["organization"], r["title"], "1/8/18, 6:14 PM"] for r in rows]
    )


def linkedin_resaved(rows: list[dict[str, str]]) -> str:
    header = ["FirstName", "LastName", "URL", "EmailAddress", "Company", "Position", "ConnectedOn"]
    body = [[r["first"], r["last"], r["link"], r["email"], r["organization"], r["title"], "04-May-22"] for r in rows]
    return "\ufeff" + table(header, body, separator=";")


def linkedin_imported(rows: list[dict[str, str]]) -> str:
    header = ["FirstName", "LastName", "Companies", "Title", "Emails", "PhoneNumbers", "CreatedAt", "Sites"]
    body = [
        [r["first"], r["last"], r["organization"], r["title"], r["email"], r["phone"], "12/1/19, 10:05 AM", r["link"]]
        for r in rows
    ]
    return table(header, body)


def outlook_unicode(rows: list[dict[str, str]]) -> str:
    """Outlook's 'Unicode' export: tab-separated; encoded as UTF-16 by `encode` below."""
    keys = ["first", "last", "organization", "title", "email", "phone", "link"]
    return table(OUTLOOK_EN, [[r[k] for k in keys] for r in rows], separator="\t")


def google(rows: list[dict[str, str]]) -> str:
    header = ["First Name", "Middle Name", "Last Name", "Organization Name", "Organization Title", "Labels"]
    header += ["E-mail 1 - Label", "E-mail 1 - Value", "Phone 1 - Label", "Phone 1 - Value", "Website 1 - Value"]
    return table(
        header,
        [
            [
                *(r["first"], "", r["last"], r["organization"], r["title"], "* myContacts", "* Work"),
                *(r["email"], "Mobile", r["phone"], r["link"]),
            ]
            for r in rows
        ],
    )


def google_legacy(rows: list[dict[str, str]]) -> str:
    header = ["Name", "Given Name", "Additional Name", "Family Name", "Group Membership", "E-mail 1 - Type"]
    header += ["E-mail 1 - Value", "Phone 1 - Value", "Organization 1 - Name", "Organization 1 - Title"]
    header += ["Website 1 - Value"]
    return table(
        header,
        [
            [
                *(f"{r['first']} {r['last']}", r["first"], "", r["last"], "* My Contacts", "* Work"),
                *(r["email"], r["phone"], r["organization"], r["title"], r["link"]),
            ]
            for r in rows
        ],
    )


def outlook(columns: list[str]) -> Callable[[list[dict[str, str]]], str]:
    def write(rows: list[dict[str, str]]) -> str:
        keys = ["first", "last", "organization", "title", "email", "phone", "link"]
        return table(columns, [[r[k] for k in keys] for r in rows])

    return write


OUTLOOK_EN = ["First Name", "Last Name", "Company", "Job Title", "E-mail Address", "Mobile Phone", "Web Page"]
OUTLOOK_DE = ["Vorname", "Nachname", "Firma", "Position", "E-Mail-Adresse", "Mobiltelefon", "Webseite"]
OUTLOOK_FR = ["Prénom", "Nom", "Société", "Fonction", "Adresse de messagerie", "Tél. mobile", "Page Web"]


def vcard_text(value: str) -> str:
    return value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")


def vcards(version: str) -> Callable[[list[dict[str, str]]], str]:
    def write(rows: list[dict[str, str]]) -> str:
        cards = []
        for r in rows:
            lines = ["BEGIN:VCARD", f"VERSION:{version}", f"N:{vcard_text(r['last'])};{vcard_text(r['first'])};;;"]
            lines.append(f"FN:{vcard_text(r['first'] + ' ' + r['last'])}")
            for prop, key in (("ORG", "organization"), ("TITLE", "title"), ("EMAIL", "email"), ("TEL", "phone")):
                if r[key]:
                    lines.append(f"{prop}:{vcard_text(r[key])}")
            if r["link"]:
                lines.append(f"URL:{r['link']}")
            cards.append("\r\n".join([*lines, "END:VCARD"]))
        return "\r\n".join(cards) + "\r\n"

    return write


# Each layout with what it carries of a person.
LAYOUTS: dict[str, tuple[Callable[[list[dict[str, str]]], str], set[str]]] = {
    "linkedin": (linkedin, {"email", "organization", "title", "link"}),
    "linkedin_2018": (linkedin_2018, {"email", "organization", "title"}),
    "linkedin_resaved": (linkedin_resaved, {"email", "organization", "title", "link"}),
    "linkedin_imported": (linkedin_imported, {"email", "organization", "title", "phone", "link"}),
    "outlook_unicode": (outlook_unicode, {"email", "organization", "title", "phone", "link"}),
    "google": (google, {"email", "organization", "title", "phone", "link"}),
    "google_legacy": (google_legacy, {"email", "organization", "title", "phone", "link"}),
    "outlook_en": (outlook(OUTLOOK_EN), {"email", "organization", "title", "phone", "link"}),
    "outlook_de": (outlook(OUTLOOK_DE), {"email", "organization", "title", "phone", "link"}),
    "outlook_fr": (outlook(OUTLOOK_FR), {"email", "organization", "title", "phone", "link"}),
    "vcard_3": (vcards("3.0"), {"email", "organization", "title", "phone", "link"}),
    "vcard_4": (vcards("4.0"), {"email", "organization", "title", "phone", "link"}),
}


def encode(layout: str, text: str) -> bytes:
    return text.encode("utf-16") if layout == "outlook_unicode" else text.encode()


def as_read(person: Person, carried: set[str]) -> dict[str, str]:
    found = {
        "name": person.name,
        "email": person.email,
        "organization": person.organization,
        "title": person.title,
        "phone": person.phones[0] if person.phones else "",
        "link": person.links[0] if person.links else "",
    }
    return {k: v for k, v in found.items() if k == "name" or k in carried}


def as_written(row: dict[str, str], carried: set[str]) -> dict[str, str]:
    return {"name": f"{row['first']} {row['last']}", **{k: row[k] for k in carried}}


@settings(max_examples=80, deadline=None)
@given(rows=people(), layout=st.sampled_from(sorted(LAYOUTS)))
def test_people_written_in_any_layout_read_back_as_the_same_people(rows: list[dict[str, str]], layout: str) -> None:
    write, carried = LAYOUTS[layout]
    plan = plan_contacts(encode(layout, write(rows)), [])
    assert plan.errors == [], plan.errors
    assert [as_read(p, carried) for p in plan.new_people] == [as_written(r, carried) for r in rows]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=people(), layout=st.sampled_from(sorted(LAYOUTS)))
def test_a_second_import_of_any_generated_file_changes_nothing(
    tmp_path: Path, rows: list[dict[str, str]], layout: str
) -> None:
    forget_data_dirs()
    svc = member_service(tmp_path, f"m{abs(hash((layout, str(rows)))) % 10**9}")
    payload = encode(layout, LAYOUTS[layout][0](rows))
    svc.apply_import(svc.preview_import("contacts", payload))
    before = svc.people()
    again = svc.preview_import("contacts", payload)
    assert (again.new_people, again.person_updates, again.questions) == ([], [], [])
    assert svc.people() == before
