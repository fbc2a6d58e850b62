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
FOLLOWUP_STILL_FRESH_DAYS = 14  # a late thank-you still reads as one for about two weeks
NEW_PERSON_WINDOW_DAYS = 14  # meeting nobody new for this long prompts a first move
EARLY_MONTH_DAY = 10  # "nothing this month" rules wait until this day of the month
EARLY_EVENT_AHEAD_DAYS = 14  # before that day, only an event already listed this close is suggested
SETTLING_IN_DAYS = 14  # the first two weeks of a placement are for introductions, not pace or rates
SETTLING_IN_INTRODUCTIONS = 3  # introductions suggested at once in the first two weeks
DEFAULT_RHYTHM_GRACE_DAYS = 14  # past a check-in rhythm the member never set, before it counts as slipping
ONE_ROLE_MIN_CONVERSATIONS = 3
ONE_ROLE_WINDOW_DAYS = 30  # one-on-one talks of the last month show whom the member meets
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
QUIET_STEADY_WINDOW_DAYS = 56  # eight weeks of effort before a pause make it a pause, not a habit
QUIET_STEADY_MIN = 4
PRACTICE_WINDOW_DAYS = 30
PRACTICE_MIN_CONVERSATIONS = 3
DUE_SOON_DAYS = 3
EXIT_WINDOW_DAYS = 21
AFTER_END_UPDATE_DAYS = 45  # after the placement, a short update every month or two
AFTER_END_THANKS_DAYS = 60  # a thank-you still worth sending this long after leaving
AFTER_END_SHOWN = 3  # people named in one after-the-end nudge
LATE_MONTH_DAYS = 5  # in a month's last days, goal talk turns to next month
REALISTIC_GOAL_FACTOR = 2  # a target above this many times the best month is out of reach
REALISTIC_GOAL_MIN_GAP = 2  # ... and at least this much above it (3 against a best of 1 is not a leap)
STRETCH = Fraction(5, 4)  # the next level for a member on track: a quarter more on their best metric
ON_TRACK_WINDOW_DAYS = 28  # "steady weeks" are judged over the last four
ON_TRACK_ON_TIME_SHARE = 0.75  # follow-ups praised when at least this share went out on time
NEWER_INTERN_DAYS = 30  # a fellow intern first met this recently is newer than the member
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

# Reading the member's words: how long what they wrote stays actionable.
OPPORTUNITY_FRESH_DAYS = 45  # an opening with no date is worth asking about for about six weeks
PROMISE_FRESH_DAYS = 30  # a promise or offer with no date, and nothing logged since
ADVICE_REPORT_AFTER_DAYS = 14  # time to act on advice before reporting back
ADVICE_REPORT_UNTIL_DAYS = 90  # after that, a report-back would feel out of the blue
FEELING_RECENT_DAYS = 30  # what the member wrote about how they feel shapes this month's advice
PREPARE_AHEAD_DAYS = 7  # a daunting talk or event this close gets a prep card
GIVING_WINDOW_DAYS = 60
GIVING_MIN_TALKS = 3
GIVING_MIN_SHARE = 0.4  # helping in a few of many talks is generosity, not a habit of only giving
