"""Sample data: an invented intern's months of networking, for a first look, tests and benchmarks.

`build` draws the records (pure, the same for a seed); `generate` writes them
into an empty member. The words come from `netcoach/content/sample/`.
Every name, organization and event is invented.
"""

from __future__ import annotations

from netcoach.sample.generator import DEFAULT_CONVERSATIONS, MAX_CONVERSATIONS, SampleData, build
from netcoach.sample.writer import TABLE_NAMES, SampleTarget, generate, has_data, tables

__all__ = [
    "DEFAULT_CONVERSATIONS",
    "MAX_CONVERSATIONS",
    "TABLE_NAMES",
    "SampleData",
    "SampleTarget",
    "build",
    "generate",
    "has_data",
    "tables",
]
