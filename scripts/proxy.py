"""A real nginx on loopback in front of several netcoach workers, configured from deploy/nginx/.

The tests and benchmarks run the very files an operator installs
(balance.conf and proxy.conf); only the list of workers, the listening
address and the paths nginx writes to are this run's own. The access log
records, for every request, the browser's route key and the worker that
answered, so a test can tell where each visitor landed.
"""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
import time
import urllib.request
from collections.abc import Sequence
from pathlib import Path

import launch

NGINX = "nginx"
DEPLOY_NGINX = launch.REPO / "deploy" / "nginx"
INCLUDED = ("balance.conf", "proxy.conf")
ROUTE_COOKIE = "netcoach_worker"

_MAIN = """daemon off;
worker_processes 1;
pid {root}/nginx.pid;
error_log {root}/error.log info;
events {{ worker_connections 512; }}
http {{
    log_format routes '$netcoach_route|$upstream_addr|$status|$request_method|$uri';
    access_log {root}/access.log routes;
    client_body_temp_path {root}/tmp/body;
    proxy_temp_path {root}/tmp/proxy;
    fastcgi_temp_path {root}/tmp/fastcgi;
    uwsgi_temp_path {root}/tmp/uwsgi;
    scgi_temp_path {root}/tmp/scgi;
    include netcoach/balance.conf;
    server {{
        listen {host}:{port};
        server_name {server_name};
        include netcoach/proxy.conf;
    }}
}}
"""


def nginx_missing() -> str:
    """Why nginx cannot run here, or "" when it can."""
    return "" if shutil.which(NGINX) or Path("/usr/sbin/nginx").exists() else "nginx is not installed"


def nginx_binary() -> str:
    return shutil.which(NGINX) or "/usr/sbin/nginx"


@dataclasses.dataclass(kw_only=True)
class Proxy:
    """One nginx process: where to reach it and what it logged."""

    port: int
    process: subprocess.Popen[bytes]
    root: Path
    host: str = launch.LOCALHOST

    @property
    def base(self) -> str:
        return f"http://{self.host}:{self.port}"

    def url(self, path: str = "") -> str:
        return f"{self.base}/{path.lstrip('/')}"

    def requests(self) -> list[tuple[str, str, str, str]]:
        """(route key, the worker that answered, path, status) of every request so far.

        A request nginx retried elsewhere lists every worker it tried; the last one answered.
        """
        lines = (self.root / "access.log").read_text(errors="replace").splitlines()
        out = []
        for line in lines:
            parts = line.split("|")
            if len(parts) >= 5:
                out.append((parts[0], parts[1].split(",")[-1].strip(), parts[4], parts[2]))
        return out

    def routes(self) -> list[tuple[str, str, str]]:
        """(route key, the worker that answered, path) of every request so far."""
        return [(route, worker, path) for route, worker, path, _ in self.requests()]

    def worker_for(self, key: str) -> str:
        """The worker a browser holding route key `key` is sent to (asks nginx once)."""
        request = urllib.request.Request(self.url("_stcore/health"), headers={"Cookie": f"{ROUTE_COOKIE}={key}"})
        with urllib.request.urlopen(request, timeout=10) as answer:
            answer.read()
        time.sleep(0.05)  # the access log line is written as the response ends
        found = [worker for route, worker, _ in self.routes() if route == key]
        if not found:
            raise RuntimeError(f"nginx logged no request for route key {key!r}")
        return found[-1]

    def keys_for(self, workers: Sequence[str], each: int = 1) -> dict[str, list[str]]:
        """Route keys that nginx sends to each of `workers`, `each` per worker."""
        keys: dict[str, list[str]] = {w: [] for w in workers}
        for n in range(500):
            if all(len(k) >= each for k in keys.values()):
                return keys
            key = f"visitor-{n}"
            worker = self.worker_for(key)
            if worker in keys and len(keys[worker]) < each:
                keys[worker].append(key)
        raise RuntimeError(f"nginx did not spread 500 route keys over {list(workers)}: {keys}")

    def stop(self) -> None:
        launch.stop_process(self.process)

    def error_log(self) -> str:
        return launch.log_tail(self.root / "error.log")


def render(root: Path, worker_ports: Sequence[int], port: int, host: str = launch.LOCALHOST) -> Path:
    """nginx's configuration under `root`: deploy's includes, this run's workers and paths."""
    conf = root / "conf"
    (conf / "netcoach").mkdir(parents=True, exist_ok=True)
    for name in INCLUDED:
        shutil.copy(DEPLOY_NGINX / name, conf / "netcoach" / name)
    workers = "".join(f"server {launch.LOOPBACK}:{p} max_fails=1 fail_timeout=10s;\n" for p in worker_ports)
    (conf / "netcoach" / "workers.conf").write_text(workers)
    for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        folder = root / "tmp" / sub
        folder.mkdir(parents=True, exist_ok=True)
        folder.chmod(0o777)  # nginx started as root hands requests to an unprivileged worker process
    main = conf / "nginx.conf"
    main.write_text(_MAIN.format(root=root, host=launch.LOOPBACK, port=port, server_name=host))
    return main


def start_proxy(root: Path, worker_ports: Sequence[int], *, port: int | None = None) -> Proxy:
    """Start nginx in front of the workers and return once it answers through to one of them."""
    root.mkdir(parents=True, exist_ok=True)
    root.chmod(0o755)
    port = launch.free_port() if port is None else port
    main = render(root, worker_ports, port)
    command = [nginx_binary(), "-p", str(root), "-c", str(main), "-e", str(root / "error.log")]
    check = subprocess.run([*command, "-t"], capture_output=True, text=True, check=False)
    if check.returncode != 0:
        raise RuntimeError(f"nginx refused its configuration:\n{check.stderr}")
    process = launch.spawn(command, root / "nginx.out")
    proxy = Proxy(port=port, process=process, root=root)
    if not launch.wait_until_up(proxy.url("_stcore/health"), process, launch.deadline(), body=b"ok"):
        tail = proxy.error_log()
        proxy.stop()
        raise RuntimeError(f"nginx did not come up on port {port}; its error log ends with:\n{tail}")
    return proxy
