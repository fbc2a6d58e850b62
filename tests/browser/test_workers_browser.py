"""Two netcoach workers behind a real nginx, configured with deploy/nginx/, sharing one data folder.

A cohort outgrows one Streamlit process; the operator starts a worker per
core and puts nginx in front. These stories check what that must not break:
every browser stays on its worker (its websocket and uploads live there),
a member's second device on the other worker sees the same notes, two saves
at once both land, and when a worker dies its members carry on on the other
one with nothing saved lost.
"""

from __future__ import annotations

import dataclasses
import json
import re
import secrets
import shutil
import signal
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from browser_kit import assert_no_exception, main_area, missing_browser, wait_for_app
from launch import (
    AppServer,
    Provider,
    deadline,
    free_port,
    provider_available,
    spawn_app,
    start_provider,
    stop_apps,
)
from playwright.sync_api import Browser, BrowserContext, Page, expect
from proxy import DEPLOY_NGINX, ROUTE_COOKIE, Proxy, nginx_binary, nginx_missing, start_proxy
from team_demo import SAMPLE_USERS, coordinators, write_secrets

from netcoach.team import Identity

pytestmark = pytest.mark.browser


@dataclasses.dataclass
class Cluster:
    proxy: Proxy
    workers: list[AppServer]
    provider: Provider

    def address(self, index: int) -> str:
        return f"127.0.0.1:{self.workers[index].port}"

    def member_file(self, subject: str) -> Path:
        user = next(u for u in SAMPLE_USERS if u.subject == subject)
        member_id = Identity(self.provider.issuer, subject, user.email).member_id
        return self.workers[0].data_dir / "members" / f"{member_id}.json"

    def conversations_of(self, subject: str) -> int:
        return len(json.loads(self.member_file(subject).read_text()).get("conversations", {}))


@pytest.fixture
def cluster(tmp_path: Path, chromium: str) -> Iterator[Cluster]:
    for missing in (nginx_missing(), "" if provider_available() else "oidc-provider-mock is not installed"):
        if missing:
            missing_browser(missing)
    provider = start_provider(SAMPLE_USERS, tmp_path / "provider.log")
    proxy_port = free_port()
    secrets_file = write_secrets(
        tmp_path / "secrets.toml",
        app_port=proxy_port,
        provider_port=provider.port,
        coordinators=coordinators(SAMPLE_USERS),
    )
    # One cookie secret for all workers: Streamlit's own cookies are honoured wherever a request lands.
    shared = {"STREAMLIT_SERVER_COOKIE_SECRET": secrets.token_hex(32)}
    data = tmp_path / "data"
    workers = [spawn_app(data, tmp_path / f"worker-{i}.log", secrets_file=secrets_file, env=shared) for i in range(2)]
    proxy: Proxy | None = None
    try:
        until = deadline()
        for worker in workers:
            assert worker.wait_until_healthy(until), worker.log_tail()
        proxy = start_proxy(tmp_path / "nginx", [w.port for w in workers], port=proxy_port)
        yield Cluster(proxy, workers, provider)
    finally:
        if proxy is not None:
            proxy.stop()
        stop_apps(workers)
        provider.stop()


@dataclasses.dataclass
class Visitor:
    """A browser of its own (cookies included) and the route key nginx keeps it on its worker by."""

    page: Page
    key: str


@pytest.fixture
def visitors(browser: Browser, cluster: Cluster) -> Iterator[Callable[[int], Visitor]]:
    opened: list[BrowserContext] = []
    keys = cluster.proxy.keys_for([cluster.address(0), cluster.address(1)], each=3)

    def on(worker: int) -> Visitor:
        """A browser that nginx sends to `worker`, holding the key the first response would have set."""
        key = keys[cluster.address(worker)].pop()
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        context.set_default_timeout(30_000)
        context.add_cookies([{"name": ROUTE_COOKIE, "value": key, "url": cluster.proxy.base}])
        opened.append(context)
        return Visitor(context.new_page(), key)

    yield on
    for context in opened:
        context.close()


def sign_in(page: Page, cluster: Cluster, subject: str) -> None:
    page.goto(cluster.proxy.url())
    wait_for_app(page)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_url(re.compile(re.escape(f"{cluster.provider.url}/oauth2/authorize")))
    page.locator('input[name="sub"]').fill(subject)
    page.get_by_role("button", name="Authorize", exact=True).click()
    page.wait_for_url(lambda url: url.rstrip("/") == cluster.proxy.base)
    wait_for_app(page)
    assert_no_exception(page, f"sign-in of {subject}")


def open_log_form(page: Page, name: str) -> None:
    page.goto(cluster_url(page, "log"))
    wait_for_app(page)
    page.get_by_label("New person's name", exact=True).fill(name)
    main_area(page).get_by_role("radio", name="Colleague", exact=True).click()


def cluster_url(page: Page, path: str) -> str:
    base = re.match(r"https?://[^/]+", page.url)
    assert base is not None
    return f"{base.group(0)}/{path}"


def save(page: Page) -> None:
    page.get_by_role("button", name="Save conversation").click()


def saved(page: Page, name: str) -> None:
    expect(page.get_by_text("Saved: your conversation with")).to_be_visible()
    wait_for_app(page)
    assert_no_exception(page, f"saving a conversation with {name}")


def people_seen(page: Page) -> str:
    """Everything on the People page once its table is drawn (its cells live in the screen-reader grid)."""
    page.goto(cluster_url(page, "people"))
    wait_for_app(page)
    expect(main_area(page).locator('[data-testid="stDataFrame"]').first).to_be_visible()
    expect(main_area(page).locator('[data-testid="stDataFrame"] table').first).to_be_attached()
    return page.locator("body").inner_text() + page.content()


def workers_used(cluster: Cluster, visitor: Visitor, since: int = 0) -> set[str]:
    """The workers that answered this browser's requests (after the first `since` log lines)."""
    return {w for route, w, _ in cluster.proxy.routes()[since:] if route == visitor.key and w != "-"}


def test_members_land_on_both_workers_and_a_second_device_sees_the_same_notes(
    cluster: Cluster, visitors: Callable[[int], Visitor]
) -> None:
    ana_desk, ana_phone, ben = visitors(0), visitors(1), visitors(1)
    for visitor, subject in ((ana_desk, "ana"), (ana_phone, "ana"), (ben, "ben")):
        sign_in(visitor.page, cluster, subject)

    open_log_form(ana_desk.page, "Priya Firstworker")
    save(ana_desk.page)
    saved(ana_desk.page, "Priya Firstworker")
    assert "Priya Firstworker" in people_seen(ana_phone.page)  # written by one worker, read by the other

    # Both of ana's devices save at the same moment, each through its own worker: both land.
    open_log_form(ana_desk.page, "Omar Sametime")
    open_log_form(ana_phone.page, "Lena Sametime")
    save(ana_desk.page)
    save(ana_phone.page)
    saved(ana_desk.page, "Omar Sametime")
    saved(ana_phone.page, "Lena Sametime")
    open_log_form(ben.page, "Tomas Benworker")
    save(ben.page)
    saved(ben.page, "Tomas Benworker")

    for visitor in (ana_desk, ana_phone):
        seen = people_seen(visitor.page)
        assert all(n in seen for n in ("Priya Firstworker", "Omar Sametime", "Lena Sametime"))
        assert "Tomas Benworker" not in seen
    assert cluster.conversations_of("ana") == 3 and cluster.conversations_of("ben") == 1
    # Every request of a browser, its websocket included, went to its own worker.
    assert workers_used(cluster, ana_desk) == {cluster.address(0)}
    assert workers_used(cluster, ana_phone) == {cluster.address(1)}
    assert workers_used(cluster, ben) == {cluster.address(1)}
    assert ("/_stcore/stream", ana_desk.key) in {(path, route) for route, _, path in cluster.proxy.routes()}


def test_a_worker_killed_loses_nothing_saved_and_its_members_carry_on_on_the_other(
    cluster: Cluster, visitors: Callable[[int], Visitor]
) -> None:
    ana = visitors(0)
    sign_in(ana.page, cluster, "ana")
    open_log_form(ana.page, "Priya Beforekill")
    save(ana.page)
    saved(ana.page, "Priya Beforekill")
    cluster.workers[0].process.send_signal(signal.SIGKILL)
    cluster.workers[0].process.wait(timeout=10)
    before = len(cluster.proxy.routes())

    # The page notices, reconnects through nginx (now to the other worker) and the sign-in still holds.
    open_log_form(ana.page, "Lena Afterkill")
    save(ana.page)
    saved(ana.page, "Lena Afterkill")
    seen = people_seen(ana.page)
    assert "Priya Beforekill" in seen and "Lena Afterkill" in seen
    assert cluster.conversations_of("ana") == 2
    # Since the kill, ana's requests were answered by the other worker. nginx logs a websocket when it
    # closes, so the socket the kill cut (status 101) may be logged late; nothing else is left for the dead one.
    after = [
        (worker, path, status) for route, worker, path, status in cluster.proxy.requests()[before:] if route == ana.key
    ]
    assert any(worker == cluster.address(1) and status == "200" for worker, _, status in after)
    answered_by_dead = [
        (path, status)
        for worker, path, status in after
        if worker == cluster.address(0) and status < "500" and (path, status) != ("/_stcore/stream", "101")
    ]
    assert answered_by_dead == []


def test_the_production_site_file_is_one_nginx_accepts(tmp_path: Path) -> None:
    """deploy/nginx/ as an operator installs it (with a throwaway certificate in place of Let's Encrypt's)."""
    if nginx_missing():
        missing_browser(nginx_missing())
    conf = tmp_path / "conf"
    (conf / "netcoach").mkdir(parents=True)
    for name in ("balance.conf", "proxy.conf", "workers.conf"):
        shutil.copy(DEPLOY_NGINX / name, conf / "netcoach" / name)
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    request = ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]
    subprocess.run(
        [*request, "-subj", "/CN=netcoach.example.com", "-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
    )
    site = (DEPLOY_NGINX / "netcoach-site.conf").read_text()
    site = site.replace("/etc/letsencrypt/live/netcoach.example.com/fullchain.pem", str(cert))
    site = site.replace("/etc/letsencrypt/live/netcoach.example.com/privkey.pem", str(key))
    (conf / "netcoach-site.conf").write_text(site)
    (conf / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nevents {{}}\nhttp {{\n    include netcoach-site.conf;\n}}\n"
    )
    checked = subprocess.run(
        [nginx_binary(), "-t", "-p", str(tmp_path), "-c", str(conf / "nginx.conf"), "-e", str(tmp_path / "error.log")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stderr
