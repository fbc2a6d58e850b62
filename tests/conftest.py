"""Fixtures shared by the whole suite: a fresh data folder per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
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
