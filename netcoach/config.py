"""Settings read by the app, the command line and the team instance: one place for each.

The data folder comes from the environment (`NETCOACH_DATA_DIR`, default
`./data`); a server that shares its members with other hosts keeps them in
PostgreSQL instead (`NETCOACH_STORE=postgresql://...`, unset: the folder).
The local dashboard acts for one member whose id is fixed. The
clock is a plain callable so that every layer can be handed a fixed day in
tests and benchmarks instead of reading the system date itself.
"""

from __future__ import annotations

import datetime as dt
import os
import urllib.parse
from collections.abc import Callable
from pathlib import Path

DATA_DIR_ENV = "NETCOACH_DATA_DIR"
STORE_ENV = "NETCOACH_STORE"
DATABASE_SCHEMES = ("postgresql://", "postgres://")
DEFAULT_DATA_DIR = Path("data")
# The one member of a local dashboard (no sign-in): its file is members/me.json.
LOCAL_MEMBER_ID = "me"

Clock = Callable[[], dt.date]
"""Gives today's date; injected wherever "today" matters."""

system_today: Clock = dt.date.today


def data_root() -> Path:
    """The data folder this process serves, as configured."""
    return Path(os.environ.get(DATA_DIR_ENV) or DEFAULT_DATA_DIR)


def is_database_url(location: object) -> bool:
    """Whether a configured location names a PostgreSQL database rather than a folder."""
    return isinstance(location, str) and location.strip().lower().startswith(DATABASE_SCHEMES)


def store_location() -> str:
    """Where this process keeps members: the database of NETCOACH_STORE, or the data folder (as a full path)."""
    configured = (os.environ.get(STORE_ENV) or "").strip()
    if configured:
        return configured
    return str(data_root().resolve())


def shown_location(location: str) -> str:
    """A location as it may be shown or logged: a database address loses its password."""
    if not is_database_url(location):
        return location
    parts = urllib.parse.urlsplit(location.strip())
    if parts.password is None:
        return location.strip()
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    user = f"{parts.username}:***@" if parts.username else ":***@"
    return urllib.parse.urlunsplit((parts.scheme, user + host, parts.path, parts.query, parts.fragment))
