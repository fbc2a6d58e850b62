"""The dashboard benchmark still runs and reports every figure (its numbers are not judged here)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import launch
import pytest

REPO = launch.REPO
EXPECTED = (
    "home_scale_ratio",
    "home_vs_bare",
    "home_cold_scale_ratio",
    "small_conversations",
    "large_conversations",
    "mid_conversations",
    "home_small_ms",
    "home_large_ms",
    "home_mid_ms",
    "bare_ms",
    "home_small_cold_ms",
    "home_large_cold_ms",
    "home_mid_cold_ms",
)
# Measured only where Chromium is installed.
BROWSER_EXPECTED = ("log_roundtrip_ms", "log_roundtrip_conversations", "log_roundtrip_reps")
NUMBER = re.compile(r"^-?\d+(\.\d+)?(e[-+]?\d+)?$")


@pytest.mark.slow
def test_quick_benchmark_prints_every_figure(tmp_path: Path) -> None:
    with_browser = not launch.chromium_missing()
    command = [sys.executable, str(REPO / "bench" / "ui_bench.py"), "--quick", "--dir", str(tmp_path)]
    if not with_browser:
        command.append("--no-browser")
    result = subprocess.run(
        command,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    figures = dict(line.split(": ", 1) for line in result.stdout.splitlines() if not line.startswith("#"))
    for name in EXPECTED + (BROWSER_EXPECTED if with_browser else ()):
        assert name in figures, f"{name} missing from:\n{result.stdout}"
        assert NUMBER.match(figures[name]), f"{name}: {figures[name]!r} is not a number"
    assert figures["targets_met"] in ("yes", "no")
    assert list(tmp_path.iterdir()) == [], "temporary data is cleaned up"
