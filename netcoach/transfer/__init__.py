"""Export and import: JSON (lossless), CSV, and contacts files (LinkedIn, Google, Outlook, vCard).

Everything here is pure: it reads bytes and returns text or a plan, and never
touches a member's data. Imports are two steps. `plan_*` reads the file and
says what would happen, row by row; the service writes a plan only when the
person confirms it. Rows with problems are listed by their line in the file
and skipped.
"""

from netcoach.transfer.contacts_import import LINKEDIN_HEADER, plan_contacts, plan_linkedin
from netcoach.transfer.conversations_import import plan_conversations_csv
from netcoach.transfer.csv_format import CONVERSATION_CSV_COLUMNS, PEOPLE_CSV_COLUMNS, safe_cell
from netcoach.transfer.export import FORMAT, PARSERS, conversations_csv, export_document, people_csv
from netcoach.transfer.json_restore import plan_json
from netcoach.transfer.layouts import KNOWN_LAYOUTS
from netcoach.transfer.people_import import plan_people_csv
from netcoach.transfer.plan import DoubtfulMatch, ImportPlan
from netcoach.transfer.reading import MAX_IMPORT_BYTES

__all__ = [
    "CONVERSATION_CSV_COLUMNS",
    "FORMAT",
    "KNOWN_LAYOUTS",
    "LINKEDIN_HEADER",
    "MAX_IMPORT_BYTES",
    "PARSERS",
    "PEOPLE_CSV_COLUMNS",
    "DoubtfulMatch",
    "ImportPlan",
    "conversations_csv",
    "export_document",
    "people_csv",
    "plan_contacts",
    "plan_conversations_csv",
    "plan_json",
    "plan_linkedin",
    "plan_people_csv",
    "safe_cell",
]
