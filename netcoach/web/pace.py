"""A goal's progress line, the same on Home and Goals: whole people, days left, and honest words."""

from __future__ import annotations

from netcoach.coach import Pace, PaceStatus
from netcoach.coach.goals import is_stretch, pace_note

_TONES = {
    PaceStatus.DONE: "green",
    PaceStatus.ON_PACE: "blue",
    PaceStatus.BEHIND: "orange",
    PaceStatus.MISSED: "red",
}


def pace_line(label: str, pace: Pace) -> str:
    """ "**New people**: 5 of 8 · :orange[3 more in the 2 days left is a stretch]" (markdown; labels are ours)."""
    tone = "orange" if is_stretch(pace) else _TONES[pace.status]
    ends = " (your internship ends first)" if pace.ends_with_internship else ""
    return f"**{label}**: {pace.actual} of {pace.target} · :{tone}[{pace_note(pace)}]{ends}"


def share(pace: Pace) -> float:
    """How full the progress bar is."""
    return min(pace.actual / pace.target, 1.0) if pace.target else 1.0
