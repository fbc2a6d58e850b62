"""What every tier of the tests shares: the one day the suite lives on.

Follow-ups fall due, future dates are refused and month goals are counted
relative to "today"; a fixed mid-month day keeps all of that independent of
the day the suite runs, and keeps the "this month" rules awake.
"""

from __future__ import annotations

import datetime as dt

TODAY = dt.date(2026, 4, 15)
