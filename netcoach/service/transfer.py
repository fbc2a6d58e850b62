"""Moving a member's data in and out: export, import, backups, sample data and erasing everything."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.table import Document

from netcoach import outreach, transfer
from netcoach.models import RECORD_TABLES, TRASH, Person, Role, ValidationError, parse_person, to_record
from netcoach.service.trash import filled_fields, remember_import
from netcoach.service.unit_of_work import NotFoundError, StaleRecordError, UnitOfWork, Work, same_record

# Every table of member data, in the order a restore writes them (the instance's links and sends stay).
DATA_TABLES = tuple(transfer.PARSERS)


def _updated_people(plan: transfer.ImportPlan) -> dict[int, Person]:
    """Each updated person's whole new record, built from the record the preview read."""
    updates: dict[int, Person] = {}
    for person_id, changes in plan.person_updates:
        if person_id not in plan.based_on:
            raise ValueError(f"import: the plan updates person {person_id} without saying what it read")
        current = updates.get(person_id, plan.based_on[person_id])
        updates[person_id] = parse_person({**to_record(current), **changes, "id": None})
    return updates


def _check_import_base(work: Work, based_on: Mapping[int, Person]) -> None:
    """Refuse the plan if anyone it matched, updates or names is not as the preview read them."""
    if not based_on:
        return
    gone: list[str] = []
    changed: list[str] = []
    everyone = work.people.documents()  # one pass: an import may name thousands of people
    for person_id, shown in based_on.items():
        stored = everyone.get(person_id)
        if stored is None:
            gone.append(shown.name)
        elif not same_record(stored, shown):
            changed.append(shown.name)
    if gone or changed:
        listed = [*(f"{n} was deleted" for n in gone), *(f"{n} changed" for n in changed)]
        named = ", ".join(listed[:5]) + (f" and {len(listed) - 5} more" if len(listed) > 5 else "")
        raise StaleRecordError(
            [f"import: your people changed since this preview ({named}); nothing was imported. Preview the file again."]
        )


def _restore_tables(db: TinyDB, tables: Mapping[str, Mapping[str, Mapping[str, Any]]]) -> dict[str, int]:
    """Put a full export back into an empty member, every record under its old id."""
    if any(db.table(name).all() for name in RECORD_TABLES):
        raise ValidationError(["import: a full restore needs an empty member; use a backup restore"])
    for name in DATA_TABLES:
        table = db.table(name)
        if len(table):  # an "empty" member may still hold a profile or tip progress
            table.truncate()
        docs = tables.get(name, {})
        if docs:
            table.insert_multiple(Document(doc, doc_id=int(i)) for i, doc in docs.items())
    return {name: len(tables.get(name, {})) for name in DATA_TABLES}


class TransferService(UnitOfWork):
    # ----------------------------------------------------------------- export
    def export_json(self) -> dict[str, Any]:
        """Every record of the member, ids included, as one JSON-ready document.

        The trash is left out: "All data" is what the member has now, and restoring
        the file elsewhere should not bring back what they threw away.
        """
        with self._store.reading() as (_, tables):
            return transfer.export_document(tables)

    def calendar_file(self, app_url: str = "") -> bytes:
        """The member's reminders as an .ics file: the same items a calendar subscription would carry."""
        return outreach.member_calendar(self.snapshot(), self.today, app_url)

    def export_csv(self, kind: str) -> str:
        snap = self.snapshot()
        if kind == "people":
            return transfer.people_csv(snap.people)
        if kind == "conversations":
            return transfer.conversations_csv(snap.conversations, snap.person_by_id())
        raise ValueError(f"export: unknown CSV kind {kind!r} (people or conversations)")

    # ----------------------------------------------------------------- import
    def preview_import(self, kind: str, payload: bytes | str) -> transfer.ImportPlan:
        """What an import would do, without writing anything."""
        snap = self.snapshot()
        if kind == "json":
            return transfer.plan_json(payload, member_is_empty=snap.is_empty, today=self.today)
        if kind in ("contacts", "linkedin"):  # any contacts file; the layout is read from the file
            return transfer.plan_contacts(payload, snap.people)
        if kind == "people_csv":
            return transfer.plan_people_csv(payload, snap.people)
        if kind == "conversations_csv":
            return transfer.plan_conversations_csv(payload, snap.people, today=self.today)
        raise ValueError(f"import: unknown kind {kind!r}")

    def decide_import(
        self, plan: transfer.ImportPlan, same_person: Mapping[int, bool], roles: Mapping[int, Role]
    ) -> transfer.ImportPlan:
        """The previewed plan with the person's answers to its questions and their roles for new people."""
        return plan.decided(same_person, roles)

    def apply_import(self, plan: transfer.ImportPlan) -> dict[str, int]:
        """Write what a previewed plan holds; rows listed as errors were already left out.

        Everything is prepared before the member's lock is taken, which is then held only
        to check the plan still fits and to write, so other saves are not held up. If any
        person the plan read changed or went away since the preview, nothing is written.
        What it added and filled in is kept in the trash, so it can be undone as a whole
        (a full restore into an empty member is not: there is nothing to go back to).
        """
        return self.import_file(plan, "")

    def import_file(self, plan: transfer.ImportPlan, file_name: str) -> dict[str, int]:
        """`apply_import`, with the file's name kept to say which import the trash can undo."""
        if plan.replace_tables is not None:
            with self._work() as work:
                return _restore_tables(work.db, plan.replace_tables)
        updates = _updated_people(plan)
        with self._work() as work:
            _check_import_base(work, plan.based_on)
            new_ids = work.people.insert_many(plan.new_people)
            work.people.update_many(updates)
            conversations = []
            for conversation, new_refs in plan.new_conversations:
                ids = [*conversation.person_ids, *(new_ids[i] for i in new_refs)]
                conversations.append(dataclasses.replace(conversation, person_ids=tuple(dict.fromkeys(ids))))
            conversation_ids = work.conversations.insert_many(conversations)
            remember_import(
                work,
                kind=plan.kind,
                source=file_name,
                today=self.today,
                people=dict(zip(new_ids, plan.new_people, strict=True)),
                conversations=dict(zip(conversation_ids, conversations, strict=True)),
                filled=filled_fields(plan.based_on, updates),
            )
        return {
            "people": len(plan.new_people),
            "updated_people": len(plan.person_updates),
            "conversations": len(plan.new_conversations),
        }

    # ------------------------------------------------------------------ erase
    def erase_all(self) -> None:
        """Empty every table, the trash too; a backup of the current file is kept first."""
        with self._work() as work:
            self._store.backup_now("before-erase")
            for name in (*DATA_TABLES, TRASH):
                work.db.table(name).truncate()

    # ---------------------------------------------------------------- backups
    def backups(self) -> list[Path]:
        return self._store.backups()

    def restore_backup(self, name: str) -> None:
        matches = [p for p in self._store.backups() if p.name == name]
        if not matches:
            raise NotFoundError(f"backup: no backup named {name!r}")
        self._store.restore(matches[0])
