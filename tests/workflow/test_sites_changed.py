"""``tinhoi sites changed``: the sites a push changed, from real commits of a real repository
(the workflow's matrix: a change in sites/<mã>/ builds that site, anything else all)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tinhoi.province.changed import changed_sites

ALL = ["a", "b", "c"]

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def git(cwd: Path, *args: str) -> str:
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def write(root: Path, name: str, text: str) -> None:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def commit(root: Path, message: str) -> str:
    git(root, "add", "-A")
    git(root, "-c", "user.name=Tỉnh", "-c", "user.email=tinh@example.vn", "commit", "-qm", message)
    return git(root, "rev-parse", "HEAD")


@pytest.fixture
def province(tmp_path) -> Path:
    root = tmp_path / "tinh"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    write(root, "requirements.txt", "tin-hoi==1.0.0\n")
    write(root, "Makefile", "sites:\n")
    write(root, ".github/workflows/sites.yml", "name: Trang tin\n")
    for code in ALL:
        write(root, f"sites/{code}/pelicanconf.py", 'PATH = "content"\n')
        write(root, f"sites/{code}/content/articles/bai.md", "Title: Bài\n")
    commit(root, "Tỉnh")
    return root


def _edit(name: str, text: str = "sửa\n"):
    return lambda root: write(root, name, text)


def _remove(name: str):
    return lambda root: shutil.rmtree(root / name)


CHANGES = {
    "one article of a": ([_edit("sites/a/content/articles/bai.md")], ["a"]),
    "a new photo of c": ([_edit("sites/c/content/images/anh.jpg", "ảnh")], ["c"]),
    "the settings of b": ([_edit("sites/b/pelicanconf.py", 'PATH = "content"\nX = 1\n')], ["b"]),
    "a and c": (
        [_edit("sites/a/content/articles/moi.md"), _edit("sites/c/content/pages/p.md")],
        ["a", "c"],
    ),
    "the engine's pin": ([_edit("requirements.txt", "tin-hoi==1.1.0\n")], ALL),
    "the workflow": ([_edit(".github/workflows/sites.yml", "name: Khác\n")], ALL),
    "a and the Makefile": ([_edit("sites/a/x.md"), _edit("Makefile", "all:\n")], ALL),
    "a file directly in sites/": ([_edit("sites/README.md")], ALL),
    "b's ledger only": (
        [_edit("sites/b/crosspost/state.json", "{}\n"), _edit("sites/b/crosspost/log.jsonl")],
        [],
    ),
    "b's ledger and an article": (
        [_edit("sites/b/crosspost/state.json", "{}\n"), _edit("sites/b/content/articles/n.md")],
        ["b"],
    ),
    "a new site d": ([_edit("sites/d/pelicanconf.py"), _edit("sites/d/content/x.md")], ["d"]),
    "site c removed": ([_remove("sites/c")], []),
    "a folder of sites/ that is no site": ([_edit("sites/ghi-chu/todo.md")], []),
}


@pytest.mark.parametrize("change", CHANGES, ids=list(CHANGES))
def test_a_push_builds_the_sites_it_changed(province, change):
    edits, expected = CHANGES[change]
    base = git(province, "rev-parse", "HEAD")
    for edit in edits:
        edit(province)
    head = commit(province, change)
    assert changed_sites(province, base, head) == expected


def test_a_push_of_several_commits_counts_them_all(province):
    base = git(province, "rev-parse", "HEAD")
    _edit("sites/a/content/articles/bai.md")(province)
    commit(province, "a")
    _edit("sites/b/content/articles/bai.md")(province)
    head = commit(province, "b")
    assert changed_sites(province, base, head) == ["a", "b"]


@pytest.mark.parametrize(
    "base",
    ["", "0000000000000000000000000000000000000000", "1234567890abcdef1234567890abcdef12345678"],
    ids=["no start (schedule, manual run)", "a new branch", "a commit this clone lacks"],
)
def test_without_a_usable_start_every_site_is_built(province, base):
    _edit("sites/a/content/articles/bai.md")(province)
    head = commit(province, "a")
    assert changed_sites(province, base, head) == ALL


def test_the_command_prints_the_matrix_as_json(province):
    base = git(province, "rev-parse", "HEAD")
    _edit("sites/b/content/articles/bai.md")(province)
    commit(province, "b")
    done = subprocess.run(
        [sys.executable, "-m", "tinhoi", "sites", "changed", "--base", base],
        cwd=province,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == ["b"]
