"""A real browser for the tests: Debian's Chromium driven by Playwright, a local server.

Reusable by every room: ``served_site`` serves a built output folder on 127.0.0.1,
``chromium`` is one browser for the session, ``visit()`` opens a page in a fresh context
that records console errors and refuses (and records) every request leaving 127.0.0.1.
Without Chromium or Playwright the tests skip, unless ``TINHOI_REQUIRE_BROWSER=1`` (CI),
where they fail.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path(os.environ.get("TINHOI_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
# screenshots and reports of the browser tests (git-ignored); override with the variable
ARTIFACTS = Path(os.environ.get("TINHOI_TEST_ARTIFACTS", ROOT / "test-artifacts"))
LOCAL_HOSTS = {"127.0.0.1"}
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}


def browser_required() -> bool:
    return os.environ.get("TINHOI_REQUIRE_BROWSER") == "1"


def missing_tool(reason: str) -> None:
    """Skip the test, or fail it where a browser is required (CI)."""
    if browser_required():
        pytest.fail(f"TINHOI_REQUIRE_BROWSER=1 but {reason}")
    pytest.skip(reason)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # the test output stays readable
        pass


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on a free 127.0.0.1 port; yield its base URL (ending in /)."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@dataclass
class Visit:
    """One page opened in its own browser context, and what happened while loading it."""

    page: object
    console_errors: list[str] = field(default_factory=list)
    offsite: list[str] = field(default_factory=list)

    def goto(self, url: str) -> None:
        response = self.page.goto(url, wait_until="load")
        assert response is not None and response.ok, f"{url}: {response and response.status}"


def _guard(visit: Visit, route) -> None:
    url = route.request.url
    host = urlsplit(url).hostname
    if url.startswith(("data:", "blob:", "about:")) or host in LOCAL_HOSTS:
        route.continue_()
    else:
        visit.offsite.append(url)
        route.abort()


@contextmanager
def visit(
    browser, url: str | None = None, viewport: dict = PHONE, javascript: bool = True, **options
) -> Iterator[Visit]:
    """Open ``url`` in a fresh context (``color_scheme="dark"``, ``storage_state``…)."""
    context = browser.new_context(viewport=viewport, java_script_enabled=javascript, **options)
    try:
        page = context.new_page()
        result = Visit(page)
        context.route("**/*", functools.partial(_guard, result))
        page.on(
            "console",
            lambda message: (
                message.type == "error"
                and result.console_errors.append(
                    f"{message.text} ({message.location.get('url', '')})"
                )
            ),
        )
        page.on("pageerror", lambda error: result.console_errors.append(str(error)))
        if url:
            result.goto(url)
        yield result
    finally:
        context.close()


def axe_violations(page) -> list[str]:
    """What axe-core finds wrong on the page, one line per rule."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['id']}: {v['help']} ({', '.join(str(n['target']) for n in v['nodes'][:3])})"
        for v in results.response["violations"]
    ]


@pytest.fixture(scope="session")
def chromium():
    """One headless Debian Chromium for the whole session."""
    if not CHROMIUM.exists():
        missing_tool(f"{CHROMIUM} is missing (Debian package chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing_tool("the Python package playwright is missing (requirements-dev.txt)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="session")
def served_site(sample_site) -> Iterator[str]:
    """The sample site (preview build) served on 127.0.0.1; its base URL."""
    with serve(sample_site.output) as base:
        yield base


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Folder for screenshots and reports, kept after the run (git-ignored)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


VNU_VERSION = "26.9.27"  # keep in step with .ci/run


def vnu_command() -> list[str]:
    """``java -jar vnu.jar`` of the Nu HTML checker that .ci/run installs (npm vnu-jar)."""
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    default = cache / f"tinhoi/vnu-jar-{VNU_VERSION}/node_modules/vnu-jar/build/dist/vnu.jar"
    jar = Path(os.environ.get("TINHOI_VNU_JAR") or default)
    java = shutil.which("java")
    if java is None:
        missing_tool("java is missing (Debian package openjdk-17-jre-headless)")
    if not jar.is_file():
        missing_tool(f"{jar} is missing (npm package vnu-jar@{VNU_VERSION}; see .ci/run)")
    return [java, "-jar", str(jar)]


def nu_check(path: Path, kind: str = "html") -> tuple[list[str], list[str]]:
    """Run vnu on ``path`` (a file, or every ``kind`` file under a folder): the errors, as
    ``file:line: message``, and the files checked."""
    result = subprocess.run(
        [
            *vnu_command(),
            "--format", "json", "--stdout", "--exit-zero-always", "--verbose",
            f"--skip-non-{kind}", str(path),
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )  # fmt: skip
    errors = [
        f"{m.get('url', '').split(str(path))[-1]}:{m.get('lastLine')}: {m['message']}"
        for m in json.loads(result.stdout)["messages"]
        if m["type"] in ("error", "non-document-error")
    ]
    checked = [line for line in result.stderr.splitlines() if line.endswith(f".{kind}")]
    return errors, checked
