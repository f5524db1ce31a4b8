"""The province workflow's cross-post job for one site, run as GitHub runs it: its ``run:``
steps, read from examples/province's workflow, in a fresh clone of a local bare origin,
against the fake Graph and Zalo servers. The site's ledger goes back to origin in its own
folder, sites/<mã>/crosspost/, and the other sites' folders stay as they were."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import bare_origin, git
from crosspost_helpers import LiveSite, article, environment, fake, run_step

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "province"
WORKFLOW = EXAMPLE / ".github" / "workflows" / "sites.yml"
VENV = Path(sys.executable).parent.parent
__all__ = ["fake"]  # fixture
SLUG = "hoi-thi-nau-an"

pytestmark = pytest.mark.skipif(
    shutil.which("git") is None or shutil.which("make") is None, reason="needs git and make"
)


@pytest.fixture
def origin(tmp_path) -> Path:
    """The sample province with one new article in site a."""
    source = tmp_path / "source"
    shutil.copytree(EXAMPLE, source, ignore=shutil.ignore_patterns("output", "cache"))
    # dated the day the sample was written: the day its cross-posting starts
    settings = (EXAMPLE / "sites/a/pelicanconf.py").read_text(encoding="utf-8")
    (start,) = re.findall(r'"start": "([0-9-]+)"', settings)
    text = article(SLUG, "Hội thi nấu ăn ngon", date=f"{start} 08:30 +07:00")
    (source / "sites/a/content/articles" / f"{SLUG}.md").write_text(text, encoding="utf-8")
    return bare_origin(source, tmp_path / "origin.git")


def job() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]["crosspost"]


def test_the_crosspost_job_of_a_site_keeps_its_ledger_in_its_own_folder(tmp_path, origin, fake):
    checkout = tmp_path / "run"
    git(tmp_path, "clone", "-q", str(origin), str(checkout))
    os.utime(checkout / "requirements.txt", (0, 0))  # older than the shared venv's stamp
    pages = tmp_path / "pages"  # the province's address: each site in its folder
    pages.mkdir()
    (pages / "a").symlink_to(checkout / "sites/a/output")
    live = LiveSite(pages)
    try:
        env = {
            "PATH": os.environ["PATH"],
            "HOME": os.environ.get("HOME", "/tmp"),
            "MAKEFLAGS": f"VENV={VENV}",
            "SITEURL": live.url,
            "GITHUB_REF_NAME": "main",
            **{
                key: value.replace("${{ matrix.site }}", "a")
                for key, value in job()["env"].items()
                if "secrets." not in value and "vars." not in value
            },
            **environment(fake),
        }
        for step in job()["steps"]:
            if "run" not in step:
                continue
            run_step({**step, "run": step["run"].replace("${{ matrix.site }}", "a")}, checkout, env)
    finally:
        live.close()
    assert env["BASE_PATH"] == "a"
    (post,) = fake.graph.posts
    assert post["link"] == f"{live.url}/a/2026/12/{SLUG}/"
    state = json.loads(git(origin, "show", "main:sites/a/crosspost/state.json"))
    sent = state["articles"][f"2026/12/{SLUG}"]["targets"]["facebook"]["status"]
    assert sent == "sent"
    subject = git(origin, "log", "-1", "--format=%an|%s", "main").strip()
    assert subject.startswith("github-actions[bot]|") and "[skip ci]" in subject
    changed = git(origin, "show", "--name-only", "--format=", "main").split()
    assert changed and all(name.startswith("sites/a/crosspost/") for name in changed)
