"""Team mode on one machine: a local identity provider, two sample interns and a coordinator.

A hosted netcoach signs people in through their company's OpenID Connect
provider, which nobody has at hand when they just want to try team mode.
`oidc-provider-mock` stands in for it on localhost: its sign-in page asks for
a subject, and the claims given here for that subject (email, name) are what
the app receives, exactly as from a real provider.

The browser tests and the load benchmark start their team instances with
`start_team` below, on the same launcher (scripts/launch.py) and the same
secrets as the demo, so all three exercise one configuration:

    python scripts/team_demo.py            # what `make team-demo` runs

Everything the demo needs lives in one data folder (./data-team-demo): the
secrets file with a fresh random cookie secret on every start, the provider's
log, the team file and one file per member.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import secrets
import signal
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

import launch
from launch import AppServer, Provider, SignInUser

if str(launch.REPO) not in sys.path:  # run as a script, the netcoach package sits one folder up
    sys.path.insert(0, str(launch.REPO))

APP_PORT = 8501
PROVIDER_PORT = 9400
DEMO_DATA = launch.REPO / "data-team-demo"
DEMO_CONVERSATIONS = 60
CLIENT_ID = "netcoach-demo"
DOMAIN = "acme.test"

SAMPLE_USERS = (
    SignInUser("ana", f"ana@{DOMAIN}", "Ana Alvarez"),
    SignInUser("ben", f"ben@{DOMAIN}", "Ben Okafor"),
    SignInUser("coach", f"coach@{DOMAIN}", "Casey Coordinator", role="coordinator"),
)


# ------------------------------------------------------------------- secrets
def toml_value(value: object) -> str:
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
        "redirect_uri": f"http://{launch.LOCALHOST}:{app_port}/oauth2callback",
        "cookie_secret": secrets.token_urlsafe(32),
        "client_id": CLIENT_ID,
        "client_secret": secrets.token_urlsafe(24),
        "server_metadata_url": f"{launch.provider_url(provider_port)}/.well-known/openid-configuration",
    }
    team: Mapping[str, object] = {
        "coordinators": list(coordinators),
        "allowed_domains": list(allowed_domains),
        "invited": list(invited),
    }
    lines = ["# Written by scripts/team_demo.py for a local try-out; not for production.", "", "[auth]"]
    lines += [f"{key} = {toml_value(value)}" for key, value in auth.items()]
    lines += ["", "[netcoach]"]
    lines += [f"{key} = {toml_value(value)}" for key, value in team.items()]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n")
    with contextlib.suppress(OSError):
        path.chmod(0o600)
    return path


def coordinators(users: Sequence[SignInUser]) -> list[str]:
    return [user.email for user in users if user.role == "coordinator"]


# ---------------------------------------------------------------- sample data
def seed_members(
    data_root: Path,
    provider_issuer: str,
    users: Sequence[SignInUser],
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


# ---------------------------------------------------------- team instance
@dataclasses.dataclass
class TeamInstance:
    """A provider and a team-mode app wired to each other."""

    provider: Provider
    app: AppServer

    def stop(self) -> None:
        self.app.stop()
        self.provider.stop()


def start_team(
    root: Path,
    users: Sequence[SignInUser] = SAMPLE_USERS,
    *,
    provider: Provider | None = None,
) -> TeamInstance:
    """A team instance on free ports with its data folder, secrets and logs under `root`.

    Its members start empty and are registered by their first sign-in. Pass
    a running `provider` to share one between several servers.
    """
    root.mkdir(parents=True, exist_ok=True)
    own_provider = provider is None
    last_error: Exception | None = None
    for _ in range(launch.START_ATTEMPTS):  # a free port can be taken between probing and binding
        try:
            if provider is None:
                provider = launch.start_provider(users, root / "provider.log")
            secrets_file = write_secrets(
                root / "secrets.toml",
                app_port=(port := launch.free_port()),
                provider_port=provider.port,
                coordinators=coordinators(users),
            )
            app = launch.start_app(
                root / "data", root / "app.log", port=port, host=launch.LOCALHOST, secrets_file=secrets_file
            )
            return TeamInstance(provider, app)
        except RuntimeError as error:
            last_error = error
            if own_provider and provider is not None:
                provider.stop()
                provider = None
    raise RuntimeError(f"the team instance did not start: {last_error}")


# ---------------------------------------------------------------------- demo
def instructions(app: AppServer, provider: Provider, users: Sequence[SignInUser]) -> str:
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


def run_demo(port: int, provider_port: int, data_dir: Path, conversations: int) -> None:
    """Seed the interns, start provider and app, and keep them running until either stops or Ctrl-C."""
    users = SAMPLE_USERS
    provider = launch.start_provider(users, data_dir / "provider.log", port=provider_port)
    app: AppServer | None = None
    try:
        seed_members(data_dir, provider.issuer, users, conversations, share=True)
        secrets_file = write_secrets(
            data_dir / "secrets.toml", app_port=port, provider_port=provider_port, coordinators=coordinators(users)
        )
        app = launch.start_app(data_dir, port=port, host=launch.LOCALHOST, secrets_file=secrets_file)
        print(instructions(app, provider, users), flush=True)
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


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
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
    if not launch.provider_available():
        print("oidc-provider-mock is not installed: run `make team-demo` (or pip install -r requirements-dev.txt).")
        return 1
    for port, what in ((args.port, "--port"), (args.provider_port, "--provider-port")):
        if launch.port_taken(port):
            print(f"Port {port} is already in use; pick another with {what}.")
            return 1
    run_demo(args.port, args.provider_port, args.data_dir.resolve(), args.conversations)
    print("Stopped the app and the sign-in provider.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
