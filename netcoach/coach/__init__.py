"""The coach: reads a member's own log back to them as advice.

A contact list only reminds you of what you asked it to; this package looks at
what was logged (who, how often, how well, what followed) and says what to do
next, with the numbers that led to it. Everything here is a pure function of a
`Snapshot` and a date, so every rule can be checked on a handful of records and
nothing depends on the clock, the disk or the page that shows it.

The parts, each importable on its own:

- `nudges`: the advice rules and the ranked list Home shows.
- `goals`: suggested targets, pace, streaks and the monthly review.
- `relationships`: keep-in-touch dates, relationship strength, the mentor
  pipeline, follow-up habits and who to thank before leaving.
- `messages`: drafted thank-you and stay-in-touch notes.
- `thresholds`: the numbers the rules and lists decide by.
- `months` and `wording`: 'YYYY-MM' months and how sentences read.

Callers import from `netcoach.coach` itself; the names below are the public
surface, and the threshold constants are re-exported so tests and pages can
quote the same numbers the rules use.
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
from netcoach.coach.relationships import FOLLOWTHROUGH_COLUMNS as FOLLOWTHROUGH_COLUMNS
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
from netcoach.coach.thresholds import DUE_SOON_DAYS as DUE_SOON_DAYS
from netcoach.coach.thresholds import EARLY_MONTH_DAY as EARLY_MONTH_DAY
from netcoach.coach.thresholds import EVENT_SETTINGS as EVENT_SETTINGS
from netcoach.coach.thresholds import EXIT_WINDOW_DAYS as EXIT_WINDOW_DAYS
from netcoach.coach.thresholds import FOLLOWUP_ON_TIME_DAYS as FOLLOWUP_ON_TIME_DAYS
from netcoach.coach.thresholds import HELP_MIN_CONVERSATIONS as HELP_MIN_CONVERSATIONS
from netcoach.coach.thresholds import LEARNED_MIN_EMPTY as LEARNED_MIN_EMPTY
from netcoach.coach.thresholds import LEARNED_MIN_SHARE as LEARNED_MIN_SHARE
from netcoach.coach.thresholds import LEARNED_RECENT as LEARNED_RECENT
from netcoach.coach.thresholds import LEARNED_WINDOW_DAYS as LEARNED_WINDOW_DAYS
from netcoach.coach.thresholds import MENTOR_GOOD_QUALITY as MENTOR_GOOD_QUALITY
from netcoach.coach.thresholds import MENTOR_GOOD_TALKS as MENTOR_GOOD_TALKS
from netcoach.coach.thresholds import NEW_PERSON_WINDOW_DAYS as NEW_PERSON_WINDOW_DAYS
from netcoach.coach.thresholds import ONE_OFF_GRACE_DAYS as ONE_OFF_GRACE_DAYS
from netcoach.coach.thresholds import ONE_OFF_LOOKBACK_DAYS as ONE_OFF_LOOKBACK_DAYS
from netcoach.coach.thresholds import ONE_OFF_MAX_REPEAT_SHARE as ONE_OFF_MAX_REPEAT_SHARE
from netcoach.coach.thresholds import ONE_OFF_MIN_PEOPLE as ONE_OFF_MIN_PEOPLE
from netcoach.coach.thresholds import ONE_ROLE_MIN_CONVERSATIONS as ONE_ROLE_MIN_CONVERSATIONS
from netcoach.coach.thresholds import PRACTICE_MIN_CONVERSATIONS as PRACTICE_MIN_CONVERSATIONS
from netcoach.coach.thresholds import PRACTICE_WINDOW_DAYS as PRACTICE_WINDOW_DAYS
from netcoach.coach.thresholds import QUIET_GAP_DAYS as QUIET_GAP_DAYS
from netcoach.coach.thresholds import QUIET_STEADY_MIN as QUIET_STEADY_MIN
from netcoach.coach.thresholds import QUIET_STEADY_WINDOW_DAYS as QUIET_STEADY_WINDOW_DAYS
from netcoach.coach.thresholds import SENIOR_ROLES as SENIOR_ROLES
from netcoach.coach.thresholds import SETTLING_IN_DAYS as SETTLING_IN_DAYS
from netcoach.coach.thresholds import SLOW_FOLLOWUP_MAX_SHARE as SLOW_FOLLOWUP_MAX_SHARE
from netcoach.coach.thresholds import SLOW_FOLLOWUP_MIN as SLOW_FOLLOWUP_MIN
from netcoach.coach.thresholds import SLOW_FOLLOWUP_WINDOW_DAYS as SLOW_FOLLOWUP_WINDOW_DAYS
from netcoach.coach.thresholds import STARTER_TARGETS as STARTER_TARGETS
from netcoach.coach.thresholds import STRENGTH_HALF_LIFE_DAYS as STRENGTH_HALF_LIFE_DAYS
from netcoach.coach.thresholds import STRENGTH_SCALE as STRENGTH_SCALE
from netcoach.coach.thresholds import TARGET_NUDGE as TARGET_NUDGE

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
