"""A table seen as typed records: what goes in comes out as the same value, under TinyDB's ids."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from tinydb import where

from netcoach.models import Goal, GoalMetric, Person, Role
from netcoach.storage import data_dir
from netcoach.storage.repository import NotFoundError, Repository


@pytest.fixture
def people(data_root: Path) -> Iterator[Repository[Person]]:
    with data_dir(data_root).store("me").transaction() as db:
        yield Repository(db.table("people"), Person)


def test_a_person_comes_back_as_the_value_stored_with_its_id(people: Repository[Person]) -> None:
    ana_id = people.insert(Person("Ana", Role.MENTOR, tags=("ml",)))
    assert people.get(ana_id) == Person("Ana", Role.MENTOR, tags=("ml",), id=ana_id)
    assert people.all() == [people.require(ana_id, "person")]
    assert people.get(ana_id + 1) is None
    with pytest.raises(NotFoundError, match=f"person: no person with id {ana_id + 1}"):
        people.require(ana_id + 1, "person")


def test_many_people_are_written_and_changed_in_one_pass_each(people: Repository[Person]) -> None:
    ids = people.insert_many([Person("Ana"), Person("Bo")])
    people.update_many({ids[1]: Person("Bo Li"), ids[0]: Person("Ana Ruiz")})
    assert [p.name for p in people.all()] == ["Ana Ruiz", "Bo Li"]
    people.patch([ids[0]], {"organization": "Globex"})
    assert people.require(ids[0], "person").organization == "Globex"
    people.remove(ids)
    assert len(people) == 0


def test_upsert_changes_the_matching_record_or_adds_one(data_root: Path) -> None:
    with data_dir(data_root).store("me").transaction() as db:
        goals = Repository(db.table("goals"), Goal)
        same = (where("month") == "2026-04") & (where("metric") == "conversations")
        first = goals.upsert(Goal("2026-04", GoalMetric.CONVERSATIONS, 4), same)
        again = goals.upsert(Goal("2026-04", GoalMetric.CONVERSATIONS, 6), same)
        assert first == again
        assert goals.all() == [Goal("2026-04", GoalMetric.CONVERSATIONS, 6, id=first)]
