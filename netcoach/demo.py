"""The sample data generator's earlier import path; everything lives in `netcoach.sample`.

Kept only while callers still say `from netcoach import demo`; new code imports `netcoach.sample`.
"""

from netcoach.sample import (
    DEFAULT_CONVERSATIONS,
    MAX_CONVERSATIONS,
    TABLE_NAMES,
    SampleData,
    build,
    generate,
    has_data,
    tables,
)

__all__ = [
    "DEFAULT_CONVERSATIONS",
    "MAX_CONVERSATIONS",
    "TABLE_NAMES",
    "SampleData",
    "build",
    "generate",
    "has_data",
    "tables",
]
