"""TinyDB's table and database, made to hand out copies and to change only inside a transaction.

TinyDB caches the next document id per table, so two processes on one file
would hand out the same id; here ids come from the file's high-water marks.
TinyDB also changes documents in place and hands out the very dicts it
caches; here documents go through JSON on the way in and out, so nobody can
change what the next save writes by editing a record they were given.

TinyDB offers no public hook for choosing ids or for seeing which documents
a change touched, so this is the one place that overrides its private
`_get_next_id` and `_update_table`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Document, Table

from netcoach.storage.durable import DurableStorage
from netcoach.storage.errors import NOT_SAVED, WriteFailedError
from netcoach.storage.files import DOC_ID_RE, copy_json


def as_stored(doc_id: Any, doc: Any) -> tuple[str, dict[str, Any]]:
    """A changed document exactly as the file will hold it (tuples become lists, int keys text)."""
    key = str(doc_id)
    if not DOC_ID_RE.fullmatch(key):
        raise WriteFailedError(f"A record id must be a whole number from 1, not {key[:40]!r}. {NOT_SAVED}")
    try:
        stored = json.loads(json.dumps(doc, allow_nan=False))
    except (TypeError, ValueError, RecursionError) as exc:
        raise WriteFailedError(f"A value could not be stored ({exc}). {NOT_SAVED}") from None
    if not isinstance(stored, dict):
        raise WriteFailedError(f"A record must be a set of fields, not {type(doc).__name__}. {NOT_SAVED}")
    return key, stored


def detached(doc: Document) -> Document:
    """A document nobody else holds: changing it changes nothing stored."""
    return Document(copy_json(dict(doc)), doc.doc_id)


class TrackedTable(dict):
    """A table being changed: a document is copied the first time it is touched.

    TinyDB changes documents in place (`table[id].update(...)`); handing it the
    cached documents would change the cache before the file. A copy on first
    touch keeps untouched documents shared (cheap) and touched ones private.
    """

    def __init__(self, items: Iterable[tuple[int, Any]]):
        super().__init__(items)
        self.touched: set[int] = set()

    def __getitem__(self, key: int) -> Any:
        if key not in self.touched:
            value = copy_json(dict.__getitem__(self, key))
            dict.__setitem__(self, key, value)
            self.touched.add(key)
            return value
        return dict.__getitem__(self, key)

    def __setitem__(self, key: int, value: Any) -> None:
        dict.__setitem__(self, key, value)
        self.touched.add(key)


class StoreTable(Table):
    """A TinyDB table that takes ids from the file's high-water mark and hands out copies."""

    def __init__(
        self,
        storage: Storage,
        name: str,
        cache_size: int = Table.default_query_cache_capacity,
        persist_empty: bool = False,
    ):
        if not isinstance(storage, DurableStorage):
            raise TypeError("a StoreTable lives on a DurableStorage")
        self.durable = storage
        self._generation = -1
        super().__init__(storage, name, cache_size=cache_size, persist_empty=persist_empty)

    # reading: copies, and no query answer from an older version of the file
    def _fresh(self) -> None:
        self.durable.read()  # notices a file changed by someone else, which bumps the generation
        if self._generation != self.durable.generation:
            self.clear_cache()
            self._generation = self.durable.generation

    def search(self, cond: Any) -> list[Document]:
        with self.durable.lock:
            self._fresh()
            found = super().search(cond)
        return [detached(doc) for doc in found]

    def get(self, cond: Any = None, doc_id: int | None = None, doc_ids: list | None = None) -> Any:
        with self.durable.lock:
            found = super().get(cond, doc_id, doc_ids)
        if isinstance(found, list):
            return [detached(doc) for doc in found]
        return None if found is None else detached(found)

    def __iter__(self) -> Iterator[Document]:
        with self.durable.lock:
            found = list(super().__iter__())
        for doc in found:
            yield detached(doc)

    def __len__(self) -> int:
        with self.durable.lock:
            return super().__len__()

    # writing: each change is a transaction of its own unless inside one
    def _get_next_id(self) -> int:
        return self.durable.next_id(self.name)

    def insert(self, document: Mapping) -> int:
        with self.durable.scope():
            return super().insert(document)

    def insert_multiple(self, documents: Iterable[Mapping]) -> list[int]:
        with self.durable.scope():
            return super().insert_multiple(documents)

    def upsert(self, document: Mapping, cond: Any = None) -> list[int]:
        with self.durable.scope():
            return super().upsert(document, cond)

    def _update_table(self, updater: Callable[[dict[int, Mapping]], None]) -> None:
        with self.durable.scope():
            tables = self.durable.read()
            if tables is None:
                tables = {}
            raw = tables.get(self.name, {})
            table = TrackedTable(zip(map(int, raw), raw.values(), strict=True))
            updater(table)
            fresh: dict[str, Any] = dict(zip(map(str, dict.keys(table)), dict.values(table), strict=True))
            for doc_id in table.touched:
                if dict.__contains__(table, doc_id):
                    key, stored = as_stored(doc_id, dict.__getitem__(table, doc_id))
                    fresh[key] = stored
            # Nothing above changed the working copy: a failure leaves no trace.
            tables[self.name] = fresh
            self.durable.write_table(tables, self.name, map(str, table.touched))
            self.clear_cache()


class StoreDB(TinyDB):
    """TinyDB over one DurableStorage; dropping tables is a change like any other."""

    table_class = StoreTable

    def __init__(self, storage: DurableStorage):
        self.durable = storage
        super().__init__(storage=lambda: storage)

    def drop_table(self, name: str) -> None:
        with self.durable.scope():
            super().drop_table(name)

    def drop_tables(self) -> None:
        with self.durable.scope():
            super().drop_tables()
