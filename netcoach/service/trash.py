"""The trash: deleted people, conversations and events kept 30 days, and imports that can be undone as a whole.

A delete gathers, as it goes, every stored document it removes and every
link it cuts in records that stay (a `Clearing`), and keeps them as one trash
item. Giving it back writes the documents again under their old ids (ids are
never handed out twice, so nothing else can hold them) and puts each link back
where the record it was in still exists and has not been pointed elsewhere.

A record cannot come back without what it refers to: a conversation needs
its people and its event. When those are in the trash too, they come back with
it and the result says so; when they are gone for good, the conversation comes
back with the people still here and without the event link, or (with nobody
left to have talked to) not at all.

An import keeps instead what it added (a fingerprint of each record as
written) and which empty details of known people it filled in. Undoing it
takes away only what the member has not changed since, says what it kept and
why, and keeps what it took away in the trash, so the undo can be undone.

The trash is not exported: "All data" is the member's live data, and a
restore of an export starts with what was live, not with what was thrown away.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Collection, Mapping
from typing import Any

from tinydb.table import Document

from netcoach.models import (
    CONVERSATIONS,
    EVENTS,
    KEEP_DAYS,
    LOOPS,
    PEOPLE,
    TRASH,
    Conversation,
    Event,
    Person,
    TrashItem,
    TrashKind,
    ValidationError,
    days_left,
    fingerprint,
    from_record,
    short_label,
    to_record,
)
from netcoach.service.unit_of_work import StaleRecordError, UnitOfWork, Work

# The order records are written back in, so what others refer to is there first.
RESTORE_ORDER = (PEOPLE, EVENTS, CONVERSATIONS, LOOPS)
# How each table's records are counted in a sentence: (one, many).
NOUNS = {
    PEOPLE: ("person", "people"),
    CONVERSATIONS: ("conversation", "conversations"),
    EVENTS: ("event", "events"),
    LOOPS: ("promise", "promises"),
}
IMPORT_SOURCES = {
    "contacts": "a contacts file",
    "linkedin": "a LinkedIn file",
    "people_csv": "a people file",
    "conversations_csv": "a conversations file",
}


def counted(count: int, table: str) -> str:
    one, many = NOUNS.get(table, ("record", "records"))
    return f"{count} {one if count == 1 else many}"


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%b %Y}"


# ------------------------------------------------------------------ labels
def person_label(person: Mapping[str, Any]) -> str:
    return short_label(str(person.get("name") or "Someone without a name"))


def conversation_label(work: Work, conversation: Conversation) -> str:
    names = [p.name for i in conversation.person_ids if (p := work.people.get(i)) is not None and p.name]
    who = f" with {', '.join(names)}" if names else ""
    return short_label(f"Conversation{who} on {_day(conversation.date)}")


def event_label(event: Event) -> str:
    return short_label(f"{event.name} on {_day(event.date)}")


def import_label(source: str, kind: str, day: dt.date, people: int, conversations: int, filled: int) -> str:
    what = source or IMPORT_SOURCES.get(kind, "a file")
    parts = [counted(people, PEOPLE), counted(conversations, CONVERSATIONS)]
    if filled:
        parts.append(f"details filled in for {counted(filled, PEOPLE)}")
    return short_label(f"Import of {what} on {_day(day)}: {', '.join(parts)}")


# ------------------------------------------------------------------ results
@dataclasses.dataclass(frozen=True)
class Trashed:
    """What a delete put in the trash: the item to give back, and what went with the record."""

    item_id: int
    kind: TrashKind
    label: str
    conversations: int = 0  # conversations that went with it (a person's one-on-ones)

    def message(self, show: Callable[[str], str] = str) -> str:
        """Plain words; `show` renders the member's text in it (a name), so a page can make it inert."""
        label = self.label
        if self.kind is TrashKind.CONVERSATION and label.startswith("Conversation"):
            label = "the c" + label[1:]
        what = f"the event {show(label)}" if self.kind is TrashKind.EVENT else show(label)
        extra = f" and {counted(self.conversations, CONVERSATIONS)} only with them" if self.conversations else ""
        return f"Moved {what}{extra} to the trash."


@dataclasses.dataclass(frozen=True)
class Restored:
    """What giving back a trash item did."""

    item_id: int
    label: str
    done: bool  # False: it was not in the trash any more (given back already, or emptied); nothing changed
    also: tuple[str, ...] = ()  # other trash items that came back with it, because it needs them
    notes: tuple[str, ...] = ()  # what did not come back as it was, and why

    def message(self, show: Callable[[str], str] = str) -> str:
        """Plain words; `show` renders the member's text in it (labels), so a page can make it inert."""
        if not self.done:
            return "That is no longer in the trash (given back already, or the trash was emptied); nothing changed."
        text = f"{show(self.label)} is back."
        if self.also:
            were = "was" if len(self.also) == 1 else "were"
            also = "; ".join(show(label) for label in self.also)
            text += f" It needs {also}, which {were} in the trash too and came back with it."
        return " ".join([text, *self.notes])


@dataclasses.dataclass(frozen=True)
class ImportUndone:
    """What undoing an import took away, put back, and kept."""

    item_id: int
    label: str
    done: bool
    people: int = 0
    conversations: int = 0
    reverted: int = 0  # people whose filled-in details went back to what they were
    kept: tuple[str, ...] = ()  # what stayed because the member changed or used it since
    trash_id: int | None = None  # where what it took away is kept

    def message(self) -> str:
        if not self.done:
            return "That import was undone already (or is past keeping); nothing changed."
        parts = [counted(self.people, PEOPLE), counted(self.conversations, CONVERSATIONS)]
        text = f"Undid the import: took away {' and '.join(parts)}"
        if self.reverted:
            text += f", and put back the details of {counted(self.reverted, PEOPLE)} as they were"
        text += "."
        if self.kept:
            text += " Kept: " + "; ".join(self.kept) + "."
        if self.trash_id is not None:
            text += " What was taken away is in the trash for 30 days."
        return text


@dataclasses.dataclass(frozen=True)
class TrashEntry:
    """One line of the trash page."""

    item: TrashItem
    days_left: int
    contents: str  # what came with it ("with 2 conversations and 1 promise"), or ""

    @property
    def id(self) -> int:
        return self.item.id or 0

    @property
    def is_import(self) -> bool:
        return self.item.kind is TrashKind.IMPORT


def contents_of(item: TrashItem) -> str:
    """What else an item holds, besides the record it is named after."""
    if item.kind in (TrashKind.IMPORT, TrashKind.UNDONE_IMPORT):
        return ""
    main = {TrashKind.PERSON: PEOPLE, TrashKind.CONVERSATION: CONVERSATIONS, TrashKind.EVENT: EVENTS}[item.kind]
    parts = [counted(len(docs), table) for table, docs in item.records.items() if table != main and docs]
    return f"with {' and '.join(parts)}" if parts else ""


# ------------------------------------------------------------------ putting things in
class Clearing:
    """What one delete removes and cuts, gathered as it goes, then kept as one trash item."""

    def __init__(self) -> None:
        self.records: dict[str, dict[str, dict[str, Any]]] = {}
        self.links: list[dict[str, Any]] = []

    def removed(self, table: str, record_id: int, document: Mapping[str, Any]) -> None:
        self.records.setdefault(table, {})[str(record_id)] = dict(document)

    def cut(self, table: str, record_id: int, field: str, value: int, position: int | None = None) -> None:
        link: dict[str, Any] = {"table": table, "id": record_id, "field": field, "value": value}
        if position is not None:
            link["position"] = position
        self.links.append(link)

    def count(self, table: str) -> int:
        return len(self.records.get(table, {}))

    def keep(self, work: Work, kind: TrashKind, label: str, today: dt.date) -> int:
        """Put what was gathered in the trash; its item id."""
        item = TrashItem(kind=kind, label=label, deleted_on=today, records=self.records, links=tuple(self.links))
        return work.trash.insert(item)


def remember_import(
    work: Work,
    *,
    kind: str,
    source: str,
    today: dt.date,
    people: Mapping[int, Person],
    conversations: Mapping[int, Conversation],
    filled: Mapping[int, Mapping[str, list[Any]]],
) -> int | None:
    """Keep what one import added and filled in, so it can be undone as a whole; its item id (None: nothing)."""
    if not (people or conversations or filled):
        return None
    item = TrashItem(
        kind=TrashKind.IMPORT,
        label=import_label(source, kind, today, len(people), len(conversations), len(filled)),
        deleted_on=today,
        added={
            PEOPLE: {str(i): fingerprint(to_record(p)) for i, p in people.items()},
            CONVERSATIONS: {str(i): fingerprint(to_record(c)) for i, c in conversations.items()},
        },
        filled={str(i): {name: list(pair) for name, pair in fields.items()} for i, fields in filled.items()},
        source=short_label(source),
    )
    return work.trash.insert(item)


def filled_fields(before: Mapping[int, Person], after: Mapping[int, Person]) -> dict[int, dict[str, list[Any]]]:
    """Each updated person's changed fields as [before, after], in the stored form."""
    filled: dict[int, dict[str, list[Any]]] = {}
    for person_id, new in after.items():
        old = before.get(person_id)
        if old is None:
            continue
        was, now = to_record(old), to_record(new)
        changed = {name: [was.get(name), value] for name, value in now.items() if was.get(name) != value}
        if changed:
            filled[person_id] = changed
    return filled


# ------------------------------------------------------------------ giving back
def _linked(document: Mapping[str, Any], link: Mapping[str, Any]) -> tuple[bool, Any]:
    """(whether the link can go back into this document, the field's new value)."""
    current = document.get(link["field"])
    value = link["value"]
    if "position" in link:
        items = list(current or [])
        if value in items:
            return True, items
        items.insert(min(link["position"], len(items)), value)
        return True, items
    if current is None or current == value:
        return True, value
    return False, current  # pointed somewhere else since: that choice stays


class _Giving:
    """One restore: the items coming back, and the other trash items whose kept records a link lands in."""

    def __init__(self, work: Work, item: TrashItem):
        self.work = work
        self.items = {i.id: i for i in work.trash.all() if i.id is not None}
        # Where each record in the trash is kept: (table, id) -> trash item id.
        self.home: dict[tuple[str, int], int] = {}
        for kept in self.items.values():
            for table, docs in kept.records.items():
                for key in docs:
                    self.home[(table, int(key))] = kept.id or 0
        self.chosen: list[TrashItem] = [item]
        self.notes: list[str] = []
        self.touched: dict[int, dict[str, dict[str, dict[str, Any]]]] = {}

    def coming_back(self, table: str, record_id: int) -> bool:
        return any(str(record_id) in i.records.get(table, {}) for i in self.chosen)

    def present(self, table: str, record_id: int) -> bool:
        return self.work.db.table(table).contains(doc_id=record_id) or self.coming_back(table, record_id)

    def gather(self) -> None:
        """Add the trash items holding what the chosen records need (a conversation's people and event)."""
        index = 0
        while index < len(self.chosen):
            item = self.chosen[index]
            index += 1
            for doc in item.records.get(CONVERSATIONS, {}).values():
                needs = [(PEOPLE, i) for i in doc.get("person_ids") or []]
                if doc.get("event_id") is not None:
                    needs.append((EVENTS, doc["event_id"]))
                for table, record_id in needs:
                    if self.present(table, record_id):
                        continue
                    owner = self.items.get(self.home.get((table, record_id), 0))
                    if owner is not None and owner.kind is not TrashKind.IMPORT:
                        self.chosen.append(owner)

    def documents(self) -> dict[str, dict[int, dict[str, Any]]]:
        """Every record coming back, fitted to what is here now; refused when one cannot come back at all."""
        out: dict[str, dict[int, dict[str, Any]]] = {}
        dropped_event = dropped_people = dropped_loops = 0
        for item in self.chosen:
            for table, docs in item.records.items():
                for key, stored in docs.items():
                    record_id = int(key)
                    if self.work.db.table(table).contains(doc_id=record_id):
                        raise ValidationError(
                            [
                                f"{item.label} cannot come back: a record restored from an export holds its place "
                                "now. Nothing was restored."
                            ]
                        )
                    doc = dict(stored)
                    if table in (CONVERSATIONS, LOOPS):
                        ids = list(doc.get("person_ids") or [])
                        here = [i for i in ids if self.present(PEOPLE, i)]
                        if len(here) < len(ids):
                            dropped_people += 1
                            doc["person_ids"] = here
                    if table == CONVERSATIONS:
                        if not doc.get("person_ids"):
                            raise ValidationError(
                                [
                                    f"{item.label} cannot come back: everyone it was with was deleted more than "
                                    "30 days ago. Nothing was restored."
                                ]
                            )
                        event_id = doc.get("event_id")
                        if event_id is not None and not self.present(EVENTS, event_id):
                            doc["event_id"] = None
                            dropped_event += 1
                    if table == LOOPS:
                        conversation_id = doc.get("conversation_id")
                        if conversation_id is not None and not self.present(CONVERSATIONS, conversation_id):
                            doc["conversation_id"] = None
                        if not doc.get("person_ids") and not doc.get("signal_key"):
                            dropped_loops += 1
                            continue
                    out.setdefault(table, {})[record_id] = doc
        if dropped_event:
            self.notes.append(
                f"{counted(dropped_event, CONVERSATIONS)} kept the event's name, but the event itself is gone for good."
            )
        if dropped_people:
            self.notes.append(f"{counted(dropped_people, 'records')} came back without people who are gone for good.")
        if dropped_loops:
            self.notes.append(f"{counted(dropped_loops, LOOPS)} only with people gone for good stayed away.")
        return out

    def put_back(self, link: Mapping[str, Any]) -> bool:
        """One cut link restored, in the record that stayed or in the trash item now keeping it."""
        table, record_id, field = link["table"], link["id"], link["field"]
        repo = self.work.db.table(table)
        doc = repo.get(doc_id=record_id)
        if isinstance(doc, Document):
            fits, value = _linked(doc, link)
            if fits and value != doc.get(field):
                repo.update({field: value}, doc_ids=[record_id])
            return fits
        owner_id = self.home.get((table, record_id))
        owner = self.items.get(owner_id or 0)
        if owner is None or any(owner.id == i.id for i in self.chosen):
            return False
        records = self.touched.setdefault(owner.id or 0, {t: dict(d) for t, d in owner.records.items()})
        kept = dict(records[table][str(record_id)])
        fits, value = _linked(kept, link)
        if fits:
            kept[field] = value
            records[table][str(record_id)] = kept
        return fits

    def run(self) -> Restored:
        self.gather()
        documents = self.documents()
        for table in sorted(documents, key=lambda t: RESTORE_ORDER.index(t) if t in RESTORE_ORDER else 99):
            self.work.db.table(table).insert_multiple(Document(doc, doc_id=i) for i, doc in documents[table].items())
        missed = sum(not self.put_back(link) for item in self.chosen for link in item.links)
        if missed:
            self.notes.append(f"{missed} link(s) to records deleted for good, or changed since, were not put back.")
        for owner_id, records in self.touched.items():
            self.work.trash.patch([owner_id], {"records": records})
        self.work.trash.remove(i.id for i in self.chosen if i.id is not None)
        main = self.chosen[0]
        self.notes.extend(self._still_in_trash(main, documents))
        return Restored(main.id or 0, main.label, True, tuple(i.label for i in self.chosen[1:]), tuple(self.notes))

    def _still_in_trash(self, main: TrashItem, documents: Mapping[str, Mapping[int, Any]]) -> list[str]:
        """Conversations with a person given back that were deleted on their own, and wait in the trash."""
        if main.kind is not TrashKind.PERSON:
            return []
        person_ids = set(documents.get(PEOPLE, {}))
        chosen = {i.id for i in self.chosen}
        waiting = sum(
            1
            for kept in self.items.values()
            if kept.id not in chosen
            for doc in kept.records.get(CONVERSATIONS, {}).values()
            if person_ids & set(doc.get("person_ids") or [])
        )
        if not waiting:
            return []
        still = f"{counted(waiting, CONVERSATIONS)} with them deleted on their own"
        return [f"{still} {'is' if waiting == 1 else 'are'} still in the trash; restore them there."]


def _as_shown(work: Work, item_id: int, expected: TrashItem | None) -> TrashItem | None:
    """The trash item with this id, or None when it has left the trash; refused if it is not the one shown."""
    if expected is not None and expected.id is not None and expected.id != item_id:
        raise ValueError(f"trash: the item shown has id {expected.id}, not {item_id}")
    doc = work.trash.document(item_id)
    if doc is None:
        return None
    item = from_record(TrashItem, doc, item_id)
    if expected is not None and (expected.kind, expected.deleted_on) != (item.kind, item.deleted_on):
        raise StaleRecordError(
            ["The trash changed in another tab or window since this page was shown; nothing changed."]
        )
    return item


# ------------------------------------------------------------------ undoing an import
def _undo_import(work: Work, item: TrashItem, today: dt.date) -> ImportUndone:
    people_repo, conversations_repo = work.people, work.conversations
    added_conversations = item.added.get(CONVERSATIONS, {})
    added_people = item.added.get(PEOPLE, {})
    clearing = Clearing()
    changed_conversations = 0
    for key, mark in added_conversations.items():
        doc = conversations_repo.document(int(key))
        if doc is None:
            continue
        if fingerprint(doc) != mark:
            changed_conversations += 1
            continue
        clearing.removed(CONVERSATIONS, int(key), doc)
    leaving = {int(k) for k in clearing.records.get(CONVERSATIONS, {})}
    # People still named by a conversation or a promise that stays are kept.
    named: set[int] = set()
    for conversation_id, doc in conversations_repo.documents().items():
        if conversation_id not in leaving:
            named.update(doc.get("person_ids") or [])
    for doc in work.loops.documents().values():
        named.update(doc.get("person_ids") or [])
    changed_people = used_people = 0
    for key, mark in added_people.items():
        doc = people_repo.document(int(key))
        if doc is None:
            continue
        if fingerprint(doc) != mark:
            changed_people += 1
        elif int(key) in named:
            used_people += 1
        else:
            clearing.removed(PEOPLE, int(key), doc)
    reverted = kept_details = 0
    for key, fields in item.filled.items():
        doc = people_repo.document(int(key))
        if doc is None:
            continue
        back = {name: before for name, (before, after) in fields.items() if doc.get(name) == after}
        kept_details += len(fields) - len(back)
        if back:
            people_repo.patch([int(key)], back)
            reverted += 1
    conversations_repo.remove(leaving)
    people_repo.remove(int(k) for k in clearing.records.get(PEOPLE, {}))
    kept: list[str] = []
    if changed_people:
        kept.append(f"{counted(changed_people, PEOPLE)} you changed since")
    if used_people:
        kept.append(f"{counted(used_people, PEOPLE)} you have logged conversations or promises with since")
    if changed_conversations:
        kept.append(f"{counted(changed_conversations, CONVERSATIONS)} you changed since")
    if kept_details:
        kept.append(f"{kept_details} filled-in detail(s) you changed since")
    trash_id = None
    removed_people, removed_conversations = clearing.count(PEOPLE), clearing.count(CONVERSATIONS)
    if removed_people or removed_conversations:
        what = item.source or "a file"
        counts = item.label.partition(": ")[2] or "undone"
        label = short_label(f"What the import of {what} added ({counts}), undone on {_day(today)}")
        trash_id = clearing.keep(work, TrashKind.UNDONE_IMPORT, label, today)
    work.trash.remove([item.id or 0])
    return ImportUndone(
        item.id or 0, item.label, True, removed_people, removed_conversations, reverted, tuple(kept), trash_id
    )


# ------------------------------------------------------------------ the service
class TrashService(UnitOfWork):
    def trash(self) -> list[TrashEntry]:
        """Everything in the trash, the latest deleted first, with the days each has left."""
        today = self.today
        with self._store.reading() as (_, tables):
            items = [from_record(TrashItem, doc, int(key)) for key, doc in tables.get(TRASH, {}).items()]
        items.sort(key=lambda i: (i.deleted_on, i.id or 0), reverse=True)
        # One past its time waits only for the next save to leave: it is not offered meanwhile.
        kept = [i for i in items if (today - i.deleted_on).days <= KEEP_DAYS]
        return [TrashEntry(i, days_left(i.deleted_on, today), contents_of(i)) for i in kept]

    def imports(self) -> list[TrashEntry]:
        """Imports that can still be undone, the latest first."""
        return [entry for entry in self.trash() if entry.is_import]

    def restore_from_trash(self, item_id: int, *, expected: TrashItem | None = None) -> Restored:
        """Give back exactly this trash item (and what it needs from the trash); a second time changes nothing."""
        with self._work() as work:
            item = _as_shown(work, item_id, expected)
            if item is None:
                return Restored(item_id, expected.label if expected else "", False)
            if item.kind is TrashKind.IMPORT:
                raise ValidationError([f"{item.label} is an import: undo it instead, to take away what it added."])
            return _Giving(work, item).run()

    def undo_import(self, item_id: int, *, expected: TrashItem | None = None) -> ImportUndone:
        """Take away what this import added and put back the details it filled in, where unchanged since."""
        with self._work() as work:
            item = _as_shown(work, item_id, expected)
            if item is None:
                return ImportUndone(item_id, expected.label if expected else "", False)
            if item.kind is not TrashKind.IMPORT:
                raise ValidationError([f"{item.label} is not an import; restore it instead."])
            return _undo_import(work, item, self.today)

    def empty_trash(self, item_ids: Collection[int]) -> int:
        """Delete for good the trash items the page showed; any put in since stay. How many went."""
        wanted = set(item_ids)
        with self._work() as work:
            present = [i for i in wanted if work.trash.contains(i)]
            work.trash.remove(present)
        return len(present)
