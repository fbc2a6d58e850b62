"""The server sets its start-up objects aside from the collector, and pages reuse what did not change.

Streamlit sweeps the whole heap after every page; a worker that imported
pandas and Plotly spent more time in that sweep than in the page. These
stories check the two remedies keep their promises: what is set aside is
only what existed, later garbage is still collected, and a page's figure is
rebuilt exactly when the member's file changed.
"""

from __future__ import annotations

import gc
import sys
import tomllib
import weakref
from collections.abc import Iterator
from pathlib import Path

import pytest

from netcoach.service import MemberService
from netcoach.web import heap


@pytest.fixture
def unfrozen() -> Iterator[None]:
    """Whatever a story sets aside is handed back to the collector afterwards."""
    armed, settled = heap._Settling.armed, heap._Settling.settled
    try:
        yield
    finally:
        gc.unfreeze()
        heap._Settling.armed, heap._Settling.settled = armed, settled


class Node:
    def __init__(self) -> None:
        self.me = self  # a cycle: only the collector frees it


def test_every_page_module_is_imported_up_front() -> None:
    names = heap.import_everything()
    assert "netcoach.web.followups" in names and "netcoach.insights.charts" in names
    assert all(name in sys.modules for name in names)


def test_what_a_page_leaves_behind_after_the_freeze_is_still_collected(unfrozen: None) -> None:
    assert heap.freeze_imports() > 0
    garbage = Node()
    alive = weakref.ref(garbage)
    del garbage
    gc.collect()
    assert alive() is None, "a cycle made after the freeze is freed by the next collection"


def test_only_a_server_sets_aside_its_first_run(unfrozen: None) -> None:
    heap._Settling.armed, heap._Settling.settled = False, False
    heap.settle_after_first_run()
    assert gc.get_freeze_count() == 0, "tests running the pages keep a normal collector"
    heap._Settling.armed = True
    heap.settle_after_first_run()
    assert gc.get_freeze_count() > 0 and heap._Settling.settled


def test_a_figure_is_built_once_per_version_of_the_file(svc: MemberService) -> None:
    built: list[int] = []

    def build() -> str:
        built.append(1)
        return f"figure {len(built)}"

    first = svc.remembered("chart", build)
    assert svc.remembered("chart", build) == first == "figure 1"
    assert len(built) == 1, "an unchanged file serves the figure from memory"
    svc.add_person({"name": "Ana Ruiz"})
    assert svc.remembered("chart", build) == "figure 2", "a change to the file builds it again"


@pytest.mark.parametrize("config", [".streamlit/config.toml", "deploy/config.toml"])
def test_the_server_leaves_garbage_to_pythons_own_collector_rather_than_a_sweep_after_every_page(
    config: str, unfrozen: None
) -> None:
    settings = tomllib.loads((Path(__file__).resolve().parents[2] / config).read_text())
    assert settings["runner"]["postScriptGC"] is False, "a full sweep after every page grows with open sessions"
    heap.freeze_imports()
    assert gc.isenabled(), "the generational collector still frees what runs leave behind"
    cycles = [weakref.ref(Node()) for _ in range(5000)]  # more than one young generation's worth
    assert sum(ref() is None for ref in cycles) > 4000, "young cycles are freed without any explicit collection"
