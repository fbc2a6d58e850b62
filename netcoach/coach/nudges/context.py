"""What every nudge rule reads, worked out once per call: the log up to today, per person and per month."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections import defaultdict
from collections.abc import Iterable

from netcoach.coach.months import month_days, month_of
from netcoach.coach.relationships import relationship_strength
from netcoach.coach.signals import Signal, SignalKind, Source, SourceKind, extract
from netcoach.coach.signals.names import PeopleNames
from netcoach.coach.thresholds import QUIET_GAP_DAYS, QUIET_STEADY_MIN, QUIET_STEADY_WINDOW_DAYS, SETTLING_IN_DAYS
from netcoach.coach.wording import first_name, name_list
from netcoach.insights import analytics
from netcoach.models import Conversation, GoalMetric, Loop, Person, Setting, Snapshot

GROUP_SETTINGS = frozenset({Setting.TEAM_MEETING, Setting.COMPANY_EVENT, Setting.INDUSTRY_EVENT})
SMALL_GROUP = 3  # a coffee with two or three people still counts as getting to know them


@dataclasses.dataclass(frozen=True)
class QuietSpell:
    gap_days: int  # since the last conversation
    steady: tuple[Conversation, ...]  # the conversations of the weeks before the pause


@dataclasses.dataclass(frozen=True)
class RuleContext:
    """What every rule needs, worked out once per call."""

    snapshot: Snapshot
    today: dt.date
    frames: analytics.Frames
    people: dict[int, Person]
    month: str
    progress: dict[GoalMetric, int]  # this month, from the analytics counts
    past: tuple[Conversation, ...]  # conversations up to today, oldest first
    by_person: dict[int, list[Conversation]]  # the same, per person
    first_met: dict[int, dt.date]
    signals: tuple[Signal, ...] = ()  # what the member's own words say, each with its sentence
    confirmed: frozenset[str] = frozenset()  # keys of promises the member confirmed as open loops

    def name(self, person_id: int) -> str:
        return first_name(self.people.get(person_id))

    def names(self, ids: Iterable[int], limit: int = 3) -> str:
        return name_list([self.name(i) for i in ids], limit)

    def month_conversations(self) -> list[Conversation]:
        start, _ = month_days(self.month)
        return [c for c in self.past if c.date >= start]

    def recent(self, days: int) -> list[Conversation]:
        """Conversations of the last `days` days, today included."""
        since = self.today - dt.timedelta(days=days - 1)
        return [c for c in self.past if c.date >= since]

    @functools.cached_property
    def strength(self) -> dict[int, float]:
        """Relationship strength per person (0-100), worked out once for every rule that weighs people."""
        return relationship_strength(self.snapshot, self.today)

    def signals_about(self, person_id: int) -> list[Signal]:
        return [s for s in self.signals if person_id in s.person_ids]

    @functools.cached_property
    def one_on_one(self) -> dict[int, list[Conversation]]:
        """Per person, the talks of a few people outside team meetings and events: where people get to know you.

        A supervisor seen only across the table at the weekly lab meeting, or a
        buddy only at standup, has not been met yet in the sense a coach means.
        """
        found: dict[int, list[Conversation]] = defaultdict(list)
        for conversation in self.past:
            if conversation.setting in GROUP_SETTINGS or len(conversation.person_ids) > SMALL_GROUP:
                continue
            for person_id in conversation.person_ids:
                found[person_id].append(conversation)
        return dict(found)

    @functools.cached_property
    def mentions(self) -> dict[int, int]:
        """How often the member's own notes name each person: someone a colleague keeps pointing them to."""
        names = PeopleNames(self.people.values())
        counts: dict[int, int] = defaultdict(int)
        for conversation in self.past:
            for person_id in names.named_in(" ".join([conversation.learned, conversation.notes])):
                if person_id not in conversation.person_ids:
                    counts[person_id] += 1
        return dict(counts)

    @functools.cached_property
    def quiet_spell(self) -> QuietSpell | None:
        """A pause after steady effort, when there is one: the state a coach speaks to before anything else."""
        if not self.past:
            return None
        last = self.past[-1].date
        gap = (self.today - last).days
        if gap < QUIET_GAP_DAYS:
            return None
        since = last - dt.timedelta(days=QUIET_STEADY_WINDOW_DAYS - 1)
        steady = tuple(c for c in self.past if since <= c.date <= last)
        return QuietSpell(gap, steady) if len(steady) >= QUIET_STEADY_MIN else None

    @property
    def settling_in(self) -> bool:
        """True in the first two weeks of a placement (or before it starts): introductions, not pace or rates."""
        start = self.snapshot.profile.internship_start
        return start is not None and self.today < start + dt.timedelta(days=SETTLING_IN_DAYS)

    @property
    def after_end(self) -> bool:
        """True once the placement is over: company events and office introductions are out of reach."""
        end = self.snapshot.profile.internship_end
        return end is not None and self.today > end


def rule_context(snapshot: Snapshot, today: dt.date) -> RuleContext:
    frames = analytics.frames_for(snapshot)
    past = tuple(sorted((c for c in snapshot.conversations if c.date <= today), key=lambda c: (c.date, c.id or 0)))
    by_person: dict[int, list[Conversation]] = defaultdict(list)
    for conversation in past:
        for person_id in conversation.person_ids:
            by_person[person_id].append(conversation)
    met = analytics.first_met(frames)
    first_met = {
        int(pid): ts.date() for pid, ts in zip(met.index.tolist(), met.tolist(), strict=True) if ts.date() <= today
    }
    month = month_of(today)
    return RuleContext(
        snapshot=snapshot,
        today=today,
        frames=frames,
        people=snapshot.person_by_id(),
        month=month,
        progress=analytics.month_progress(frames, month),
        past=past,
        by_person=dict(by_person),
        first_met=first_met,
        signals=member_words(snapshot, today),
        confirmed=frozenset(signal_key(loop) for loop in snapshot.loops if loop.is_open),
    )


def member_words(snapshot: Snapshot, today: dt.date) -> tuple[Signal, ...]:
    """What the member's words say, after their own decisions: a dismissed or closed promise is gone, and a
    promise they typed in by hand counts like one read in their notes."""
    settled = {loop.signal_key for loop in snapshot.loops if loop.signal_key and not loop.is_open}
    read = tuple(s for s in extract(snapshot, today) if s.key not in settled)
    typed = tuple(typed_promise(loop, today) for loop in snapshot.loops if loop.is_open and not loop.signal_key)
    return read + typed


def typed_promise(loop: Loop, today: dt.date) -> Signal:
    """A promise the member added by hand, as the coach reads promises: their words, whom, when."""
    written = loop.decided_on or today
    return Signal(
        kind=SignalKind(loop.kind.value),
        quote=loop.text or loop.what,
        source=Source(SourceKind.LOOP, loop.id or 0, "text", written),
        person_ids=loop.person_ids,
        due=loop.due,
        what=loop.what,
    )


def signal_key(loop: Loop) -> str:
    """The key the coach knows an open loop by: its sentence's, or the typed promise's own."""
    return loop.signal_key or typed_promise(loop, dt.date.min).key
