"""What every tier of the tests shares: the one day the suite lives on, and the coach's reading of a sentence.

Follow-ups fall due, future dates are refused and month goals are counted
relative to "today"; a fixed mid-month day keeps all of that independent of
the day the suite runs, and keeps the "this month" rules awake.
"""

from __future__ import annotations

import datetime as dt

from netcoach.coach.signals import Signal, SignalKind, Source, SourceKind

TODAY = dt.date(2026, 4, 15)


def said(
    kind: SignalKind,
    quote: str,
    *person_ids: int,
    written: dt.date = TODAY,
    record_id: int = 1,
    field: str = "learned",
    what: str = "",
    due: dt.date | None = None,
    source: SourceKind = SourceKind.CONVERSATION,
) -> Signal:
    """A signal as the coach reports one for a sentence the member wrote, for tests that decide what it read."""
    return Signal(kind, quote, Source(source, record_id, field, written), tuple(person_ids), due=due, what=what)
