"""Five interns saving at once on a team instance lose nothing and break no file.

Runs bench/team_load.py in small: real sign-ins through the local provider
and real browser sessions, all saving at the same moment, then the files
read back. Its timings are printed, never judged here; what is judged is
that every acknowledged save is on disk and every file still loads.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import launch
import pytest

REPO = launch.REPO
MEMBERS = 5


def missing(reason: str) -> None:
    """Skip on a developer machine without the tools; under CI=true that is a failure, never a skip."""
    if os.environ.get("CI", "").strip().lower() == "true":
        pytest.fail(f"CI=true but the team load check cannot run: {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.mark.browser
@pytest.mark.slow
def test_five_members_saving_at_once_lose_no_write_and_corrupt_no_file(tmp_path: Path) -> None:
    if reason := launch.chromium_missing():
        missing(f"{reason}; run `make chromium`")
    for package in ("playwright", "oidc_provider_mock"):
        if importlib.util.find_spec(package) is None:
            missing(f"{package} is not installed (pip install -r requirements-dev.txt)")
    result = subprocess.run(
        [sys.executable, str(REPO / "bench" / "team_load.py"), "--members", str(MEMBERS), "--dir", str(tmp_path)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=480,
    )
    figures = dict(line.split(": ", 1) for line in result.stdout.splitlines() if ": " in line and line[0] != "#")
    report = f"stdout:\n{result.stdout}\nstderr:\n{result.stderr[-3000:]}"
    assert figures.get("lost_writes") == "0", report
    assert figures.get("corrupt_files") == "0", report
    assert figures.get("member_errors") == "0", report
    assert figures["conversations_found"] == figures["conversations_expected"] == str(MEMBERS * 5), report
    assert result.returncode == 0, report
    assert list(tmp_path.iterdir()) == [], "the temporary data folder is cleaned up"
