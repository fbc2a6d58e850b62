"""Local processes on loopback: the app, the identity provider and Debian's Chromium.

The browser tests, the benchmarks and the team demo all start the same
things on this machine: `streamlit run serve.py` on a free port, the stand-in
OpenID Connect provider, and a Chromium with everything that phones home
switched off. They start, wait for and stop them through this module, so all
of them run one configuration and a changed flag or timeout reaches every
one alike.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.async_api import Browser as AsyncBrowser
    from playwright.async_api import Playwright as AsyncPlaywright
    from playwright.sync_api import Browser, Playwright

REPO = Path(__file__).resolve().parents[1]
APP = REPO / "serve.py"  # the pages (app.py) and the private links beside them
LOOPBACK = "127.0.0.1"
# The auth cookie is bound to the host name, and the provider names itself
# after the host it was asked for: team mode spells it one way, everywhere.
LOCALHOST = "localhost"
START_TIMEOUT_S = 60.0
STOP_TIMEOUT_S = 10.0
START_ATTEMPTS = 3  # a free port can be taken between probing and binding
CHROMIUM = Path("/usr/bin/chromium")
# Playwright's own browser download does not work here; Debian's Chromium does,
# with everything that phones home or needs a GPU or a sandbox switched off.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]


# --------------------------------------------------------------- processes
def free_port(host: str = LOOPBACK) -> int:
    """A port nothing listens on now; another process may still take it before it is used."""
    with socket.socket() as sock:
        sock.bind((host, 0))
        port: int = sock.getsockname()[1]
        return port


def port_taken(port: int, host: str = LOOPBACK) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex((host, port)) == 0


def deadline(seconds: float = START_TIMEOUT_S) -> float:
    """A `time.monotonic()` value `seconds` from now, which processes started together can share."""
    return time.monotonic() + seconds


def spawn(
    command: Sequence[str], log: Path | None = None, env: Mapping[str, str] | None = None
) -> subprocess.Popen[bytes]:
    """Start `command` in the repository, its output appended to `log` (without one, to this process's own)."""
    if log is None:
        return subprocess.Popen(command, cwd=REPO, env=env)
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("ab") as out:
        return subprocess.Popen(command, cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT)


def wait_until_up(url: str, process: subprocess.Popen[bytes], until: float, body: bytes | None = None) -> bool:
    """True once `url` answers 200 (and `body`, if given); False if `process` ended or `until` passed."""
    while time.monotonic() < until and process.poll() is None:
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:
                if answer.status == 200 and (body is None or answer.read().strip() == body):
                    return True
        except OSError:
            time.sleep(0.1)
    return False


def stop_process(process: subprocess.Popen[bytes], timeout: float = STOP_TIMEOUT_S) -> None:
    """Ask `process` to stop, and kill it if it has not within `timeout` seconds."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=timeout)


def stop_processes(processes: Iterable[subprocess.Popen[bytes]]) -> None:
    """Ask every process to stop at once, then wait for each (killing any that hang).

    A server takes a moment to close its sessions; side by side those
    moments overlap.
    """
    processes = list(processes)
    for process in processes:
        if process.poll() is None:
            process.terminate()
    for process in processes:
        stop_process(process)


def log_tail(log: Path | None, chars: int = 3000) -> str:
    """The last `chars` characters of a process's log, or "" when there is none to read."""
    if log is None:
        return ""
    try:
        return log.read_text(errors="replace")[-chars:]
    except OSError:
        return ""


# --------------------------------------------------------------------- app
@dataclasses.dataclass(kw_only=True)
class AppServer:
    """One `streamlit run serve.py` process: its data folder, where to reach it, what it logged."""

    port: int
    process: subprocess.Popen[bytes]
    data_dir: Path
    log: Path | None = None
    host: str = LOOPBACK
    secrets_file: Path | None = None

    @property
    def base(self) -> str:
        return f"http://{self.host}:{self.port}"

    def url(self, path: str = "") -> str:
        return f"{self.base}/{path.lstrip('/')}"

    def log_tail(self, chars: int = 3000) -> str:
        return log_tail(self.log, chars)

    def wait_until_healthy(self, until: float) -> bool:
        """True once the health check says "ok"; False if the process ended or `until` passed."""
        return wait_until_up(self.url("_stcore/health"), self.process, until, body=b"ok")

    def stop(self) -> None:
        stop_process(self.process)


def spawn_app(
    data_dir: Path,
    log: Path | None = None,
    *,
    port: int | None = None,
    host: str = LOOPBACK,
    env: Mapping[str, str] | None = None,
    secrets_file: Path | None = None,
    extra_args: Sequence[str] = (),
) -> AppServer:
    """Start `streamlit run serve.py` with `data_dir` as its data folder (on a free port unless given); do not wait."""
    data_dir.mkdir(parents=True, exist_ok=True)
    port = free_port() if port is None else port
    environment = {**os.environ, "NETCOACH_DATA_DIR": str(data_dir), "PYTHONUNBUFFERED": "1", **(env or {})}
    command = [sys.executable, "-m", "streamlit", "run", str(APP), "--server.port", str(port)]
    command += ["--server.address", host, "--server.headless", "true"]
    command += ["--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]
    if secrets_file is not None:
        command += ["--secrets.files", str(secrets_file)]
    process = spawn([*command, *extra_args], log, environment)
    return AppServer(port=port, process=process, data_dir=data_dir, log=log, host=host, secrets_file=secrets_file)


def start_app(
    data_dir: Path,
    log: Path | None = None,
    *,
    port: int | None = None,
    host: str = LOOPBACK,
    env: Mapping[str, str] | None = None,
    secrets_file: Path | None = None,
    extra_args: Sequence[str] = (),
) -> AppServer:
    """Start the app and return once its health check answers "ok".

    On a free port it tries again elsewhere when the port was taken in the
    meantime; on a given `port` it fails at once.
    """
    attempts = START_ATTEMPTS if port is None else 1
    last_log = ""
    for _ in range(attempts):
        server = spawn_app(
            data_dir, log, port=port, host=host, env=env, secrets_file=secrets_file, extra_args=extra_args
        )
        if server.wait_until_healthy(deadline()):
            return server
        server.stop()
        last_log = server.log_tail()
    raise RuntimeError(f"streamlit did not come up at {host}; its log ends with:\n{last_log}")


def start_apps(folders: Sequence[tuple[Path, Path]]) -> list[AppServer]:
    """Start several servers at once, each with its (data folder, log file).

    A server spends most of its start-up importing; started side by side the
    imports overlap, which on a small machine saves more than it costs.
    """
    servers = [spawn_app(data_dir, log) for data_dir, log in folders]
    until = deadline()
    try:
        for index, server in enumerate(servers):
            if not server.wait_until_healthy(until):
                server.stop()
                servers[index] = start_app(server.data_dir, server.log)
    except BaseException:
        stop_apps(servers)  # none is left running when one cannot start
        raise
    return servers


def stop_apps(servers: Iterable[AppServer]) -> None:
    """Ask every server to stop at once, then wait for each (killing any that hang)."""
    stop_processes(server.process for server in servers)


# ---------------------------------------------------------------- provider
@dataclasses.dataclass(frozen=True)
class SignInUser:
    """A person the local provider knows: the subject typed on its page and the claims it hands out."""

    subject: str
    email: str
    name: str
    role: str = "member"

    def claims_json(self) -> str:
        return json.dumps({"sub": self.subject, "email": self.email, "name": self.name, "email_verified": True})


def provider_url(port: int) -> str:
    """Where the app reaches the provider, which is also the `iss` it writes into its tokens.

    Member ids are derived from issuer and subject, so data written before
    anyone signs in must use exactly this value.
    """
    return f"http://{LOCALHOST}:{port}"


@dataclasses.dataclass
class Provider:
    """A running oidc-provider-mock."""

    port: int
    process: subprocess.Popen[bytes]
    log: Path | None

    @property
    def url(self) -> str:
        return provider_url(self.port)

    @property
    def issuer(self) -> str:
        return provider_url(self.port)

    def stop(self) -> None:
        stop_process(self.process)


def provider_available() -> bool:
    # Looked up, not imported: importing it here would only print its deprecation warnings.
    return importlib.util.find_spec("oidc_provider_mock") is not None


def start_provider(users: Sequence[SignInUser], log: Path | None = None, *, port: int | None = None) -> Provider:
    """Start oidc-provider-mock with `users` predefined (on a free port unless given); return once it serves."""
    port = free_port() if port is None else port
    command = [sys.executable, "-m", "oidc_provider_mock", "--port", str(port), "--host", LOOPBACK]
    for user in users:
        command += ["--user-claims", user.claims_json()]
    provider = Provider(port=port, process=spawn(command, log), log=log)
    discovery = f"{provider.url}/.well-known/openid-configuration"
    if not wait_until_up(discovery, provider.process, deadline()):
        provider.stop()
        raise RuntimeError(f"oidc-provider-mock did not come up at {discovery}; its log ends with:\n{log_tail(log)}")
    return provider


# ---------------------------------------------------------------- chromium
def chromium_missing() -> str:
    """Why Chromium cannot be launched here, or "" when it can."""
    if CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK):
        return ""
    return f"{CHROMIUM} is missing"


APP_IDLE_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app) return false;
  if (app.getAttribute('data-test-connection-state') !== 'CONNECTED') return false;
  if (app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (document.querySelector('[data-testid="stStatusWidget"]')) return false;
  return !document.querySelector('[data-stale="true"]');
}"""
"""True in the page once the app is connected, its script has finished and nothing on screen is stale:
the moment a browser test or a screenshot may look."""


def launch_chromium(playwright: Playwright) -> Browser:
    """Debian's Chromium under Playwright's synchronous API."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


async def launch_chromium_async(playwright: AsyncPlaywright) -> AsyncBrowser:
    """Debian's Chromium under Playwright's asyncio API, for many sessions driven at once."""
    return await playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
