"""The coach's top three, held against what a good career coach would say to each invented member.

Every file in tests/scenarios/ is one member's story; its test fails when Home
would show that member the wrong three things. The stories and expectations
come from the coaching principles, not from the coach, so a failing scenario
is the coach being wrong about a person, not the test being out of date.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from scenario_book import (
    ScenarioError,
    describe,
    judge,
    read_scenario,
    scenario_paths,
)

from netcoach import coach
from netcoach.models import Person, Role, Snapshot

PATHS = scenario_paths()


@pytest.mark.parametrize("path", PATHS, ids=[p.stem for p in PATHS])
def test_the_top_three_is_what_a_good_coach_would_say_first(path: Path) -> None:
    snapshot, today, expectations = read_scenario(path)
    top = coach.nudges(snapshot, today, limit=3)
    verdict = judge(expectations, top)
    if not verdict.ok:
        pytest.fail(describe(expectations, snapshot, top, verdict), pytrace=False)


# ------------------------------------------------------------------ the suite itself


def test_the_suite_covers_enough_members() -> None:
    assert len(PATHS) >= 12, [p.name for p in PATHS]


@pytest.mark.parametrize("path", PATHS, ids=[p.stem for p in PATHS])
def test_every_scenario_loads_as_a_realistic_member_with_a_yardstick(path: Path) -> None:
    snapshot, today, expectations = read_scenario(path)
    assert expectations.title and expectations.story
    assert 1 <= len(expectations.expect) <= 3, "a coach says one to three things first"
    assert expectations.wrong, "every member needs at least one piece of advice that would be wrong"
    assert 4 <= len(snapshot.conversations) <= 40
    assert all(p.role in Role for p in snapshot.people)
    assert [p.id for p in snapshot.people] == list(range(1, len(snapshot.people) + 1))
    assert [c.id for c in snapshot.conversations] == list(range(1, len(snapshot.conversations) + 1))
    assert all(c.date <= today + dt.timedelta(days=1) for c in snapshot.conversations)
    known = {p.id for p in snapshot.people}
    assert all(set(c.person_ids) <= known for c in snapshot.conversations)


def test_scenario_people_keys_become_ids_in_the_order_written() -> None:
    snapshot, _, expectations = read_scenario(PATHS[0])
    by_id = snapshot.person_by_id()
    for key, pid in expectations.person_ids.items():
        assert isinstance(by_id[pid], Person)
        assert expectations.key_of(pid) == key


# ------------------------------------------------------------------ the loader's complaints

BASE = """
title = "t"
story = "s"
today = 2026-05-20
[profile]
internship_start = 2026-02-02
internship_end = 2026-07-31
[[people]]
key = "tomas"
name = "Tomas Novak"
role = "colleague"
[[conversations]]
date = 2026-05-01
with = ["tomas"]
[[expect]]
rule = "promise-owed"
person = "tomas"
why = "w"
[[wrong]]
rule = "no-events"
why = "w"
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "member.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_well_formed_file_loads(tmp_path: Path) -> None:
    snapshot, today, expectations = read_scenario(write(tmp_path, BASE))
    assert today == dt.date(2026, 5, 20)
    assert snapshot.people[0] == Person(name="Tomas Novak", role=Role.COLLEAGUE, id=1)
    assert snapshot.conversations[0].person_ids == (1,)
    assert expectations.expect[0].rules == ("promise-owed",)
    assert expectations.person_ids == {"tomas": 1}


# Each mistake: the text replaced in BASE, what replaces it, and the start of the complaint.
MISTAKES = {
    "unknown role": ('role = "colleague"', 'role = "boss"', "people[1] (tomas): role: 'boss' is not one of"),
    "unknown person": ('with = ["tomas"]', 'with = ["tomasz"]', "conversations[1] (2026-05-01): with names no person"),
    "talk after today": ("date = 2026-05-01", "date = 2026-06-01", "conversations[1] (2026-06-01): date: 2026-06-01"),
    "unknown rule": ('rule = "promise-owed"', 'rule = "promise-owned"', "expect[1]: unknown rule id(s)"),
    "unknown subject": ('person = "tomas"', 'person = "maria"', "expect[1]: person 'maria' is no key in [[people]]"),
    "unknown field": ('role = "colleague"', 'role = "colleague"\nnick = "T"', "people[1] (tomas): unknown field"),
    "end before start": ("internship_end = 2026-07-31", "internship_end = 2026-01-01", "profile: internship_end: must"),
    "today as text": ("today = 2026-05-20", 'today = "soon"', "today: must be a TOML date"),
    "empty wrong": ('[[wrong]]\nrule = "no-events"', "[[wrong]]", "wrong[1]: say what is wrong"),
}


@pytest.mark.parametrize("mistake", MISTAKES.values(), ids=MISTAKES.keys())
def test_a_mistake_in_a_scenario_names_the_file_and_the_entry(tmp_path: Path, mistake: tuple[str, str, str]) -> None:
    old, new, complaint = mistake
    assert old in BASE
    with pytest.raises(ScenarioError) as caught:
        read_scenario(write(tmp_path, BASE.replace(old, new, 1)))
    assert str(caught.value).startswith("member.toml: ")
    assert complaint in str(caught.value)


# ------------------------------------------------------------------ the matcher


@dataclasses.dataclass(frozen=True)
class FakeNudge:
    rule: str
    person_ids: tuple[int, ...]
    title: str = "Title"
    reason: str = "Reason"
    action: str = "Action"


def yardstick(tmp_path: Path, expect_and_wrong: str) -> tuple[Snapshot, object]:
    head = BASE.split("[[expect]]")[0]
    people = '[[people]]\nkey = "maria"\nname = "Maria Santos"\nrole = "industry_professional"\n'
    snapshot, _, expectations = read_scenario(write(tmp_path, head + people + expect_and_wrong))
    return snapshot, expectations


def test_each_expectation_needs_its_own_nudge_and_its_rank(tmp_path: Path) -> None:
    _, expectations = yardstick(
        tmp_path,
        """
[[expect]]
rule = ["promise-owed", "opportunity"]
person = "tomas"
rank = 1
why = "w"
[[expect]]
rule = "offer-open"
says = "introduction"
why = "w"
[[wrong]]
rule = "keep-in-touch"
person = "tomas"
why = "w"
""",
    )
    good = [FakeNudge("opportunity", (1,)), FakeNudge("offer-open", (2,), action="Take up the Introduction")]
    assert judge(expectations, good).ok  # type: ignore[arg-type]
    swapped = list(reversed(good))
    verdict = judge(expectations, swapped)  # type: ignore[arg-type]
    assert [a.rules for a in verdict.missed] == [("promise-owed", "opportunity")]


def test_one_nudge_meets_one_expectation_and_the_best_pairing_is_found(tmp_path: Path) -> None:
    _, expectations = yardstick(
        tmp_path,
        """
[[expect]]
says = "introduction"
why = "w"
[[expect]]
rule = "offer-open"
why = "w"
[[wrong]]
rule = "no-events"
why = "w"
""",
    )
    both_in_one = [FakeNudge("offer-open", (2,), action="Ask for the introduction")]
    assert len(judge(expectations, both_in_one).missed) == 1  # type: ignore[arg-type]
    # Giving the first nudge to the first expectation would leave the second unmet.
    pairable = [*both_in_one, FakeNudge("no-online", (), reason="An introduction online")]
    assert judge(expectations, pairable).ok  # type: ignore[arg-type]


def test_wrong_advice_is_found_by_rule_and_person_by_person_alone_or_by_words(tmp_path: Path) -> None:
    snapshot, expectations = yardstick(
        tmp_path,
        """
[[expect]]
rule = "offer-open"
why = "w"
[[wrong]]
rule = "keep-in-touch"
person = "tomas"
why = "a"
[[wrong]]
person = "maria"
why = "b"
[[wrong]]
says = "prefers   slack"
why = "c"
""",
    )
    fine = [FakeNudge("offer-open", (1,)), FakeNudge("keep-in-touch", ())]
    assert judge(expectations, fine).ok  # type: ignore[arg-type]
    bad = [
        FakeNudge("keep-in-touch", (1,)),
        FakeNudge("offer-open", (2,)),
        FakeNudge("no-online", (), reason="He Prefers\nSlack."),
    ]
    verdict = judge(expectations, bad)  # type: ignore[arg-type]
    assert [w.why for w, _ in verdict.wrong_found] == ["a", "b", "c"]
    message = describe(expectations, snapshot, bad, verdict)  # type: ignore[arg-type]
    assert "1. keep-in-touch about Tomas Novak: Title -> Action" in message
    assert "3. no-online about nobody" in message
    assert "WRONG keep-in-touch@tomas appeared as keep-in-touch about Tomas Novak" in message
