"""The sample member's calendar: recurring series drawn week by week, a few still ahead."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from typing import Any

from netcoach.models import Event, EventKind, parse_event
from netcoach.sample.material import material
from netcoach.sample.timeline import Timeline

ATTEND_CHANCE = {
    EventKind.COMPANY: 0.9,
    EventKind.INDUSTRY: 0.7,
    EventKind.SOCIAL: 0.75,
    EventKind.WORKSHOP: 0.8,
    EventKind.ONLINE: 0.6,
    EventKind.OTHER: 0.5,
}


def draw_events(rng: random.Random, timeline: Timeline) -> list[Event]:
    """Weekly chances of company, industry, social, workshop and online events, a few still ahead."""
    raws: list[dict[str, Any]] = []
    week = timeline.internship_start - dt.timedelta(days=timeline.internship_start.weekday())
    last = timeline.today + dt.timedelta(days=28)
    series = material().event_series
    counters = [0] * len(series)
    while week <= last:
        for index, plan in enumerate(series):
            if rng.random() >= plan.weekly_chance:
                continue
            day = week + dt.timedelta(days=rng.randint(0, 4))
            if day < timeline.internship_start:
                continue
            name = plan.names[counters[index] % len(plan.names)]
            counters[index] += 1
            attended = day <= timeline.today and rng.random() < ATTEND_CHANCE[plan.kind]
            raws.append({"name": name, "date": day, "kind": plan.kind.value, "attended": attended, "place": plan.place})
        week += dt.timedelta(days=7)
    _ensure_attended(rng, raws, timeline)
    raws.sort(key=lambda r: (r["date"], r["name"]))
    return [dataclasses.replace(parse_event(raw), id=i) for i, raw in enumerate(raws, start=1)]


def _ensure_attended(rng: random.Random, raws: list[dict[str, Any]], timeline: Timeline) -> None:
    """At least one company and one industry event attended, and one skipped, whatever the draw."""
    for kind, name in ((EventKind.COMPANY, "Intern welcome breakfast"), (EventKind.INDUSTRY, "Tech careers evening")):
        if not any(r["kind"] == kind.value and r["attended"] for r in raws):
            day = timeline.internship_start + dt.timedelta(days=rng.randint(3, 20))
            raws.append({"name": name, "date": min(day, timeline.today), "kind": kind.value, "attended": True})
    if not any(not r["attended"] and r["date"] <= timeline.today for r in raws):
        day = timeline.today - dt.timedelta(days=rng.randint(10, 30))
        raws.append({"name": "Evening panel on remote work", "date": day, "kind": "industry", "attended": False})
    if not any(r["date"] > timeline.today for r in raws):
        day = timeline.today + dt.timedelta(days=rng.randint(5, 20))
        raws.append({"name": "Intern project showcase", "date": day, "kind": "company", "attended": False})
