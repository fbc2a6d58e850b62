"""Contacts from wherever a network lives: LinkedIn, Google, Outlook or a phone's vCards, recognised from the file.

The person no longer says what kind of file it is: the header row (or the
BEGIN:VCARD line) tells, and the preview names the layout it recognised.
Every row becomes a Person with what netcoach can hold; the columns nothing
holds are listed, and people already known are found by the strongest
evidence first (see `matching`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from netcoach.models import LIST_MAX_ITEMS, Person, Role, ValidationError
from netcoach.transfer.contact_dates import parse_birthday, parse_contact_date
from netcoach.transfer.contact_rows import ContactRow
from netcoach.transfer.csv_contacts import read_csv_contacts
from netcoach.transfer.layouts import LINKEDIN_CONNECTIONS
from netcoach.transfer.matching import ContactMatcher, PeopleIndex
from netcoach.transfer.plan import ImportPlan
from netcoach.transfer.reading import MAX_IMPORT_BYTES, import_text, too_large
from netcoach.transfer.roles import guess_role
from netcoach.transfer.vcard import looks_like_vcard, read_vcards

LINKEDIN_HEADER = list(LINKEDIN_CONNECTIONS.columns)
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
TAG_MAX = 40


def contacts_text(payload: bytes | str, plan: ImportPlan) -> str:
    """The file as text: UTF-8 (with or without BOM), UTF-16 with its BOM, or a spreadsheet's Windows-1252."""
    if isinstance(payload, str):
        return import_text(payload)
    if len(payload) > MAX_IMPORT_BYTES:
        raise too_large(len(payload), "an import")
    if payload.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return payload.decode("utf-16").removeprefix("\ufeff")
        except UnicodeDecodeError:
            raise ValidationError(["file: not UTF-8 or UTF-16 text"]) from None
    try:
        return payload.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = payload.decode("cp1252")
    except UnicodeDecodeError:
        raise ValidationError(["file: not UTF-8 text (nor UTF-16 or Windows-1252)"]) from None
    plan.warnings.append("file: not UTF-8; read as Windows-1252 text, so check accented names in the preview")
    return text


def plan_contacts(payload: bytes | str, known: Iterable[Person]) -> ImportPlan:
    """A contacts file of any layout netcoach recognises, as a plan to confirm."""
    plan = ImportPlan(kind="contacts")
    try:
        text = contacts_text(payload, plan)
        if looks_like_vcard(text):
            cards = read_vcards(text)
            rows, dropped = cards.rows, cards.dropped
            plan.errors.extend(cards.problems)
            plan.skipped.update(p.split(":", 1)[0] for p in cards.problems)
            plan.rows_read += len(cards.problems)
            plan.layout, role_default, how_met, day_first = cards.label, Role.OTHER, "", False
        else:
            found = read_csv_contacts(text)
            rows, dropped = found.rows, found.dropped
            plan.warnings.extend(found.warnings)
            plan.layout, plan.layout_notes = found.layout.label, found.notes
            role_default, how_met, day_first = found.layout.role_default, found.layout.how_met, found.layout.day_first
    except ValidationError as exc:
        plan.errors.extend(exc.problems)
        return plan
    plan.dropped = dropped
    matcher = ContactMatcher(plan, PeopleIndex(known))
    for row in rows:
        plan.rows_read += 1
        raw = _raw_person(plan, row, role_default=role_default, how_met=how_met, day_first=day_first)
        if raw is not None:
            matcher.place(row.line, raw)
    return plan


def _raw_person(
    plan: ImportPlan, row: ContactRow, *, role_default: Role, how_met: str, day_first: bool
) -> dict[str, Any] | None:
    """The fields of a Person from one row; None (with the reason in the plan) when the row cannot be one."""
    where = f"row {row.line}"
    if row.connected:
        connected = parse_contact_date(row.connected, day_first=day_first)
        if connected is None:
            plan.skip(where, [f"Connected On: {row.connected[:40]!r} is not a date like 12 Mar 2024"])
            return None
        how_met = f"{how_met} since {connected.isoformat()}"
    birthday = parse_birthday(row.birthday, day_first=day_first) if row.birthday else ""
    if birthday is None:
        plan.warnings.append(f"{where}: Birthday {row.birthday[:40]!r} is not a date; the person is kept without it")
        birthday = ""
    emails = []
    for email in row.emails:
        if EMAIL.match(email):
            emails.append(email)
        else:
            plan.warnings.append(f"{where}: {email[:40]!r} is not an email address; left out")
    links = []
    for link in row.links:
        if re.match(r"^(https?://|mailto:)", link, re.IGNORECASE) and len(link) <= 500:
            links.append(link)
        else:
            plan.warnings.append(f"{where}: {link[:40]!r} is not a web address; left out")
    return {
        "name": row.full_name,
        "role": guess_role(row.title, role_default).value,
        "organization": row.organization,
        "title": row.title,
        "how_met": how_met,
        "email": emails[0] if emails else "",
        "other_emails": emails[1:LIST_MAX_ITEMS],
        "phones": row.phones[:LIST_MAX_ITEMS],
        "links": links[:LIST_MAX_ITEMS],
        "tags": [tag[:TAG_MAX] for tag in row.tags[:LIST_MAX_ITEMS]],
        "birthday": birthday,
        "notes": row.notes,
    }


# The name the earlier LinkedIn-only import had; every caller now reads any contacts file.
plan_linkedin = plan_contacts
