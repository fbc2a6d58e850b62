"""How the dashboard's cost grows with a member's data, measured in one run.

Absolute times depend on the machine, so the figures that matter are ratios
of medians taken side by side: Home with 5,000 conversations against Home
with 50 (does the page scale with the data, or stay flat?), and Home with
1,000 against a bare one-title Streamlit script (what does the page itself
cost over Streamlit's floor?). Both use Streamlit's AppTest, which runs the
script in this process without a browser. Medians are of warm runs (the
member's file already read and converted, as for most views); the `_cold_`
figures are the single run right after the caches were emptied, which is
what the first view after a save costs. Then, in Chromium against a real
server, the time a person waits between pressing "Save conversation" and
seeing the confirmation. Prints `name: value` lines; exits 0 whether or not
a target is met (this measures, it does not judge).

    python bench/ui_bench.py                 # full run, a minute or two
    python bench/ui_bench.py --quick         # small and fast, for the test suite
    python bench/ui_bench.py --no-browser    # AppTest figures only
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import logging
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import streamlit as st
from streamlit.testing.v1 import AppTest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))

import launch

from netcoach import storage
from netcoach.config import DATA_DIR_ENV

REPO = launch.REPO
APP = launch.APP
MEMBER = "me"
BARE_SCRIPT = 'import streamlit as st\nst.title("netcoach")\n'
APPTEST_TIMEOUT_S = 300
CONFIRMATION = "Saved: your conversation with"
# The browser's own clock starts at the click event, so Playwright's checks
# before a click are not counted.
ARM_CLOCK_JS = """() => {
  window.__netcoachPressedAt = null;
  document.addEventListener('click', () => { window.__netcoachPressedAt = performance.now(); },
                            {capture: true, once: true});
}"""
TARGETS: dict[str, tuple[str, float]] = {"home_scale_ratio": ("<=", 2.0)}


@dataclasses.dataclass(frozen=True)
class Config:
    small: int = 50
    large: int = 5000
    mid: int = 1000
    reps: int = 5
    rounds: int = 2
    browser_conversations: int = 1000
    browser_reps: int = 10


QUICK = Config(small=20, large=200, mid=100, reps=2, rounds=1, browser_conversations=100, browser_reps=2)


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def seed(data_dir: Path, conversations: int) -> None:
    """Sample data from the product's own command, so the bench sees what a user would load."""
    command = [sys.executable, "-m", "netcoach", "demo", "--data-dir", str(data_dir), "--member", MEMBER]
    command += ["--conversations", str(conversations)]
    subprocess.run(command, cwd=REPO, check=True, capture_output=True, text=True, timeout=600)


def forget_caches() -> None:
    """Cached services and file copies outlive a session; a new data set must not see the last one's."""
    st.cache_resource.clear()
    st.cache_data.clear()
    storage.forget_data_dirs()


@dataclasses.dataclass
class Timing:
    """Run times of one script: right after the caches were emptied, and warm."""

    cold: list[float] = dataclasses.field(default_factory=list)
    warm: list[float] = dataclasses.field(default_factory=list)

    @property
    def cold_ms(self) -> float:
        return median_ms(self.cold)

    @property
    def warm_ms(self) -> float:
        return median_ms(self.warm or self.cold)


def time_runs(make: Callable[[], AppTest], reps: int, into: Timing) -> None:
    """A fresh session's run, timed once cold and then `reps` times warm.

    The cold run reads and converts the member's file, as the first view
    after any save does; the warm ones find it cached, as most views do.
    """
    for i in range(reps + 1):
        at = make()
        start = time.perf_counter()
        at.run()
        (into.warm if i else into.cold).append(time.perf_counter() - start)
        if at.exception:
            raise RuntimeError(f"the script raised: {at.exception[0].value}")


def home_block(data_dir: Path, reps: int, into: Timing) -> None:
    """Home (the app's default view) for the member in `data_dir`, from empty caches."""
    os.environ[DATA_DIR_ENV] = str(data_dir)
    forget_caches()
    try:
        time_runs(lambda: AppTest.from_file(str(APP), default_timeout=APPTEST_TIMEOUT_S), reps, into)
    finally:
        forget_caches()


def bare_block(reps: int, into: Timing) -> None:
    time_runs(lambda: AppTest.from_string(BARE_SCRIPT, default_timeout=APPTEST_TIMEOUT_S), reps, into)


# --------------------------------------------------------------- browser
def browser_missing() -> str:
    if reason := launch.chromium_missing():
        return reason
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed"
    return ""


@contextlib.contextmanager
def server(data_dir: Path, log: Path) -> Iterator[str]:
    """`streamlit run serve.py` on a free port; yields its base URL and stops it afterwards."""
    app = launch.start_app(data_dir, log)
    try:
        yield app.base
    finally:
        app.stop()


def log_roundtrip_ms(data_dir: Path, reps: int, log: Path) -> float:
    """Median time from clicking "Save conversation" to the confirmation on screen.

    Each save names a new person, so each confirmation is told apart from the
    one before; one unmeasured save first warms the server up.
    """
    from playwright.sync_api import sync_playwright

    samples: list[float] = []
    with server(data_dir, log) as base, sync_playwright() as playwright:
        browser = launch.launch_chromium(playwright)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.set_default_timeout(60_000)
            page.goto(f"{base}/log")
            for i in range(reps + 1):
                name = f"Bench Person {i}"
                field = page.get_by_label("New person's name", exact=True)
                field.fill(name)
                page.get_by_role("radio", name="Colleague", exact=True).click()
                field.press("Tab")  # let the form take the value before the click
                save = page.get_by_role("button", name="Save conversation")
                save.hover()  # in view and steady, so the clock starts at the press itself
                page.evaluate(ARM_CLOCK_JS)
                save.click()
                page.get_by_text(f"{CONFIRMATION} {name}").wait_for(state="visible")
                elapsed_ms = page.evaluate("() => performance.now() - window.__netcoachPressedAt")
                if i:
                    samples.append(elapsed_ms)
                # The next round starts from the fresh, empty form.
                page.wait_for_function(
                    """() => document.querySelector('[data-testid="stApp"]')
                           ?.getAttribute('data-test-script-state') === 'notRunning'"""
                )
        finally:
            browser.close()
    return statistics.median(samples)


# ------------------------------------------------------------------ run
def run(cfg: Config, workdir: Path | None, browser: bool) -> dict[str, Any]:
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="ui-bench-", dir=workdir) as tmp:
        root = Path(tmp)
        saved_env = os.environ.get(DATA_DIR_ENV)
        try:
            sizes = {"small": cfg.small, "large": cfg.large, "mid": cfg.mid}
            for label, count in sizes.items():
                seed(root / label, count)
            # One unmeasured pass pays the one-off imports, so no cold run below includes them.
            home_block(root / "small", 0, Timing())
            timings = {label: Timing() for label in (*sizes, "bare")}
            # Blocks take turns, so a machine that gets busier part-way slows every data set alike.
            for _ in range(cfg.rounds):
                bare_block(cfg.reps, timings["bare"])
                for label in sizes:
                    home_block(root / label, cfg.reps, timings[label])
        finally:
            if saved_env is None:
                os.environ.pop(DATA_DIR_ENV, None)
            else:
                os.environ[DATA_DIR_ENV] = saved_env
        small, large, mid, bare = (timings[k] for k in ("small", "large", "mid", "bare"))
        results.update(
            home_scale_ratio=large.warm_ms / small.warm_ms,
            home_vs_bare=mid.warm_ms / bare.warm_ms,
            home_cold_scale_ratio=large.cold_ms / small.cold_ms,
            small_conversations=cfg.small,
            large_conversations=cfg.large,
            mid_conversations=cfg.mid,
            home_small_ms=small.warm_ms,
            home_large_ms=large.warm_ms,
            home_mid_ms=mid.warm_ms,
            bare_ms=bare.warm_ms,
            home_small_cold_ms=small.cold_ms,
            home_large_cold_ms=large.cold_ms,
            home_mid_cold_ms=mid.cold_ms,
        )
        missing = browser_missing() if browser else "--no-browser"
        if missing:
            print(f"# log_roundtrip_ms not measured: {missing}", flush=True)
        else:
            data_dir = root / "browser"
            if cfg.browser_conversations == cfg.mid:
                shutil.copytree(root / "mid", data_dir)
            else:
                seed(data_dir, cfg.browser_conversations)
            results["log_roundtrip_ms"] = log_roundtrip_ms(data_dir, cfg.browser_reps, root / "server.log")
            results["log_roundtrip_conversations"] = cfg.browser_conversations
            results["log_roundtrip_reps"] = cfg.browser_reps
        forget_caches()
    return results


def met(name: str, value: float) -> bool:
    op, target = TARGETS[name]
    return value <= target if op == "<=" else value >= target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a small, fast run (for tests); ratios are rougher")
    parser.add_argument("--no-browser", action="store_true", help="skip the in-browser save timing")
    parser.add_argument(
        "--dir", type=Path, default=None, help="where to make the temporary data (default: the system temp folder)"
    )
    args = parser.parse_args(argv)
    # Outside a server Streamlit warns at every cache clear and AppTest start; here the warnings say nothing.
    logging.disable(logging.WARNING)
    cfg = QUICK if args.quick else Config()
    print(
        f"# Home with {cfg.small} / {cfg.large} / {cfg.mid} conversations, {cfg.rounds} x {cfg.reps} warm AppTest "
        "runs each; "
        f"save in the browser with {cfg.browser_conversations} conversations, {cfg.browser_reps} times",
        flush=True,
    )
    results = run(cfg, args.dir, browser=not args.no_browser)
    for name, value in results.items():
        print(f"{name}: {value:.4g}" if isinstance(value, float) else f"{name}: {value}")
    print(f"targets_met: {'yes' if all(met(name, results[name]) for name in TARGETS) else 'no'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
