"""The replaced output tree's files are emptied after a one-off build, not before the next.

``make html`` keeps the tree its build replaced as the next build's folders
(``sparetree.py``); a process of its own deletes the files once the officer's build is done.
The next build takes the tree emptied, or empties what is left, waiting while the emptying
runs; either way it is the cold build.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import test_incremental_identity as identity
from conftest import ROOT
from test_incremental_identity import ARTICLE, assert_same_files, build_site

from tinhoi.sitebuild import sparetree
from tinhoi.sitebuild.driver import SPARE_TREE

# the identity tests' site: the sample's cold build, reset for each case
pristine = identity.pristine
site = identity.site

SETTINGS = """\
import sys
sys.path.insert(0, {root!r})
from pelicanconf import *
PATH = {site!r} + "/content"
THEME = {site!r} + "/theme"
OUTPUT_PATH = {site!r} + "/output"
CACHE_PATH = {site!r} + "/cache"
MEDIA = {{"cache_dir": {media!r}}}
"""


def make_html(site: Path) -> None:
    """``make html`` as the Makefile runs it, on the test site."""
    settings = site / "site-settings.py"
    settings.write_text(
        SETTINGS.format(root=str(ROOT), site=str(site), media=str(site.parent / "media-cache")),
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-m", "tinhoi.sitebuild", "html", "--settings", str(settings)],
        cwd=site,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    settings.unlink()


def files_and_folders(tree: Path) -> tuple[list[str], int]:
    paths = list(tree.rglob("*"))
    return sorted(p.relative_to(tree).as_posix() for p in paths if not p.is_dir()), sum(
        p.is_dir() for p in paths
    )


def wait_for_mark(spare: Path, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not (spare / sparetree.MARK).exists():
        assert time.monotonic() < deadline, "the spare tree was never emptied"
        time.sleep(0.05)


def edit(site: Path, line: str) -> None:
    path = site / "content" / ARTICLE
    path.write_text(path.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")


def test_the_replaced_files_are_emptied_after_the_build_and_the_next_build_is_cold(site):
    old_folders = files_and_folders(site / "output")[1]
    edit(site, "Thêm một dòng.")
    make_html(site)
    spare = site / "cache" / SPARE_TREE
    wait_for_mark(spare)
    files, folders = files_and_folders(spare)
    assert files == [sparetree.MARK]  # every file of the replaced tree is gone…
    assert folders == old_folders  # …and its folders are left for the next build

    edit(site, "Thêm dòng nữa.")
    make_html(site)
    assert not (site / "output" / sparetree.MARK).exists()
    assert_same_files(site / "output", build_site(site, "cold-output", "cold-cache"))


def _tree_with_files(root: Path) -> Path:
    for name in ("a/index.html", "a/b/index.html", "c/photo.webp", "index.html"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(name, encoding="utf-8")
    return root


def test_a_build_waits_for_the_emptying_then_empties_what_is_left(tmp_path):
    spare = _tree_with_files(tmp_path / "cache" / SPARE_TREE)
    staging = tmp_path / "output.staging"
    taker = threading.Thread(target=sparetree.take, args=(spare, staging))
    with sparetree.locked(spare):  # an emptying under way
        taker.start()
        time.sleep(0.3)
        assert not staging.exists() and spare.is_dir()
    taker.join(10)
    assert not spare.exists()
    assert files_and_folders(staging) == ([], 3)


def test_an_emptied_tree_is_taken_as_it_is(tmp_path):
    spare = _tree_with_files(tmp_path / "cache" / SPARE_TREE)
    sparetree.empty(spare)
    assert files_and_folders(spare) == ([sparetree.MARK], 3)
    staging = tmp_path / "output.staging"
    sparetree.take(spare, staging)
    assert files_and_folders(staging) == ([], 3)


def test_the_emptying_outlives_the_build_outside_its_process_group(tmp_path):
    """``make html`` may end (and Ctrl+C may stop its group) while the files are deleted."""
    spare = _tree_with_files(tmp_path / "cache" / SPARE_TREE)
    with sparetree.locked(spare):  # the emptying waits: it is surely running below
        build = subprocess.Popen(
            [
                sys.executable,
                "-c",
                "import sys; from tinhoi.sitebuild import sparetree; "
                "sparetree.empty_later(__import__('pathlib').Path(sys.argv[1]))",
                str(spare),
            ],
            start_new_session=True,
        )
        assert build.wait(30) == 0
        try:
            os.killpg(build.pid, 0)
        except ProcessLookupError:
            pass  # nothing of the build's is left in its group
        else:
            raise AssertionError("the emptying is still in the build's process group")
        assert not (spare / sparetree.MARK).exists()
    wait_for_mark(spare)
    assert files_and_folders(spare) == ([sparetree.MARK], 3)


def test_no_spare_tree_yet_and_one_taken_meanwhile(tmp_path):
    """The first build has none; an emptying that starts after a build took the tree finds
    nothing to do."""
    spare = tmp_path / "cache" / SPARE_TREE
    staging = tmp_path / "output.staging"
    (staging / "left-by-a-crash").mkdir(parents=True)
    sparetree.take(spare, staging)
    assert not staging.exists()
    sparetree.empty(spare)
    assert not spare.exists()
