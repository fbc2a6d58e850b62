"""The numbers the rules admit input by; the forms offer the same ranges."""

from __future__ import annotations

import datetime as dt

# Generous limits that still stop a pasted novel or a runaway import.
NAME_MAX = 120
SHORT_TEXT_MAX = 200
NOTE_MAX = 4000
# A signal key names a record, a field, a kind and a digest of the sentence: never long.
SIGNAL_KEY_MAX = 120
LIST_MAX_ITEMS = 20
EARLIEST_DATE = dt.date(1990, 1, 1)
# How far ahead of today a conversation may be dated (time zones, logging tonight for tomorrow's
# breakfast), and how far ahead a follow-up may be planned. The log form offers the same range.
FUTURE_SLACK = dt.timedelta(days=1)
FOLLOWUP_HORIZON = dt.timedelta(days=730)
