"""Believable sample data: one intern's months of networking, the same for a seed.

A new user wants to see what the coach does with a few months of notes before
typing their own, and tests and benchmarks want realistic, varied data without
a fixture file to maintain. `build` is pure: it draws everything from one
`random.Random(seed)`, so a seed always gives the same member. Every record is
passed through the same parsers the service uses, so the generator cannot
produce data the app would refuse.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random

from netcoach.config import Clock, system_today
from netcoach.models import (
    Conversation,
    Event,
    Goal,
    Person,
    Profile,
    Setting,
    TipProgress,
    ValidationError,
    parse_profile,
)
from netcoach.sample.conversations import draw_drafts, ensure_mentor_arc, with_mentor_stages, write_conversations
from netcoach.sample.events import draw_events
from netcoach.sample.goals import draw_goals, draw_tips
from netcoach.sample.material import material
from netcoach.sample.people import draw_people, full_name
from netcoach.sample.timeline import draw_timeline

DEFAULT_CONVERSATIONS = 120
MAX_CONVERSATIONS = 100_000


@dataclasses.dataclass(frozen=True)
class SampleData:
    """One member's sample records, ids already assigned in insertion order."""

    profile: Profile
    people: tuple[Person, ...]
    events: tuple[Event, ...]
    conversations: tuple[Conversation, ...]
    goals: tuple[Goal, ...]
    tips: tuple[TipProgress, ...]

    def counts(self) -> dict[str, int]:
        return {
            "people": len(self.people),
            "conversations": len(self.conversations),
            "events": len(self.events),
            "goals": len(self.goals),
            "tips": len(self.tips),
        }


def build(
    conversations: int = DEFAULT_CONVERSATIONS, seed: int = 1, today: dt.date | None = None, clock: Clock = system_today
) -> SampleData:
    """All of one member's sample data; the same arguments always give the same data."""
    if not 0 <= conversations <= MAX_CONVERSATIONS:
        raise ValidationError([f"conversations: must be 0 to {MAX_CONVERSATIONS}, got {conversations}"])
    rng = random.Random(seed)
    today = today or clock()
    timeline = draw_timeline(rng, today)
    company = rng.choice(material().companies)
    teams = rng.sample(material().teams, len(material().teams))
    people, weights, candidates = draw_people(rng, conversations, company, teams)
    events = draw_events(rng, timeline)
    drafts = draw_drafts(rng, conversations, timeline, people, weights, events)
    ensure_mentor_arc(rng, drafts, candidates)
    profile = parse_profile(
        {
            "display_name": full_name(rng),
            "internship_start": timeline.internship_start,
            "internship_end": timeline.internship_end,
            "default_followup_days": rng.choice((2, 3)),
            "default_setting": rng.choice((Setting.ONE_ON_ONE, Setting.COFFEE_CHAT)).value,
        }
    )
    convs = write_conversations(rng, drafts, people, candidates, today, profile.default_followup_days)
    people = with_mentor_stages(people, convs, candidates)
    goals = draw_goals(rng, timeline, people, convs, events)
    tips = draw_tips(rng, timeline)
    return SampleData(profile, tuple(people), tuple(events), tuple(convs), tuple(goals), tuple(tips))
