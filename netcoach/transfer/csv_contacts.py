"""Contact rows from a CSV export: its separator, its header row (after any notes), its columns.

The separator is guessed with `csv.Sniffer`, then each of comma, semicolon
and tab is tried until a row of the first lines is a header netcoach knows:
a spreadsheet's re-save often changes the separator and the header's spacing.
A row that the export wrapped whole in quotes is read as its columns, with a
warning naming the row.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import re
from collections.abc import Iterator

from netcoach.models import ValidationError
from netcoach.transfer.contact_rows import ContactRow, as_link, split_values, unique, useful_tags
from netcoach.transfer.layouts import KNOWN_LAYOUTS, Layout, closest, header_key, recognise

HEADER_SEARCH_ROWS = 30
SEPARATOR_NAMES = {",": "commas", ";": "semicolons", "\t": "tabs"}


@dataclasses.dataclass
class CsvContacts:
    layout: Layout
    header: list[str]
    separator: str
    rows: list[ContactRow]
    warnings: list[str]
    dropped: list[str]  # columns that held something netcoach has no place for
    problems: list[str]  # "row N: ..." for rows that cannot be read at all

    @property
    def notes(self) -> list[str]:
        """How this file differs from the layout as its source writes it."""
        said: list[str] = []
        if self.layout.key == "linkedin" and "url" not in {header_key(c) for c in self.header}:
            said.append("LinkedIn's earlier layout, without profile links")
        if self.separator != ",":
            said.append(f"columns separated by {SEPARATOR_NAMES[self.separator]}")
        written = {header_key(c): c for c in self.layout.columns}
        if any(c.strip() not in self.layout.columns and header_key(c) in written for c in self.header):
            said.append("column names re-saved by a spreadsheet")
        return said


def _separators(text: str) -> list[str]:
    sample = "\n".join(text.splitlines()[:HEADER_SEARCH_ROWS])
    try:
        sniffed = csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    except csv.Error:
        sniffed = ","
    return list(dict.fromkeys([sniffed, ",", ";", "\t"]))


def _rows(text: str, separator: str) -> Iterator[tuple[int, list[str]]]:
    """Each row with the line it starts on."""
    reader = csv.reader(io.StringIO(text), delimiter=separator)
    start = 1
    try:
        for cells in reader:
            yield start, cells
            start = reader.line_num + 1
    except csv.Error as exc:
        raise ValidationError([f"row {start}: cannot be read as CSV ({exc})"]) from None


def _find_header(text: str) -> tuple[str, int, list[str], Layout]:
    """The separator, the header's line, the header and its layout; or a ValidationError saying how it differs."""
    nearest: tuple[float, list[str], Layout, list[str]] | None = None
    for separator in _separators(text):
        try:
            for index, (line, cells) in enumerate(_rows(text, separator)):
                if index >= HEADER_SEARCH_ROWS:
                    break
                header = [c.strip() for c in cells]
                layout = recognise(header)
                if layout is not None:
                    return separator, line, header, layout
                near, missing = closest(header)
                score = len(missing) / len(near.required)
                if len(header) > 1 and (nearest is None or score < nearest[0]):
                    nearest = (score, header, near, missing)
        except ValidationError:
            continue
    problems = [f"header: no row of the file is a header of a layout netcoach reads ({'; '.join(KNOWN_LAYOUTS)})"]
    if nearest is not None and nearest[0] < 1:
        _, header, near, missing = nearest
        problems.append(
            f"header: closest is {near.label}, which also needs the column(s) {', '.join(missing)}; "
            f"this file's header is {', '.join(header[:12])}{' …' if len(header) > 12 else ''}"
        )
    else:
        problems.append(
            "header: a LinkedIn export, for example, starts with the columns "
            "First Name, Last Name, URL, Email Address, Company, Position, Connected On"
        )
    raise ValidationError(problems)


def read_csv_contacts(text: str) -> CsvContacts:
    """Every contact row of a CSV export, with what was recognised, warned about and dropped."""
    separator, header_line, header, layout = _find_header(text)
    fields = [layout.field_of(c) for c in header]
    found = CsvContacts(layout, header, separator, [], [], [], [])
    dropped: dict[int, str] = {}
    for line, cells in _rows(text, separator):
        if line <= header_line:
            continue
        if not any(c.strip() for c in cells):
            continue  # a blank row is nothing, not a problem
        if len(cells) == 1 and len(header) > 1 and separator in cells[0]:
            cells = next(csv.reader([cells[0]], delimiter=separator))
            found.warnings.append(f"row {line}: the whole row was wrapped in quotes; read as its {len(cells)} columns")
        row = ContactRow(line=line)
        for index, cell in enumerate(cells[: len(header)]):
            value = cell.strip()
            if not value:
                continue
            field = fields[index]
            if field is None:
                dropped.setdefault(index, header[index])
                continue
            _put(row, field, value, multi=layout.multi_value)
        row.emails = unique(row.emails)
        row.phones = unique(row.phones)
        row.links = unique(as_link(link) for link in row.links)
        row.tags = useful_tags(row.tags)
        found.rows.append(row)
    found.dropped = [dropped[i] for i in sorted(dropped)]
    return found


def _put(row: ContactRow, field: str, value: str, *, multi: bool) -> None:
    if field == "email":
        row.emails.extend(split_values(value, multi=multi))
    elif field == "phone":
        row.phones.extend(split_values(value, multi=multi))
    elif field == "link":
        row.links.extend(split_values(value, multi=multi))
    elif field == "tags":
        row.tags.extend(split_values(value, multi=True))
    elif field == "organization" and multi:
        row.organization = row.organization or re.split(r"\s+:::\s+", value)[0]
    elif not getattr(row, field):
        setattr(row, field, value)
