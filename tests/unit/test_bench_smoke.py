"""The store benchmark still runs and reports every figure (its numbers are not judged here)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pg_cluster

REPO = Path(__file__).resolve().parents[2]
EXPECTED = (
    "write_vs_floor",
    "team_size_effect",
    "vs_naive_tinydb",
    "cached_read_ratio",
    "write_ms",
    "floor_ms",
    "team_write_ms",
    "naive_tinydb_write_ms",
    "first_read_ms",
    "cached_read_ms",
    "demo_conversations",
    "demo_ms",
)
# Measured when a PostgreSQL server can be started here (always under CI, where it is installed).
DATABASE_FIGURES = ("pg_write_vs_file_write", "pg_write_ms", "pg_file_write_ms", "pg_cached_read_ms")
NUMBER = re.compile(r"^-?\d+(\.\d+)?(e[-+]?\d+)?$")


def test_quick_benchmark_prints_every_figure(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(REPO / "bench" / "store_bench.py"), "--quick", "--dir", str(tmp_path)],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    figures = dict(line.split(": ", 1) for line in result.stdout.splitlines() if not line.startswith("#"))
    expected = EXPECTED
    if pg_cluster.missing_reason() is None or os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        expected += DATABASE_FIGURES
    for name in expected:
        assert name in figures, f"{name} missing from:\n{result.stdout}"
        assert NUMBER.match(figures[name]), f"{name}: {figures[name]!r} is not a number"
    assert figures["targets_met"] in ("yes", "no")
    assert list(tmp_path.iterdir()) == [], "temporary data is cleaned up"
