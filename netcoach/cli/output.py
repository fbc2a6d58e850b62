"""How the command line talks: results on stdout, problems on stderr, one line each.

Every failure ends in one line and a non-zero exit code, never a traceback;
a long list is cut short with a count of what was left out, so the line
stays readable in a terminal.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

NAMES_SHOWN = 20
PROBLEMS_SHOWN = 5


class CommandError(Exception):
    """A problem the person must fix; shown as one line, exit code 1."""


def say(message: str = "") -> None:
    print(message, flush=True)


def warn(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def listed_problems(problems: Sequence[str]) -> str:
    shown = "; ".join(problems[:PROBLEMS_SHOWN])
    more = f" (and {len(problems) - PROBLEMS_SHOWN} more)" if len(problems) > PROBLEMS_SHOWN else ""
    return shown + more


def listed_names(names: Sequence[str]) -> str:
    shown = ", ".join(names[:NAMES_SHOWN])
    return shown + (f" and {len(names) - NAMES_SHOWN} more" if len(names) > NAMES_SHOWN else "")
