"""The coaching tips library and the spaced review of the tips a member has read.

The tips are data (``content/tips.toml``) so that wording can change without
touching code, and they are checked when loaded: a typo in a metric or a
duplicated id should stop the app at start-up with the tip named, not show up
later as a nudge that links nowhere.

Review follows a simple spacing ladder. A tip that was only read comes back
soon; one that was tried comes back later, and later again each time it is
tried, so that what works settles into habit without crowding the list.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import functools
import re
import tomllib
from collections.abc import Iterable, Mapping
from importlib import resources
from typing import Any

from netcoach.models import GoalMetric, TipProgress

__all__ = [
    "REVIEW_LADDER",
    "Tip",
    "TipKind",
    "TipsFileError",
    "due_for_review",
    "load_tips",
    "mark_read",
    "mark_tried",
    "next_review",
    "parse_tips",
    "review_date",
    "review_step",
    "tip_by_id",
    "tip_line",
    "unread_tips",
    "useful_tips",
]

ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
MIN_ACTIONS, MAX_ACTIONS = 2, 4

# Days until a tip comes back, one rung per review step. Reading is rung 0, a
# first try rung 1; each further try (or a try that proved useful) climbs one.
REVIEW_LADDER: tuple[int, ...] = (3, 7, 14, 30)


class TipKind(enum.StrEnum):
    WHY = "why"  # why connecting with people matters during a placement
    WAY = "way"  # a way to build connections
    OBSTACLE = "obstacle"  # a way past something that holds people back
    CLOSING = "closing"

    @property
    def needs_actions(self) -> bool:
        """Ways and obstacles are what the member acts on, so they must say how."""
        return self in (TipKind.WAY, TipKind.OBSTACLE)


@dataclasses.dataclass(frozen=True)
class Tip:
    id: str
    kind: TipKind
    title: str
    why: str
    actions: tuple[str, ...]
    metrics: tuple[GoalMetric, ...]


def tip_line(tip: Tip) -> str:
    """The tip in one line for its card: the first sentence of why it matters."""
    text = " ".join(tip.why.split())
    for stop in (". ", "! ", "? "):
        if stop in text:
            text = text.split(stop, 1)[0] + stop.strip()
    return text


class TipsFileError(ValueError):
    """The tips file is malformed; the message names the tip and the field."""


# ------------------------------------------------------------------ loading


def _clean(text: str) -> str:
    """Join the wrapped lines of a TOML multi-line string into one paragraph."""
    return " ".join(text.split())


def _parse_tip(raw: Any, position: int) -> Tip:
    if not isinstance(raw, Mapping):
        raise TipsFileError(f"tip #{position}: expected a table of fields")
    tip_id = raw.get("id")
    name = f"tip {tip_id!r}" if isinstance(tip_id, str) and tip_id else f"tip #{position}"
    if not isinstance(tip_id, str) or not ID_RE.match(tip_id):
        raise TipsFileError(f"{name}: id must be kebab-case letters and digits")
    try:
        kind = TipKind(str(raw.get("kind")))
    except ValueError:
        allowed = ", ".join(k.value for k in TipKind)
        raise TipsFileError(f"{name}: kind {raw.get('kind')!r} is not one of {allowed}") from None
    texts: dict[str, str] = {}
    for field in ("title", "why"):
        value = raw.get(field)
        if not isinstance(value, str) or not value.strip():
            raise TipsFileError(f"{name}: {field} is missing or empty")
        texts[field] = _clean(value)
    actions = raw.get("actions", [])
    if not isinstance(actions, list) or not all(isinstance(a, str) and a.strip() for a in actions):
        raise TipsFileError(f"{name}: actions must be a list of non-empty texts")
    if kind.needs_actions and not MIN_ACTIONS <= len(actions) <= MAX_ACTIONS:
        raise TipsFileError(f"{name}: has {len(actions)} actions, needs {MIN_ACTIONS} to {MAX_ACTIONS}")
    if len(actions) > MAX_ACTIONS:
        raise TipsFileError(f"{name}: has {len(actions)} actions, at most {MAX_ACTIONS}")
    metrics_raw = raw.get("metrics", [])
    if not isinstance(metrics_raw, list):
        raise TipsFileError(f"{name}: metrics must be a list")
    metrics: list[GoalMetric] = []
    for value in metrics_raw:
        try:
            metrics.append(GoalMetric(value))
        except ValueError:
            allowed = ", ".join(m.value for m in GoalMetric)
            raise TipsFileError(f"{name}: unknown metric {value!r} (known: {allowed})") from None
    return Tip(
        id=tip_id,
        kind=kind,
        title=texts["title"],
        why=texts["why"],
        actions=tuple(_clean(a) for a in actions),
        metrics=tuple(dict.fromkeys(metrics)),
    )


def parse_tips(text: str) -> tuple[Tip, ...]:
    """Read and check a tips file's text; raise TipsFileError naming the first bad tip."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise TipsFileError(f"tips file is not valid TOML: {exc}") from None
    raw_tips = data.get("tip")
    if not isinstance(raw_tips, list) or not raw_tips:
        raise TipsFileError("tips file has no [[tip]] entries")
    tips: list[Tip] = []
    seen: set[str] = set()
    for position, raw in enumerate(raw_tips, start=1):
        tip = _parse_tip(raw, position)
        if tip.id in seen:
            raise TipsFileError(f"tip {tip.id!r}: id is used more than once")
        seen.add(tip.id)
        tips.append(tip)
    return tuple(tips)


@functools.cache
def load_tips() -> tuple[Tip, ...]:
    """The library shipped with the package, in reading order (read and checked once)."""
    text = resources.files("netcoach.content").joinpath("tips.toml").read_text(encoding="utf-8")
    return parse_tips(text)


def tip_by_id(tip_id: str) -> Tip:
    """One tip of the library; KeyError names the id when it does not exist."""
    for tip in load_tips():
        if tip.id == tip_id:
            return tip
    raise KeyError(f"no tip with id {tip_id!r}")


# ------------------------------------------------------------------ review


def _anchor(progress: TipProgress) -> dt.date | None:
    """The day a record's schedule counts from: the last try, else the last read.

    A later read of a tried tip does not move it, so opening a tip again never
    changes how far up the ladder it is read back to be.
    """
    return progress.tried_on or progress.read_on


def review_step(progress: TipProgress | None) -> int:
    """The ladder rung a stored record was scheduled on, or -1 when it never was.

    There is no counter of tries in the record, so the rung is read back from
    the gap between the last action and the review date it was given.
    """
    if progress is None or progress.next_review is None:
        return -1
    anchor = _anchor(progress)
    if anchor is None:
        return -1
    gap = (progress.next_review - anchor).days
    return min(range(len(REVIEW_LADDER)), key=lambda i: (abs(REVIEW_LADDER[i] - gap), i))


def next_review(progress: TipProgress, today: dt.date, previous: TipProgress | None = None) -> dt.date:
    """When a tip the member acted on today should come back.

    `progress` is the record with today's action in it; `previous` is the record
    as it was stored before, which tells how far up the ladder it had climbed.
    A first read comes back in 3 days and a re-read in 7, to invite a try. A
    first try comes back in 7 days (14 if it was useful) and each later try
    climbs one rung, up to 30. A tip found not useful waits the longest, so it
    does not keep returning; reviewing a tried tip without trying holds its rung.
    """
    last = len(REVIEW_LADDER) - 1
    before = review_step(previous)
    tried_last = previous.tried_on if previous is not None else None
    tried_before = tried_last is not None
    if progress.tried_on == today:
        first = 2 if progress.useful is True else 1
        if progress.useful is False:
            step = last
        elif tried_last is not None and tried_last < today:
            step = max(before + 1, first)
        elif tried_before:  # tried again the same day: an edit, not a new step
            step = max(before, first)
        else:
            step = first
    elif progress.tried_on is None:
        step = min(before + 1, 1)
    else:
        step = max(before, 0)
    return today + dt.timedelta(days=REVIEW_LADDER[min(step, last)])


def mark_read(progress: TipProgress | None, tip_id: str, today: dt.date) -> TipProgress:
    """The record to store when the member reads a tip.

    Reading a tried tip before its review date leaves the schedule alone, so
    opening a tip never postpones it.
    """
    current = progress or TipProgress(tip_id=tip_id)
    updated = dataclasses.replace(current, read_on=today)
    if current.tried_on is not None and current.next_review is not None and current.next_review > today:
        return updated
    return dataclasses.replace(updated, next_review=next_review(updated, today, current))


def mark_tried(
    progress: TipProgress | None,
    tip_id: str,
    today: dt.date,
    *,
    reflection: str = "",
    useful: bool | None = None,
) -> TipProgress:
    """The record to store when the member tried a tip on `today`, scheduled for review.

    An empty reflection or an unanswered "useful?" keeps what was stored.
    """
    current = progress or TipProgress(tip_id=tip_id)
    updated = dataclasses.replace(
        current,
        read_on=current.read_on or today,
        tried_on=today,
        reflection=reflection.strip() or current.reflection,
        useful=useful if useful is not None else current.useful,
    )
    return dataclasses.replace(updated, next_review=next_review(updated, today, current))


def review_date(progress: TipProgress) -> dt.date | None:
    """The stored review date, or the one the ladder gives when none was stored."""
    if progress.next_review is not None:
        return progress.next_review
    anchor = _anchor(progress)
    if anchor is None:
        return None
    return next_review(progress, anchor)


def _library_order() -> dict[str, int]:
    return {tip.id: i for i, tip in enumerate(load_tips())}


def due_for_review(progress_by_id: Mapping[str, TipProgress], today: dt.date) -> list[str]:
    """Ids of the tips whose review date has come, longest waiting first.

    Tips never opened are not "due": they are new, and listed by `unread_tips`.
    Records of tips no longer in the library are ignored.
    """
    order = _library_order()
    due: list[tuple[dt.date, int, str]] = []
    for tip_id, progress in progress_by_id.items():
        when = review_date(progress)
        if tip_id in order and when is not None and when <= today:
            due.append((when, order[tip_id], tip_id))
    return [tip_id for _, _, tip_id in sorted(due)]


def useful_tips(progress_by_id: Mapping[str, TipProgress]) -> list[str]:
    """Ids of the tips the member marked as useful, in library order."""
    return [t.id for t in load_tips() if (p := progress_by_id.get(t.id)) is not None and p.useful is True]


def unread_tips(progress_by_id: Mapping[str, TipProgress], kinds: Iterable[TipKind] = ()) -> list[str]:
    """Ids of the tips not yet read or tried, in library order (optionally of some kinds)."""
    wanted = set(kinds)
    return [
        t.id
        for t in load_tips()
        if (not wanted or t.kind in wanted)
        and ((p := progress_by_id.get(t.id)) is None or (p.read_on is None and p.tried_on is None))
    ]
