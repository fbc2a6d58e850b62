"""Follow-ups as a member handles them: one card per person, done, snoozed, rescheduled or dropped, each undone.

Every undo must put back exactly what was there, and a screen that is out of
date must never change a record it did not show.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from support import TODAY

from netcoach.models import Conversation, Person, ValidationError, parse_conversation
from netcoach.service import Horizon, MemberService, NotFoundError, StaleRecordError, member_service
from netcoach.service.followups import followup_cards
from netcoach.storage import data_dir as data_dir_of


def day(offset: int) -> dt.date:
    return TODAY + dt.timedelta(days=offset)


def person(svc: MemberService, name: str) -> int:
    added = svc.add_person({"name": name})
    assert added.id is not None
    return added.id


def talk(svc: MemberService, *people: int, met: int = -3, due: int | None = 1, note: str = "") -> Conversation:
    return svc.log_conversation(
        {
            "date": day(met),
            "person_ids": list(people),
            "followup_due": None if due is None else day(due),
            "followup_note": note,
        }
    )


def file_bytes(svc: MemberService) -> bytes:
    return svc.data_file.read_bytes()


def test_a_follow_up_keeps_what_i_will_send(svc: MemberService) -> None:
    ana = person(svc, "Ana Ruiz")
    logged = talk(svc, ana, note="the slides from my demo")
    assert svc.conversation(logged.id).followup_note == "the slides from my demo"
    edited = svc.update_conversation(logged.id, {"followup_note": "a thank-you note"})
    assert svc.conversation(edited.id).followup_note == "a thank-you note"


def test_what_i_will_send_is_optional_and_an_old_file_without_it_still_loads(svc: MemberService) -> None:
    ana = person(svc, "Ana Ruiz")
    with data_dir_of(svc.data_root).store(svc.member_id).transaction() as db:  # as an older netcoach wrote it
        stored = {"date": day(-2).isoformat(), "person_ids": [ana], "followup_due": day(1).isoformat()}
        old_id = db.table("conversations").insert(stored)
    old = svc.conversation(old_id)
    assert old.followup_note == "" and old.needs_followup
    change = svc.snooze_followups([old], day(7))
    assert svc.conversation(old_id).followup_due == day(7)
    svc.undo_followup_change(change)
    assert svc.conversation(old_id).followup_due == day(1)


def test_what_i_will_send_is_checked_like_other_short_text() -> None:
    with pytest.raises(ValidationError) as refused:
        parse_conversation({"date": TODAY, "person_ids": [1], "followup_note": "x" * 201})
    assert refused.value.problems == ["followup_note: too long (201 characters, at most 200)"]


def test_what_i_will_send_travels_in_the_exports_and_back(svc: MemberService, data_root: Path) -> None:
    ana = person(svc, "Ana Ruiz")
    talk(svc, ana, note="the slides")
    (record,) = svc.export_json()["tables"]["conversations"].values()
    assert record["followup_note"] == "the slides"
    exported = svc.export_csv("conversations")
    assert "followup_note" in exported.splitlines()[0] and "the slides" in exported

    other = member_service(data_root, "other", today=lambda: TODAY)
    other.apply_import(other.preview_import("conversations_csv", exported))
    (imported,) = other.conversations()
    assert imported.followup_note == "the slides"


def test_one_card_per_person_holds_all_their_open_follow_ups_most_urgent_first(svc: MemberService) -> None:
    ana, ben, cy = person(svc, "Ana Ruiz"), person(svc, "Ben Okoro"), person(svc, "Cy Lam")
    later_with_ana = talk(svc, ana, due=20)
    overdue_with_ana = talk(svc, ana, met=-5, due=-1)
    talk(svc, ben, due=2)
    talk(svc, cy, due=None)  # no follow-up: no card
    talk(svc, cy, met=-9, due=-8)
    sent = talk(svc, cy, met=-9, due=-7)
    svc.mark_followup_done(sent.id)

    cards = svc.followup_cards()
    assert [c.person.name for c in cards] == ["Cy Lam", "Ana Ruiz", "Ben Okoro"]
    assert [c.horizon for c in cards] == [Horizon.OVERDUE, Horizon.OVERDUE, Horizon.THIS_WEEK]
    assert [c.id for c in cards[1].conversations] == [overdue_with_ana.id, later_with_ana.id]
    assert cards[1].due == day(-1)


def test_the_day_after_tomorrow_is_this_week_and_today_is_today() -> None:
    people = [Person("Ana", id=1), Person("Ben", id=2), Person("Cy", id=3)]
    log = [
        Conversation(day(0), (1,), followup_due=day(2), id=1),
        Conversation(day(0), (2,), followup_due=day(0), id=2),
        Conversation(day(0), (3,), followup_due=day(8), id=3),
    ]
    horizons = {c.person.name: c.horizon for c in followup_cards(log, people, TODAY)}
    assert horizons == {"Ana": Horizon.THIS_WEEK, "Ben": Horizon.TODAY, "Cy": Horizon.LATER}


def test_a_group_follow_up_is_on_each_persons_card_and_says_who_shares_it(svc: MemberService) -> None:
    ana, ben = person(svc, "Ana Ruiz"), person(svc, "Ben Okoro")
    talk(svc, ana, ben, due=0)
    cards = {c.person.name: c for c in svc.followup_cards()}
    assert set(cards) == {"Ana Ruiz", "Ben Okoro"}
    assert cards["Ana Ruiz"].shared_with() == (ben,)
    assert svc.followup_card(ben) is not None and svc.followup_card(12345) is None


def test_done_marks_every_follow_up_on_the_card_and_undo_reopens_them(svc: MemberService) -> None:
    ana = person(svc, "Ana Ruiz")
    talk(svc, ana, due=-1)
    talk(svc, ana, due=3)
    (card,) = svc.followup_cards()
    before = file_bytes(svc)

    change = svc.mark_followups_done(card.conversations)
    assert [c.followup_done for c in change.after] == [TODAY, TODAY]
    assert svc.followup_cards() == []

    svc.undo_followup_change(change)
    assert [svc.conversation(c.id) for c in card.conversations] == list(card.conversations)
    assert json.loads(file_bytes(svc))["conversations"] == json.loads(before)["conversations"]


def test_snoozes_to_tomorrow_or_next_week_and_undo_restores_the_exact_date(svc: MemberService) -> None:
    ana = person(svc, "Ana Ruiz")
    logged = talk(svc, ana, due=-2, note="the slides")

    tomorrow = svc.snooze_followup(logged.id, day(1), expected=logged)
    assert svc.conversation(logged.id).followup_due == day(1)
    assert svc.followup_cards()[0].horizon is Horizon.THIS_WEEK
    svc.undo_followup_change(tomorrow)

    next_week = svc.snooze_followups([svc.conversation(logged.id)], day(7))
    assert svc.conversation(logged.id).followup_due == day(7)
    assert svc.restore_followup(next_week.before[0], expected=next_week.after[0]) == logged
    assert svc.conversation(logged.id) == logged


def test_snooze_only_moves_forward_and_reschedule_never_into_the_past(svc: MemberService) -> None:
    ana = person(svc, "Ana Ruiz")
    logged = talk(svc, ana, due=-2)
    before = file_bytes(svc)
    with pytest.raises(ValidationError, match="snooze to a day after today"):
        svc.snooze_followup(logged.id, TODAY, expected=logged)
    with pytest.raises(ValidationError, match="has passed; pick today or a later day"):
        svc.reschedule_followup(logged.id, day(-1), expected=logged)
    with pytest.raises(ValidationError, match="too far ahead"):
        svc.reschedule_followup(logged.id, day(2000), expected=logged)
    assert file_bytes(svc) == before

    change = svc.reschedule_followup(logged.id, day(10), expected=logged)
    assert svc.conversation(logged.id).followup_due == day(10)
    assert svc.followup_cards()[0].horizon is Horizon.LATER
    svc.undo_followup_change(change)
    assert svc.conversation(logged.id) == logged


def test_drop_keeps_the_conversation_but_not_its_follow_up_and_undo_brings_it_back(svc: MemberService) -> None:
    ana = person(svc, "Ana Ruiz")
    logged = talk(svc, ana, due=-2, note="the slides")
    change = svc.drop_followup(logged.id, expected=logged)
    dropped = svc.conversation(logged.id)
    assert dropped.followup_due is None and not dropped.needs_followup
    assert svc.followup_cards() == [] and svc.followups().overdue == ()
    svc.undo_followup_change(change)
    assert svc.conversation(logged.id) == logged


def test_an_action_on_a_stale_card_is_refused_and_writes_nothing(svc: MemberService) -> None:
    ana = person(svc, "Ana Ruiz")
    first, second = talk(svc, ana, due=-1), talk(svc, ana, due=2)
    (card,) = svc.followup_cards()
    svc.update_conversation(second.id, {"followup_note": "changed in another tab"})
    before = file_bytes(svc)
    with pytest.raises(StaleRecordError, match="changed in another tab or window"):
        svc.mark_followups_done(card.conversations)
    assert file_bytes(svc) == before, "all or nothing: the first one was not marked either"
    assert svc.conversation(first.id).followup_done is None


def test_undo_is_refused_when_the_record_changed_since_and_a_deleted_one_is_named(svc: MemberService) -> None:
    ana = person(svc, "Ana Ruiz")
    logged = talk(svc, ana, due=-1)
    change = svc.snooze_followup(logged.id, day(7), expected=logged)
    svc.mark_followup_done(logged.id)  # another tab sent it meanwhile
    before = file_bytes(svc)
    with pytest.raises(StaleRecordError):
        svc.undo_followup_change(change)
    assert file_bytes(svc) == before and svc.conversation(logged.id).followup_done == TODAY

    other = talk(svc, ana, due=-1)
    dropped = svc.drop_followup(other.id, expected=other)
    svc.delete_conversation(other.id)
    with pytest.raises(NotFoundError, match="was deleted in another tab or window"):
        svc.undo_followup_change(dropped)


def test_an_action_with_nothing_picked_is_refused(svc: MemberService) -> None:
    with pytest.raises(ValidationError):
        svc.mark_followups_done([])


def test_a_member_cannot_act_on_another_members_follow_up(data_root: Path, svc: MemberService) -> None:
    ana = person(svc, "Ana Ruiz")
    logged = talk(svc, ana, due=-1)
    other = member_service(data_root, "other", today=lambda: TODAY)
    with pytest.raises(NotFoundError):
        other.snooze_followup(logged.id, day(1), expected=logged)
    assert svc.conversation(logged.id) == logged


def test_searching_the_log_finds_what_i_will_send(svc: MemberService) -> None:
    ana = person(svc, "Ana Ruiz")
    logged = talk(svc, ana, note="the pricing article")
    assert [c.id for c in svc.conversations(text="pricing article")] == [logged.id]
