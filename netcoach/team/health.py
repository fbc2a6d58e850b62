"""Cohort health in totals: how many sharing members are on track, need a check-in, or joined too recently to tell.

Pure: per member a few facts are read from their frames for a date range, each
member falls into one bucket by the rules below, and only the counts leave
here. A bucket holding fewer than `MIN_BUCKET` members is merged with its
neighbour until every bucket shown holds at least that many; with fewer
sharing members than that in all, no bucket is shown at all.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence

import pandas as pd

from netcoach.coach.months import month_of, shift_month
from netcoach.insights.analytics import Frames, first_met

QUIET_DAYS = 21
"""No conversation logged in this many days: worth a check-in."""
LOW_FOLLOWTHROUGH = 0.30
"""Followed up within two days on fewer than this share of the conversations that needed it..."""
MIN_FOLLOWUPS_FOR_RATE = 3
"""...counted only once at least this many follow-ups were due in the range (one missed is not a pattern)."""
TOO_EARLY_DAYS = 14
"""Joined fewer than this many days before the range ends: too early to tell."""
FOLLOWUP_ON_TIME_DAYS = 2
MIN_BUCKET = 5
"""The fewest members a number on the page may stand for."""

ON_TRACK = "On track"
NEEDS_CHECK_IN = "Needs a check-in"
TOO_EARLY = "Too early to tell"
BUCKETS = (ON_TRACK, NEEDS_CHECK_IN, TOO_EARLY)
"""In this order, so a bucket merges with the one next to it."""

RULES = (
    f"**{TOO_EARLY}**: joined fewer than {TOO_EARLY_DAYS} days before the end of the range.",
    f"**{NEEDS_CHECK_IN}**: no conversation logged in the last {QUIET_DAYS} days of the range, or followed up "
    f"within two days on fewer than {LOW_FOLLOWTHROUGH:.0%} of the conversations that needed a follow-up "
    f"(once at least {MIN_FOLLOWUPS_FOR_RATE} were due in the range).",
    f"**{ON_TRACK}**: everyone else who shares.",
)
"""The rules as the Cohort page explains them."""

RANGES = ("This month", "Last month", "Whole internship", "Custom")


@dataclasses.dataclass(frozen=True)
class DateRange:
    start: dt.date
    end: dt.date  # inclusive

    @property
    def label(self) -> str:
        return f"{self.start:%d %b %Y} – {self.end:%d %b %Y}"


def date_range(
    choice: str, today: dt.date, first_day: dt.date | None = None, custom: Sequence[dt.date] = ()
) -> DateRange:
    """The dates a range choice stands for; a custom range of one date is that day. Never past today."""
    this_month = dt.date.fromisoformat(f"{month_of(today)}-01")
    if choice == "This month":
        return DateRange(this_month, today)
    if choice == "Last month":
        start = dt.date.fromisoformat(f"{shift_month(month_of(today), -1)}-01")
        return DateRange(start, this_month - dt.timedelta(days=1))
    if choice == "Whole internship":
        return DateRange(min(first_day or this_month, today), today)
    picked = sorted(custom) or [today]
    start, end = picked[0], min(picked[-1], today)
    return DateRange(min(start, end), end)


@dataclasses.dataclass(frozen=True)
class MemberFacts:
    """What one sharing member's file says about a range; never leaves `netcoach.team` on its own."""

    joined_on: dt.date
    last_conversation: dt.date | None  # the latest on or before the range's end
    conversations: int
    new_people: int
    events_attended: int
    followups_needed: int
    followups_on_time: int


def member_facts(frames: Frames, joined_on: dt.date, span: DateRange, today: dt.date) -> MemberFacts:
    start, end = pd.Timestamp(span.start), pd.Timestamp(span.end + dt.timedelta(days=1))
    conv = frames.conversations
    before_end = conv[conv["date"] < end]
    in_range = before_end[before_end["date"] >= start]
    met = first_met(frames)
    events = frames.events
    needing = in_range[in_range["followup_due"].notna()]
    # An open follow-up still inside its two days is not late yet.
    fresh = needing["followup_done"].isna() & (
        needing["date"] > pd.Timestamp(today - dt.timedelta(days=FOLLOWUP_ON_TIME_DAYS))
    )
    needing = needing[~fresh]
    delay = (needing["followup_done"] - needing["date"]).dt.days
    last = before_end["date"].max() if len(before_end) else None
    return MemberFacts(
        joined_on=joined_on,
        last_conversation=last.date() if last is not None and not pd.isna(last) else None,
        conversations=len(in_range),
        new_people=int(((met >= start) & (met < end)).sum()),
        events_attended=int((events["attended"] & (events["date"] >= start) & (events["date"] < end)).sum()),
        followups_needed=len(needing),
        followups_on_time=int((delay.le(FOLLOWUP_ON_TIME_DAYS) & needing["followup_done"].notna()).sum()),
    )


def bucket_of(facts: MemberFacts, as_of: dt.date) -> str:
    """The one bucket a member falls in, by `RULES`, looking from `as_of` (the range's end, or today)."""
    if (as_of - facts.joined_on).days < TOO_EARLY_DAYS:
        return TOO_EARLY
    quiet = facts.last_conversation is None or (as_of - facts.last_conversation).days >= QUIET_DAYS
    low = (
        facts.followups_needed >= MIN_FOLLOWUPS_FOR_RATE
        and facts.followups_on_time / facts.followups_needed < LOW_FOLLOWTHROUGH
    )
    return NEEDS_CHECK_IN if quiet or low else ON_TRACK


@dataclasses.dataclass(frozen=True)
class ShownBucket:
    """A bucket (or buckets merged) as the page shows it: at least `MIN_BUCKET` members, or none at all."""

    label: str
    members: int
    merged: bool = False


def shown_buckets(counts: dict[str, int]) -> list[ShownBucket]:
    """Buckets safe to show: each small one merged with a neighbour until every shown one holds at least five.

    An empty bucket stays as it is (naming nobody); with fewer than five
    members in all there is nothing to show.
    """
    groups: list[tuple[list[str], int]] = [([b], counts.get(b, 0)) for b in BUCKETS]
    while True:
        small = [i for i, (_, n) in enumerate(groups) if 0 < n < MIN_BUCKET]
        if not small or len(groups) == 1:
            break
        i = min(small, key=lambda k: (groups[k][1], k))
        neighbours = [j for j in (i - 1, i + 1) if 0 <= j < len(groups)]
        enough = [j for j in neighbours if groups[i][1] + groups[j][1] >= MIN_BUCKET]
        j = min(enough, key=lambda k: groups[k][1]) if enough else max(neighbours, key=lambda k: groups[k][1])
        a, b = sorted((i, j))
        groups[a : b + 1] = [(groups[a][0] + groups[b][0], groups[a][1] + groups[b][1])]
    if sum(n for _, n in groups) < MIN_BUCKET:
        return []
    return [ShownBucket(" or ".join(labels).capitalize(), n, len(labels) > 1) for labels, n in groups]


@dataclasses.dataclass(frozen=True)
class CohortHealth:
    span: DateRange
    members: int  # sharing members counted
    skipped: int  # sharing members whose file could not be read
    buckets: list[ShownBucket]  # empty: fewer than five sharing members
    totals: dict[str, float | int]


TOTAL_LABELS = {
    "conversations": "Conversations",
    "new_people": "New people",
    "events_attended": "Events attended",
    "followups_needed": "Follow-ups needed",
    "followups_on_time": "Followed up within 2 days",
}


def cohort_health(facts: Iterable[MemberFacts], span: DateRange, today: dt.date, skipped: int = 0) -> CohortHealth:
    """Buckets and totals over the members' facts for the range; nobody is named or counted alone."""
    facts = list(facts)
    as_of = min(span.end, today)
    counts = {b: 0 for b in BUCKETS}
    for member in facts:
        counts[bucket_of(member, as_of)] += 1
    totals: dict[str, float | int] = {key: sum(getattr(f, key) for f in facts) for key in TOTAL_LABELS}
    needed = totals["followups_needed"]
    totals["followthrough_rate"] = round(totals["followups_on_time"] / needed, 3) if needed else float("nan")
    return CohortHealth(span, len(facts), skipped, shown_buckets(counts), totals)


def health_table(health: CohortHealth) -> pd.DataFrame:
    """The totals of a range as rows (range, measure, value): what the CSV download holds."""
    rows: list[dict[str, object]] = [{"measure": "Members sharing", "value": health.members}]
    rows += [{"measure": label, "value": health.totals[key]} for key, label in TOTAL_LABELS.items()]
    rate = health.totals["followthrough_rate"]
    rows.append({"measure": "Follow-through (share within 2 days)", "value": "" if rate != rate else rate})
    if health.buckets:
        rows += [{"measure": f"Health: {b.label}", "value": b.members} for b in health.buckets]
    else:
        rows.append({"measure": "Health", "value": f"fewer than {MIN_BUCKET} sharing members: not shown"})
    table = pd.DataFrame(rows)
    table.insert(0, "to", health.span.end.isoformat())
    table.insert(0, "from", health.span.start.isoformat())
    return table


def buckets_frame(health: CohortHealth) -> pd.DataFrame:
    """The buckets shown, for the chart (columns: bucket, members)."""
    return pd.DataFrame(
        [{"bucket": b.label, "members": b.members} for b in health.buckets], columns=["bucket", "members"]
    )
