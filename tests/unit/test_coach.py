"""The coach reading a member's log back to them: nudges, goals, relationships.

Every test builds a small log by hand, as a member would have entered it, and
checks what the coach says about it (and that it keeps quiet when it should).
"""

from __future__ import annotations

import datetime as dt
import itertools
import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from support import TODAY

from netcoach import coach
from netcoach.coach import PaceStatus, TouchStatus, tips
from netcoach.coach.thresholds import EARLY_MONTH_DAY, NEW_PERSON_WINDOW_DAYS, STARTER_TARGETS
from netcoach.models import (
    Conversation,
    Event,
    EventKind,
    Goal,
    GoalMetric,
    MentorStage,
    Person,
    Profile,
    Role,
    Setting,
    Snapshot,
)

# The first example warms up pandas and the library; how long it takes is not what is checked.
NO_DEADLINE = settings(deadline=None)
RULE_EXAMPLES = settings(deadline=None, max_examples=40)  # each example runs every rule
_ids = itertools.count(1)


def day(offset: int, base: dt.date = TODAY) -> dt.date:
    """A date `offset` days from `base` (negative: in the past)."""
    return base + dt.timedelta(days=offset)


def person(pid: int, role: Role = Role.COLLEAGUE, name: str | None = None, **kw) -> Person:
    return Person(name=name or f"Person{pid} Surname", role=role, id=pid, **kw)


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


ANA = person(1, Role.SUPERVISOR, "Ana Ruiz")
BEN = person(2, Role.FELLOW_INTERN, "Ben Okafor")
CHI = person(3, Role.COLLEAGUE, "Chi Wu")
DEE = person(4, Role.INDUSTRY_PROFESSIONAL, "Dee Park")
CREW = (ANA, BEN, CHI, DEE)


# ------------------------------------------------------------------ the rule set


def test_every_action_tip_has_at_least_one_rule_and_every_rule_links_a_real_tip():
    action_tips = {t.id for t in tips.load_tips() if t.kind.needs_actions}
    assert len(action_tips) == 11
    assert action_tips <= set(coach.RULE_TIPS.values())
    for tip_id in coach.RULE_TIPS.values():
        tips.tip_by_id(tip_id)


def test_a_busy_balanced_member_is_only_praised_with_one_next_level():
    """Someone doing everything right hears nothing to fix: only what went well, in numbers, and one step up."""
    mentor = person(1, Role.SUPERVISOR, "Ana Ruiz", mentor_stage=MentorStage.MENTOR)
    people = [mentor, BEN, CHI, DEE]
    log = [
        talk(day(-40), 1, 2, 3, quality=4),
        talk(day(-30), 2, help_offered="Reviewed his slides"),
        talk(day(-12), 1, quality=5, followup_due=day(-10), followup_done=day(-11)),
        talk(day(-10), 3, setting=Setting.ONLINE, followup_due=day(-8), followup_done=day(-9)),
        talk(day(-8), 2, help_offered="Paired on a bug"),
        talk(day(-5), 3, quality=4, followup_due=day(-3), followup_done=day(-4)),
        talk(day(-3), 4, setting=Setting.INDUSTRY_EVENT, followup_due=day(-1), followup_done=day(-2)),
        talk(day(-1), 1),
    ]
    events = [Event("Meetup", day(-3), EventKind.INDUSTRY, attended=True, id=1)]
    goals = [Goal("2026-03", GoalMetric.CONVERSATIONS, 2), Goal("2026-02", GoalMetric.CONVERSATIONS, 1)]
    profile = Profile(internship_start=dt.date(2026, 2, 1), internship_end=dt.date(2026, 8, 31))
    (only,) = coach.nudges(snap(people, log, events, goals, profile), TODAY)
    assert only.rule == "on-track" and only.priority.label == "keep it up"
    assert only.reason.startswith("6 conversations this month") and "4 follow-ups, all within two days" in only.reason
    assert only.person_ids == (4,) and "Dee Park" in only.action  # talked once: someone senior to know better


def test_nudges_are_ranked_most_urgent_first_and_carry_numbers():
    log = [talk(day(-30), 2, followup_due=day(-28)), talk(day(-25), 2)]
    found = coach.nudges(snap(CREW, log), TODAY)
    assert len(found) >= 3
    # The top three are in score order, and so is everything that waits below them.
    leaders, others = found[:3], found[3:]
    assert [n.score for n in leaders] == sorted((n.score for n in leaders), reverse=True)
    assert [n.score for n in others] == sorted((n.score for n in others), reverse=True)
    assert found[0].rule == "followup-overdue"
    for nudge in found:
        assert re.search(r"\d", nudge.reason), nudge
        assert nudge.tip_id == coach.RULE_TIPS[nudge.rule]
        assert nudge.action and nudge.title
    assert coach.nudges(snap(CREW, log), TODAY, limit=3) == found[:3]


# ------------------------------------------------------------------ follow up


def test_an_overdue_follow_up_names_the_person_and_how_late_it_is():
    log = [
        talk(day(-10), 1, followup_due=day(-6)),
        talk(day(-4), 2, followup_due=day(-2)),
        talk(day(-3), 3, followup_due=day(2)),  # not due yet
        talk(day(-9), 4, followup_due=day(-7), followup_done=day(-7)),  # sent
    ]
    overdue = [n for n in coach.nudges(snap(CREW, log), TODAY) if n.rule == "followup-overdue"]
    assert [n.person_ids for n in overdue] == [(1,), (2,)]
    first = overdue[0]
    assert (
        first.reason
        == "Your follow-up to Ana after your talk on 05 Apr is 6 days late; 1 other follow-up is waiting too."
    )
    assert first.tip_id == "follow-up" and "Ana" in first.action
    assert "your supervisor" in first.ranking and "6 days late" in first.ranking


def test_an_overdue_follow_up_to_someone_senior_comes_before_an_older_one_to_a_fellow_intern():
    log = [talk(day(-20), 2, followup_due=day(-18)), talk(day(-5), 4, quality=5, followup_due=day(-3))]
    overdue = [n for n in coach.nudges(snap(CREW, log), TODAY) if n.rule == "followup-overdue"]
    assert [n.subject for n in overdue] == [4, 2]
    assert overdue[0].score > overdue[1].score


def test_follow_ups_due_today_or_sent_do_not_count_as_overdue():
    log = [talk(day(-2), 1, followup_due=TODAY), talk(day(-9), 2, followup_due=day(-7), followup_done=day(-6))]
    assert "followup-overdue" not in fired(snap(CREW, log))


@RULE_EXAMPLES
@given(due_offsets=st.lists(st.integers(-20, 10), max_size=4), done=st.lists(st.booleans(), min_size=4, max_size=4))
def test_follow_up_rule_fires_exactly_when_an_open_follow_up_is_past_due(due_offsets, done):
    log = []
    for offset, sent in zip(due_offsets, done, strict=False):
        when = day(min(offset, 0) - 1)
        log.append(talk(when, 1, followup_due=day(offset), followup_done=day(offset) if sent and offset <= 0 else None))
    expected = any(c.followup_done is None and c.followup_due < TODAY for c in log)
    assert ("followup-overdue" in fired(snap(CREW, log))) == expected


def test_follow_ups_that_usually_go_out_late_prompt_a_faster_habit():
    log = [talk(day(-25 + 5 * i), 1 + i % 3, followup_due=day(-23 + 5 * i)) for i in range(4)]
    log = [
        Conversation(**{**c.__dict__, "followup_done": c.date + dt.timedelta(days=4)})
        if c.date + dt.timedelta(days=4) <= TODAY
        else c
        for c in log
    ]
    nudge = fired(snap(CREW, log))["followup-slow"]
    assert "Only 0 of your last 4 follow-ups went out within 2 days" in nudge.reason


def test_prompt_follow_ups_or_too_few_of_them_do_not_prompt_a_habit():
    quick = [talk(day(-20 + 4 * i), 1, followup_due=day(-18 + 4 * i), followup_done=day(-19 + 4 * i)) for i in range(4)]
    assert "followup-slow" not in fired(snap(CREW, quick))
    few = [talk(day(-20), 1, followup_due=day(-18), followup_done=day(-12))]
    assert "followup-slow" not in fired(snap(CREW, few))
    # Chats from the last two days are still inside their 48 hours.
    fresh = [talk(day(-1), 1, followup_due=day(1)) for _ in range(4)]
    assert "followup-slow" not in fired(snap(CREW, fresh))


# ------------------------------------------------------------------ be proactive


def test_no_one_new_for_two_weeks_prompts_a_first_move():
    log = [talk(day(-40), 1), talk(day(-20), 2), talk(day(-3), 1)]  # Ana again is not new
    nudge = fired(snap(CREW, log))["no-new-people"]
    assert "No one new in your log for 20 days" in nudge.reason
    assert nudge.tip_id == "be-proactive"


def test_an_empty_log_is_invited_to_a_first_hello():
    assert "0 people" in fired(snap())["no-new-people"].reason


@RULE_EXAMPLES
@given(gap=st.integers(0, 60))
@example(gap=NEW_PERSON_WINDOW_DAYS - 1)
@example(gap=NEW_PERSON_WINDOW_DAYS)
def test_first_move_rule_wakes_exactly_at_fourteen_days(gap):
    log = [talk(day(-gap), 1)]
    assert ("no-new-people" in fired(snap(CREW, log))) == (gap >= NEW_PERSON_WINDOW_DAYS)


def test_a_month_spent_with_one_kind_of_person_suggests_meeting_outside_the_circle():
    interns = [person(10 + i, Role.FELLOW_INTERN) for i in range(3)]
    log = [talk(day(-i), 10 + i) for i in range(3)]
    nudge = fired(snap(interns, log))["one-role"]
    assert "All 3 of your one-on-one talks in the last 30 days were with fellow interns" in nudge.reason
    assert "fellow intern" not in nudge.action


def test_the_circle_nudge_points_to_the_kind_of_person_met_least():
    colleagues = [person(10 + i, Role.COLLEAGUE) for i in range(3)]
    log = [talk(day(-60), 1), talk(day(-50), 2)] + [talk(day(-i), 10 + i) for i in range(3)]
    nudge = fired(snap([*CREW, *colleagues], log))["one-role"]
    assert "with colleagues" in nudge.reason
    # Dee, the industry professional, was never met: named rather than "an industry professional".
    assert "ask Dee Park (industry professional) for fifteen minutes" in nudge.action
    assert nudge.person_ids == (4,)


def test_the_circle_nudge_names_a_role_only_when_nobody_in_people_fits():
    colleagues = [person(10 + i, Role.COLLEAGUE) for i in range(3)]
    nudge = fired(snap(colleagues, [talk(day(-i), 10 + i) for i in range(3)]))["one-role"]
    assert "ask a supervisor for fifteen minutes" in nudge.action and nudge.person_ids == ()


def test_a_mixed_month_or_a_short_one_does_not_count_as_one_circle():
    interns = [person(10 + i, Role.FELLOW_INTERN) for i in range(3)]
    mixed = [talk(day(-1), 10), talk(day(-2), 11), talk(day(-3), 3)]
    assert "one-role" not in fired(snap([*interns, CHI], mixed))
    short = [talk(day(-1), 10), talk(day(-2), 11)]
    assert "one-role" not in fired(snap(interns, short))


# ------------------------------------------------------------------ offer help


def test_a_month_without_offered_help_prompts_giving_first():
    log = [talk(day(-1), 3), talk(day(-5), 2), talk(day(-9), 1)]
    nudge = fired(snap(CREW, log))["no-help"]
    assert "None of your 3 conversations this month" in nudge.reason
    assert nudge.person_ids[0] == 3 and "Chi" in nudge.action


def test_help_rule_stays_quiet_when_help_was_offered_early_in_the_month_or_when_settling_in():
    log = [talk(day(-1), 3), talk(day(-5), 2, help_offered="Shared a script"), talk(day(-9), 1)]
    assert "no-help" not in fired(snap(CREW, log))
    early = dt.date(2026, 4, 9)
    early_log = [talk(day(-i, early), 1 + i) for i in range(3)]
    assert "no-help" not in fired(snap(CREW, early_log), early)
    new_start = Profile(internship_start=day(-3))
    assert "no-help" not in fired(snap(CREW, [talk(day(-i), 1 + i) for i in range(3)], profile=new_start))


# ------------------------------------------------------------------ seek mentorship


def test_good_talks_about_the_members_path_with_a_senior_person_point_to_a_mentor():
    log = [
        talk(day(-30), 4, quality=4, topics=("career paths",)),
        talk(day(-10), 4, quality=5, learned="Grad school can wait a year or two."),
        talk(day(-5), 2, quality=5),
    ]
    nudge = fired(snap(CREW, log))["mentor-next-step"]
    assert nudge.person_ids == (4,)
    assert "2 good conversations (quality 4+) with Dee Park" in nudge.reason
    assert "advice" in nudge.action and "Dee" in nudge.action


def test_a_supervisors_routine_one_on_ones_are_not_mentoring():
    weekly = [
        talk(day(-7 * i), 1, quality=5, topics=("sprint status",), learned="Ticket priorities.") for i in range(1, 6)
    ]
    assert "mentor-next-step" not in fired(snap(CREW, weekly))


def test_the_members_own_pipeline_comes_first_with_the_next_stage_step():
    ana = person(1, Role.SUPERVISOR, "Ana Ruiz")
    dee = person(4, Role.INDUSTRY_PROFESSIONAL, "Dee Park", mentor_stage=MentorStage.ASKED_ADVICE)
    chi = person(3, Role.COLLEAGUE, "Chi Wu", mentor_stage=MentorStage.FIRST_CHAT)
    log = [
        *(talk(day(-7 * i), 1, quality=5, topics=("career",)) for i in range(1, 5)),
        talk(day(-40), 4, quality=4),
        talk(day(-3), 3, quality=4),
    ]
    nudge = fired(snap([ana, BEN, chi, dee], log))["mentor-next-step"]
    assert nudge.person_ids == (4,)
    assert "Act on Dee's advice, then tell them what you did" in nudge.action
    assert "asked advice" in nudge.reason


def test_no_mentor_nudge_with_a_mentor_already_or_without_a_senior_candidate():
    good = [talk(day(-30), 1, quality=4, topics=("career",)), talk(day(-10), 1, quality=5)]
    has_mentor = [ANA, person(5, Role.COLLEAGUE, "Eve Lin", mentor_stage=MentorStage.MENTOR)]
    assert "mentor-next-step" not in fired(snap(has_mentor, good))
    peer_talks = [talk(day(-30), 2, quality=5, topics=("career",)), talk(day(-10), 2, quality=5)]
    assert "mentor-next-step" not in fired(snap(CREW, peer_talks))
    average = [talk(day(-30), 1, quality=3, topics=("career",)), talk(day(-10), 1, quality=4)]
    assert "mentor-next-step" not in fired(snap(CREW, average))


# ------------------------------------------------------------------ quality over quantity


def test_many_one_off_contacts_prompt_second_conversations():
    people = [person(10 + i, Role.INDUSTRY_PROFESSIONAL) for i in range(7)]
    log = [talk(day(-60 + i), 10 + i, quality=3 + (i == 4)) for i in range(7)]
    log.append(talk(day(-20), 10))  # one second chat
    nudge = fired(snap(people, log))["one-off-contacts"]
    assert "only once with 6 of the 7 people" in nudge.reason
    assert nudge.person_ids[0] == 14  # the best first conversation comes first
    assert len(nudge.person_ids) == 3


def test_after_many_one_off_chats_the_coach_points_back_to_the_people_the_member_clicked_with():
    people = [person(10 + i, Role.INDUSTRY_PROFESSIONAL) for i in range(10)]
    log = [talk(day(-60 + i), 10 + i, quality=3) for i in range(10)]
    log += [talk(day(-20), 10, quality=5), talk(day(-15), 11, quality=4)]  # the two he keeps seeing
    nudge = fired(snap(people, log))["one-off-contacts"]
    assert nudge.person_ids == (10, 11)
    assert "Skip the next mixer: put that hour into Person10 and Person11" in nudge.action


def test_second_conversations_or_brand_new_contacts_keep_the_depth_rule_quiet():
    people = [person(10 + i, Role.INDUSTRY_PROFESSIONAL) for i in range(6)]
    half_repeat = [talk(day(-60 + i), 10 + i) for i in range(6)] + [talk(day(-10), 10 + i) for i in range(3)]
    assert "one-off-contacts" not in fired(snap(people, half_repeat))
    just_met = [talk(day(-2), 10 + i) for i in range(6)]
    assert "one-off-contacts" not in fired(snap(people, just_met))


def test_people_kept_in_touch_with_are_named_when_past_their_check_in():
    log = [talk(day(-40), 1), talk(day(-20), 1), talk(day(-50), 4)]  # Dee: one-off, not nagged
    nudge = fired(snap(CREW, log))["keep-in-touch"]
    assert nudge.person_ids == (1,)
    assert nudge.reason == "You last talked with Ana on 26 Mar, 6 days past your every-14-days check-in."


def test_a_warm_relationship_is_named_before_one_gone_cold():
    eve = person(5, Role.COLLEAGUE, "Eve Lin", cadence_days=7)
    log = [talk(day(-300), 5), talk(day(-60), 1, quality=5), talk(day(-35), 1, quality=5), talk(day(-20), 1)]
    check_ins = [n for n in coach.nudges(snap([*CREW, eve], log), TODAY) if n.rule == "keep-in-touch"]
    assert [n.person_ids for n in check_ins] == [(1,), (5,)]
    assert "1 other person is due too" in check_ins[0].reason


def test_logging_a_conversation_restarts_the_check_in_clock():
    log = [talk(day(-40), 1), talk(day(-20), 1), talk(day(-1), 1)]
    assert "keep-in-touch" not in fired(snap(CREW, log))


# ------------------------------------------------------------------ realistic goals


def _missed_twice_log() -> tuple[list[Conversation], list[Goal]]:
    people_log = [
        talk(dt.date(2026, 1, 10), 10),
        talk(dt.date(2026, 1, 12), 11),
        talk(dt.date(2026, 2, 10), 12),
        talk(dt.date(2026, 3, 10), 13),
        talk(dt.date(2026, 3, 12), 14),
    ]
    goals = [Goal("2026-02", GoalMetric.NEW_PEOPLE, 5), Goal("2026-03", GoalMetric.NEW_PEOPLE, 5)]
    return people_log, goals


def test_goals_missed_two_months_running_get_a_reachable_target():
    log, goals = _missed_twice_log()
    people = [person(10 + i) for i in range(5)]
    nudge = fired(snap(people, log, goals=goals))["realistic-goals"]
    assert "1 of 5 in February 2026" in nudge.reason and "2 of 5 in March 2026" in nudge.reason
    # History 2, 1, 2 -> median 2, a little more -> 3.
    assert "Set new people to 3 for April 2026" in nudge.action


def test_one_missed_month_or_an_already_lowered_target_is_not_nagged():
    log, goals = _missed_twice_log()
    people = [person(10 + i) for i in range(5)]
    # One missed month at twice the best month (2 new people) is a stretch, not a leap.
    only_march = [Goal("2026-03", GoalMetric.NEW_PEOPLE, 4)]
    assert "realistic-goals" not in fired(snap(people, log, goals=only_march))
    lowered = [*goals, Goal("2026-04", GoalMetric.NEW_PEOPLE, 3)]
    assert "realistic-goals" not in fired(snap(people, log, goals=lowered))
    met = [Goal("2026-02", GoalMetric.NEW_PEOPLE, 1), Goal("2026-03", GoalMetric.NEW_PEOPLE, 2)]
    assert "realistic-goals" not in fired(snap(people, log, goals=met))


# ------------------------------------------------------------------ events and online


def test_a_month_without_events_suggests_one_and_names_a_listed_event():
    log = [talk(day(-3), 1)]
    nudge = fired(snap(CREW, log))["no-events"]
    assert "0 events attended this month, 15 days in" in nudge.reason
    listed = [Event("Data meetup", day(6), EventKind.INDUSTRY, id=1)]
    assert "Data meetup" in fired(snap(CREW, log, listed))["no-events"].action


def test_an_attended_event_or_an_event_conversation_keeps_the_events_rule_quiet():
    log = [talk(day(-3), 1)]
    attended = [Event("Town hall", day(-4), EventKind.COMPANY, attended=True, id=1)]
    assert "no-events" not in fired(snap(CREW, log, attended))
    at_event = [talk(day(-3), 4, setting=Setting.INDUSTRY_EVENT)]
    assert "no-events" not in fired(snap(CREW, at_event))
    assert "no-events" not in fired(snap())  # nothing logged yet: no nagging


@RULE_EXAMPLES
@given(day_of_month=st.integers(1, 28))
@example(day_of_month=EARLY_MONTH_DAY - 1)
@example(day_of_month=EARLY_MONTH_DAY)
def test_events_rule_never_nags_before_the_tenth_without_a_listed_event(day_of_month):
    today = dt.date(2026, 4, day_of_month)
    log = [talk(dt.date(2026, 3, 20), 1)]
    assert ("no-events" in fired(snap(CREW, log), today)) == (day_of_month >= EARLY_MONTH_DAY)


def test_early_in_the_month_a_listed_event_soon_is_suggested_after_a_month_without_any():
    today = dt.date(2026, 4, 6)
    log = [talk(dt.date(2026, 3, 20), 1)]
    meetup = Event("Porto Data Meetup", dt.date(2026, 4, 9), EventKind.INDUSTRY, id=1)
    nudge = fired(snap(CREW, log, [meetup]), today)["no-events"]
    assert "Porto Data Meetup is on your list for 09 Apr" in nudge.reason
    went = Event("Lisbon meetup", dt.date(2026, 3, 25), EventKind.INDUSTRY, attended=True, id=2)
    assert "no-events" not in fired(snap(CREW, log, [meetup, went]), today)


def test_no_online_activity_suggests_connecting_with_new_people():
    log = [talk(day(-3), 4), talk(day(-30), 1)]
    nudge = fired(snap(CREW, log))["no-online"]
    assert "0 online actions logged this month" in nudge.reason
    assert nudge.person_ids == (4,) and "Dee" in nudge.action


def test_an_online_chat_or_online_event_counts_as_online_activity():
    assert "no-online" not in fired(snap(CREW, [talk(day(-3), 4, setting=Setting.ONLINE)]))
    webinar = [Event("Webinar", day(-2), EventKind.ONLINE, attended=True, id=1)]
    assert "no-online" not in fired(snap(CREW, [talk(day(-3), 4)], webinar))


# ------------------------------------------------------------------ genuine interest


def test_conversations_with_nothing_learned_prompt_better_questions():
    log = [talk(day(-10 + i), 1 + i % 4, learned="") for i in range(4)] + [talk(day(-1), 1)]
    nudge = fired(snap(CREW, log))["learned-empty"]
    assert "4 of your last 5 conversations have nothing noted" in nudge.reason
    assert nudge.tip_id == "genuine-interest"


def test_well_noted_conversations_keep_the_curiosity_rule_quiet():
    log = [talk(day(-10 + i), 1) for i in range(4)] + [talk(day(-1), 2, learned="")]
    assert "learned-empty" not in fired(snap(CREW, log))


# ------------------------------------------------------------------ patience and practice


def test_a_pause_after_steady_weeks_gets_encouragement_and_one_easy_chat_with_someone_enjoyed():
    log = [talk(day(-12 - 5 * i), 1 + i % 4, quality=5 if i % 4 == 2 else 3) for i in range(5)]
    found = coach.nudges(snap(CREW, log), TODAY, limit=3)
    nudge = found[0]
    assert nudge.rule == "quiet-stretch" and nudge.tip_id == "be-patient"
    assert "No conversations in 12 days, after 5 conversations in the 8 weeks before that" in nudge.reason
    assert nudge.person_ids == (3,) and "Chi" in nudge.action
    # No guilt: neither "practise" nor "meet strangers" during a pause.
    assert {"few-conversations", "no-new-people", "no-events"}.isdisjoint(n.rule for n in found)


def test_no_encouragement_without_earlier_effort_or_during_activity():
    assert "quiet-stretch" not in fired(snap(CREW, [talk(day(-12), 1)]))
    active = [talk(day(-3 - 5 * i), 1) for i in range(5)]
    assert "quiet-stretch" not in fired(snap(CREW, active))


def test_a_thin_log_suggests_low_stakes_practice():
    nudge = fired(snap(CREW, [talk(day(-5), 1)]))["few-conversations"]
    assert "1 conversation logged in the last 30 days" in nudge.reason
    assert "0 conversations" in fired(snap())["few-conversations"].reason


def test_three_recent_conversations_are_enough_to_skip_practice():
    log = [talk(day(-1), 1), talk(day(-10), 2), talk(day(-29), 3)]
    assert "few-conversations" not in fired(snap(CREW, log))


# ------------------------------------------------------------------ leaving


def test_the_last_three_weeks_bring_thanks_for_others_while_the_supervisor_is_asked_for_a_reference():
    profile = Profile(internship_end=day(10))
    found = fired(snap(CREW, [talk(day(-3), 1), talk(day(-4), 2)], profile=profile))
    thanks = found["exit-thanks"]
    assert "ends in 10 days" in thanks.reason and thanks.person_ids == (2,)
    assert thanks.score > 85
    assert found["exit-asks"].person_ids == (1,)  # Ana, the supervisor: one ask of her, not two


# ------------------------------------------------------------------ targets and pace


def test_suggested_target_is_a_little_above_the_recent_median():
    assert coach.suggest_target([3, 5, 4]) == 5
    assert coach.suggest_target([10, 10, 10]) == 11
    assert coach.suggest_target([100, 2, 2, 2]) == 3  # only the last three months count
    assert coach.suggest_target([0, 0, 0]) == 1
    assert coach.suggest_target([]) == 1


@NO_DEADLINE
@given(st.lists(st.integers(0, 200), max_size=6), st.integers(0, 5), st.integers(1, 50))
def test_suggested_target_is_never_below_one_nor_the_median_and_grows_with_history(history, index, bump):
    target = coach.suggest_target(history)
    recent = sorted(history[-3:])
    assert target >= 1
    if recent:
        assert target >= recent[len(recent) // 2] if len(recent) % 2 else target >= sum(recent[-2:]) / 2
    if history:
        higher = list(history)
        i = index % len(higher)
        higher[i] += bump
        assert coach.suggest_target(higher) >= target


def test_suggested_targets_come_from_the_member_history_or_start_small():
    log = [talk(dt.date(2026, 3, d), 1 + d % 3) for d in (2, 5, 9, 12)]
    targets = coach.suggested_targets(snap(CREW, log), "2026-04")
    # January and February predate the log, so only March (4 conversations) counts.
    assert targets[GoalMetric.CONVERSATIONS] == 5
    assert targets[GoalMetric.EVENTS_ATTENDED] == 1
    assert coach.suggested_targets(snap(), "2026-04") == STARTER_TARGETS


def test_pace_mid_month_shows_what_is_expected_and_what_each_week_needs():
    p = coach.pace(2, 8, "2026-04", TODAY)
    assert p.expected == 4.0 and p.status == PaceStatus.BEHIND
    assert p.remaining == 6 and p.days_left == 16
    assert p.per_week_needed == pytest.approx(6 * 7 / 16, abs=0.01)
    assert coach.pace(4, 8, "2026-04", TODAY).status == PaceStatus.ON_PACE
    assert coach.pace(8, 8, "2026-04", TODAY).status == PaceStatus.DONE
    assert coach.pace(3, 8, "2026-03", TODAY).status == PaceStatus.MISSED


def test_pace_counts_only_the_days_left_in_the_internship():
    p = coach.pace(0, 6, "2026-04", TODAY, internship_end=dt.date(2026, 4, 20))
    assert p.ends_with_internship and p.period_end == dt.date(2026, 4, 20)
    assert p.days_left == 6 and p.per_week_needed == 7.0
    assert p.expected == pytest.approx(6 * 15 / 20, abs=0.01)
    late_start = coach.pace(0, 4, "2026-04", dt.date(2026, 4, 16), internship_start=dt.date(2026, 4, 16))
    assert late_start.status == PaceStatus.ON_PACE and late_start.days_left == 15


@NO_DEADLINE
@given(
    actual=st.integers(0, 50),
    target=st.integers(1, 50),
    offset=st.integers(-40, 70),
    end_day=st.one_of(st.none(), st.integers(1, 30)),
)
def test_pace_is_never_negative_and_done_means_reached(actual, target, offset, end_day):
    today = dt.date(2026, 4, 1) + dt.timedelta(days=offset)
    end = dt.date(2026, 4, end_day) if end_day else None
    p = coach.pace(actual, target, "2026-04", today, internship_end=end)
    assert p.per_week_needed >= 0 and p.remaining >= 0 and p.days_left >= 0
    assert 0 <= p.expected <= target
    assert (p.status == PaceStatus.DONE) == (actual >= target)


def test_goal_paces_follow_the_log_for_each_set_goal():
    log = [talk(day(-2), 1), talk(day(-3), 2)]
    paces = coach.goal_paces(snap(CREW, log, goals=[Goal("2026-04", GoalMetric.CONVERSATIONS, 4)]), "2026-04", TODAY)
    assert list(paces) == [GoalMetric.CONVERSATIONS] and paces[GoalMetric.CONVERSATIONS].actual == 2


def test_goal_streak_counts_months_in_a_row_with_every_goal_met():
    log = [talk(dt.date(2026, m, 5), 1) for m in (1, 2, 3)]
    goals = [Goal(f"2026-0{m}", GoalMetric.CONVERSATIONS, 1) for m in (1, 2, 3)]
    assert coach.goal_streak(snap(CREW, log, goals=goals), TODAY) == 3
    # An unmet goal this month does not break it: the month is not over.
    assert coach.goal_streak(snap(CREW, log, goals=[*goals, Goal("2026-04", GoalMetric.NEW_PEOPLE, 9)]), TODAY) == 3
    missed_feb = [*goals, Goal("2026-02", GoalMetric.NEW_PEOPLE, 3)]
    assert coach.goal_streak(snap(CREW, log, goals=missed_feb), TODAY) == 1
    no_goal_in_feb = [g for g in goals if g.month != "2026-02"]
    assert coach.goal_streak(snap(CREW, log, goals=no_goal_in_feb), TODAY) == 1
    assert coach.goal_streak(snap(CREW, log), TODAY) == 0


def test_monthly_review_gives_numbers_targets_and_the_best_conversation():
    march = [
        talk(dt.date(2026, 3, 3), 1, 2, quality=5),
        talk(dt.date(2026, 3, 20), 3, quality=5, help_offered="Fixed a chart"),
        talk(dt.date(2026, 3, 25), 3, quality=2),
        talk(dt.date(2026, 4, 2), 4, quality=5),
    ]
    goals = [Goal("2026-03", GoalMetric.CONVERSATIONS, 3), Goal("2026-03", GoalMetric.NEW_PEOPLE, 5)]
    review = coach.monthly_review(snap(CREW, march, goals=goals), "2026-03")
    results = {r.metric: r for r in review.results}
    assert results[GoalMetric.CONVERSATIONS].met is True and results[GoalMetric.NEW_PEOPLE].met is False
    assert results[GoalMetric.HELP_OFFERED].target is None and results[GoalMetric.HELP_OFFERED].actual == 1
    assert (review.goals_set, review.goals_met) == (2, 1)
    assert review.best_conversation == march[1]  # quality 5, and the more recent of the two
    assert (review.conversations, review.people_met, review.new_people) == (3, 3, 3)


# ------------------------------------------------------------------ relationships


def test_default_cadence_reflects_how_close_each_role_usually_is():
    assert coach.default_cadence(Role.SUPERVISOR) == 14
    assert coach.default_cadence(Role.MENTOR) == 21
    assert coach.default_cadence(Role.FELLOW_INTERN) == 30
    assert coach.default_cadence(Role.INDUSTRY_PROFESSIONAL) == 45
    assert all(coach.default_cadence(r) > 0 for r in Role)


def test_keep_in_touch_lists_overdue_then_due_then_fine():
    people = [ANA, BEN, CHI, person(5, Role.COLLEAGUE, "Eve Lin", cadence_days=7), person(6, name="Never Met")]
    log = [talk(day(-20), 1), talk(day(-28), 2), talk(day(-2), 3), talk(day(-9), 5)]
    rows = coach.keep_in_touch(snap(people, log), TODAY)
    status = {r.person_id: r.status for r in rows}
    assert status == {1: TouchStatus.OVERDUE, 5: TouchStatus.OVERDUE, 2: TouchStatus.DUE, 3: TouchStatus.OK}
    assert [r.person_id for r in rows] == [1, 5, 2, 3]
    ana = rows[0]
    assert ana.cadence_days == 14 and ana.due_date == day(-6) and ana.days_overdue == 6
    assert rows[1].cadence_days == 7  # a person's own cadence wins over the role's


def test_any_conversation_restarts_the_clock_even_a_group_one():
    log = [talk(day(-20), 1), talk(day(-1), 1, 2, 3, setting=Setting.TEAM_MEETING)]
    ana = next(r for r in coach.keep_in_touch(snap(CREW, log), TODAY) if r.person_id == 1)
    assert ana.status == TouchStatus.OK and ana.last_date == day(-1)


def test_strength_rewards_recent_and_good_conversations():
    people = [ANA, BEN, CHI, DEE]
    log = [talk(day(-5), 1, quality=5), talk(day(-5), 2, quality=2), talk(day(-150), 3, quality=5)]
    strength = coach.relationship_strength(snap(people, log), TODAY)
    assert strength[4] == 0.0
    assert strength[1] > strength[2] > 0
    assert strength[1] > strength[3] > 0


@NO_DEADLINE
@given(
    ages=st.lists(st.integers(0, 400), min_size=1, max_size=30),
    qualities=st.lists(st.integers(1, 5), min_size=30, max_size=30),
    role=st.sampled_from(list(Role)),
)
def test_strength_stays_in_range_and_one_missed_check_in_never_wipes_it_out(ages, qualities, role):
    who = person(1, role)
    log = [talk(day(-a), 1, quality=q) for a, q in zip(ages, qualities, strict=False)]
    now = coach.relationship_strength(snap([who], log), TODAY)[1]
    later = coach.relationship_strength(snap([who], log), day(coach.default_cadence(role)))[1]
    assert 0 < now <= 100
    assert later >= now / 2 - 0.1


def test_mentor_pipeline_lists_each_candidate_with_the_next_step():
    people = [
        person(1, Role.SUPERVISOR, "Ana Ruiz", mentor_stage=MentorStage.ASKED_ADVICE),
        person(2, Role.COLLEAGUE, "Ben Okafor", mentor_stage=MentorStage.FIRST_CHAT),
        person(3, Role.MENTOR, "Chi Wu"),
        person(4, Role.COLLEAGUE, "Dee Park"),
    ]
    log = [talk(day(-9), 1), talk(day(-2), 1)]
    rows = coach.mentor_pipeline(snap(people, log))
    assert [(r.person_id, r.stage) for r in rows] == [
        (3, MentorStage.MENTOR),
        (1, MentorStage.ASKED_ADVICE),
        (2, MentorStage.FIRST_CHAT),
    ]
    ana = rows[1]
    assert ana.step == 3 and ana.conversations == 2 and ana.last_date == day(-2)
    assert "Ana" in ana.next_step and "advice" in ana.next_step
    assert "second chat" in rows[2].next_step


def test_followthrough_per_month_shows_the_on_time_share_and_median_delay():
    log = [
        talk(dt.date(2026, 3, 2), 1, followup_due=dt.date(2026, 3, 4), followup_done=dt.date(2026, 3, 3)),
        talk(dt.date(2026, 3, 10), 2, followup_due=dt.date(2026, 3, 12), followup_done=dt.date(2026, 3, 16)),
        talk(dt.date(2026, 3, 20), 3, followup_due=dt.date(2026, 3, 22)),
        talk(dt.date(2026, 3, 21), 3),  # no follow-up planned: not counted
        talk(day(-1), 1, followup_due=day(1)),  # still inside its 48 hours
    ]
    table = coach.followthrough(snap(CREW, log), TODAY)
    assert list(table["month"]) == ["2026-03"]
    march = table.iloc[0]
    assert (march["needing"], march["done"], march["on_time"]) == (3, 2, 1)
    assert march["share_on_time"] == pytest.approx(1 / 3)
    assert march["median_delay_days"] == 3.5
    assert list(coach.followthrough(snap(CREW, log))["month"]) == ["2026-03", "2026-04"]
    assert coach.followthrough(snap()).empty


def test_exit_list_appears_only_in_the_last_three_weeks():
    people = [ANA, BEN, CHI, DEE, person(5, Role.COLLEAGUE, "Eve Lin", mentor_stage=MentorStage.MENTOR)]
    log = [talk(day(-3 - i), 2, quality=5) for i in range(4)] + [talk(day(-60), 4)]
    near_end = Profile(internship_end=day(14))
    contacts = coach.exit_list(snap(people, log, profile=near_end), TODAY)
    assert [c.person_id for c in contacts][:3] == [5, 1, 2]
    assert contacts[0].reason == "your mentor" and contacts[1].reason == "your supervisor"
    assert "strongest" in contacts[2].reason and contacts[2].last_conversation == log[0]
    assert coach.exit_list(snap(people, log, profile=Profile(internship_end=day(30))), TODAY) == []
    assert coach.exit_list(snap(people, log, profile=Profile(internship_end=day(-1))), TODAY) == []
    assert coach.exit_list(snap(people, log), TODAY) == []


# ------------------------------------------------------------------ drafts


def test_thank_you_draft_is_personal_when_topics_and_lessons_were_logged():
    chat = talk(
        day(-1),
        1,
        topics=("data pipelines", "career paths"),
        learned="Ship small changes. Then more.",
        event="Demo day",
    )
    text = coach.draft_followup_message(ANA, chat, sender="Sam")
    assert text.startswith("Hi Ana,")
    assert "data pipelines and career paths" in text and "ship small changes" in text
    assert "Demo day" in text and text.rstrip().endswith("Sam")
    assert "Then more" not in text  # only the first sentence of the note


def test_stay_in_touch_draft_differs_and_works_without_a_conversation():
    leaving = coach.draft_followup_message(ANA, None, kind="stay_in_touch")
    assert leaving.startswith("Hi Ana,") and "stay in touch" in leaving and "[your name]" in leaving
    assert leaving != coach.draft_followup_message(ANA, None)
    with pytest.raises(ValueError, match="kind"):
        coach.draft_followup_message(ANA, None, kind="apology")


@pytest.mark.parametrize("kind", ["thank_you", "stay_in_touch"])
@pytest.mark.parametrize(
    "note", ["He prefers email over calls.", "Ana wants the slides by Friday.", "Their team ships weekly."]
)
def test_a_draft_never_pastes_a_note_written_about_the_person(kind: str, note: str) -> None:
    chat = talk(day(-1), ANA.id, topics=("data pipelines",), learned=note)
    text = coach.draft_followup_message(ANA, chat, kind=kind)
    assert note.split()[1].lower() not in text.lower().split(), text  # no part of the private note
    assert "data pipelines" in text  # the topic is said instead


@pytest.mark.parametrize(
    "note",
    [
        "Insurance, climate risk models.",
        "Lumen works in two-week design sprints with the client in the room.",
        "Sprint planning, I take the settings page next.",
        "Usability results landed well with product.",
    ],
)
def test_a_draft_leaves_out_the_members_shorthand_and_says_the_topic(note: str) -> None:
    chat = talk(day(-1), ANA.id, topics=("design systems",), learned=note)
    text = coach.draft_followup_message(ANA, chat)
    assert "taking away" not in text and note.split()[0].rstrip(",").lower() not in text.lower()
    assert "I enjoyed our talk about design systems." in text


@pytest.mark.parametrize(
    ("note", "said"),
    [
        ("How the team plans its sprints.", "One thing I am taking away: how the team plans its sprints."),
        ("Ship small changes, then measure.", "One thing I am taking away: ship small changes, then measure."),
    ],
)
def test_a_draft_says_back_a_lesson_or_advice_in_the_members_words(note: str, said: str) -> None:
    assert said in coach.draft_followup_message(ANA, talk(day(-1), ANA.id, learned=note))


@settings(deadline=None, max_examples=200)
@given(
    before=st.lists(st.sampled_from(["we", "talked", "about", "the", "plan", "next"]), max_size=4),
    pronoun=st.sampled_from(["he", "She", "his", "her", "they", "THEM", "Ana"]),
    after=st.lists(st.sampled_from(["likes", "email", "slides", "Friday", "a", "lot"]), max_size=4),
)
def test_no_draft_quotes_a_note_that_speaks_of_the_person(before: list[str], pronoun: str, after: list[str]) -> None:
    # "zqx" marks the note: it appears in the draft only if the note was pasted.
    learned = " ".join(["zqx", *before, pronoun, *after]) + "."
    chat = talk(day(-1), ANA.id, learned=learned)
    for kind in ("thank_you", "stay_in_touch"):
        assert "zqx" not in coach.draft_followup_message(ANA, chat, kind=kind)


# ------------------------------------------------------------- the top three
def test_the_top_three_never_ask_the_same_person_twice() -> None:
    # Ana is overdue a thank-you and, after four good talks, also looks like a mentor:
    # two asks of her at once would compete, so the second waits below the top three.
    talks = [talk(day(-70 + 14 * k), ANA.id, quality=5, topics=("career",)) for k in range(4)]
    talks.append(talk(day(-6), ANA.id, quality=5, followup_due=day(-4)))
    snapshot = snap(people=CREW, conversations=talks)
    every = coach.nudges(snapshot, TODAY)
    naming_ana = [n for n in every if ANA.id in n.person_ids]
    assert len(naming_ana) >= 2, [n.rule for n in every]  # the situation really holds two asks of her

    top = coach.nudges(snapshot, TODAY, limit=3)
    assert sum(ANA.id in n.person_ids for n in top) == 1, [(n.rule, n.person_ids) for n in top]
    assert top[0] == every[0]  # the most urgent still leads


@RULE_EXAMPLES
@given(
    roles=st.lists(st.sampled_from(list(Role)), min_size=1, max_size=5),
    talks=st.lists(
        st.tuples(st.integers(0, 4), st.integers(1, 120), st.integers(1, 5), st.one_of(st.none(), st.integers(-10, 5))),
        max_size=14,
    ),
)
def test_no_person_is_named_twice_in_the_top_three(roles, talks) -> None:
    people = [person(i + 1, role) for i, role in enumerate(roles)]
    log = [
        talk(day(-ago), (who % len(people)) + 1, quality=quality, followup_due=None if due is None else day(-ago + due))
        for who, ago, quality, due in talks
        if due is None or due >= 0
    ]
    top = coach.nudges(snap(people=people, conversations=log), TODAY, limit=3)
    named = [i for n in top for i in n.person_ids]
    assert len(named) == len(set(named)), [(n.rule, n.person_ids) for n in top]
