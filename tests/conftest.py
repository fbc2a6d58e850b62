"""Fixtures shared by the whole suite: a fresh data folder per test."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from pathlib import Path

import pg_cluster as pg_cluster_kit
import pytest
from store_backends import Backend, DatabaseBackend, FileBackend
from support import TODAY

from netcoach import storage
from netcoach.service import MemberService, member_service


@pytest.fixture
def data_root(tmp_path: Path) -> Iterator[Path]:
    """An empty data folder; the process-wide DataDir cache is dropped afterwards."""
    root = tmp_path / "data"
    root.mkdir()
    storage.forget_data_dirs()
    yield root
    storage.forget_data_dirs()


@pytest.fixture
def svc(data_root: Path) -> MemberService:
    """The service of member "me" in `data_root`, living on `TODAY`."""
    return member_service(data_root, "me", today=lambda: TODAY)


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """For app tests: NETCOACH_DATA_DIR points at a fresh folder and Streamlit's caches start empty."""
    import streamlit as st

    root = tmp_path / "data"
    monkeypatch.setenv("NETCOACH_DATA_DIR", str(root))
    st.cache_resource.clear()
    st.cache_data.clear()
    storage.forget_data_dirs()
    yield root
    st.cache_resource.clear()
    storage.forget_data_dirs()


# ---------------------------------------------------------------- PostgreSQL
def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[pg_cluster_kit.Cluster]:
    """One PostgreSQL server for the session, in a temporary folder; skipped without one, failed under CI."""
    reason = pg_cluster_kit.missing_reason()
    if reason:
        if in_ci():
            pytest.fail(f"CI=true but the database tests cannot run: {reason}", pytrace=False)
        pytest.skip(reason)
    with pg_cluster_kit.running(durable=False) as cluster:
        yield cluster


@pytest.fixture
def postgres_url(pg_cluster: pg_cluster_kit.Cluster) -> Iterator[str]:
    """A new, empty database of its own for one test; this process's pools are closed afterwards."""
    storage.forget_data_dirs()
    url = pg_cluster.create_database(f"t{next(_DATABASE_NUMBERS)}")
    yield url
    storage.forget_data_dirs()


_DATABASE_NUMBERS = itertools.count(1)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that needs the database server is a database test (`make test-db` runs them)."""
    for item in items:
        if "pg_cluster" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.db)


@pytest.fixture(params=["files", pytest.param("postgresql", marks=pytest.mark.db)])
def store_backend(request: pytest.FixtureRequest, data_root: Path) -> Iterator[Backend]:
    """Where members are kept, once as files in `data_root` and once as rows of a fresh PostgreSQL database."""
    if request.param == "files":
        yield FileBackend(data_root)
        return
    backend = DatabaseBackend(request.getfixturevalue("postgres_url"))
    yield backend
    backend.close()


@pytest.fixture
def store_root(store_backend: Backend) -> Path | str:
    """The location to hand the service: a data folder, or a postgresql:// address."""
    return store_backend.root


@pytest.fixture
def any_svc(store_root: Path | str) -> MemberService:
    """The service of member "me", on the data folder or on PostgreSQL, living on `TODAY`."""
    return member_service(store_root, "me", today=lambda: TODAY)
