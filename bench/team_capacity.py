"""How many members one netcoach worker holds, and two behind nginx, measured on the server's side.

A Streamlit worker is one Python process: it uses one core however big the
machine is. This bench loads it with simulated members that speak
Streamlit's own websocket protocol (bench/stream_client.py) from one Python
process, so the load generator costs a fraction of what browsers would.
The server is pinned to core 0 and the clients to the last core, so the
clients do not take the server's core.

Figures, all from one run:

- home_cpu_ms, save_cpu_ms: the server's CPU time (from /proc/<pid>/stat)
  per run of Home, and per save on the Log page (the submit, which also
  draws the fresh form), for a member with `--heavy` conversations, one
  member at a time and nothing else going on;
- bare_page_cpu_ms: the same for a one-title page on a second server as
  Streamlit ships it (the framework's floor, most of it the full garbage
  collection Streamlit runs after every page); home_vs_bare, save_vs_bare;
- bare_page_tuned_cpu_ms: that page served as netcoach serves its pages,
  without that collection; home_vs_bare_tuned, save_vs_bare_tuned;
- members_at_p95_1s: members are added in steps, each signing in through the
  local OpenID Connect provider and then looping Home, Log a conversation
  (save), People and Follow-ups with `--think` seconds between clicks; the
  largest number whose p95 page response (request sent -> script finished,
  on the client's clock) stayed <= 1 s;
- memory_mb_per_session: the worker's RSS growth over the ramp / members;
- lost_writes (a save the client saw confirmed but not in the member's
  file), corrupt_files (data files that no longer load): must be 0;
- scaling_2_workers: members held by two workers behind nginx (one pinned
  per core) / by one. The clients still need a core; they stay on the last
  one, beside the second worker, and client_cpu_share_2w says how much of
  that core they took.

Prints `name: value` lines (and `#` comments); exits 1 when a write was
lost or a file is corrupt, 0 otherwise (the timings are not judged).

    python bench/team_capacity.py            # full run, about a quarter of an hour
    python bench/team_capacity.py --quick    # small and fast, for the test suite
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import dataclasses
import os
import random
import secrets
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import launch
import proxy as nginx
import stream_client as sc
import team_demo
from team_load import check_files, percentile, server_cpu_seconds

P95_LIMIT_MS = 1000.0
BARE_SCRIPT = 'import streamlit as st\nst.title("netcoach")\n'
HEAVY = launch.SignInUser("heavy@acme.test", "heavy@acme.test", "Heavy member")
CONFIRMATION = "Saved: your conversation with"
SERVER_CORE = 0


@dataclasses.dataclass(frozen=True)
class Config:
    heavy: int  # conversations of the member whose pages are profiled
    cpu_runs: int  # runs per CPU figure
    seeded: int  # conversations each load member starts with
    think_s: float  # mean pause between a member's clicks
    start: int  # members in the first ramp step
    step: int  # members added per later step
    step_s: float  # measuring window per step
    max_members: int
    two_workers: bool = True


# Steps of two members (two per worker with two workers): a step of five moved the scaling figure by
# a fifth whenever one ramp stopped a step early.
FULL = Config(heavy=1000, cpu_runs=30, seeded=30, think_s=5.0, start=24, step=2, step_s=30.0, max_members=100)
QUICK = Config(heavy=100, cpu_runs=4, seeded=3, think_s=0.5, start=2, step=2, step_s=4.0, max_members=2)


# ------------------------------------------------------------------ pinning
def pin(pid: int, cores: set[int]) -> None:
    """Pin every thread of `pid` (threads started later inherit it from their parent thread)."""
    with contextlib.suppress(OSError):
        for task in Path(f"/proc/{pid}/task").iterdir():
            with contextlib.suppress(OSError):
                os.sched_setaffinity(int(task.name), cores)


CLIENT_CORE = max(os.sched_getaffinity(0))


def rss_mb(pid: int) -> float:
    with contextlib.suppress(OSError, ValueError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def machine_busy() -> float:
    """Seconds of CPU the whole machine spent not idle since boot (every process, nginx and the kernel too)."""
    with contextlib.suppress(OSError, ValueError, IndexError):
        fields = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
        idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
        return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")
    return 0.0


def own_cpu_seconds() -> float:
    times = os.times()
    return times.user + times.system


# ------------------------------------------------------------------ members
def subject_for(index: int) -> str:
    return f"cap{index:03d}@{team_demo.DOMAIN}"


def load_users(count: int) -> tuple[launch.SignInUser, ...]:
    return tuple(launch.SignInUser(subject_for(i), subject_for(i), f"Capacity member {i}") for i in range(1, count + 1))


@dataclasses.dataclass
class Member:
    """One simulated member: what it was confirmed, what it waited, what went wrong."""

    subject: str
    index: int
    route: str = ""
    acknowledged: list[str] = dataclasses.field(default_factory=list)
    saves: int = 0
    error: str = ""


@dataclasses.dataclass
class Load:
    """Every page response of a ramp: (when it ended, milliseconds waited)."""

    samples: list[tuple[float, float, str]] = dataclasses.field(default_factory=list)
    stop: asyncio.Event = dataclasses.field(default_factory=asyncio.Event)

    def record(self, ms: float, page: str) -> None:
        self.samples.append((time.monotonic(), ms, page))

    def since(self, start: float) -> list[float]:
        return [ms for at, ms, _ in self.samples if at >= start]

    def by_page(self, start: float) -> str:
        pages: dict[str, list[float]] = {}
        for at, ms, page in self.samples:
            if at >= start:
                pages.setdefault(page, []).append(ms)
        return ", ".join(f"{page} p95 {percentile(v, 0.95):.0f} ms ({len(v)})" for page, v in sorted(pages.items()))


def marker(member: Member, k: int) -> str:
    return f"load marker {member.index:03d}-{k:03d}"


async def pause(load: Load, think_s: float) -> None:
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(load.stop.wait(), think_s * random.uniform(0.5, 1.5))


async def timed(load: Load, session: sc.StreamSession, page: str, widgets: Sequence[Any] = ()) -> sc.Run:
    name = (page or "home") + (" save" if widgets else "")
    try:
        run = await session.run(page, widgets)
    except (TimeoutError, sc.ProtocolError):
        load.record(sc.RUN_TIMEOUT_S * 1000, name)
        raise
    load.record(run.elapsed_ms, name)
    if run.exception:
        raise sc.ProtocolError(f"page {page or 'home'} failed: {run.exception}")
    return run


async def save_once(load: Load, session: sc.StreamSession, member: Member, think_s: float) -> None:
    form = await timed(load, session, "log")
    await pause(load, think_s)  # typing
    k = member.saves
    name = f"Contact {member.index:03d} {k:03d}"
    values = {"New person's name": name, "New person's role": ["Colleague"], "What I learned": marker(member, k)}
    member.saves += 1
    done = await timed(load, session, "log", sc.form_submit(form, values, "Save conversation"))
    if done.shows(f"{CONFIRMATION} {name}"):
        member.acknowledged.append(marker(member, k))
    else:
        raise sc.ProtocolError(f"no confirmation for {name}: {done.texts[-5:]}")


async def member_loop(base: str, member: Member, load: Load, think_s: float, ready: asyncio.Event) -> None:
    session: sc.StreamSession | None = None
    try:
        cookies = await sc.sign_in(base, member.subject, extra_cookies=route_cookie(member))
        session = sc.StreamSession(base, {**cookies, **route_cookie(member)})
        await session.connect()
        await session.run()  # the first view after signing in, not measured
        ready.set()
        while not load.stop.is_set():
            for page in ("", "log", "people", "followups"):
                await pause(load, think_s)
                if load.stop.is_set():
                    break
                if page == "log":
                    await save_once(load, session, member, think_s)
                else:
                    await timed(load, session, page)
    except Exception as error:  # a member who cannot go on is reported; the others carry on
        member.error = f"{type(error).__name__}: {str(error)[:200]}"
    finally:
        ready.set()
        if session is not None:
            with contextlib.suppress(Exception):
                await session.close()


def route_cookie(member: Member) -> dict[str, str]:
    return {nginx.ROUTE_COOKIE: member.route} if member.route else {}


def next_step(cfg: Config, members: int) -> int:
    """Members to add next: the first step, then `cfg.step`, or about a tenth of those running when more.

    A tenth keeps the figure's resolution the same at 20 members and at 100, without a long climb.
    """
    if not members:
        return cfg.start
    return max(cfg.step, members // 10 // cfg.step * cfg.step)


@dataclasses.dataclass
class Ramp:
    held: int
    pages_per_s: float  # page responses per second in the last step that kept p95 <= 1 s
    server_ms_per_page: float  # the workers' CPU per page response in that step
    core_use: float  # share of their cores the workers got in the step that went over 1 s (or the last)
    steps: list[tuple[int, float, int]]  # members, p95 ms, responses
    members: list[Member]
    rss_growth_mb: float
    peak_members: int
    client_cpu_share: float


async def ramp(
    base: str, cfg: Config, first_index: int, server_pids: Sequence[int], routes: Sequence[str] = ()
) -> Ramp:
    """Add members step by step until p95 goes over 1 s (or the maximum is reached)."""
    load = Load()
    members: list[Member] = []
    tasks: list[asyncio.Task[None]] = []
    steps: list[tuple[int, float, int]] = []
    held = 0
    pages_per_s = server_ms_per_page = core_use = 0.0
    rss_before = sum(rss_mb(pid) for pid in server_pids)
    rss_peak = rss_before
    cpu_start, wall_start = own_cpu_seconds(), time.monotonic()
    try:
        while len(members) + next_step(cfg, len(members)) <= cfg.max_members:
            readies = []
            adding = next_step(cfg, len(members))
            for _ in range(adding):
                n = len(members)
                member = Member(subject_for(first_index + n), first_index + n, routes[n] if n < len(routes) else "")
                members.append(member)
                ready = asyncio.Event()
                readies.append(ready)
                tasks.append(asyncio.create_task(member_loop(base, member, load, cfg.think_s, ready)))
                await asyncio.sleep(cfg.think_s / adding)  # arrivals spread out, as people arrive
            for ready in readies:
                await ready.wait()
            await asyncio.sleep(cfg.think_s)  # the newcomers settle into their rhythm
            start = time.monotonic()
            each_before = [server_cpu_seconds(pid) for pid in server_pids]
            cpu_before, client_before, machine_before = sum(each_before), own_cpu_seconds(), machine_busy()
            await asyncio.sleep(cfg.step_s)
            window = load.since(start)
            spent = time.monotonic() - start
            each = [server_cpu_seconds(pid) - b for pid, b in zip(server_pids, each_before, strict=True)]
            server_s = sum(server_cpu_seconds(pid) for pid in server_pids) - cpu_before
            core_use = server_s / spent / len(server_pids)
            client_use = (own_cpu_seconds() - client_before) / spent
            machine_use = (machine_busy() - machine_before) / spent / (os.cpu_count() or 1)
            p95 = percentile(window, 0.95) if window else float("inf")
            alive = sum(1 for m in members if not m.error)
            steps.append((len(members), p95, len(window)))
            rss_peak = max(rss_peak, sum(rss_mb(pid) for pid in server_pids))
            print(f"# {len(members)} members ({alive} running): p95 {p95:.0f} ms over {len(window)} pages", flush=True)
            print(f"#   {load.by_page(start)}", flush=True)
            print(
                f"#   workers busy {core_use:.0%} of their cores "
                f"({', '.join(f'{w / spent:.0%}' for w in each)}), "
                f"{server_s * 1000 / max(len(window), 1):.0f} ms CPU a page; "
                f"clients {client_use:.0%} of a core; machine {machine_use:.0%} busy",
                flush=True,
            )
            if p95 > P95_LIMIT_MS or alive < len(members):
                break
            held = len(members)
            pages_per_s = len(window) / cfg.step_s
            server_ms_per_page = server_s * 1000 / max(len(window), 1)
    finally:
        load.stop.set()
        await asyncio.gather(*tasks)
    share = (own_cpu_seconds() - cpu_start) / max(time.monotonic() - wall_start, 1e-9)
    growth = max(rss_peak - rss_before, 0.0)
    return Ramp(held, pages_per_s, server_ms_per_page, core_use, steps, members, growth, len(members), share)


# ---------------------------------------------------------------- CPU per run
async def cpu_per_run(base: str, pid: int, runs: int, cookies: dict[str, str], page: str) -> float:
    """Milliseconds of server CPU per run of `page`, one after another, after one warm-up run."""
    session = sc.StreamSession(base, cookies)
    await session.connect()
    try:
        await session.run(page)
        await session.run(page)
        before = server_cpu_seconds(pid)
        for _ in range(runs):
            result = await session.run(page)
            if result.exception:
                raise sc.ProtocolError(result.exception)
        return (server_cpu_seconds(pid) - before) * 1000 / runs
    finally:
        await session.close()


async def cpu_per_save(base: str, pid: int, runs: int, cookies: dict[str, str]) -> float:
    """Milliseconds of server CPU per save on the Log page (the submit and the fresh form after it)."""
    session = sc.StreamSession(base, cookies)
    await session.connect()
    member = Member(HEAVY.subject, 999)
    load = Load()
    try:
        await session.run()
        await save_once(load, session, member, 0)  # warm-up
        total = 0.0
        for _ in range(runs):
            form = await session.run("log")
            k = member.saves
            member.saves += 1
            name = f"Heavy contact {k:03d}"
            values = {"New person's name": name, "New person's role": ["Colleague"], "What I learned": f"heavy {k}"}
            states = sc.form_submit(form, values, "Save conversation")
            before = server_cpu_seconds(pid)
            done = await session.run("log", states)
            total += server_cpu_seconds(pid) - before
            if not done.shows(f"{CONFIRMATION} {name}"):
                raise sc.ProtocolError(f"the save of {name} was not confirmed")
        return total * 1000 / runs
    finally:
        await session.close()


# ------------------------------------------------------------------ servers
@dataclasses.dataclass
class Site:
    """Where the simulated members go: one worker, or nginx before several."""

    base: str
    workers: list[launch.AppServer]
    proxy: nginx.Proxy | None
    data_dir: Path

    def stop(self) -> None:
        if self.proxy is not None:
            self.proxy.stop()
        launch.stop_apps(self.workers)


def start_site(root: Path, provider: launch.Provider, workers: int) -> Site:
    """`workers` team-mode workers on one data folder (behind nginx when more than one), each on its own core."""
    front_port = launch.free_port()
    secrets_file = team_demo.write_secrets(
        root / "secrets.toml",
        app_port=front_port,
        provider_port=provider.port,
        coordinators=team_demo.coordinators(team_demo.SAMPLE_USERS),
    )
    shared = {"STREAMLIT_SERVER_COOKIE_SECRET": secrets.token_hex(32)}
    data = root / "data"
    if workers == 1:
        app = launch.start_app(
            data, root / "app.log", port=front_port, host=launch.LOCALHOST, secrets_file=secrets_file, env=shared
        )
        pin(app.process.pid, {SERVER_CORE})
        return Site(app.base, [app], None, data)
    apps = [
        launch.spawn_app(data, root / f"worker-{i}.log", secrets_file=secrets_file, env=shared) for i in range(workers)
    ]
    until = launch.deadline()
    for app in apps:
        if not app.wait_until_healthy(until):
            launch.stop_apps(apps)
            raise RuntimeError(f"a worker did not start: {app.log_tail()}")
    cores = list(range(os.cpu_count() or 1))  # this process is on the clients' core already
    for i, app in enumerate(apps):
        pin(app.process.pid, {cores[i % len(cores)]})
    front = nginx.start_proxy(root / "nginx", [a.port for a in apps], port=front_port)
    return Site(front.base, apps, front, data)


def start_bare(root: Path, post_script_gc: bool = True) -> launch.AppServer:
    """A server of the one-title page, from the repository's folder (so with its .streamlit/config.toml).

    `post_script_gc` as Streamlit ships it (True: a full collection after every run) or as netcoach's
    server runs (False), set on the command line so the figure does not depend on the config file.
    """
    root.mkdir(parents=True, exist_ok=True)
    (root / "bare.py").write_text(BARE_SCRIPT)
    command = [sys.executable, "-m", "streamlit", "run", str(root / "bare.py"), "--server.headless", "true"]
    command += ["--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]
    command += ["--runner.postScriptGC", "true" if post_script_gc else "false"]
    port = launch.free_port()
    log = root / f"bare-{'default' if post_script_gc else 'tuned'}.log"
    process = launch.spawn([*command, "--server.port", str(port), "--server.address", launch.LOOPBACK], log)
    server = launch.AppServer(port=port, process=process, data_dir=root, log=log)
    if not server.wait_until_healthy(launch.deadline()):
        server.stop()
        raise RuntimeError(f"the bare server did not start: {server.log_tail()}")
    pin(process.pid, {SERVER_CORE})
    return server


def balanced_routes(front: nginx.Proxy, workers: Sequence[str], count: int) -> list[str]:
    """`count` route keys that nginx sends to the workers in turn, so members alternate between them."""
    keys: dict[str, list[str]] = {w: [] for w in workers}
    each = -(-count // len(workers))
    n = 0
    while any(len(k) < each for k in keys.values()) and n < count * 10:
        key = f"capacity-{n}"
        n += 1
        worker = front.worker_for(key)
        if worker in keys:
            keys[worker].append(key)
    return [keys[workers[i % len(workers)]][i // len(workers)] for i in range(count)]


async def xsrf_cookies(base: str) -> dict[str, str]:
    import httpx

    async with httpx.AsyncClient() as http:
        answer = await http.get(f"{base}/_stcore/health")
        return {sc.XSRF_COOKIE: answer.cookies.get(sc.XSRF_COOKIE) or ""}


# --------------------------------------------------------------------- main
async def measure(cfg: Config, root: Path) -> dict[str, Any]:
    results: dict[str, Any] = {}
    users = (*team_demo.SAMPLE_USERS, HEAVY, *load_users(cfg.max_members * 3))
    provider = launch.start_provider(users, root / "provider.log")
    one: Site | None = None
    two: Site | None = None
    bare: launch.AppServer | None = None
    try:
        everyone = load_users(cfg.max_members * 3)
        team_demo.seed_members(root / "one" / "data", provider.issuer, everyone[: cfg.max_members], cfg.seeded)
        if cfg.two_workers:
            team_demo.seed_members(root / "two" / "data", provider.issuer, everyone[cfg.max_members :], cfg.seeded)
        team_demo.seed_members(root / "one" / "data", provider.issuer, (HEAVY,), conversations=cfg.heavy)
        one = start_site(root / "one", provider, 1)
        bare = start_bare(root / "bare")
        pid = one.workers[0].process.pid

        # CPU per run, one member at a time, nothing else going on.
        heavy = await sc.sign_in(one.base, HEAVY.subject)
        results["home_cpu_ms"] = round(await cpu_per_run(one.base, pid, cfg.cpu_runs, heavy, ""), 1)
        results["save_cpu_ms"] = round(await cpu_per_save(one.base, pid, cfg.cpu_runs, heavy), 1)
        bare_cookies = await xsrf_cookies(bare.base)
        results["bare_page_cpu_ms"] = round(
            await cpu_per_run(bare.base, bare.process.pid, cfg.cpu_runs, bare_cookies, ""), 1
        )
        bare.stop()
        bare = start_bare(root / "bare", post_script_gc=False)
        bare_cookies = await xsrf_cookies(bare.base)
        results["bare_page_tuned_cpu_ms"] = round(
            await cpu_per_run(bare.base, bare.process.pid, cfg.cpu_runs, bare_cookies, ""), 1
        )
        bare.stop()
        bare = None
        floor = max(results["bare_page_cpu_ms"], 1e-9)
        results["home_vs_bare"] = round(results["home_cpu_ms"] / floor, 2)
        results["save_vs_bare"] = round(results["save_cpu_ms"] / floor, 2)
        tuned_floor = max(results["bare_page_tuned_cpu_ms"], 1e-9)
        results["home_vs_bare_tuned"] = round(results["home_cpu_ms"] / tuned_floor, 2)
        results["save_vs_bare_tuned"] = round(results["save_cpu_ms"] / tuned_floor, 2)
        results["heavy_conversations"] = cfg.heavy

        # One worker.
        single = await ramp(one.base, cfg, 1, [pid])
        results["members_at_p95_1s"] = single.held
        results["pages_per_s_at_p95_1s"] = round(single.pages_per_s, 1)
        results["server_ms_per_page_1w"] = round(single.server_ms_per_page, 1)
        results["core_use_at_limit_1w"] = round(single.core_use, 2)
        results["memory_mb_per_session"] = round(single.rss_growth_mb / max(single.peak_members, 1), 2)
        results["client_cpu_share_1w"] = round(single.client_cpu_share, 2)
        one.stop()
        check = check_files(one.data_dir, provider.issuer, single.members)  # type: ignore[arg-type]
        lost, corrupt = check.lost_writes, check.corrupt_files
        errors = [m for m in single.members if m.error]
        saves = sum(len(m.acknowledged) for m in single.members)

        if cfg.two_workers:
            two = start_site(root / "two", provider, 2)
            assert two.proxy is not None
            ports = [f"{launch.LOOPBACK}:{w.port}" for w in two.workers]
            routes = balanced_routes(two.proxy, ports, cfg.max_members * 2)
            # Two workers start at one and a half times what one held (nearer twice, the first step's own
            # sign-ins and the p95 of a single window can end the ramp before it has begun), and each
            # worker grows by one ramp's step.
            pair = 2 * cfg.step
            first_step = max(cfg.start, int(1.5 * single.held) // pair * pair)
            double_cfg = dataclasses.replace(cfg, start=first_step, step=2 * cfg.step, max_members=cfg.max_members * 2)
            double = await ramp(two.base, double_cfg, cfg.max_members + 1, [w.process.pid for w in two.workers], routes)
            two.stop()
            results["members_two_workers"] = double.held
            results["pages_per_s_two_workers"] = round(double.pages_per_s, 1)
            results["server_ms_per_page_2w"] = round(double.server_ms_per_page, 1)
            results["core_use_at_limit_2w"] = round(double.core_use, 2)
            results["scaling_2_workers"] = round(double.held / single.held, 2) if single.held else 0.0
            results["client_cpu_share_2w"] = round(double.client_cpu_share, 2)
            check2 = check_files(two.data_dir, provider.issuer, double.members)  # type: ignore[arg-type]
            lost += check2.lost_writes
            corrupt += check2.corrupt_files
            errors += [m for m in double.members if m.error]
            saves += sum(len(m.acknowledged) for m in double.members)
        results["saves_confirmed"] = saves
        results["lost_writes"] = lost
        results["corrupt_files"] = corrupt
        results["member_errors"] = len(errors)
        for member in errors[:5]:
            print(f"# {member.subject}: {member.error}", flush=True)
        results["think_s"] = cfg.think_s
        results["load_avg_1m"] = round(os.getloadavg()[0], 2)
        results["cpus"] = os.cpu_count()
    finally:
        for site in (one, two):
            if site is not None:
                site.stop()
        if bare is not None:
            bare.stop()
        provider.stop()
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a small, fast run for the test suite")
    parser.add_argument("--dir", type=Path, default=None, help="where to make the temporary folder")
    parser.add_argument("--keep", action="store_true", help="keep data and logs, and print where")
    parser.add_argument("--think", type=float, default=None, help="mean seconds between a member's clicks")
    parser.add_argument("--max-members", type=int, default=None, help="stop the one-worker ramp here")
    parser.add_argument("--start", type=int, default=None, help="members in the first ramp step")
    parser.add_argument("--step", type=int, default=None, help="members added per later step")
    parser.add_argument("--one-worker", action="store_true", help="skip the two-worker ramp")
    args = parser.parse_args(argv)
    cfg = QUICK if args.quick else FULL
    if args.think is not None:
        cfg = dataclasses.replace(cfg, think_s=args.think)
    if args.max_members is not None:
        cfg = dataclasses.replace(cfg, max_members=args.max_members)
    if args.start is not None:
        cfg = dataclasses.replace(cfg, start=args.start)
    if args.step is not None:
        cfg = dataclasses.replace(cfg, step=args.step)
    if args.one_worker:
        cfg = dataclasses.replace(cfg, two_workers=False)
    if not launch.provider_available():
        print("# cannot run: oidc-provider-mock is not installed", file=sys.stderr)
        return 2
    if cfg.two_workers and (reason := nginx.nginx_missing()):
        print(f"# cannot run: {reason}", file=sys.stderr)
        return 2
    os.sched_setaffinity(0, {CLIENT_CORE})
    print(
        f"# server on core {SERVER_CORE}, clients on core {CLIENT_CORE}; load average {os.getloadavg()[0]:.2f}",
        flush=True,
    )
    root = Path(tempfile.mkdtemp(prefix="team-capacity-", dir=args.dir))
    try:
        results = asyncio.run(measure(cfg, root))
    finally:
        if args.keep:
            print(f"# data and logs kept in {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)
    for name, value in results.items():
        print(f"{name}: {value}")
    return 1 if results["lost_writes"] or results["corrupt_files"] else 0


if __name__ == "__main__":
    sys.exit(main())
