"""A build stopped halfway leaves no half-built folder beside the site's output.

Each build writes into ``output.staging-<its process>`` and swaps it into place at the end.
The officer stops ``make html`` or the preview with Ctrl+C, often while a build runs (one
takes seconds at a thousand articles): the build then removes its folder before it ends.
A build killed outright, or cut off by a power cut, cannot; the next build removes such a
folder once its process is gone, and leaves alone the folder of a build still running
(``make html`` beside the preview).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLE_CONTENT
from test_incremental_identity import build_site

SETTINGS = """\
import sys
sys.path.insert(0, {root!r})
from pelicanconf import *
PATH = {site!r} + "/content"
OUTPUT_PATH = {site!r} + "/output"
CACHE_PATH = {site!r} + "/cache"
MEDIA = {{"cache_dir": {site!r} + "/media-cache"}}
"""


def _as_in_a_terminal() -> None:
    """Ctrl+C stops the build as it stops a command typed in a terminal, also when these
    tests run under a shell that started them in the background (which ignores SIGINT)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _staging_folders(site: Path) -> list[str]:
    return sorted(path.name for path in site.iterdir() if ".staging-" in path.name)


def _indexers(pid: int) -> list[Path]:
    """The (slow) Pagefind processes the build ``pid`` started, running now (``/proc``)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
            command = (stat.parent / "cmdline").read_bytes()
        except (OSError, IndexError, ValueError):
            continue
        if parent == pid and b"sleep" in command:
            found.append(stat.parent)
    return found


# a Pagefind that indexes slowly (the ``pagefind_bin`` package the build asks, first on the
# path): the build is stopped while it runs, whatever the machine's speed
SLOW_PAGEFIND = """\
from pathlib import Path
def get_executable():
    script = Path(__file__).with_name("pagefind")
    script.write_text("#!/bin/sh\\nexec sleep 60\\n")
    script.chmod(0o755)
    return script
"""


@pytest.mark.parametrize("moment", ["writing the pages", "indexing for search"])
def test_ctrl_c_during_make_html_leaves_no_half_built_folder(tmp_path, moment):
    site = tmp_path / "site"
    shutil.copytree(SAMPLE_CONTENT, site / "content")
    settings = site / "site-settings.py"
    settings.write_text(SETTINGS.format(root=str(ROOT), site=str(site)), encoding="utf-8")
    slow = tmp_path / "slow" / "pagefind_bin"
    slow.mkdir(parents=True)
    (slow / "__init__.py").write_text(SLOW_PAGEFIND, encoding="utf-8")
    path = os.pathsep.join(filter(None, [str(slow.parent), os.environ.get("PYTHONPATH")]))
    make_html = subprocess.Popen(
        [sys.executable, "-m", "tinhoi.sitebuild", "html", "--settings", str(settings)],
        cwd=site,
        env={**os.environ, "PYTHONPATH": path},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        preexec_fn=_as_in_a_terminal,
    )
    indexers: list[Path] = []
    if moment == "writing the pages":  # the articles are read, their folders made
        reached = lambda: bool(_staging_folders(site))  # noqa: E731
    else:  # Pagefind indexes the article pages while the other pages are made
        reached = lambda: indexers.extend(_indexers(make_html.pid)) or indexers  # noqa: E731
    deadline = time.monotonic() + 120
    while not reached():
        assert make_html.poll() is None, f"the build ended before {moment}"
        assert time.monotonic() < deadline, f"the build never reached {moment}"
        time.sleep(0.005)
    make_html.send_signal(signal.SIGINT)  # as Ctrl+C in the terminal
    _, errors = make_html.communicate(timeout=120)
    assert make_html.returncode != 0, "the build was not stopped"
    assert b"KeyboardInterrupt" in errors
    assert not [process for process in indexers if process.exists()], "Pagefind runs on"
    time.sleep(1)  # nothing the build started writes there afterwards
    assert _staging_folders(site) == []
    assert not (site / "output").exists()  # no site was ever built: none is served


def test_the_next_build_removes_the_folder_of_a_build_whose_process_is_gone(tmp_path):
    site = tmp_path / "site"
    shutil.copytree(SAMPLE_CONTENT, site / "content")
    shutil.copytree(ROOT / "theme", site / "theme")
    ended = subprocess.Popen([sys.executable, "-c", "pass"])
    ended.wait()
    running = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(300)"])
    try:
        for pid in (ended.pid, running.pid):
            page = site / f"output.staging-{pid}" / "2025" / "01" / "bai" / "index.html"
            page.parent.mkdir(parents=True)
            page.write_text("<p>nửa chừng</p>", encoding="utf-8")
        (site / "output.staging-notes").mkdir()  # not a build's: a name without a process
        build_site(site)
        assert _staging_folders(site) == [
            f"output.staging-{running.pid}",  # ``make html`` beside the preview: its own
            "output.staging-notes",
        ]
        assert (site / "output" / "index.html").is_file()
    finally:
        running.kill()
        running.wait()
