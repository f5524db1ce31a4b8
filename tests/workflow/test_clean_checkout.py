"""A fresh clone's everyday commands leave the checkout as git has it.

The clone gets the committed HEAD of this repository; the commands run offline (every
proxy points at a closed port) with the project's existing virtualenv, so nothing is
installed. Afterwards ``git status --ignored`` may only show the build's own folders.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, run_build

# what the everyday commands may create: build products, all ignored by git
# (crosspost/'s plan, kit and report are make publish's product for the officer)
ALLOWED = ("output/", "cache/", "crosspost/plan.json", "crosspost/kit/", "crosspost/bao-cao.html")
OFFLINE = "http://127.0.0.1:9"  # nothing listens on the discard port

pytestmark = pytest.mark.skipif(
    shutil.which("git") is None or shutil.which("make") is None, reason="needs git and make"
)


def git(folder: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(folder), *args], capture_output=True, text=True, check=True
    )
    return done.stdout


def status(folder: Path) -> list[str]:
    return git(folder, "status", "--porcelain", "--ignored", "--untracked-files=all").splitlines()


@pytest.fixture(scope="module")
def clone(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("clone") / "tin-hoi"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(folder)], check=True)
    assert status(folder) == []
    return folder


def make(clone: Path, target: str) -> subprocess.CompletedProcess:
    venv = Path(sys.prefix)
    environment = {
        **os.environ,
        "http_proxy": OFFLINE,
        "https_proxy": OFFLINE,
        "HTTP_PROXY": OFFLINE,
        "HTTPS_PROXY": OFFLINE,
        "no_proxy": "",
        "NO_PROXY": "",
    }
    environment.pop("PYTHONPATH", None)
    # -o: the venv counts as up to date, so make never installs into the shared one
    command = ["make", "-o", f"{venv}/.runtime", target, f"VENV={venv}"]
    done = subprocess.run(command, cwd=clone, env=environment, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    return done


@pytest.mark.parametrize("targets", [("html", "publish", "check")])
def test_everyday_commands_leave_a_fresh_clone_clean(clone, targets):
    for target in targets:
        make(clone, target)
    assert (clone / "output" / "index.html").is_file()
    leftovers = [
        line
        for line in status(clone)
        if not (line.startswith("!! ") and line[3:].startswith(ALLOWED))
    ]
    assert leftovers == []
    # the offline refresh was tried, and its failure was kept out of the repository
    assert "không kết nối được" in (clone / "cache" / "upstream-status.json").read_text(
        encoding="utf-8"
    )


def test_a_test_build_of_the_sample_writes_its_crosspost_plan_under_tmp(tmp_path):
    def listing() -> list[str]:
        folder = ROOT / "crosspost"
        return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []

    before = listing()
    site = run_build(tmp_path, ROOT / "content", "publishconf.py", SEARCH_INDEX=False)
    assert site.result.ok, site.messages
    assert (tmp_path / "crosspost" / "plan.json").is_file()
    assert (tmp_path / "crosspost" / "bao-cao.html").is_file()
    assert listing() == before
