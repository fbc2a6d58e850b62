"""The coach by stage and standing: settling in, the last weeks, after the end, goals in reach, doing well.

Each test builds the log of one member at one point of their placement and
checks what the coach says first, whom it names, and what it keeps quiet.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import re

from hypothesis import given, settings
from hypothesis import strategies as st
from support import TODAY

from netcoach import coach
from netcoach.coach.goals import goal_month, pace_words
from netcoach.coach.nudges import encouragement
from netcoach.coach.nudges.context import rule_context
from netcoach.coach.nudges.rule import Priority
from netcoach.coach.signals import Feeling, Signal, SignalKind, Source, SourceKind
from netcoach.coach.thresholds import AFTER_END_UPDATE_DAYS, SETTLING_IN_DAYS
from netcoach.models import (
    Conversation,
    Event,
    EventKind,
    Goal,
    GoalMetric,
    Person,
    Profile,
    Role,
    Setting,
    Snapshot,
)

_ids = itertools.count(1)
RULE_EXAMPLES = settings(deadline=None, max_examples=60)


def day(offset: int, base: dt.date = TODAY) -> dt.date:
    return base + dt.timedelta(days=offset)


def talk(when: dt.date, *person_ids: int, **kw) -> Conversation:
    kw.setdefault("learned", "Something worth noting.")
    return Conversation(date=when, person_ids=person_ids, id=next(_ids), **kw)


def snap(people=(), conversations=(), events=(), goals=(), profile: Profile | None = None) -> Snapshot:
    return Snapshot(
        revision=0,
        profile=profile or Profile(),
        people=tuple(people),
        conversations=tuple(conversations),
        events=tuple(events),
        goals=tuple(goals),
        tips=(),
    )


def fired(snapshot: Snapshot, today: dt.date = TODAY) -> dict[str, coach.Nudge]:
    """Each rule that fired, with its highest-ranked nudge."""
    found: dict[str, coach.Nudge] = {}
    for nudge in coach.nudges(snapshot, today):
        found.setdefault(nudge.rule, nudge)
    return found


def top_three(snapshot: Snapshot, today: dt.date = TODAY) -> list[coach.Nudge]:
    return coach.nudges(snapshot, today, limit=3)


PRIYA = Person("Priya Shah", Role.SUPERVISOR, organization="Data team", id=1)
TOM = Person("Tom Lee", Role.COLLEAGUE, organization="Data team", tags=("onboarding buddy",), id=2)
CHI = Person("Chi Wu", Role.COLLEAGUE, organization="Data team", id=3)
SAM = Person("Sam Ode", Role.COLLEAGUE, organization="Sales", id=4)
BEN = Person("Ben Okafor", Role.FELLOW_INTERN, id=5)
DEE = Person("Dee Park", Role.INDUSTRY_PROFESSIONAL, id=6)
OMAR = Person("Omar Diaz", Role.SUPERVISOR, id=7)
MIA = Person("Mia Chen", Role.MENTOR, id=8)
TEAM = (PRIYA, TOM, CHI, SAM, BEN, DEE)

# Rules that speak of pace and rates: none of them belongs in the first two weeks.
RATE_RULES = {
    "no-events",
    "no-online",
    "no-help",
    "realistic-goals",
    "one-off-contacts",
    "followup-slow",
    "few-conversations",
}


# ------------------------------------------------------------------ the first two weeks


def test_a_first_week_intern_is_told_to_meet_their_manager_priya_by_name():
    profile = Profile(internship_start=day(-2), internship_end=day(80))
    log = [talk(day(-1), BEN.id)]  # lunch with another intern on day two
    top = top_three(snap(TEAM, log, profile=profile))
    first = top[0]
    assert first.rule == "settling-in" and first.tip_id == "be-proactive"
    assert first.person_ids == (PRIYA.id, TOM.id, CHI.id)  # supervisor, onboarding buddy, a teammate
    assert first.action.startswith("This week: ask Priya Shah (your supervisor) for fifteen minutes")
    assert "Tom Lee (your onboarding buddy)" in first.action and "Chi Wu" in first.action
    assert "Sam Ode" not in first.action  # another team can wait
    assert first.reason.startswith("Day 3 of your internship; you have talked with 1 person so far")


def test_before_day_one_the_introductions_are_planned_for_the_first_days():
    nudge = fired(snap(TEAM, profile=Profile(internship_start=day(3))))["settling-in"]
    assert nudge.reason.startswith("Your internship starts in 3 days;")
    assert nudge.action.startswith("In your first days: ask Priya Shah")


def test_settling_in_names_roles_only_when_people_holds_nobody():
    nudge = fired(snap(profile=Profile(internship_start=day(-4))))["settling-in"]
    assert nudge.person_ids == ()
    assert "your manager" in nudge.action and "onboarding buddy" in nudge.action
    # Everyone in the list already met: the supervisor is asked whom to meet next, by name.
    met = fired(snap([PRIYA], [talk(day(-1), PRIYA.id)], profile=Profile(internship_start=day(-4))))
    assert met["settling-in"].person_ids == (PRIYA.id,)
    assert "ask Priya which two people on the team you should meet" in met["settling-in"].action


def _busy_but_uneven_log() -> tuple[list[Person], list[Conversation], list[Goal]]:
    """Ten days of chats that, later in a placement, would draw every kind of pace and rates advice."""
    people = [Person(f"Colleague{i} Surname", Role.COLLEAGUE, id=20 + i) for i in range(7)]
    log = [talk(day(-10 + i), 20 + i, followup_due=day(-8 + i), followup_done=day(-5 + i)) for i in range(6)]
    log.append(talk(day(-2), 26))
    goals = [Goal("2026-04", GoalMetric.CONVERSATIONS, 40), Goal("2026-03", GoalMetric.CONVERSATIONS, 40)]
    return people, log, goals


def test_the_first_two_weeks_bring_no_pace_or_rates_talk():
    people, log, goals = _busy_but_uneven_log()
    settling = fired(snap(people, log, goals=goals, profile=Profile(internship_start=day(-11))))
    assert "settling-in" in settling
    assert RATE_RULES.isdisjoint(settling), sorted(settling)
    # The same log three weeks in: the coach does speak of them.
    later = fired(snap(people, log, goals=goals, profile=Profile(internship_start=day(-40))))
    assert "settling-in" not in later
    assert {"no-events", "no-online", "no-help", "followup-slow", "realistic-goals"} <= set(later), sorted(later)


def test_settling_in_lasts_exactly_two_weeks():
    for started, expected in ((SETTLING_IN_DAYS - 1, True), (SETTLING_IN_DAYS, False)):
        profile = Profile(internship_start=day(-started))
        assert ("settling-in" in fired(snap(TEAM, profile=profile))) is expected, started


# ------------------------------------------------------------------ the last three weeks


def _last_weeks() -> Snapshot:
    log = [
        *(talk(day(-7 * k), PRIYA.id, quality=4) for k in range(1, 7)),  # weekly one-on-ones
        talk(day(-20), OMAR.id),  # the other supervisor, once
        talk(day(-15), MIA.id, quality=5, topics=("career",)),
        talk(day(-6), BEN.id, quality=4),
        talk(day(-3), BEN.id, quality=5),
    ]
    profile = Profile(internship_start=day(-80), internship_end=day(12))
    return snap([PRIYA, OMAR, MIA, BEN, CHI, DEE], log, profile=profile)


def test_the_last_two_weeks_bring_a_reference_and_return_offer_ask_of_the_supervisor_and_thanks_for_the_others():
    top = top_three(_last_weeks())
    rules = {n.rule: n for n in top}
    asks, thanks = rules["exit-asks"], rules["exit-thanks"]
    assert asks.person_ids == (PRIYA.id,)  # of two supervisors, the one talked to most
    assert asks.tip_id == "keep-building"
    assert "Priya" in asks.action and "reference" in asks.action and "return offer" in asks.action
    assert "personal email or LinkedIn" in asks.action
    assert "ends in 12 days; 6 conversations with Priya Shah, your supervisor" in asks.reason
    # The others are thanked: the mentor first, and Priya is not asked twice.
    assert thanks.person_ids[0] == MIA.id and PRIYA.id not in thanks.person_ids
    assert "Thank Mia" in thanks.action


def test_without_a_supervisor_in_people_the_reference_ask_names_the_role():
    profile = Profile(internship_end=day(5))
    nudge = fired(snap([MIA, BEN], [talk(day(-3), MIA.id), talk(day(-4), BEN.id)], profile=profile))["exit-asks"]
    assert nudge.person_ids == () and "your manager" in nudge.action
    assert "ends in 5 days" in nudge.reason


def test_no_reference_ask_outside_the_last_three_weeks():
    log = [talk(day(-7), PRIYA.id)]
    assert "exit-asks" not in fired(snap([PRIYA], log, profile=Profile(internship_end=day(30))))
    assert "exit-asks" not in fired(snap([PRIYA], log, profile=Profile(internship_end=day(-1))))


# ------------------------------------------------------------------ after the end


def _after(ended_days_ago: int, log: list[Conversation], events=()) -> Snapshot:
    profile = Profile(internship_start=day(-ended_days_ago - 110), internship_end=day(-ended_days_ago))
    return snap([PRIYA, OMAR, MIA, BEN, CHI, DEE], log, events, profile=profile)


def test_after_the_end_no_company_event_is_suggested():
    town_hall = Event("Town hall", day(5), EventKind.COMPANY, id=1)
    log = [talk(day(-40), PRIYA.id)]
    nudge = fired(_after(20, log, [town_hall]))["no-events"]
    assert "Town hall" not in nudge.action and "a meetup in your field" in nudge.action
    meetup = Event("Data engineers meetup", day(9), EventKind.INDUSTRY, id=2)
    assert "Data engineers meetup" in fired(_after(20, log, [town_hall, meetup]))["no-events"].action
    # While the placement runs, the town hall is a fine suggestion.
    running = snap([PRIYA], log, [town_hall], profile=Profile(internship_end=day(60)))
    assert "Town hall" in fired(running)["no-events"].action


def test_after_the_end_a_thank_you_not_yet_sent_comes_with_the_mentor_first():
    log = [
        *(talk(day(-100 + 7 * k), PRIYA.id, quality=4) for k in range(12)),  # until 23 days ago
        talk(day(-40), MIA.id, quality=5),
        talk(day(-35), MIA.id, quality=5),
        talk(day(-50), BEN.id),
        talk(day(-45), BEN.id),
    ]
    thanks = [n for n in coach.nudges(_after(10, log), TODAY) if n.rule == "after-end"]
    assert [n.subject for n in thanks] == [MIA.id, BEN.id]  # Priya heard from them in the last weeks
    assert thanks[0].tip_id == "keep-building"
    assert "Send Mia a thank-you this week" in thanks[0].action
    assert "ended 10 days ago; nothing logged with Mia since" in thanks[0].reason


def test_after_the_end_people_get_a_short_update_every_month_or_two_strongest_first():
    log = [
        *(talk(day(-190 + 7 * k), PRIYA.id, quality=4) for k in range(14)),
        talk(day(-95), MIA.id, quality=5),
        talk(day(-92), MIA.id, quality=5),
        talk(day(-100), BEN.id),
        talk(day(-98), BEN.id),
    ]
    every = coach.nudges(_after(90, log), TODAY)
    updates = sorted((n for n in every if n.rule == "after-end"), key=lambda n: -n.score)
    assert [n.subject for n in updates] == [PRIYA.id, MIA.id, BEN.id]  # one each, the supervisor first
    assert "Send Priya a three-line update" in updates[0].action
    assert "last in touch with Priya 99 days ago; 2 other people from it are due an update too" in updates[0].reason
    assert updates[0].priority.label == "a relationship that matters"
    # The office rhythm of check-ins (every two weeks for a supervisor) is over.
    assert "keep-in-touch" not in {n.rule for n in every}


def test_right_after_the_end_the_first_update_is_planned_not_sent():
    log = [talk(day(-9), PRIYA.id), talk(day(-8), MIA.id), talk(day(-20), MIA.id), talk(day(-6), BEN.id)]
    nudge = fired(_after(5, log))["after-end"]
    first_update = day(-9 + AFTER_END_UPDATE_DAYS)
    assert f"Put {first_update:%d %b} in your calendar" in nudge.action


def test_a_promise_made_before_leaving_is_still_owed_after_the_end():
    chat = talk(day(-14), DEE.id, learned="I'll send Dee the benchmark notes.")
    snapshot = _after(10, [talk(day(-30), PRIYA.id), chat])
    top = coach.nudges(snapshot, day(40), limit=3)  # seven weeks on: past the usual month for an undated promise
    owed = next(n for n in top if n.rule == "promise-owed")
    assert owed.person_ids == (DEE.id,)
    assert "Send Dee the benchmark notes today" in owed.action
    assert "I'll send Dee the benchmark notes." in owed.reason
    assert not any(n.rule == "after-end" and n.person_ids == (DEE.id,) for n in top)


def test_after_the_end_a_first_move_speaks_of_the_field_not_the_office():
    log = [talk(day(-60), PRIYA.id)]
    nudge = fired(_after(30, log))["no-new-people"]
    assert nudge.person_ids == (DEE.id,) and "Dee Park" in nudge.action  # not Chi, a colleague at the office
    no_field = snap([PRIYA, CHI], log, profile=Profile(internship_end=day(-30)))
    office_free = fired(no_field)["no-new-people"]
    assert office_free.person_ids == () and "in your field" in office_free.action


# ------------------------------------------------------------------ goals within reach


def _modest_history() -> tuple[list[Person], list[Conversation], list[Event]]:
    """Two or three chats a month since February, one event in March."""
    people = [Person(f"Colleague{i} Surname", Role.COLLEAGUE, id=10 + i) for i in range(6)]
    log = [
        talk(dt.date(2026, 2, 3), 10),
        talk(dt.date(2026, 2, 12), 11),
        talk(dt.date(2026, 3, 4), 12),
        talk(dt.date(2026, 3, 18), 10),
        talk(dt.date(2026, 4, 2), 13),
        talk(dt.date(2026, 4, 9), 12),
    ]
    events = [Event("Meetup", dt.date(2026, 3, 10), EventKind.INDUSTRY, attended=True, id=1)]
    return people, log, events


EIGHT_TIMES = [
    Goal("2026-04", GoalMetric.CONVERSATIONS, 16),
    Goal("2026-04", GoalMetric.NEW_PEOPLE, 16),
    Goal("2026-04", GoalMetric.EVENTS_ATTENDED, 8),
    Goal("2026-04", GoalMetric.HELP_OFFERED, 1),
]


def test_targets_eight_times_the_history_on_three_metrics_get_a_full_reachable_set():
    people, log, events = _modest_history()
    found = [n for n in coach.nudges(snap(people, log, events, EIGHT_TIMES), TODAY) if n.rule == "realistic-goals"]
    assert len(found) == 1  # one nudge for the whole set, not one per metric
    nudge = found[0]
    assert nudge.priority == Priority.HABIT
    assert "conversations 16 against a best month of 2 (February 2026)" in nudge.reason
    assert "new people 16 against a best month of 2" in nudge.reason
    assert "events attended 8 against a best month of 1 (March 2026)" in nudge.reason
    assert nudge.action.startswith("Set these for April 2026")
    for change in ("new people 16 -> 2", "conversations 16 -> 3", "events attended 8 -> 1", "help offered 1 (keep)"):
        assert change in nudge.action, nudge.action


def test_late_in_the_month_the_reachable_set_is_for_next_month():
    people, log, events = _modest_history()
    nudge = fired(snap(people, log, events, EIGHT_TIMES), dt.date(2026, 4, 28))["realistic-goals"]
    assert nudge.action.startswith("Set these for May 2026")


def test_last_months_targets_count_when_this_month_has_none_yet():
    people, log, events = _modest_history()
    march = [Goal("2026-03", g.metric, g.target) for g in EIGHT_TIMES]
    nudge = fired(snap(people, log, events, march))["realistic-goals"]
    assert nudge.action.startswith("Set these for April 2026") and "conversations 16 -> 3" in nudge.action


def test_a_stretch_within_twice_the_best_month_is_left_alone():
    people, log, events = _modest_history()
    stretch = [Goal("2026-04", GoalMetric.CONVERSATIONS, 4), Goal("2026-04", GoalMetric.EVENTS_ATTENDED, 2)]
    assert "realistic-goals" not in fired(snap(people, log, events, stretch))


def test_a_first_month_has_no_history_to_judge_targets_by():
    people = [Person(f"Colleague{i} Surname", Role.COLLEAGUE, id=10 + i) for i in range(3)]
    log = [talk(day(-i), 10 + i) for i in range(3)]
    goals = [Goal("2026-04", GoalMetric.CONVERSATIONS, 30)]
    assert "realistic-goals" not in fired(snap(people, log, goals=goals))


# ------------------------------------------------------------------ doing well


def _thriving(extra_people=()) -> Snapshot:
    """A member two months in: steady chats, follow-ups the next day, goals met, help given and asked for."""
    ana = Person("Ana Ruiz", Role.SUPERVISOR, id=1)
    chi = Person("Chi Wu", Role.COLLEAGUE, id=3)
    dee = Person("Dee Park", Role.INDUSTRY_PROFESSIONAL, id=6)
    ben = Person("Ben Okafor", Role.FELLOW_INTERN, id=5)
    eve = Person("Eve Lin", Role.COLLEAGUE, id=9)
    log = [talk(dt.date(2026, 3, d), (1, 3, 6, 5)[d % 4], quality=4) for d in (3, 10, 17, 24, 27)]
    april = [
        (1, 1, Setting.ONE_ON_ONE),
        (2, 3, Setting.COFFEE_CHAT),
        (3, 6, Setting.INDUSTRY_EVENT),
        (6, 5, Setting.ONLINE),
        (8, 1, Setting.ONE_ON_ONE),
        (9, 9, Setting.COFFEE_CHAT),  # Eve, new this month
        (11, 3, Setting.ONE_ON_ONE),
        (12, 6, Setting.ONLINE),
        (13, 9, Setting.ONE_ON_ONE),
    ]
    for n, (d, who, setting) in enumerate(april):
        when = dt.date(2026, 4, d)
        follow = {"followup_due": when + dt.timedelta(2), "followup_done": when + dt.timedelta(1)} if n % 2 == 0 else {}
        asked = {"learned": "I asked for feedback on my first dashboard."} if n == 4 else {}
        help_offered = "Shared my notes" if n % 3 == 0 else ""
        log.append(talk(when, who, setting=setting, help_offered=help_offered, **follow, **asked))
    events = [Event("Data meetup", dt.date(2026, 4, 3), EventKind.INDUSTRY, attended=True, id=1)]
    goals = [
        Goal("2026-04", GoalMetric.CONVERSATIONS, 8),
        Goal("2026-04", GoalMetric.FOLLOW_UPS_SENT, 5),
        Goal("2026-03", GoalMetric.CONVERSATIONS, 5),
    ]
    profile = Profile(internship_start=dt.date(2026, 2, 16), internship_end=dt.date(2026, 8, 28))
    return snap([ana, chi, dee, ben, eve, *extra_people], log, events, goals, profile)


def test_a_thriving_member_is_praised_with_their_numbers_and_given_one_stretch():
    top = top_three(_thriving())
    assert [n.rule for n in top] == ["on-track"], [(n.rule, n.reason) for n in top]
    nudge = top[0]
    assert nudge.tip_id == "keep-building" and nudge.priority == Priority.ENCOURAGE
    assert nudge.reason.startswith("9 conversations this month")
    assert "every goal for April 2026 reached" in nudge.reason
    assert "5 follow-ups, all within two days" in nudge.reason
    # Conversations are furthest past their goal (9 of 8): the stretch is a quarter above 9.
    assert nudge.action == "Next level: raise your conversations goal for April 2026 from 8 to 12."


def test_a_thriving_member_with_someone_senior_not_yet_met_is_pointed_to_them_by_name():
    rae = Person("Rae Moss", Role.INDUSTRY_PROFESSIONAL, id=20)
    nudge = fired(_thriving([rae]))["on-track"]
    assert nudge.person_ids == (rae.id,)
    assert nudge.action.startswith("Next level: ask Rae Moss (industry professional) for twenty minutes")


def test_a_thriving_member_with_a_newer_intern_is_asked_to_give_back():
    kai = Person("Kai Noor", Role.FELLOW_INTERN, id=21)
    nudge = fired(_thriving([kai]))["on-track"]
    assert nudge.person_ids == (kai.id,) and "give back" in nudge.action and "Kai Noor" in nudge.action


def test_late_in_the_month_the_stretch_is_next_months_goal():
    snapshot = _thriving()
    late = dt.date(2026, 4, 27)
    log = (*snapshot.conversations, talk(dt.date(2026, 4, 22), 1), talk(dt.date(2026, 4, 26), 3))
    nudge = fired(dataclasses.replace(snapshot, conversations=log), late)["on-track"]
    assert nudge.action == "Next level: set conversations to 14 for May 2026, a step above this month's 11."


def test_a_quiet_but_steady_month_is_praised_rather_than_met_with_nothing_pressing():
    # Three good chats this month, online and at a meetup, help offered, nothing owed: nothing to fix.
    people = [Person("Ana Ruiz", Role.SUPERVISOR, id=1), Person("Chi Wu", Role.COLLEAGUE, id=3), DEE]
    log = [
        talk(day(-12), 3, quality=4, setting=Setting.ONLINE),
        talk(day(-8), 1, quality=4, help_offered="Tidied the runbook"),
        talk(day(-2), DEE.id, quality=5, setting=Setting.INDUSTRY_EVENT),
    ]
    top = top_three(snap(people, log, profile=Profile(internship_start=day(-70), internship_end=day(60))))
    assert [n.rule for n in top] == ["on-track"]
    assert top[0].reason.startswith("3 conversations this month")
    assert top[0].person_ids == (DEE.id,)  # met once, at the meetup: the next level is a second talk


def test_no_praise_or_stretch_when_the_member_wrote_they_feel_overwhelmed():
    snapshot = _thriving()
    low = Signal(
        kind=SignalKind.FEELING,
        quote="Honestly I feel overwhelmed by all of this.",
        source=Source(SourceKind.REFLECTION, 1, "text", day(-5)),
        person_ids=(),
        feeling=Feeling.OVERWHELMED,
    )
    ctx = rule_context(snapshot, TODAY)
    assert [n.rule for rule in encouragement.RULES for n in rule.apply(ctx)] == ["on-track"]
    quiet = dataclasses.replace(ctx, signals=(low,))
    assert [n for rule in encouragement.RULES for n in rule.apply(quiet)] == []
    proud = dataclasses.replace(low, feeling=Feeling.PROUD, quote="I'm proud of the demo.")
    assert [n.rule for rule in encouragement.RULES for n in rule.apply(dataclasses.replace(ctx, signals=(proud,)))] == [
        "on-track"
    ]


def test_no_praise_with_a_goal_behind_or_a_follow_up_overdue():
    snapshot = _thriving()
    behind = dataclasses.replace(snapshot, goals=(*snapshot.goals, Goal("2026-04", GoalMetric.NEW_PEOPLE, 30)))
    assert "on-track" not in fired(behind)
    late = talk(day(-5), 3, followup_due=day(-3))
    assert "on-track" not in fired(dataclasses.replace(snapshot, conversations=(*snapshot.conversations, late)))


# ------------------------------------------------------------------ whole numbers


def test_pace_is_said_in_whole_numbers():
    assert pace_words("conversations", coach.pace(2, 8, "2026-04", TODAY)) == "conversations 2 of 8, 6 to go in 16 days"
    assert pace_words("new people", coach.pace(5, 4, "2026-04", TODAY)) == "new people 5 of 4, reached"
    assert pace_words("events attended", coach.pace(0, 1, "2026-03", TODAY)) == "events attended 0 of 1"


def test_goal_talk_turns_to_next_month_in_the_last_five_days():
    assert goal_month(TODAY) == "2026-04"
    assert goal_month(dt.date(2026, 4, 25)) == "2026-04"
    assert goal_month(dt.date(2026, 4, 26)) == "2026-05"
    assert goal_month(dt.date(2026, 12, 31)) == "2027-01"


_DECIMAL = re.compile(r"\d\.\d")


@RULE_EXAMPLES
@given(
    roles=st.lists(st.sampled_from(list(Role)), min_size=1, max_size=5),
    talks=st.lists(
        st.tuples(st.integers(0, 4), st.integers(0, 200), st.integers(1, 5), st.one_of(st.none(), st.integers(0, 6))),
        max_size=16,
    ),
    targets=st.lists(st.tuples(st.sampled_from(list(GoalMetric)), st.integers(-2, 0), st.integers(1, 40)), max_size=5),
    start=st.one_of(st.none(), st.integers(-200, 10)),
    length=st.integers(5, 200),
    today=st.dates(dt.date(2026, 1, 1), dt.date(2026, 12, 31)),
)
def test_no_nudge_ever_shows_a_fraction(roles, talks, targets, start, length, today) -> None:
    people = [Person(f"P{i} Surname", role, id=i + 1) for i, role in enumerate(roles)]
    log = []
    for who, ago, quality, due in talks:
        when = day(-ago, today)
        followup_due = None if due is None else day(due, when)
        log.append(talk(when, who % len(people) + 1, quality=quality, followup_due=followup_due))
    goals = [Goal(coach.shift_month(coach.month_of(today), m), metric, t) for metric, m, t in targets]
    goals = list({(g.month, g.metric): g for g in goals}.values())
    profile = Profile(
        internship_start=None if start is None else day(start, today),
        internship_end=None if start is None else day(start + length, today),
    )
    for nudge in coach.nudges(snap(people, log, goals=goals, profile=profile), today):
        for text in (nudge.title, nudge.reason, nudge.action):
            assert not _DECIMAL.search(text), (nudge.rule, text)
