"""The coach: reads a member's own log back to them as advice.

A contact list only reminds you of what you asked it to; this package looks at
what was logged (who, how often, how well, what followed) and says what to do
next, with the numbers that led to it. Everything here is a pure function of a
`Snapshot` and a date, so every rule can be checked on a handful of records and
nothing depends on the clock, the disk or the page that shows it.

The parts, each importable on its own:

- `nudges`: the advice rules, by theme, and the ranked list Home shows.
- `goals`: suggested targets, pace, streaks and the monthly review.
- `relationships`: keep-in-touch dates, relationship strength, the mentor
  pipeline, follow-up habits and who to thank before leaving.
- `messages`: drafted thank-you and stay-in-touch notes.
- `signals`: what the member's own words say (promises, offers, advice, feelings).
- `loops`: promises either way, spotted in notes or typed in, until closed.
- `prep`: the card to read before a planned talk or an event.
- `thresholds`: the numbers the rules and lists decide by.
- `months` and `wording`: 'YYYY-MM' months and how sentences read.

Callers import the functions and types below from `netcoach.coach` itself;
the numbers the rules decide by are imported from `netcoach.coach.thresholds`,
so a test or page quoting one names where it lives.
"""

from __future__ import annotations

from netcoach.coach.goals import (
    MetricResult,
    MonthlyReview,
    Pace,
    PaceStatus,
    goal_paces,
    goal_streak,
    monthly_review,
    pace,
    suggest_target,
    suggested_targets,
)
from netcoach.coach.messages import draft_followup_message
from netcoach.coach.months import month_of, shift_month
from netcoach.coach.nudges import RULE_TIPS, Nudge, nudges
from netcoach.coach.relationships import (
    ExitContact,
    KeepInTouch,
    MentorCandidate,
    TouchStatus,
    default_cadence,
    exit_list,
    followthrough,
    keep_in_touch,
    mentor_pipeline,
    relationship_strength,
)

__all__ = [
    "RULE_TIPS",
    "ExitContact",
    "KeepInTouch",
    "MentorCandidate",
    "MetricResult",
    "MonthlyReview",
    "Nudge",
    "Pace",
    "PaceStatus",
    "TouchStatus",
    "default_cadence",
    "draft_followup_message",
    "exit_list",
    "followthrough",
    "goal_paces",
    "goal_streak",
    "keep_in_touch",
    "mentor_pipeline",
    "month_of",
    "monthly_review",
    "nudges",
    "pace",
    "relationship_strength",
    "shift_month",
    "suggest_target",
    "suggested_targets",
]
