"""The coach where the member already looks when the app is closed: their calendar.

Pure: `calendar.member_calendar` turns a snapshot and a day into an
RFC 5545 calendar (built with the icalendar library, not by hand), so the
download, the command line and a subscription feed all serve the same items.
`digest.build_digest` does the same for the email digest, `schedule.due_digests`
says which digests are due, and `mail` sends them (the one part that does I/O).
"""

from __future__ import annotations

from netcoach.outreach.calendar import CalendarItem, calendar_items, member_calendar
from netcoach.outreach.digest import Digest, DigestInput, DigestItem, build_digest, digest_input
from netcoach.outreach.schedule import DAILY, WEEKLY, Due, day_period, due_digests, week_period

__all__ = [
    "DAILY",
    "WEEKLY",
    "CalendarItem",
    "Digest",
    "DigestInput",
    "DigestItem",
    "Due",
    "build_digest",
    "calendar_items",
    "day_period",
    "digest_input",
    "due_digests",
    "member_calendar",
    "week_period",
]
