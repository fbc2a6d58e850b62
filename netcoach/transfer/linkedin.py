"""LinkedIn's Connections.csv: a few lines of notes, then a header, then one row per connection."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from netcoach.models import Person, Role, ValidationError
from netcoach.transfer.matching import PeopleIndex, plan_person_row
from netcoach.transfer.plan import ImportPlan
from netcoach.transfer.reading import import_text, rows_after_header

LINKEDIN_HEADER = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]


def parse_linkedin_date(text: str) -> dt.date:
    return dt.datetime.strptime(text.strip(), "%d %b %Y").date()


def guess_role(position: str) -> Role:
    """A first guess from the job title; the person can change it afterwards."""
    lowered = position.lower()
    if any(word in lowered for word in ("recruit", "talent", "hiring")):
        return Role.RECRUITER
    if "intern" in lowered:
        return Role.FELLOW_INTERN
    return Role.INDUSTRY_PROFESSIONAL


def plan_linkedin(payload: bytes | str, known: Iterable[Person]) -> ImportPlan:
    """Read LinkedIn's Connections.csv (notes first, then the header) into a plan."""
    plan = ImportPlan(kind="linkedin")
    try:
        header, rows = rows_after_header(import_text(payload), lambda cells: cells[:2] == LINKEDIN_HEADER[:2])
    except ValidationError as exc:
        plan.errors.extend(exc.problems)
        return plan
    missing = [c for c in LINKEDIN_HEADER if c not in header]
    if missing:
        plan.errors.append(f"header: missing column(s) {', '.join(missing)}")
        return plan
    col = {name: header.index(name) for name in LINKEDIN_HEADER}
    index = PeopleIndex(known)
    for line, cells in rows:
        plan.rows_read += 1
        cells = cells + [""] * (len(header) - len(cells))
        get = {name: cells[i].strip() for name, i in col.items()}
        name = " ".join(filter(None, [get["First Name"], get["Last Name"]]))
        connected = get["Connected On"]
        how_met = "LinkedIn connection"
        if connected:
            try:
                how_met += f" since {parse_linkedin_date(connected).isoformat()}"
            except ValueError:
                plan.skip(f"row {line}", [f"Connected On: {connected[:40]!r} is not a date like 12 Mar 2024"])
                continue
        raw = {
            "name": name,
            "organization": get["Company"],
            "email": get["Email Address"],
            "links": [get["URL"]] if get["URL"] else [],
            "how_met": how_met,
            "role": guess_role(get["Position"]).value,
            "notes": f"Position: {get['Position']}" if get["Position"] else "",
        }
        plan_person_row(plan, index, line, raw)
    return plan
