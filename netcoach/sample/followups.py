"""Follow-ups in the sample log: mostly on time, some late, some forgotten, a few still ahead.

The follow-up pages and nudges each have a case to show, so after the dice
a fixed mix is forced in: one due today, two upcoming, three overdue, one done
late and one on time.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Mapping, Sequence
from typing import Any

from netcoach.models import Setting
from netcoach.sample.timeline import between


def draw_followups(
    rng: random.Random,
    raws: list[dict[str, Any]],
    pinned: Sequence[bool],
    settings: Sequence[Setting],
    today: dt.date,
    days: int,
) -> None:
    """Set follow-up dates on the conversation records; `pinned` ones are the recent ones kept for the forced mix."""
    for raw, is_pinned, setting in zip(raws, pinned, settings, strict=True):
        if is_pinned:
            continue
        if rng.random() >= 0.4 + 0.2 * (setting in (Setting.INDUSTRY_EVENT, Setting.ONLINE)):
            continue
        due = raw["date"] + dt.timedelta(days=rng.choice((days, days, 1, 3, 5, 7)))
        raw["followup_due"] = due
        raw["followup_done"] = _done_date(rng, raw["date"], due, today)
    _force_followup_mix(raws, pinned, today)


def _done_date(rng: random.Random, start: dt.date, due: dt.date, today: dt.date) -> dt.date | None:
    roll = rng.random()
    if due >= today:
        return between(rng, start, today) if roll < 0.3 else None
    if roll < 0.65:
        return between(rng, start, due)
    if roll < 0.9:
        return between(rng, due + dt.timedelta(days=1), min(today, due + dt.timedelta(days=12)))
    return None


def _force_followup_mix(raws: list[dict[str, Any]], pinned: Sequence[bool], today: dt.date) -> None:
    """Whatever the draw: one due today, two upcoming, three overdue, one late and one on time."""
    recent = [raw for raw, is_pinned in zip(raws, pinned, strict=True) if is_pinned]
    for raw, due in zip(recent, (today, today + dt.timedelta(days=2), today + dt.timedelta(days=5)), strict=False):
        raw["followup_due"], raw["followup_done"] = due, None
    older = [r for r, p in zip(raws, pinned, strict=True) if not p and r["date"] <= today - dt.timedelta(days=6)]
    older.reverse()  # newest first: forgotten follow-ups are recent ones
    forced: set[int] = set()
    for state, n in (("overdue", 3), ("late", 1), ("on_time", 1)):
        present = sum(1 for r in raws if _followup_state(r, today) == state)
        candidates = [r for r in older if _followup_state(r, today) in ("none", "on_time") and id(r) not in forced]
        for raw in candidates[: max(0, n - present)]:
            _set_state(raw, state)
            forced.add(id(raw))


def _followup_state(raw: Mapping[str, Any], today: dt.date) -> str:
    due, done = raw.get("followup_due"), raw.get("followup_done")
    if due is None:
        return "none"
    if done is None:
        return "overdue" if due < today else "open"
    return "late" if done > due else "on_time"


def _set_state(raw: dict[str, Any], state: str) -> None:
    start = raw["date"]
    raw["followup_due"] = start + dt.timedelta(days=2)
    raw["followup_done"] = {
        "overdue": None,
        "late": start + dt.timedelta(days=5),
        "on_time": start + dt.timedelta(days=1),
    }[state]
