"""The coach where the member already looks when the app is closed: their calendar.

Pure: `calendar.member_calendar` turns a snapshot and a day into an
RFC 5545 calendar (built with the icalendar library, not by hand), so the
download, the command line and a subscription feed all serve the same items.
"""

from __future__ import annotations

from netcoach.outreach.calendar import CalendarItem, calendar_items, member_calendar

__all__ = ["CalendarItem", "calendar_items", "member_calendar"]
