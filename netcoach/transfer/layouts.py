"""The contact-file layouts netcoach recognises from their header row, and what each column holds.

A header is compared with its spacing, case, punctuation and accents set
aside, so a spreadsheet's re-save (`FirstName`, `first_name`) reads like the
original. Each layout maps the columns netcoach can keep to a field; every
other column that holds something is listed in the preview as dropped.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Mapping, Sequence

from netcoach.models import Role

# The fields a contact row is read into. List fields gather every column that maps to them.
FIELDS = (
    "first",
    "middle",
    "last",
    "name",
    "email",
    "phone",
    "organization",
    "title",
    "link",
    "notes",
    "birthday",
    "connected",
    "tags",
)
LIST_FIELDS = frozenset({"email", "phone", "link", "tags"})


def header_key(text: str) -> str:
    """A column name as recognising compares it: no case, spacing, punctuation or accents."""
    decomposed = unicodedata.normalize("NFKD", text.replace("\ufeff", ""))
    return "".join(c for c in decomposed.casefold() if c.isalnum())


@dataclasses.dataclass(frozen=True)
class Layout:
    key: str
    label: str
    # Columns the layout always has, as its source writes them: all must be there to recognise it.
    required: tuple[str, ...]
    columns: Mapping[str, str]  # column as written -> field
    # Numbered columns ("E-mail 2 - Value"): a pattern over the header key -> field.
    patterns: tuple[tuple[str, str], ...] = ()
    day_first: bool = False
    role_default: Role = Role.OTHER
    how_met: str = ""
    # Some columns hold several values in one cell (Google's " ::: ", LinkedIn's lists).
    multi_value: bool = False

    def field_of(self, column: str) -> str | None:
        key = header_key(column)
        for name, field in self.columns.items():
            if header_key(name) == key:
                return field
        for pattern, field in self.patterns:
            if re.fullmatch(pattern, key):
                return field
        return None

    def missing(self, header: Sequence[str]) -> list[str]:
        present = {header_key(c) for c in header}
        return [c for c in self.required if header_key(c) not in present]


LINKEDIN_CONNECTIONS = Layout(
    key="linkedin",
    label="LinkedIn connections (Connections.csv)",
    required=("First Name", "Last Name", "Connected On"),
    columns={
        "First Name": "first",
        "Last Name": "last",
        "URL": "link",
        "Email Address": "email",
        "Company": "organization",
        "Position": "title",
        "Connected On": "connected",
    },
    role_default=Role.INDUSTRY_PROFESSIONAL,
    how_met="LinkedIn connection",
)
LINKEDIN_IMPORTED = Layout(
    key="linkedin_imported",
    label="LinkedIn imported contacts (Imported Contacts.csv)",
    required=("FirstName", "LastName", "Emails"),
    columns={
        "FirstName": "first",
        "LastName": "last",
        "FullName": "name",
        "Companies": "organization",
        "Title": "title",
        "Emails": "email",
        "PhoneNumbers": "phone",
        "Sites": "link",
        "Profiles": "link",
        "Birthday": "birthday",
    },
    multi_value=True,
)
GOOGLE = Layout(
    key="google",
    label="Google Contacts (CSV)",
    required=("First Name", "Last Name", "E-mail 1 - Value"),
    columns={
        "First Name": "first",
        "Middle Name": "middle",
        "Last Name": "last",
        "Organization Name": "organization",
        "Organization Title": "title",
        "Birthday": "birthday",
        "Notes": "notes",
        "Labels": "tags",
    },
    patterns=((r"email\d+value", "email"), (r"phone\d+value", "phone"), (r"website\d+value", "link")),
    multi_value=True,
)
GOOGLE_LEGACY = Layout(
    key="google_legacy",
    label="Google Contacts (earlier CSV layout)",
    required=("Name", "Given Name", "Family Name", "E-mail 1 - Value"),
    columns={
        "Name": "name",
        "Given Name": "first",
        "Additional Name": "middle",
        "Family Name": "last",
        "Birthday": "birthday",
        "Notes": "notes",
        "Group Membership": "tags",
        "Organization 1 - Name": "organization",
        "Organization 1 - Title": "title",
    },
    patterns=((r"email\d+value", "email"), (r"phone\d+value", "phone"), (r"website\d+value", "link")),
    multi_value=True,
)
_OUTLOOK_PHONES = (
    r"(primary|business|home|mobile|other|car|companymain|assistants|radio)phone\d*",
    r"(telefongeschaftlich|telefonprivat|mobiltelefon|haupttelefon|weiterestelefon|autotelefon|telefonfirma)\d*",
    r"(telephonebureau|telbureau|telephonedomicile|teldomicile|telmobile|telephonemobile|telephoneprincipal"
    r"|autretelephone|telephonesociete)\d*",
)
OUTLOOK = Layout(
    key="outlook",
    label="Outlook contacts (CSV, English)",
    required=("First Name", "Last Name", "E-mail Address", "Job Title"),
    columns={
        "First Name": "first",
        "Middle Name": "middle",
        "Last Name": "last",
        "Company": "organization",
        "Job Title": "title",
        "E-mail Address": "email",
        "E-mail 2 Address": "email",
        "E-mail 3 Address": "email",
        "Birthday": "birthday",
        "Notes": "notes",
        "Web Page": "link",
        "Categories": "tags",
    },
    patterns=((_OUTLOOK_PHONES[0], "phone"),),
)
OUTLOOK_DE = Layout(
    key="outlook_de",
    label="Outlook contacts (CSV, German)",
    required=("Vorname", "Nachname", "E-Mail-Adresse"),
    columns={
        "Vorname": "first",
        "Weitere Vornamen": "middle",
        "Nachname": "last",
        "Firma": "organization",
        "Position": "title",
        "E-Mail-Adresse": "email",
        "E-Mail 2: Adresse": "email",
        "E-Mail 3: Adresse": "email",
        "Geburtstag": "birthday",
        "Notizen": "notes",
        "Webseite": "link",
        "Kategorien": "tags",
    },
    patterns=((_OUTLOOK_PHONES[1], "phone"),),
    day_first=True,
)
OUTLOOK_FR = Layout(
    key="outlook_fr",
    label="Outlook contacts (CSV, French)",
    required=("Prénom", "Nom", "Adresse de messagerie"),
    columns={
        "Prénom": "first",
        "Deuxième prénom": "middle",
        "Nom": "last",
        "Société": "organization",
        "Fonction": "title",
        "Adresse de messagerie": "email",
        "Adresse de messagerie 2": "email",
        "Adresse de messagerie 3": "email",
        "Anniversaire": "birthday",
        "Notes": "notes",
        "Page Web": "link",
        "Catégories": "tags",
    },
    patterns=((_OUTLOOK_PHONES[2], "phone"),),
    day_first=True,
)
CSV_LAYOUTS = (LINKEDIN_CONNECTIONS, LINKEDIN_IMPORTED, GOOGLE, GOOGLE_LEGACY, OUTLOOK, OUTLOOK_DE, OUTLOOK_FR)
VCARD_LABEL = "vCard (.vcf)"
KNOWN_LAYOUTS = (*(layout.label for layout in CSV_LAYOUTS), VCARD_LABEL)


def recognise(header: Sequence[str]) -> Layout | None:
    """The layout this header row is, or None. Of several that fit, the one that reads the most columns."""
    fitting = [layout for layout in CSV_LAYOUTS if not layout.missing(header)]
    if not fitting:
        return None
    return max(fitting, key=lambda layout: sum(layout.field_of(c) is not None for c in header))


def closest(header: Sequence[str]) -> tuple[Layout, list[str]]:
    """The layout this header comes nearest to, and the columns it lacks for it."""
    return min(
        ((layout, layout.missing(header)) for layout in CSV_LAYOUTS),
        key=lambda found: len(found[1]) / len(found[0].required),
    )
