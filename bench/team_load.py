"""Many interns saving at once on one team instance: is every acknowledged save on disk?

Starts the identity provider and a team-mode server on free ports with a
temporary data folder, then has N members sign in through the provider and
log K conversations each, all at the same time, in real browser sessions
(one Chromium, one context per member, Playwright's async API). Afterwards
the server is stopped and the files are read back:

- lost_writes: saves whose confirmation a member saw but whose conversation
  is not in that member's file (must be 0);
- corrupt_files: data files that no longer load (must be 0);
- save_p50_ms / save_p95_ms: from the click on "Save conversation" to the
  confirmation appearing, measured by the browser's own clock, while every
  other member is saving too.

Prints `name: value` lines; exits 1 when a write was lost, a file is corrupt
or a member could not finish, 0 otherwise (the timings are not judged).

    python bench/team_load.py --members 20
    python bench/team_load.py --members 5 --conversations 3
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import dataclasses
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))

import launch
import team_demo

from netcoach.storage import CorruptFileError, DataDir, load_json_file
from netcoach.team import Identity

VIEWPORT = {"width": 1280, "height": 900}
CONFIRMATION = "Saved: your conversation with"
# A couple of cores serve N browsers and the server: waits are long on purpose.
STEP_TIMEOUT_MS = 180_000
APP_IDLE_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  return !!app && app.getAttribute('data-test-connection-state') === 'CONNECTED'
    && app.getAttribute('data-test-script-state') === 'notRunning'
    && !document.querySelector('[data-stale="true"]');
}"""
# The browser's clock starts at the click itself and stops when the
# confirmation naming this save's new person enters the page.
ARM_CLOCK_JS = """(needle) => {
  window.__pressedAt = null;
  window.__confirmedAt = null;
  document.addEventListener('click', () => { window.__pressedAt = performance.now(); },
                            {capture: true, once: true});
  const main = () => document.querySelector('[data-testid="stMain"]');
  const observer = new MutationObserver(() => {
    if (window.__pressedAt === null) return;
    const alerts = main() ? main().querySelectorAll('[data-testid="stAlert"], [role="alert"], [role="status"]') : [];
    for (const alert of alerts) {
      if (alert.textContent.includes(needle)) {
        window.__confirmedAt = performance.now();
        observer.disconnect();
        return;
      }
    }
  });
  observer.observe(document.body, {childList: true, subtree: true, characterData: true});
}"""


@dataclasses.dataclass
class MemberRun:
    """What one simulated intern did and saw."""

    subject: str
    acknowledged: list[str] = dataclasses.field(default_factory=list)
    save_ms: list[float] = dataclasses.field(default_factory=list)
    sign_in_ms: float = 0.0
    error: str = ""


def subject_for(index: int) -> str:
    # The subject doubles as the member's email: an address on the allowed domain.
    return f"load{index:03d}@{team_demo.DOMAIN}"


def load_users(members: int) -> tuple[launch.SignInUser, ...]:
    """The members of the run, known to the provider so that it vouches for their addresses."""
    return tuple(launch.SignInUser(subject_for(i), subject_for(i), f"Load member {i}") for i in range(1, members + 1))


def marker(index: int, k: int) -> str:
    """A text that names exactly one save, looked for in the member's file afterwards."""
    return f"load marker {index:03d}-{k:02d}"


async def wait_idle(page: Any) -> None:
    await page.wait_for_timeout(150)  # let the rerun a click asked for begin
    await page.wait_for_function(APP_IDLE_JS, timeout=STEP_TIMEOUT_MS, polling=100)


async def sign_in(page: Any, team: team_demo.TeamInstance, subject: str) -> None:
    await page.goto(team.app.url(), timeout=STEP_TIMEOUT_MS)
    await wait_idle(page)
    await page.get_by_role("button", name="Sign in", exact=True).click()
    await page.wait_for_url(f"{team.provider.url}/oauth2/authorize**", timeout=STEP_TIMEOUT_MS)
    await page.locator('input[name="sub"]').fill(subject)
    await page.get_by_role("button", name="Authorize", exact=True).click()
    await page.wait_for_url(lambda url: url.rstrip("/") == team.app.base, timeout=STEP_TIMEOUT_MS)
    await wait_idle(page)
    await page.get_by_text(f"Signed in as {subject}").wait_for(timeout=STEP_TIMEOUT_MS)


async def member_session(
    browser: Any, team: team_demo.TeamInstance, index: int, conversations: int, ready: asyncio.Barrier
) -> MemberRun:
    """Sign in, open the Log form, wait for everyone, then save `conversations` times."""
    run = MemberRun(subject_for(index))
    context = await browser.new_context(viewport=VIEWPORT)
    context.set_default_timeout(STEP_TIMEOUT_MS)
    page = await context.new_page()
    arrived = False
    try:
        start = time.perf_counter()
        await sign_in(page, team, run.subject)
        run.sign_in_ms = (time.perf_counter() - start) * 1000
        await page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name="Log a conversation").click()
        await wait_idle(page)
        arrived = True
        await ready.wait()  # every member saves in the same moment, not one after another
        for k in range(conversations):
            name = f"Contact {index:03d} {k:02d}"
            await page.get_by_label("New person's name", exact=True).fill(name)
            await page.get_by_role("radio", name="Colleague", exact=True).click()
            await page.get_by_label("What I learned", exact=True).fill(marker(index, k))
            save = page.get_by_role("button", name="Save conversation")
            await save.hover()
            await page.evaluate(ARM_CLOCK_JS, f"{CONFIRMATION} {name}")
            await save.click()
            await page.wait_for_function("() => window.__confirmedAt !== null", timeout=STEP_TIMEOUT_MS, polling=100)
            run.save_ms.append(await page.evaluate("() => window.__confirmedAt - window.__pressedAt"))
            run.acknowledged.append(marker(index, k))
            await wait_idle(page)  # the next save starts from the fresh, empty form
    except Exception as error:  # a member who cannot finish is reported, the others go on
        run.error = f"{type(error).__name__}: {str(error).splitlines()[0][:200]}"
        if not arrived:
            await ready.wait()
    finally:
        await context.close()
    return run


async def drive(team: team_demo.TeamInstance, members: int, conversations: int) -> list[MemberRun]:
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await launch.launch_chromium_async(playwright)
        try:
            ready = asyncio.Barrier(members)
            return await asyncio.gather(
                *(member_session(browser, team, i, conversations, ready) for i in range(1, members + 1))
            )
        finally:
            await browser.close()


@dataclasses.dataclass
class Check:
    """What the files say after the run."""

    lost_writes: int
    corrupt_files: int
    conversations_found: int
    members_registered: int


def check_files(data_dir: Path, issuer: str, runs: list[MemberRun]) -> Check:
    """Read every file back as it lies on disk, with nothing cached from the server."""
    corrupt = len(DataDir(data_dir).check())
    lost = found = 0
    for run in runs:
        member_id = Identity(issuer, run.subject, run.subject).member_id
        path = data_dir / "members" / f"{member_id}.json"
        try:
            tables = load_json_file(path) or {}
        except CorruptFileError:
            lost += len(run.acknowledged)  # already counted as corrupt; none of its saves can be read
            continue
        learned = {doc.get("learned") for doc in tables.get("conversations", {}).values()}
        found += sum(
            1
            for doc in tables.get("conversations", {}).values()
            if str(doc.get("learned", "")).startswith("load marker")
        )
        lost += sum(1 for text in run.acknowledged if text not in learned)
    try:
        team_tables = load_json_file(data_dir / "team.json") or {}
    except CorruptFileError:
        team_tables = {}
    registered = {doc.get("email") for doc in team_tables.get("members", {}).values()}
    return Check(lost, corrupt, found, sum(1 for run in runs if run.subject in registered))


def percentile(samples: list[float], share: float) -> float:
    """Nearest-rank percentile: with few samples it names one that was really measured."""
    if not samples:
        return float("nan")
    ordered = sorted(samples)
    rank = max(1, -(-int(share * 100) * len(ordered) // 100))
    return ordered[min(rank, len(ordered)) - 1]


def _cpu_seconds(stat: str) -> float:
    fields = stat.rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def server_cpu_seconds(pid: int) -> float:
    """CPU time the server process used so far (Linux /proc; 0 elsewhere)."""
    try:
        return _cpu_seconds(Path(f"/proc/{pid}/stat").read_text())
    except (OSError, IndexError, ValueError):
        return 0.0


class BrowserCpu:
    """CPU time of the Chromium processes this run started, sampled while they live.

    Renderers come and go with the browser contexts and are not always
    waited for by a parent of ours, so resource usage of children would miss
    them; reading /proc every half second catches each one's last figure.
    Only descendants of this process count: other Chromiums on the machine
    are not ours.
    """

    def __init__(self) -> None:
        self._seen: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> BrowserCpu:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def seconds(self) -> float:
        return sum(self._seen.values())

    def _run(self) -> None:
        while not self._stop.wait(0.5):
            self.sample()

    def sample(self) -> None:
        parents: dict[int, int] = {}
        stats: dict[int, str] = {}
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
                parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
                stats[int(entry.name)] = stat
            except (OSError, IndexError, ValueError):
                continue
        me = os.getpid()
        for pid, stat in stats.items():
            name = stat[stat.find("(") + 1 : stat.rfind(")")]
            if "chrom" not in name:
                continue
            ancestor, hops = parents.get(pid, 0), 0
            while ancestor not in (0, 1, me) and hops < 50:
                ancestor, hops = parents.get(ancestor, 0), hops + 1
            if ancestor == me:
                with contextlib.suppress(IndexError, ValueError):
                    self._seen[pid] = max(self._seen.get(pid, 0.0), _cpu_seconds(stat))


def server_rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return 0.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=20, help="members saving at once (default %(default)s)")
    parser.add_argument("--conversations", type=int, default=5, help="conversations each (default %(default)s)")
    parser.add_argument("--dir", type=Path, default=None, help="where to make the temporary data folder")
    parser.add_argument("--keep", action="store_true", help="keep the data folder and logs, and print where")
    args = parser.parse_args(argv)
    if args.members < 1 or args.conversations < 1:
        parser.error("--members and --conversations must be at least 1")
    if reason := launch.chromium_missing():
        print(f"# cannot run: {reason}", file=sys.stderr)
        return 2
    if not launch.provider_available():
        print("# cannot run: oidc-provider-mock is not installed", file=sys.stderr)
        return 2

    print(
        f"# {args.members} members sign in and log {args.conversations} conversations each, all at once, "
        f"in one Chromium with {os.cpu_count()} CPU(s)",
        flush=True,
    )
    tmp = tempfile.mkdtemp(prefix="team-load-", dir=args.dir)
    root = Path(tmp)
    team = team_demo.start_team(root, (*team_demo.SAMPLE_USERS, *load_users(args.members)))
    try:
        cpu_before = server_cpu_seconds(team.app.process.pid)
        started = time.perf_counter()
        with BrowserCpu() as browser_cpu:
            runs = asyncio.run(drive(team, args.members, args.conversations))
        wall_s = time.perf_counter() - started
        cpu_s = server_cpu_seconds(team.app.process.pid) - cpu_before
        rss_mb = server_rss_mb(team.app.process.pid)
    finally:
        team.stop()
    check = check_files(team.app.data_dir, team.provider.issuer, runs)
    saves = [ms for run in runs for ms in run.save_ms]
    sign_ins = [run.sign_in_ms for run in runs if run.sign_in_ms]
    errors = [run for run in runs if run.error]
    results: dict[str, Any] = {
        "members": args.members,
        "conversations_expected": args.members * args.conversations,
        "conversations_acknowledged": len(saves),
        "conversations_found": check.conversations_found,
        "members_registered": check.members_registered,
        "lost_writes": check.lost_writes,
        "corrupt_files": check.corrupt_files,
        "member_errors": len(errors),
        "save_p50_ms": round(percentile(saves, 0.50)),
        "save_p95_ms": round(percentile(saves, 0.95)),
        "save_max_ms": round(max(saves)) if saves else float("nan"),
        "sign_in_p50_ms": round(statistics.median(sign_ins)) if sign_ins else float("nan"),
        "wall_s": round(wall_s, 1),
        "server_cpu_s": round(cpu_s, 1),
        "browser_cpu_s": round(browser_cpu.seconds, 1),
        "cpus": os.cpu_count(),
        "server_peak_rss_mb": round(rss_mb),
    }
    for run in errors:
        print(f"# {run.subject} could not finish: {run.error}", flush=True)
    for name, value in results.items():
        print(f"{name}: {value}")
    if args.keep:
        print(f"# data and logs kept in {root}")
    else:
        shutil.rmtree(root, ignore_errors=True)
    failed = check.lost_writes or check.corrupt_files or errors
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
