"""The rules of keeping a removed person's notes: the date, the notice, the reminder, the deletion.

Pure: removal entries, memberships, the period and today in; per removed
person with a file, what is due out.
"""

from __future__ import annotations

import datetime as dt

import pytest

from netcoach.models import ValidationError
from netcoach.team.book import Entry
from netcoach.team.retention import (
    FIRST,
    REMINDER,
    Membership,
    Notice,
    notice_sentence,
    notice_text,
    plan,
    retention_days_from,
)

REMOVED_ON = dt.datetime(2026, 4, 1, 10, 30)
ANA = Membership("ana-id", "ana@acme.test", "Ana Ruiz")
BEN = Membership("ben-id", "ben@acme.test", "Ben")
REMOVED = {"ana@acme.test": Entry("ana@acme.test", REMOVED_ON, "coach@acme.test")}


def day(n: int) -> dt.date:
    """n days after the removal."""
    return REMOVED_ON.date() + dt.timedelta(days=n)


def sent(kind: str, on: dt.date, member: Membership = ANA) -> Notice:
    return Notice(member.member_id, REMOVED_ON, kind, day(30), dt.datetime.combine(on, dt.time(6)))


def test_without_a_retention_period_nothing_is_ever_deleted_or_announced() -> None:
    assert plan(REMOVED, [ANA, BEN], None, day(10_000), mail=True) == []


def test_only_removed_people_with_a_file_are_considered_and_someone_invited_again_is_not_removed() -> None:
    (ana,) = plan(REMOVED, [ANA, BEN], 30, day(1), mail=True)
    assert ana.member_id == "ana-id" and ana.label == "Ana Ruiz <ana@acme.test>"
    assert plan(REMOVED, [ANA], 30, day(1), has_file=lambda member_id: False) == []
    assert plan({}, [ANA, BEN], 30, day(400), mail=True) == []  # readmitted: no longer in the removed table


def test_with_mail_the_first_notice_is_due_at_once_then_the_reminder_a_week_before_then_the_deletion() -> None:
    (first,) = plan(REMOVED, [ANA], 30, day(0), mail=True)
    assert first.deletes_on == day(30)
    assert (first.first_notice_due, first.reminder_due, first.delete_due) == (True, False, False)

    notices = [sent(FIRST, day(0))]
    (quiet,) = plan(REMOVED, [ANA], 30, day(22), notices, mail=True)
    assert not (quiet.first_notice_due or quiet.reminder_due or quiet.delete_due)

    (reminder,) = plan(REMOVED, [ANA], 30, day(23), notices, mail=True)
    assert reminder.reminder_due and not reminder.first_notice_due and not reminder.delete_due

    notices.append(sent(REMINDER, day(23)))
    (after,) = plan(REMOVED, [ANA], 30, day(29), notices, mail=True)
    assert not (after.first_notice_due or after.reminder_due or after.delete_due)

    (deletion,) = plan(REMOVED, [ANA], 30, day(30), notices, mail=True)
    assert deletion.delete_due and not deletion.reminder_due
    assert deletion.days_after_removal(day(30)) == 30


def test_a_late_first_notice_holds_the_date_a_week_and_serves_as_the_reminder() -> None:
    # The period was set (or the mail server came back) long after the removal.
    (late,) = plan(REMOVED, [ANA], 30, day(100), mail=True)
    assert late.first_notice_due and not late.delete_due and late.deletes_on == day(107)
    notices = [sent(FIRST, day(100))]
    (week,) = plan(REMOVED, [ANA], 30, day(104), notices, mail=True)
    assert not (week.reminder_due or week.delete_due) and week.deletes_on == day(107)
    (deletion,) = plan(REMOVED, [ANA], 30, day(107), notices, mail=True)
    assert deletion.delete_due


def test_with_mail_nothing_is_deleted_before_a_first_notice_went_out() -> None:
    (never_told,) = plan(REMOVED, [ANA], 30, day(60), mail=True)
    assert never_told.first_notice_due and not never_told.delete_due


def test_without_mail_the_date_is_the_removal_day_plus_the_period_and_no_notice_is_due() -> None:
    (before,) = plan(REMOVED, [ANA], 30, day(29))
    assert before.deletes_on == day(30) and not (before.first_notice_due or before.reminder_due or before.delete_due)
    (on_the_day,) = plan(REMOVED, [ANA], 30, day(30))
    assert on_the_day.delete_due


def test_notices_of_an_earlier_removal_do_not_count_for_a_second_one() -> None:
    earlier = Notice("ana-id", dt.datetime(2026, 1, 5, 9, 0), FIRST, dt.date(2026, 2, 4), dt.datetime(2026, 1, 5, 9))
    (again,) = plan(REMOVED, [ANA], 30, day(0), [earlier], mail=True)
    assert again.first_notice_due


def test_the_mail_names_only_the_person_the_address_and_the_date() -> None:
    text = notice_text(FIRST, "Ana  Ruiz", day(30), "https://coach.example")
    assert text.startswith("Hello Ana Ruiz,")
    assert notice_sentence(day(30), "https://coach.example") in text
    assert "Your notes on netcoach https://coach.example are kept until 01 May 2026; sign in to download them" in text
    assert "A reminder" in notice_text(REMINDER, "", day(30), "https://coach.example")
    assert notice_sentence(day(30)).startswith("Your notes on this netcoach are kept until 01 May 2026")


@pytest.mark.parametrize("value", [0, -3, "90", True, 1.5, 100_000])
def test_a_retention_period_that_is_not_a_number_of_days_names_the_setting(value: object) -> None:
    with pytest.raises(ValidationError, match=r"netcoach\.retention_days"):
        retention_days_from(value)


def test_a_retention_period_in_days_is_read_as_it_is() -> None:
    assert retention_days_from(90) == 90 and retention_days_from(None) is None
