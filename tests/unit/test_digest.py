"""The email digest on its own: when one is due, what it says, and the SMTP settings it is sent with.

Pure stories: a snapshot and a moment in, a digest (or the list of digests
due) out; sending through a real SMTP server is in test_digest_send.py.
"""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser

import pytest
from support import TODAY

from netcoach.models import (
    Conversation,
    DigestSent,
    Event,
    Goal,
    GoalMetric,
    Person,
    Profile,
    Reminders,
    Role,
    Snapshot,
    ValidationError,
)
from netcoach.outreach import build_digest, digest_input, due_digests
from netcoach.outreach.digest import FOLLOWUPS_SHOWN
from netcoach.outreach.mail import SmtpSettings
from netcoach.outreach.schedule import Due

APP = "https://coach.example"
UNSUB = "https://coach.example/unsubscribe/me.secret"
WED = TODAY  # 2026-04-15 is a Wednesday, ISO week 16
ANA = Person("Ana Ruiz", Role.SUPERVISOR, id=1)
BEN = Person("Ben Okafor", Role.FELLOW_INTERN, id=2)


def day(offset: int) -> dt.date:
    return TODAY + dt.timedelta(days=offset)


def at(date: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(date, dt.time(hour, minute))


def snap(conversations=(), events=(), goals=(), people=(ANA, BEN), name: str = "Maya") -> Snapshot:
    return Snapshot(0, Profile(display_name=name), tuple(people), tuple(conversations), tuple(events), tuple(goals), ())


# ------------------------------------------------------------------ when


WEEKLY_WED_8 = Reminders(weekly=True, weekday=2, hour=8)


def test_the_weekly_digest_is_due_from_its_day_and_hour_and_not_before():
    assert due_digests(WEEKLY_WED_8, at(WED, 7, 59), ()) == []
    assert due_digests(WEEKLY_WED_8, at(WED, 8), ()) == [Due("weekly", "2026-W16")]
    assert due_digests(WEEKLY_WED_8, at(day(-1), 23), ()) == []


def test_a_timer_that_was_down_catches_up_once_in_the_same_week_and_a_second_run_sends_nothing():
    saturday = at(day(3), 14)
    assert due_digests(WEEKLY_WED_8, saturday, ()) == [Due("weekly", "2026-W16")]
    sent = (DigestSent("weekly", "2026-W16", at(day(3), 14).isoformat()),)
    assert due_digests(WEEKLY_WED_8, at(day(3), 15), sent) == []
    assert due_digests(WEEKLY_WED_8, at(day(4), 23, 59), sent) == []  # Sunday night: still that week
    assert due_digests(WEEKLY_WED_8, at(day(7), 8), sent) == [Due("weekly", "2026-W17")]


def test_the_daily_digest_is_due_from_its_hour_each_day_but_the_weekly_replaces_it_on_its_day():
    both = Reminders(weekly=True, weekday=2, hour=8, daily=True)
    assert due_digests(both, at(WED, 9), ()) == [Due("weekly", "2026-W16")]
    weekly_sent = (DigestSent("weekly", "2026-W16", at(WED, 9).isoformat()),)
    assert due_digests(both, at(WED, 10), weekly_sent) == []  # no daily on the weekly's day
    assert due_digests(both, at(day(1), 7), weekly_sent) == []
    assert due_digests(both, at(day(1), 8), weekly_sent) == [Due("daily", "2026-04-16")]
    daily_sent = (*weekly_sent, DigestSent("daily", "2026-04-16", at(day(1), 8).isoformat()))
    assert due_digests(both, at(day(1), 20), daily_sent) == []


def test_a_weekly_caught_up_late_is_the_only_mail_of_that_day():
    both = Reminders(weekly=True, weekday=0, hour=8, daily=True)  # Mondays; the timer was down until Wednesday
    assert due_digests(both, at(WED, 9), ()) == [Due("weekly", "2026-W16")]
    sent = (DigestSent("weekly", "2026-W16", at(WED, 9).isoformat()),)
    assert due_digests(both, at(WED, 10), sent) == []
    assert due_digests(both, at(day(1), 9), sent) == [Due("daily", "2026-04-16")]


def test_nothing_is_due_for_a_member_who_chose_no_digest():
    assert due_digests(Reminders(), at(WED, 12), ()) == []


# ------------------------------------------------------------------ what


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.tags: set[str] = set()
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.links += [v or "" for k, v in attrs if k == "href"]

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parsed(html: str) -> _Links:
    parser = _Links()
    parser.feed(html)
    return parser


def test_the_weekly_digest_names_the_follow_ups_of_the_week_with_what_to_send_and_links_to_act():
    chats = [
        Conversation(day(-2), (2,), followup_due=day(2), followup_note="the test plan template", id=7),
        Conversation(day(-9), (1,), followup_due=day(-3), id=8),
        Conversation(day(-2), (1,), followup_due=day(20), id=9),  # not this week
    ]
    digest = build_digest("weekly", digest_input(snap(chats), TODAY), APP, UNSUB)
    followups = [i for i in digest.items if i.section == "Follow-ups due this week"]
    assert [i.text for i in followups] == ["Ana Ruiz · overdue since Sun 12 Apr", "Ben Okafor · due Fri 17 Apr"]
    assert {i.url for i in followups} == {f"{APP}/followups"}
    assert "What to send: the test plan template" in digest.text
    assert "2 follow-ups due" in digest.subject and "Ana" not in digest.subject
    assert digest.text.startswith("Hi Maya,")


def test_the_weekly_digest_carries_the_coachs_top_advice_with_its_action_and_a_link_to_the_right_page():
    late = Conversation(day(-20), (2,), followup_due=day(-14), id=7)
    digest = build_digest("weekly", digest_input(snap([late]), TODAY), APP, UNSUB)
    advice = [i for i in digest.items if i.section == "What the coach suggests"]
    assert 1 <= len(advice) <= 3
    assert all(i.url.startswith(APP + "/") for i in advice)
    assert "Next: " in digest.text
    assert f"{APP}/followups" in {i.url for i in advice}  # the overdue follow-up's card opens Follow-ups


def test_goal_pace_for_the_month_and_events_coming_up_including_the_teams():
    goals = [Goal("2026-04", GoalMetric.CONVERSATIONS, 8, id=1)]
    chats = [Conversation(day(-i), (1,), id=10 + i) for i in range(3)]
    own = Event("Lunch and learn", day(1), place="Room 4", id=1)
    team = [Event("Cohort mixer", day(9), place="Atrium", id=5), Event("Past talk", day(-1), id=6)]
    digest = build_digest("weekly", digest_input(snap(chats, [own], goals), TODAY, team), APP, UNSUB)
    assert "GOALS FOR APRIL 2026" in digest.text
    assert "- Conversations: 3 of 8" in digest.text
    coming = [i.text for i in digest.items if i.section == "Coming up"]
    assert coming == ["Tomorrow · Lunch and learn", "Fri 24 Apr · Cohort mixer"]
    assert "A team event" in digest.text
    assert f"{APP}/goals?month=2026-04" in {i.url for i in digest.items}


def test_a_long_list_of_follow_ups_is_cut_short_with_a_link_to_the_rest():
    chats = [Conversation(day(-30), (1,), followup_due=day(-20 + i), id=20 + i) for i in range(FOLLOWUPS_SHOWN + 3)]
    digest = build_digest("weekly", digest_input(snap(chats), TODAY), APP, UNSUB)
    followups = [i for i in digest.items if i.section == "Follow-ups due this week"]
    assert len(followups) == FOLLOWUPS_SHOWN + 1
    assert followups[-1].text == "And 3 more"
    assert f"{FOLLOWUPS_SHOWN + 3} follow-ups due" in digest.subject


def test_the_daily_digest_is_short_and_a_day_with_nothing_due_gives_nothing_to_send():
    chats = [
        Conversation(day(-3), (2,), followup_due=TODAY, followup_note="slides", id=7),
        Conversation(day(-3), (1,), followup_due=day(2), id=8),  # later this week: not today's business
    ]
    daily = build_digest("daily", digest_input(snap(chats, [Event("Town hall", TODAY, id=1)]), TODAY), APP, UNSUB)
    assert [i.text for i in daily.items] == ["Ben Okafor · due today", "Today · Town hall"]
    assert daily.subject == "netcoach · due today: 1 follow-up and 1 event"
    assert "Ana" not in daily.text
    quiet = build_digest("daily", digest_input(snap([chats[1]]), TODAY), APP, UNSUB)
    assert quiet.empty and not quiet.text


def test_member_text_stays_text_in_the_html_part_a_typed_script_or_link_included():
    evil = Person('<script>alert("x")</script> <a href="https://evil.example">Ana</a>', Role.MENTOR, id=1)
    note = "<img src=x onerror=alert(1)> see https://evil.example/<b>bold</b>"
    chats = [Conversation(day(-2), (1,), followup_due=day(1), followup_note=note, id=7)]
    digest = build_digest("weekly", digest_input(snap(chats, people=(evil,), name="<i>Maya</i>"), TODAY), APP, UNSUB)
    found = parsed(digest.html)
    assert not found.tags & {"script", "img", "b", "i", "style", "link", "iframe"}
    assert all(link.startswith(APP + "/") for link in found.links)
    shown = "".join(found.text)
    assert '<script>alert("x")</script>' in shown and "<img src=x onerror=alert(1)>" in shown
    assert "&lt;script&gt;" in digest.html
    assert '<script>alert("x")</script>' in digest.text  # the text part shows it as typed, as text


def test_html_and_text_parts_say_the_same_things_and_end_with_settings_and_unsubscribe_links():
    chats = [Conversation(day(-2), (2,), followup_due=day(2), followup_note="the deck", id=7)]
    digest = build_digest("weekly", digest_input(snap(chats), TODAY), APP, UNSUB)
    shown = " ".join(parsed(digest.html).text)
    for item in digest.items:
        assert item.text in digest.text and item.text in shown
        assert item.url in digest.text and item.url in parsed(digest.html).links
    assert f"Unsubscribe with one click: {UNSUB}" in digest.text
    assert f"Change it in Settings: {APP}/settings" in digest.text
    assert {UNSUB, f"{APP}/settings"} <= set(parsed(digest.html).links)
    assert "<style" not in digest.html and "<img" not in digest.html and "max-width:600px" in digest.html


# ------------------------------------------------------------------ SMTP settings


def test_smtp_settings_read_with_defaults_and_every_problem_names_its_key():
    ok = SmtpSettings.from_mapping({"host": "mail.example", "from": "coach@example.org", "security": "tls"})
    assert (ok.port, ok.security, ok.user) == (465, "tls", "")
    assert "password" not in repr(SmtpSettings("h", 25, "none", "a@b.c", "u", "hunter2"))
    with pytest.raises(ValidationError) as error:
        SmtpSettings.from_mapping({"port": "587", "security": "ssl", "from": "not an address", "user": "me"})
    problems = error.value.problems
    assert "smtp.host: required" in problems
    assert any(p.startswith("smtp.port: ") for p in problems)
    assert any(p.startswith("smtp.security: 'ssl' is not one of") for p in problems)
    assert any(p.startswith("smtp.from: ") for p in problems)
    assert "smtp.password: required when smtp.user is set" in problems


def test_a_secrets_file_without_an_smtp_section_says_so():
    with pytest.raises(ValidationError, match=r"smtp: no \[smtp\] section"):
        SmtpSettings.from_secrets({"netcoach": {}})
