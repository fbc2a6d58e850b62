"""One table of a member's file seen as typed records, so the service never handles raw documents.

A repository converts at the edge (`models.to_record` going in, `models.from_record`
coming out) and leaves locking and durability to the store it was taken from: it is
only ever used inside one of the store's transactions.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Generic, TypeVar, cast

from tinydb.queries import QueryLike
from tinydb.table import Document, Table

from netcoach.models import from_record, to_record

T = TypeVar("T")


class NotFoundError(LookupError):
    """The record asked for is not in this member's data."""


class Repository(Generic[T]):
    """The records of one table as values of one dataclass, ids taken from TinyDB's document ids."""

    def __init__(self, table: Table, kind: type[T]) -> None:
        self.table = table
        self.kind = kind

    def _value(self, doc: Document) -> T:
        return from_record(self.kind, doc, doc.doc_id)

    # ---------------------------------------------------------------- reading
    def document(self, record_id: int) -> Document | None:
        """The stored document as it is, for comparing with what a screen showed."""
        # A non-int id (a stray string from a form) is simply not there.
        return self.table.get(doc_id=record_id) if isinstance(record_id, int) else None

    def documents(self) -> dict[int, Document]:
        """Every stored document by id, as stored."""
        return {doc.doc_id: doc for doc in self.table.all()}

    def get(self, record_id: int) -> T | None:
        doc = self.document(record_id)
        return None if doc is None else self._value(doc)

    def require(self, record_id: int, what: str) -> T:
        found = self.get(record_id)
        if found is None:
            raise NotFoundError(f"{what}: no {what} with id {record_id}")
        return found

    def contains(self, record_id: int) -> bool:
        return self.table.contains(doc_id=record_id)

    def all(self) -> list[T]:
        return [self._value(doc) for doc in self.table.all()]

    def search(self, where: QueryLike) -> list[T]:
        return [self._value(doc) for doc in self.table.search(where)]

    def document_where(self, where: QueryLike) -> Document | None:
        """The first stored document matching `where`, as stored (fields not merged or defaulted)."""
        found = self.table.search(where)
        return found[0] if found else None

    def __len__(self) -> int:
        return len(self.table)

    # ---------------------------------------------------------------- writing
    def insert(self, item: T) -> int:
        return self.table.insert(to_record(item))

    def insert_many(self, items: Iterable[T]) -> list[int]:
        records = [to_record(item) for item in items]
        return self.table.insert_multiple(records) if records else []

    def update(self, record_id: int, item: T) -> None:
        self.table.update(to_record(item), doc_ids=[record_id])

    def patch(self, record_ids: Iterable[int], fields: Mapping[str, Any]) -> None:
        """Change only the given fields, leaving the rest of each document as it was stored."""
        ids = list(record_ids)
        if ids:
            self.table.update(dict(fields), doc_ids=ids)

    def update_many(self, items: Mapping[int, T]) -> None:
        """Write many records in one pass over the table.

        TinyDB re-reads and re-writes a whole table on every insert or update, so one call
        per row makes a large import grow with the square of its size. The caller has
        checked every id is present, so TinyDB visits them in the order given.
        """
        if not items:
            return
        pending = iter([to_record(item) for item in items.values()])

        def fill(doc: Mapping[str, Any]) -> None:
            # TinyDB hands an updater the stored dict itself, to change in place.
            cast(dict[str, Any], doc).update(next(pending))

        written = self.table.update(fill, doc_ids=list(items))
        if written != list(items):
            raise RuntimeError(f"{self.table.name}: a record to update went missing during the write")

    def upsert(self, item: T, where: QueryLike) -> int:
        """Write `item` over the record matching `where`, or add it; its id either way."""
        return self.table.upsert(to_record(item), where)[0]

    def put(self, record_id: int, item: T) -> None:
        """Write `item` as the record with this id, whether or not it exists yet."""
        self.table.upsert(Document(to_record(item), doc_id=record_id))

    def remove(self, record_ids: Iterable[int]) -> None:
        ids = list(record_ids)
        if ids:
            self.table.remove(doc_ids=ids)

    def truncate(self) -> None:
        self.table.truncate()
