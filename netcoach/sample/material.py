"""The invented words the sample member is made of, read from `netcoach/content/sample/`.

Names, organizations, events and the sentences of a log are content, not
logic: they live in TOML next to the tips so that adding a name or an event
series is an edit to a list. Reading them into typed tables here lets the
generator index by `Role` and `MentorStage` without parsing strings itself.
"""

from __future__ import annotations

import dataclasses
import functools
import tomllib
from collections.abc import Mapping
from importlib import resources
from typing import Any

from netcoach.models import EventKind, MentorStage, Role


@dataclasses.dataclass(frozen=True)
class EventSeries:
    """A recurring kind of event: its weekly chance, where it happens and the names it cycles through."""

    kind: EventKind
    weekly_chance: float
    place: str
    names: tuple[str, ...]


@dataclasses.dataclass(frozen=True)
class MentorStep:
    """What a conversation at one step of becoming a mentor is about."""

    topics: tuple[str, ...]
    learned: str


@dataclasses.dataclass(frozen=True)
class Material:
    first_names: tuple[str, ...]
    last_names: tuple[str, ...]
    companies: tuple[str, ...]
    teams: tuple[str, ...]
    industry_organizations: tuple[str, ...]
    recruiting_organizations: tuple[str, ...]
    other_organizations: tuple[str, ...]
    how_met: Mapping[Role, tuple[str, ...]]
    tags: Mapping[Role, tuple[str, ...]]
    topics: Mapping[Role, tuple[str, ...]]
    learned: Mapping[Role, tuple[str, ...]]
    help: tuple[str, ...]
    notes: tuple[str, ...]
    mentor_arc: Mapping[MentorStage, MentorStep]
    tips: tuple[tuple[str, str], ...]
    event_series: tuple[EventSeries, ...]


def _read(name: str) -> dict[str, Any]:
    text = resources.files("netcoach.content").joinpath("sample", name).read_text(encoding="utf-8")
    return tomllib.loads(text)


def _by_role(table: Mapping[str, list[str]]) -> dict[Role, tuple[str, ...]]:
    """Every role must have its list: a missing one would only fail when the dice pick it."""
    missing = [role.value for role in Role if role.value not in table]
    if missing:
        raise ValueError(f"sample content: no entries for {', '.join(missing)}")
    return {Role(key): tuple(values) for key, values in table.items()}


@functools.cache
def material() -> Material:
    """The shipped sample content (read once per process)."""
    people, notes, events = _read("people.toml"), _read("notes.toml"), _read("events.toml")
    return Material(
        first_names=tuple(people["first_names"]),
        last_names=tuple(people["last_names"]),
        companies=tuple(people["companies"]),
        teams=tuple(people["teams"]),
        industry_organizations=tuple(people["industry_organizations"]),
        recruiting_organizations=tuple(people["recruiting_organizations"]),
        other_organizations=tuple(people["other_organizations"]),
        how_met=_by_role(people["how_met"]),
        tags=_by_role(people["tags"]),
        topics=_by_role(notes["topics"]),
        learned=_by_role(notes["learned"]),
        help=tuple(notes["conversation"]["help"]),
        notes=tuple(notes["conversation"]["notes"]),
        mentor_arc={
            MentorStage(stage): MentorStep(tuple(step["topics"]), step["learned"])
            for stage, step in notes["mentor_arc"].items()
        },
        tips=tuple((tip["id"], tip["reflection"]) for tip in notes["tip"]),
        event_series=tuple(
            EventSeries(EventKind(s["kind"]), float(s["weekly_chance"]), s["place"], tuple(s["names"]))
            for s in events["series"]
        ),
    )
