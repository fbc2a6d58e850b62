"""Team mode on one machine: a local identity provider, two sample interns and a coordinator.

A hosted netcoach signs people in through their company's OpenID Connect
provider, which nobody has at hand when they just want to try team mode.
`oidc-provider-mock` stands in for it on localhost: its sign-in page asks for
a subject, and the claims given here for that subject (email, name) are what
the app receives, exactly as from a real provider.

The same functions start the provider and a team-mode server for the browser
tests and the load benchmark, so all three exercise one configuration:

    python scripts/team_demo.py            # what `make team-demo` runs

Everything the demo needs lives in one data folder (./data-team-demo): the
secrets file with a fresh random cookie secret on every start, the provider's
log, the team file and one file per member.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import importlib.util
import json
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import ClassVar, NoReturn

import localrun

REPO = localrun.REPO
if str(REPO) not in sys.path:  # run as a script, the netcoach package sits one folder up
    sys.path.insert(0, str(REPO))

# The auth cookie is bound to the host name, and the provider names itself
# after the host it was asked for: one spelling, everywhere.
HOST = "localhost"
APP_PORT = 8501
PROVIDER_PORT = 9400
DEMO_DATA = REPO / "data-team-demo"
DEMO_CONVERSATIONS = 60
CLIENT_ID = "netcoach-demo"
DOMAIN = "acme.test"


@dataclasses.dataclass(frozen=True)
class DemoUser:
    """A person the local provider knows: the subject typed on its page and the claims it hands out."""

    subject: str
    email: str
    name: str
    role: str = "member"

    def claims_json(self) -> str:
        return json.dumps({"sub": self.subject, "email": self.email, "name": self.name, "email_verified": True})


SAMPLE_USERS = (
    DemoUser("ana", f"ana@{DOMAIN}", "Ana Alvarez"),
    DemoUser("ben", f"ben@{DOMAIN}", "Ben Okafor"),
    DemoUser("coach", f"coach@{DOMAIN}", "Casey Coordinator", role="coordinator"),
)


def issuer(provider_port: int) -> str:
    """The `iss` the provider writes into its tokens: the address the app reached it at.

    Member ids are derived from issuer and subject, so sample data written
    before anyone signs in must use exactly this value.
    """
    return f"http://{HOST}:{provider_port}"


def port_taken(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex((localrun.LOOPBACK, port)) == 0


def _deadline() -> float:
    return time.monotonic() + localrun.START_TIMEOUT_S


def _did_not_come_up(url: str, process: subprocess.Popen[bytes], what: str, log: Path | None) -> NoReturn:
    """Stop the process and fail with the end of its log."""
    localrun.stop_process(process)
    raise RuntimeError(f"{what} did not come up at {url}; its log ends with:\n{localrun.log_tail(log)}")


# ------------------------------------------------------------------ provider
@dataclasses.dataclass
class Provider:
    """A running oidc-provider-mock."""

    port: int
    process: subprocess.Popen[bytes]
    log: Path | None

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    @property
    def issuer(self) -> str:
        return issuer(self.port)

    def stop(self) -> None:
        localrun.stop_process(self.process)


def provider_available() -> bool:
    # Looked up, not imported: importing it here would only print its deprecation warnings.
    return importlib.util.find_spec("oidc_provider_mock") is not None


def start_provider(port: int, users: Sequence[DemoUser] = SAMPLE_USERS, log: Path | None = None) -> Provider:
    """Start oidc-provider-mock on localhost with `users` predefined; return once it serves discovery."""
    command = [sys.executable, "-m", "oidc_provider_mock", "--port", str(port), "--host", localrun.LOOPBACK]
    for user in users:
        command += ["--user-claims", user.claims_json()]
    process = localrun.launch(command, log)
    provider = Provider(port=port, process=process, log=log)
    discovery = f"{provider.url}/.well-known/openid-configuration"
    if not localrun.wait_until_up(discovery, process, _deadline()):
        _did_not_come_up(discovery, process, "oidc-provider-mock", log)
    return provider


# ------------------------------------------------------------------- secrets
def _toml(value: object) -> str:
    """A TOML value; JSON's strings and lists of strings are valid TOML too."""
    return json.dumps(value)


def write_secrets(
    path: Path,
    *,
    app_port: int,
    provider_port: int,
    coordinators: Sequence[str],
    allowed_domains: Sequence[str] = (DOMAIN,),
    invited: Sequence[str] = (),
) -> Path:
    """The secrets file of a team instance signing in through the local provider.

    The cookie secret is new on every call: a restarted demo signs everyone
    out, which is what a rotated secret does in production too.
    """
    auth: Mapping[str, object] = {
        "redirect_uri": f"http://{HOST}:{app_port}/oauth2callback",
        "cookie_secret": secrets.token_urlsafe(32),
        "client_id": CLIENT_ID,
        "client_secret": secrets.token_urlsafe(24),
        "server_metadata_url": f"{issuer(provider_port)}/.well-known/openid-configuration",
    }
    team: Mapping[str, object] = {
        "coordinators": list(coordinators),
        "allowed_domains": list(allowed_domains),
        "invited": list(invited),
    }
    lines = ["# Written by scripts/team_demo.py for a local try-out; not for production.", "", "[auth]"]
    lines += [f"{key} = {_toml(value)}" for key, value in auth.items()]
    lines += ["", "[netcoach]"]
    lines += [f"{key} = {_toml(value)}" for key, value in team.items()]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n")
    with contextlib.suppress(OSError):
        path.chmod(0o600)
    return path


# ---------------------------------------------------------------- sample data
def seed_members(
    data_root: Path,
    provider_issuer: str,
    users: Sequence[DemoUser],
    conversations: int = DEMO_CONVERSATIONS,
    share: bool = True,
) -> dict[str, str]:
    """Give each intern in `users` months of sample data, registered in the team file.

    The ids are the ones the app derives when that person signs in, so the
    data is there on their first visit. A member who already has data is left
    alone (a second `make team-demo` keeps what was typed in the first).
    Returns subject -> member id.
    """
    from netcoach import sample, storage
    from netcoach.team import Identity, Team
    from netcoach.team import TeamRole as Role

    ids: dict[str, str] = {}
    try:
        team = Team(storage.data_dir(data_root))
        for seed, user in enumerate(users, start=1):
            if user.role != Role.MEMBER:
                continue
            identity = Identity(provider_issuer, user.subject, user.email, user.name, email_verified=True)
            team.sign_in(identity, Role.MEMBER)
            service = team.member_service(identity.member_id)
            if conversations and not sample.has_data(service):
                sample.generate(service, conversations=conversations, seed=seed)
                service.save_profile({"display_name": user.name})
            team.set_sharing(identity.member_id, share)
            ids[user.subject] = identity.member_id
    finally:
        storage.forget_data_dirs()
    return ids


# ------------------------------------------------------------------------ app
@dataclasses.dataclass(kw_only=True)
class TeamApp(localrun.Server):
    """A `streamlit run app.py` in team mode."""

    host: ClassVar[str] = HOST
    data_dir: Path
    secrets_file: Path


def start_app(
    data_dir: Path,
    secrets_file: Path,
    port: int,
    log: Path | None = None,
    env: Mapping[str, str] | None = None,
    extra_args: Sequence[str] = (),
) -> TeamApp:
    """Start the app on `port` with `secrets_file`; return once its health check answers."""
    process = localrun.start_streamlit(
        data_dir, port, log, host=HOST, env=env, extra_args=["--secrets.files", str(secrets_file), *extra_args]
    )
    app = TeamApp(port=port, process=process, data_dir=data_dir, secrets_file=secrets_file, log=log)
    if not localrun.wait_until_healthy(app.base, process, _deadline()):
        _did_not_come_up(app.url("_stcore/health"), process, "streamlit", log)
    return app


@dataclasses.dataclass
class TeamInstance:
    """A provider and a team-mode app wired to each other."""

    provider: Provider
    app: TeamApp

    def stop(self) -> None:
        self.app.stop()
        self.provider.stop()


def start_team(
    root: Path,
    users: Sequence[DemoUser] = SAMPLE_USERS,
    *,
    conversations: int = 0,
    share: bool = False,
    env: Mapping[str, str] | None = None,
    provider: Provider | None = None,
) -> TeamInstance:
    """A team instance on free ports with its data folder, secrets and logs under `root`.

    Interns in `users` get `conversations` sample conversations each before
    the server starts (none by default: a test usually wants empty members,
    who are then registered by their first sign-in). Pass a running
    `provider` to share one between several servers; it is not stopped with
    the instance then.
    """
    root.mkdir(parents=True, exist_ok=True)
    own_provider = provider is None
    last_error: Exception | None = None
    for _ in range(3):  # a free port can be taken between probing and binding
        try:
            if provider is None:
                provider = start_provider(localrun.free_port(), users, root / "provider.log")
            data_dir = root / "data"
            coordinators = [u.email for u in users if u.role == "coordinator"]
            if conversations:
                seed_members(data_dir, provider.issuer, users, conversations, share=share)
            port = localrun.free_port()
            secrets_file = write_secrets(
                root / "secrets.toml", app_port=port, provider_port=provider.port, coordinators=coordinators
            )
            app = start_app(data_dir, secrets_file, port, root / "app.log", env)
            return TeamInstance(provider, app)
        except RuntimeError as error:
            last_error = error
            if own_provider and provider is not None:
                provider.stop()
                provider = None
    raise RuntimeError(f"the team instance did not start: {last_error}")


# ---------------------------------------------------------------------- demo
def _instructions(app: TeamApp, provider: Provider, users: Sequence[DemoUser]) -> str:
    width = max(len(u.subject) for u in users)
    rows = [
        f"    {u.subject:<{width}}  ->  {u.email} ({'coordinator' if u.role == 'coordinator' else 'intern'})"
        for u in users
    ]
    return "\n".join(
        [
            "",
            "netcoach team demo is running.",
            f"  Open {app.base} in your browser and press Sign in.",
            f"  The local sign-in page ({provider.url}) asks for a subject: type one of these",
            "  (or press its button under 'Authenticate predefined users'):",
            *rows,
            "  Any other subject signs in with that text as email, e.g. someone@elsewhere.test is refused.",
            "  The interns already have a few months of sample data and share their totals,",
            "  so the coordinator's Cohort page has numbers from the start.",
            f"  Data folder: {app.data_dir}",
            "  Press Ctrl-C to stop the app and the sign-in provider.",
            "",
        ]
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=APP_PORT, help="port of the app (default %(default)s)")
    parser.add_argument(
        "--provider-port", type=int, default=PROVIDER_PORT, help="port of the sign-in provider (default %(default)s)"
    )
    parser.add_argument("--data-dir", type=Path, default=DEMO_DATA, help="data folder (default %(default)s)")
    parser.add_argument(
        "--conversations",
        type=int,
        default=DEMO_CONVERSATIONS,
        help="sample conversations per intern on first start (default %(default)s)",
    )
    args = parser.parse_args(argv)
    if not provider_available():
        print("oidc-provider-mock is not installed: run `make team-demo` (or pip install -r requirements-dev.txt).")
        return 1
    for port, what in ((args.port, "--port"), (args.provider_port, "--provider-port")):
        if port_taken(port):
            print(f"Port {port} is already in use; pick another with {what}.")
            return 1

    data_dir = args.data_dir.resolve()
    users = SAMPLE_USERS
    provider = start_provider(args.provider_port, users, data_dir / "provider.log")
    app: TeamApp | None = None
    try:
        seed_members(data_dir, provider.issuer, users, args.conversations, share=True)
        secrets_file = write_secrets(
            data_dir / "secrets.toml",
            app_port=args.port,
            provider_port=args.provider_port,
            coordinators=[u.email for u in users if u.role == "coordinator"],
        )
        app = start_app(data_dir, secrets_file, args.port)
        print(_instructions(app, provider, users), flush=True)
        # Ctrl-C reaches the whole process group; SIGTERM (e.g. from a
        # supervisor) is turned into the same clean stop.
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        with contextlib.suppress(KeyboardInterrupt):
            while app.process.poll() is None and provider.process.poll() is None:
                time.sleep(0.5)
    finally:
        if app is not None:
            app.stop()
        provider.stop()
    print("Stopped the app and the sign-in provider.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
