"""Keep the garbage collector's sweeps off what the server imports once, and off every session.

Streamlit runs a full garbage collection after every script run by default
(`runner.postScriptGC`), and a full collection walks every object the
process tracks: the modules imported at start (Streamlit, pandas, Plotly,
pyarrow, netcoach) and every open session's state. Measured on a worker,
the first made that walk cost more than drawing Home for a member with a
thousand conversations; the second made a page's cost grow with the number
of members signed in (85 ms of server time a page with 12 members, 159 ms
with 30), so a worker held fewer members than its core could serve.

So netcoach's server turns that collection off (`postScriptGC = false` in
.streamlit/config.toml and deploy/config.toml) and leaves garbage to
Python's own generational collector, which frees what a run leaves behind
while it is young and sweeps everything only as the heap grows. And it
imports up front what the pages use and moves it out of the collector's
sight once (`gc.freeze`), and once more after the first page has run, when
the server's own start-up and Streamlit's lazily imported parts are in
place too: those objects live as long as the process.

Only the real server does this (serve.py arms it): tests that run the pages
in their own process keep a normal collector.
"""

from __future__ import annotations

import gc
import importlib
import pkgutil

# Libraries the pages reach for: imported at start rather than on a first visit.
LIBRARIES = (
    "pandas",
    "pyarrow",
    "plotly.express",
    "plotly.graph_objects",
    "plotly.io",
    "streamlit.elements.plotly_chart",
    "streamlit.elements.arrow",
)
# Every module of these packages: what any page can import.
PACKAGES = ("netcoach.web", "netcoach.service", "netcoach.insights", "netcoach.coach", "netcoach.team")


def import_everything(libraries: tuple[str, ...] = LIBRARIES, packages: tuple[str, ...] = PACKAGES) -> list[str]:
    """Import the libraries and every module of the packages; return the names imported."""
    names = list(libraries)
    for package_name in packages:
        package = importlib.import_module(package_name)
        names.append(package_name)
        for module in pkgutil.walk_packages(package.__path__, prefix=f"{package_name}."):
            names.append(module.name)
    for name in names:
        importlib.import_module(name)
    return names


class _Settling:
    armed = False  # set by freeze_imports: this process is a server
    settled = False  # the first page has run and what it left was set aside


def _freeze() -> int:
    gc.collect()  # what is garbage already is freed now, not kept for ever
    gc.freeze()
    return gc.get_freeze_count()


def freeze_imports() -> int:
    """Import what the pages use, then keep it out of every later collection; returns how many objects that is.

    Also arms `settle_after_first_run`.
    """
    import_everything()
    _Settling.armed = True
    return _freeze()


def settle_after_first_run() -> None:
    """At the end of a page run: the first time in a server armed by `freeze_imports`, set aside what exists now."""
    if _Settling.armed and not _Settling.settled:
        _Settling.settled = True
        _freeze()
