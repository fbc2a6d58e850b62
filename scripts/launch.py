"""Local processes on loopback: the app, the identity provider and Debian's Chromium.

The browser tests, the benchmarks and the team demo all start the same
things on this machine: `streamlit run app.py` on a free port, the stand-in
OpenID Connect provider, and a Chromium with everything that phones home
switched off. They start, wait for and stop them through these functions, so
all of them run one configuration and a changed flag or timeout reaches
every one alike.
"""

from __future__ import annotations

import dataclasses
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import ClassVar

REPO = Path(__file__).resolve().parents[1]
APP = REPO / "app.py"
LOOPBACK = "127.0.0.1"
START_TIMEOUT_S = 60.0
STOP_TIMEOUT_S = 10.0
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


def chromium_missing() -> str:
    """Why Chromium cannot be launched here, or "" when it can."""
    if CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK):
        return ""
    return f"{CHROMIUM} is missing"


def free_port(host: str = LOOPBACK) -> int:
    """A port nothing listens on now; another process may still take it before it is used."""
    with socket.socket() as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def launch(
    command: Sequence[str], log: Path | None = None, env: Mapping[str, str] | None = None
) -> subprocess.Popen[bytes]:
    """Start `command` in the repository, its output appended to `log` (without one, to this process's own)."""
    if log is None:
        return subprocess.Popen(command, cwd=REPO, env=env)
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("ab") as out:
        return subprocess.Popen(command, cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT)


def start_streamlit(
    data_dir: Path,
    port: int,
    log: Path | None = None,
    *,
    host: str = LOOPBACK,
    env: Mapping[str, str] | None = None,
    extra_args: Sequence[str] = (),
) -> subprocess.Popen[bytes]:
    """Start `streamlit run app.py` on `host`:`port` with `data_dir` as its data folder, without waiting for it."""
    data_dir.mkdir(parents=True, exist_ok=True)
    environment = {**os.environ, "NETCOACH_DATA_DIR": str(data_dir), "PYTHONUNBUFFERED": "1", **(env or {})}
    command = [sys.executable, "-m", "streamlit", "run", str(APP), "--server.port", str(port)]
    command += ["--server.address", host, "--server.headless", "true"]
    command += ["--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none", *extra_args]
    return launch(command, log, environment)


def wait_until_up(url: str, process: subprocess.Popen[bytes], deadline: float, body: bytes | None = None) -> bool:
    """True once `url` answers 200 (and `body`, if given); False if `process` ended or `deadline` passed.

    `deadline` is a `time.monotonic()` value, so several processes started
    together can share one.
    """
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:
                if answer.status == 200 and (body is None or answer.read().strip() == body):
                    return True
        except OSError:
            time.sleep(0.1)
    return False


def wait_until_healthy(base: str, process: subprocess.Popen[bytes], deadline: float) -> bool:
    """True once the app at `base` says "ok" on its health check; False if it ended or `deadline` passed."""
    return wait_until_up(f"{base}/_stcore/health", process, deadline, body=b"ok")


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


@dataclasses.dataclass(kw_only=True)
class Server:
    """A local process serving HTTP on `port`: where to reach it, what it logged, how to stop it."""

    host: ClassVar[str] = LOOPBACK
    port: int
    process: subprocess.Popen[bytes]
    log: Path | None

    @property
    def base(self) -> str:
        return f"http://{self.host}:{self.port}"

    def url(self, path: str = "") -> str:
        return f"{self.base}/{path.lstrip('/')}"

    def log_tail(self, chars: int = 3000) -> str:
        return log_tail(self.log, chars)

    def stop(self) -> None:
        stop_process(self.process)
