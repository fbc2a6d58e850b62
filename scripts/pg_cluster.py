"""A throwaway PostgreSQL server for tests and benchmarks: Debian's binaries, a cluster in a temporary folder.

`Cluster.start()` finds initdb and pg_ctl (`pg_config --bindir`, or
/usr/lib/postgresql/*/bin), makes a cluster in a fresh temporary folder,
starts it on a free loopback port with its socket in the same folder, and
`stop()` shuts it down and removes the folder. initdb refuses to run as
root, so as root the server runs as the `postgres` user Debian's package
creates (or `nobody`).
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

USER = "netcoach"


def bin_dir() -> Path | None:
    """Where PostgreSQL's server programs are, or None when it is not installed."""
    candidates: list[str] = []
    pg_config = shutil.which("pg_config")
    if pg_config:
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            candidates.append(subprocess.run([pg_config, "--bindir"], capture_output=True, text=True).stdout.strip())
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    for found in candidates:
        if found and (Path(found) / "initdb").exists() and (Path(found) / "pg_ctl").exists():
            return Path(found)
    return None


def missing_reason() -> str | None:
    """Why no test server can be started here, or None when one can."""
    if bin_dir() is None:
        return "PostgreSQL's server programs (initdb, pg_ctl) are not installed; run scripts/ensure_postgresql.sh"
    return None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _server_user() -> str | None:
    """The account the server runs as when we are root (initdb refuses root)."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        with contextlib.suppress(KeyError):
            pwd.getpwnam(name)
            return name
    raise RuntimeError("running as root, and there is no postgres or nobody account to run PostgreSQL as")


class Cluster:
    """One PostgreSQL server in a temporary folder, reachable at `url`."""

    def __init__(self, *, durable: bool = True):
        self.durable = durable
        self.folder: Path | None = None
        self.port = 0
        self.bin: Path | None = None
        self.user: str | None = None

    @property
    def url(self) -> str:
        return f"postgresql://{USER}@127.0.0.1:{self.port}/postgres"

    def database_url(self, name: str) -> str:
        return f"postgresql://{USER}@127.0.0.1:{self.port}/{name}"

    def _run(self, *args: str | Path) -> None:
        command = [str(a) for a in args]
        if self.user is not None:
            command = ["runuser", "-u", self.user, "--", *command]
        result = subprocess.run(command, capture_output=True, text=True, timeout=120)
        if result.returncode != 0:
            raise RuntimeError(f"{Path(args[0]).name} failed: {result.stderr.strip() or result.stdout.strip()}")

    def start(self) -> Cluster:
        self.bin = bin_dir()
        if self.bin is None:
            raise RuntimeError(missing_reason())
        self.user = _server_user()
        self.folder = Path(tempfile.mkdtemp(prefix="netcoach-pg-"))
        if self.user is not None:
            entry = pwd.getpwnam(self.user)
            os.chown(self.folder, entry.pw_uid, entry.pw_gid)
        data = self.folder / "data"
        self._run(self.bin / "initdb", "-D", str(data), "-A", "trust", "-U", USER, "-E", "UTF8", "--no-sync")
        self.port = free_port()
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c max_connections=200"
        if not self.durable:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        self._run(self.bin / "pg_ctl", "-D", str(data), "-o", options, "-l", str(self.folder / "log"), "-w", "start")
        return self

    def create_database(self, name: str) -> str:
        import psycopg

        with psycopg.connect(self.url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.database_url(name)

    def stop(self) -> None:
        if self.folder is None or self.bin is None:
            return
        with contextlib.suppress(RuntimeError, subprocess.SubprocessError):
            self._run(self.bin / "pg_ctl", "-D", str(self.folder / "data"), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder = None


@contextlib.contextmanager
def running(*, durable: bool = True) -> Iterator[Cluster]:
    cluster = Cluster(durable=durable).start()
    try:
        yield cluster
    finally:
        cluster.stop()
