"""How the coach's top three measures up against every invented member in tests/scenarios/.

Prints one markdown row per scenario (what a good coach would say first,
what the coach said, and whether that is good enough) and a last line
`scenarios_matched: N/M`, so a change to the rules or the ranking can be
judged on all the stories at once instead of one failing test at a time.

    .venv/bin/python scripts/coach_scenarios.py [--folder tests/scenarios]
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "tests")]

from scenario_book import (  # noqa: E402  (tests/ is put on the path just above)
    SCENARIO_DIR,
    TOP,
    Expectations,
    NudgeLike,
    Verdict,
    judge,
    read_scenario,
    scenario_paths,
    subject_of,
)

from netcoach import coach  # noqa: E402


def found_label(expectations: Expectations, nudge: NudgeLike) -> str:
    """`rule@person` for a nudge, the person named by the scenario's own key."""
    subject = subject_of(nudge)
    return nudge.rule if subject is None else f"{nudge.rule}@{expectations.key_of(subject)}"


def verdict_text(expectations: Expectations, verdict: Verdict) -> str:
    if verdict.ok:
        return "match"
    parts = [f"{len(verdict.held)}/{len(expectations.expect)} expected"]
    if verdict.wrong_found:
        wrong = sorted({advice.label() for advice, _ in verdict.wrong_found})
        parts.append("wrong: " + ", ".join(wrong))
    return "; ".join(parts)


def cell(items: Sequence[str]) -> str:
    return "<br>".join(items).replace("|", "\\|") if items else "(none)"


def table(folder: Path) -> tuple[list[str], int, int]:
    """The markdown lines, how many scenarios matched and how many there are."""
    lines = [
        "| scenario | expected (rule@person) | found top three (rule@person) | verdict |",
        "| --- | --- | --- | --- |",
    ]
    paths = scenario_paths(folder)
    matched = 0
    for path in paths:
        snapshot, today, expectations = read_scenario(path)
        top = coach.nudges(snapshot, today, limit=TOP)
        verdict = judge(expectations, top)
        matched += verdict.ok
        expected = [a.label() + (f" (#{a.rank})" if a.rank else "") for a in expectations.expect]
        found = [f"{i}. {found_label(expectations, n)}" for i, n in enumerate(top, start=1)]
        lines.append(
            f"| {expectations.name} | {cell(expected)} | {cell(found)} | {verdict_text(expectations, verdict)} |"
        )
    return lines, matched, len(paths)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--folder", type=Path, default=SCENARIO_DIR, help="where the scenario files are")
    args = parser.parse_args(argv)
    lines, matched, total = table(args.folder)
    print("\n".join(lines))
    print(f"\nscenarios_matched: {matched}/{total}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
