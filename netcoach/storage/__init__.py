"""Durable storage of each member's documents: TinyDB on locked, atomic JSON-file writes.

Everything outside this package imports from here, so that how a file is
written, checked and backed up can change room by room without callers
noticing. The rooms: `errors` (what a person is told), `files` (crash-safe
writes), `schema` (stamp and id high-water marks), `checks` (every record
loads), `durable` and `table` (TinyDB's storage and table), `locking`,
`backups`, `member_store` (one file's transactions) and `folder` (the data
folder and its members). `backend` names what both kinds of storage answer;
the `pg_*` rooms keep members as rows of PostgreSQL instead of files, and are
imported only when a `postgresql://` address is configured.
"""

from netcoach.storage.backend import Storage, StoredDocument
from netcoach.storage.backups import BACKUPS_KEPT, Backups, Timestamp
from netcoach.storage.checks import document_problems, file_problems, record_problem, unreadable_records
from netcoach.storage.durable import DurableStorage
from netcoach.storage.errors import (
    NOT_SAVED,
    CorruptFileError,
    InvalidMemberIdError,
    LockBusyError,
    MemberGoneError,
    ReadFailedError,
    StoreError,
    WriteFailedError,
    describe_fault,
)
from netcoach.storage.files import Signature, Tables, fsync_dir, load_json_file, make_folder, write_atomic
from netcoach.storage.folder import MEMBER_ID_RE, DataDir, data_dir, folder_at, forget_data_dirs, validate_member_id
from netcoach.storage.locking import LOCK_TIMEOUT_S, WAITING_MESSAGE, waiting_notice
from netcoach.storage.member_store import MemberStore
from netcoach.storage.repository import NotFoundError, Repository
from netcoach.storage.schema import MIGRATIONS, marks_of, schema_of

__all__ = [
    "BACKUPS_KEPT",
    "LOCK_TIMEOUT_S",
    "MEMBER_ID_RE",
    "MIGRATIONS",
    "NOT_SAVED",
    "WAITING_MESSAGE",
    "Backups",
    "CorruptFileError",
    "DataDir",
    "DurableStorage",
    "InvalidMemberIdError",
    "LockBusyError",
    "MemberGoneError",
    "MemberStore",
    "NotFoundError",
    "ReadFailedError",
    "Repository",
    "Signature",
    "Storage",
    "StoreError",
    "StoredDocument",
    "Tables",
    "Timestamp",
    "WriteFailedError",
    "data_dir",
    "describe_fault",
    "document_problems",
    "file_problems",
    "folder_at",
    "forget_data_dirs",
    "fsync_dir",
    "load_json_file",
    "make_folder",
    "marks_of",
    "record_problem",
    "schema_of",
    "unreadable_records",
    "validate_member_id",
    "waiting_notice",
    "write_atomic",
]
