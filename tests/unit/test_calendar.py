"""The member's reminders in their own calendar: follow-ups, check-ins, events, the last day, goal days.

Each story builds a small log, reads the .ics back with the icalendar
library (as a calendar app would) and checks what the member would see.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import icalendar
from support import TODAY

from netcoach.cli import main
from netcoach.models import Conversation, Event, Person, Profile, Role, Snapshot
from netcoach.outreach import member_calendar
from netcoach.service import member_service

ANA = Person("Ana Ruiz", Role.SUPERVISOR, cadence_days=14, id=1)
BEN = Person("Ben Okafor", Role.FELLOW_INTERN, id=2)


def day(offset: int) -> dt.date:
    return TODAY + dt.timedelta(days=offset)


def snap(conversations=(), events=(), profile: Profile | None = None) -> Snapshot:
    return Snapshot(0, profile or Profile(), (ANA, BEN), tuple(conversations), tuple(events), (), ())


def items(payload: bytes) -> dict[str, icalendar.Event]:
    cal = icalendar.Calendar.from_ical(payload)
    return {str(e["uid"]): e for e in cal.walk("VEVENT")}


def test_a_follow_up_due_thursday_shows_on_thursday_naming_the_person_and_what_to_send():
    chat = Conversation(
        day(-1), (2,), topics=("testing",), followup_due=day(2), followup_note="the test plan template", id=7
    )
    found = items(member_calendar(snap([chat]), TODAY, "https://coach.example"))
    item = found["followup-7@netcoach"]
    assert item["summary"] == "Follow up with Ben Okafor"
    assert item.decoded("dtstart") == day(2)
    assert "What to send: the test plan template" in str(item["description"])
    assert str(item["url"]) == "https://coach.example/followups"


def test_a_follow_up_marked_sent_drops_out_and_the_rest_keep_their_uids():
    open_ = Conversation(day(-3), (2,), followup_due=day(1), id=7)
    sent = Conversation(day(-5), (1,), followup_due=day(-3), followup_done=day(-4), id=8)
    first = items(member_calendar(snap([open_, sent]), TODAY))
    assert "followup-8@netcoach" not in first
    again = items(member_calendar(snap([open_, sent]), day(1)))
    assert "followup-7@netcoach" in first and "followup-7@netcoach" in again  # updated, not doubled


def test_an_overdue_follow_up_sits_on_today_where_it_can_still_be_seen():
    late = Conversation(day(-20), (2,), followup_due=day(-10), id=9)
    assert items(member_calendar(snap([late]), TODAY))["followup-9@netcoach"].decoded("dtstart") == TODAY


def test_a_chosen_check_in_rhythm_events_the_last_day_and_goal_days_are_in_the_calendar():
    talk = Conversation(day(-10), (1,), id=1)
    fair = Event("Data careers fair", day(5), place="Hall B", id=3)
    gone = Event("Old meetup", day(-5), id=4)
    found = items(member_calendar(snap([talk], [fair, gone], Profile(internship_end=day(30))), TODAY))
    assert found["checkin-1@netcoach"].decoded("dtstart") == day(4)  # every 14 days from 10 days ago
    assert found["event-3@netcoach"]["summary"] == "Data careers fair at Hall B"
    assert "event-4@netcoach" not in found
    assert found["internship-last-day@netcoach"].decoded("dtstart") == day(30)
    week = found["internship-thank-you-week@netcoach"]
    assert (week.decoded("dtstart"), week.decoded("dtend")) == (day(23), day(30))  # the whole week before
    assert found["goals-2026-05@netcoach"].decoded("dtstart") == dt.date(2026, 5, 1)
    assert "checkin-2@netcoach" not in found  # Ben has no rhythm the member chose


def test_inside_the_last_week_the_thank_you_week_covers_the_days_left():
    found = items(member_calendar(snap(profile=Profile(internship_end=day(3))), TODAY))
    week = found["internship-thank-you-week@netcoach"]
    assert (week.decoded("dtstart"), week.decoded("dtend")) == (TODAY, day(3))


def test_text_the_member_typed_stays_text_in_the_calendar():
    sneaky = Conversation(
        day(-1), (2,), learned="line one\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:injected", followup_due=day(1), id=5
    )
    found = items(member_calendar(snap([sneaky]), TODAY))
    assert list(found) == ["followup-5@netcoach", "goals-2026-05@netcoach", "goals-2026-06@netcoach"]
    assert "END:VEVENT" in str(found["followup-5@netcoach"]["description"])


def test_the_command_line_writes_the_same_calendar(tmp_path: Path) -> None:
    svc = member_service(tmp_path, "me")
    ben = svc.add_person({"name": "Ben Okafor", "role": "fellow_intern"})
    svc.log_conversation({"date": dt.date.today(), "person_ids": [ben.id], "followup_due": dt.date.today()})
    out = tmp_path / "me.ics"
    assert main(["calendar", "--data-dir", str(tmp_path), "--member", "me", "--output", str(out)]) == 0
    assert any(str(e["summary"]) == "Follow up with Ben Okafor" for e in items(out.read_bytes()).values())
