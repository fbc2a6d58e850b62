"""The import benchmark still runs and reports every figure (its numbers are not judged here)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


def test_small_import_benchmark_prints_every_figure(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            str(REPO / "bench" / "import_bench.py"),
            "--rows",
            "40",
            "80",
            "--cards",
            "40",
            "--dir",
            str(tmp_path),
        ],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    figures = dict(line.split(": ", 1) for line in result.stdout.splitlines())
    for rows in (40, 80):
        for name in ("preview_s", "apply_s", "preview_cpu_s", "apply_cpu_s", "lock_held_s"):
            assert NUMBER.match(figures[f"linkedin_{rows}_{name}"]), result.stdout
        # Half the file's people are known already: half are added, half get their company filled in.
        assert figures[f"linkedin_{rows}_new_people"] == str(rows // 2)
        assert figures[f"linkedin_{rows}_updated_people"] == str(rows // 2)
    for name in ("mb", "preview_s", "apply_s"):
        assert NUMBER.match(figures[f"json_restore_80_{name}"]), result.stdout
    assert figures["json_restore_80_problems"] == "0", "a member's own export restores"
    for name in ("mb", "preview_s", "preview_cpu_s", "apply_s", "lock_held_s"):
        assert NUMBER.match(figures[f"vcard_40_{name}"]), result.stdout
    # Every other card's person is known by email (or, without one, by name): half are new, none asked about.
    assert figures["vcard_40_new_people"] == "20"
    assert figures["vcard_40_questions"] == "0"
    assert NUMBER.match(figures["growth_ratio_80_vs_40"])
    assert NUMBER.match(figures["cpu_growth_ratio_80_vs_40"])
    assert figures["targets_met"] in ("yes", "no")
    assert list(tmp_path.iterdir()) == [], "temporary data is cleaned up"
