"""Pictures of every page on sample data, on a desktop and on a phone, for looking at the app's layout.

    .venv/bin/python scripts/screenshots.py [--out artifacts/screenshots] [--conversations 60]

Starts `streamlit run serve.py` on a fresh data folder filled by the product's
own `demo` command, opens every view in Debian's Chromium at 1400x900 and at
390x844 (touch, as a phone), and writes one full-length PNG per view and
size: <out>/1400x900/<view>.png and <out>/390x844/<view>.png.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import launch

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

MEMBER = "me"
RUN_TIMEOUT_MS = 60_000


class Size(NamedTuple):
    width: int
    height: int
    phone: bool

    @property
    def name(self) -> str:
        return f"{self.width}x{self.height}"


SIZES = (Size(1400, 900, phone=False), Size(390, 844, phone=True))

# (file name, path after the server's address). Kept in step with app.py's navigation.
VIEWS = (
    ("home", ""),
    ("log", "log"),
    ("followups", "followups"),
    ("goals", "goals"),
    ("people", "people"),
    ("person", "people?person=1"),
    ("events", "events"),
    ("insights", "insights"),
    ("tips", "tips"),
    ("data", "data"),
    ("settings", "settings"),
)


_CONTENT_HEIGHT_JS = """() => Math.max(document.documentElement.scrollHeight, ...Array.from(
  document.querySelectorAll('[data-testid="stMain"], [data-testid="stAppViewContainer"], section')
).map(e => e.scrollHeight))"""


def seed(data_dir: Path, conversations: int) -> None:
    command = [sys.executable, "-m", "netcoach", "demo", "--data-dir", str(data_dir), "--member", MEMBER]
    command += ["--conversations", str(conversations), "--seed", "1"]
    subprocess.run(command, cwd=launch.REPO, check=True, capture_output=True, timeout=300)


def wait_for_app(page: Page) -> None:
    page.wait_for_timeout(300)
    page.wait_for_function(launch.APP_IDLE_JS, timeout=RUN_TIMEOUT_MS, polling=100)
    # Plotly draws after the script run has finished.
    page.wait_for_timeout(800)


def photograph(page: Page, path: Path, size: Size) -> None:
    """The whole view: Streamlit scrolls inside its own container, so the window is stretched to fit it first."""
    height = int(page.evaluate(_CONTENT_HEIGHT_JS))
    tall = max(size.height, min(height + 40, 12_000))
    if tall != size.height:
        page.set_viewport_size({"width": size.width, "height": tall})
        page.wait_for_timeout(600)
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size({"width": size.width, "height": size.height})


def take(browser: Browser, base: str, out: Path, size: Size) -> list[Path]:
    context = browser.new_context(
        viewport={"width": size.width, "height": size.height},
        is_mobile=size.phone,
        has_touch=size.phone,
        device_scale_factor=1,
    )
    written = []
    try:
        page = context.new_page()
        for name, path in VIEWS:
            page.goto(f"{base}/{path}")
            wait_for_app(page)
            target = out / size.name / f"{name}.png"
            photograph(page, target, size)
            written.append(target)
    finally:
        context.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=launch.REPO / "artifacts" / "screenshots")
    parser.add_argument("--conversations", type=int, default=60)
    args = parser.parse_args(argv)
    if reason := launch.chromium_missing():
        print(f"cannot take screenshots: {reason}", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="netcoach-shots-") as tmp:
        data_dir = Path(tmp) / "data"
        seed(data_dir, args.conversations)
        server = launch.start_app(data_dir, Path(tmp) / "server.log")
        try:
            with sync_playwright() as playwright:
                browser = launch.launch_chromium(playwright)
                try:
                    for size in SIZES:
                        for path in take(browser, server.base, args.out, size):
                            print(path.relative_to(launch.REPO) if path.is_relative_to(launch.REPO) else path)
                finally:
                    browser.close()
        finally:
            server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
