"""The numbers the coach decides by, in one place.

Named so that the reasons shown to the member and the tests agree on them:
a rule says "14 days" because it reads the same constant the tests check, and
changing how the coach behaves means changing a number here, not hunting
through the rules.
"""

from __future__ import annotations

from fractions import Fraction

from netcoach.models import GoalMetric, Role, Setting

FOLLOWUP_ON_TIME_DAYS = 2  # a follow-up "on time" goes out within 48 hours
NEW_PERSON_WINDOW_DAYS = 14  # meeting nobody new for this long prompts a first move
EARLY_MONTH_DAY = 10  # "nothing this month" rules wait until this day of the month
SETTLING_IN_DAYS = 7  # the first week of a placement is for finding one's feet
ONE_ROLE_MIN_CONVERSATIONS = 3
HELP_MIN_CONVERSATIONS = 3
MENTOR_GOOD_QUALITY = 4
MENTOR_GOOD_TALKS = 2
ONE_OFF_LOOKBACK_DAYS = 120
ONE_OFF_GRACE_DAYS = 7  # people met this recently have not had time for a second chat
ONE_OFF_MIN_PEOPLE = 5
ONE_OFF_MAX_REPEAT_SHARE = 0.25
SLOW_FOLLOWUP_WINDOW_DAYS = 30
SLOW_FOLLOWUP_MIN = 3
SLOW_FOLLOWUP_MAX_SHARE = 0.5
LEARNED_WINDOW_DAYS = 30
LEARNED_RECENT = 6
LEARNED_MIN_EMPTY = 3
LEARNED_MIN_SHARE = 0.6
QUIET_GAP_DAYS = 10
QUIET_STEADY_WINDOW_DAYS = 28
QUIET_STEADY_MIN = 4
PRACTICE_WINDOW_DAYS = 30
PRACTICE_MIN_CONVERSATIONS = 3
DUE_SOON_DAYS = 3
EXIT_WINDOW_DAYS = 21
STRENGTH_HALF_LIFE_DAYS = 60.0
# Raw strength at which the score reaches ~63/100; three recent average chats give ~70.
STRENGTH_SCALE = 2.5
TARGET_NUDGE = Fraction(11, 10)
DETECTED_PROMISE_DAYS = 60  # promises spotted in older notes are not offered for confirming
RECENTLY_CLOSED_LOOPS = 10  # closed loops listed for an undo
PREP_LAST_TALKS = 3  # past talks a prep card recalls
PREP_EVENT_PEOPLE = 5  # familiar faces an event prep names at most

SENIOR_ROLES = frozenset({Role.SUPERVISOR, Role.INDUSTRY_PROFESSIONAL, Role.MENTOR})
EVENT_SETTINGS = frozenset({Setting.COMPANY_EVENT, Setting.INDUSTRY_EVENT})

# Where to start when there is no history yet: small, reachable numbers.
STARTER_TARGETS: dict[GoalMetric, int] = {
    GoalMetric.NEW_PEOPLE: 4,
    GoalMetric.CONVERSATIONS: 6,
    GoalMetric.EVENTS_ATTENDED: 1,
    GoalMetric.FOLLOW_UPS_SENT: 3,
    GoalMetric.HELP_OFFERED: 2,
    GoalMetric.MENTOR_CONVERSATIONS: 1,
    GoalMetric.ONLINE_ACTIONS: 2,
}
