"""The replaced output tree's files are emptied after a one-off build, not before the next.

``make html`` keeps the tree its build replaced as the next build's folders
(``sparetree.py``); a process of its own deletes the files once the officer's build is done.
The next build takes the tree emptied, or empties what is left; one still being emptied it
leaves alone, making its folders anew, and sets its own replaced tree aside for the
emptying. Either way it is the cold build.
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


def make_html(site: Path, timeout: float = 300) -> None:
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
        timeout=timeout,
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


FILES = ["a/b/index.html", "a/index.html", "c/photo.webp", "index.html"]


def test_a_build_right_after_another_does_not_wait_for_its_emptying(site):
    edit(site, "Thêm một dòng.")
    make_html(site)
    spare = site / "cache" / SPARE_TREE
    wait_for_mark(spare)
    gone = site / "output" / "2025" / "trang-da-xoa"  # as a deleted article leaves it
    gone.mkdir(parents=True)
    with sparetree.locked(spare):  # as if the emptying of that build's tree were under way
        edit(site, "Thêm dòng nữa.")
        make_html(site, timeout=120)  # done without waiting for it
        aside = list(spare.parent.glob(SPARE_TREE + ".aside-*"))
        assert len(aside) == 1  # the tree it replaced, whole, for the emptying to delete
        assert files_and_folders(spare)[0] == [sparetree.MARK]
    cold = build_site(site, "cold-output", "cold-cache")
    assert_same_files(site / "output", cold)
    # it started from the last output's folders instead: those no page filled are gone
    assert not gone.exists()
    assert files_and_folders(site / "output")[1] == files_and_folders(cold)[1]
    deadline = time.monotonic() + 30  # the emptying this build started deletes it
    while aside[0].exists():
        assert time.monotonic() < deadline, "the tree set aside was never deleted"
        time.sleep(0.05)


def _tree_with_files(root: Path) -> Path:
    for name in FILES:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(name, encoding="utf-8")
    return root


def test_a_build_leaves_a_tree_being_emptied_alone_and_empties_one_left_half_done(tmp_path):
    spare = _tree_with_files(tmp_path / "cache" / SPARE_TREE)
    staging = tmp_path / "output.staging"
    taker = threading.Thread(target=sparetree.take, args=(spare, staging))
    with sparetree.locked(spare):  # an emptying under way: the build does not wait for it
        taker.start()
        taker.join(5)
        assert not taker.is_alive()
        assert not staging.exists() and files_and_folders(spare) == (FILES, 3)
    sparetree.take(spare, staging)  # no emptying now, none finished: what is left goes
    assert not spare.exists()
    assert files_and_folders(staging) == ([], 3)


def test_a_replaced_tree_is_set_aside_when_a_spare_tree_is_there_and_deleted_later(tmp_path):
    spare = _tree_with_files(tmp_path / "cache" / SPARE_TREE)
    sparetree.empty(spare)
    first = _tree_with_files(tmp_path / "output.old-1")
    sparetree.keep(first, spare)  # the build left the spare tree alone: it stays
    second = _tree_with_files(tmp_path / "output.old-2")
    with sparetree.locked(spare):  # and one being emptied is not waited for either
        keeper = threading.Thread(target=sparetree.keep, args=(second, spare))
        keeper.start()
        keeper.join(5)
        assert not keeper.is_alive()
    assert not first.exists() and not second.exists()
    assert files_and_folders(spare) == ([sparetree.MARK], 3)
    aside = [p for p in spare.parent.iterdir() if p.name.startswith(SPARE_TREE + ".aside-")]
    assert [files_and_folders(tree) for tree in aside] == [(FILES, 3)] * 2
    sparetree.empty(spare)
    assert sorted(p.name for p in spare.parent.iterdir()) == [SPARE_TREE, "spare-output.lock"]
    assert files_and_folders(spare) == ([sparetree.MARK], 3)


def test_an_emptied_tree_is_taken_as_it_is(tmp_path):
    spare = _tree_with_files(tmp_path / "cache" / SPARE_TREE)
    sparetree.empty(spare)
    assert files_and_folders(spare) == ([sparetree.MARK], 3)
    staging = tmp_path / "output.staging"
    assert sparetree.take(spare, staging)  # the build has its folders
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
                "from pathlib import Path; "
                "sparetree.empty_later(Path(sys.argv[1]), Path(sys.argv[2]))",
                str(spare),
                str(tmp_path / "output"),
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


def test_the_emptying_stands_back_while_a_build_of_the_site_runs(tmp_path):
    """A build started right after the last one shares two cores with its emptying: the
    emptying waits for it (a build runs while its staging folder's process lives)."""
    spare = _tree_with_files(tmp_path / "cache" / SPARE_TREE)
    output = tmp_path / "output"
    building = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    staging = tmp_path / f"{sparetree.staging_prefix(output)}{building.pid}"
    staging.mkdir()
    abandoned = tmp_path / f"{sparetree.staging_prefix(output)}999999999"  # no such process
    abandoned.mkdir()
    emptying = threading.Thread(target=sparetree.empty, args=(spare, output))
    try:
        emptying.start()
        emptying.join(1.5)
        assert emptying.is_alive()  # waiting for the build, every file still there
        assert files_and_folders(spare) == (FILES, 3)
    finally:
        building.kill()
        building.wait()
    emptying.join(10)
    assert not emptying.is_alive()
    assert files_and_folders(spare) == ([sparetree.MARK], 3)


def test_no_spare_tree_yet_and_one_taken_meanwhile(tmp_path):
    """The first build has none; an emptying that starts after a build took the tree finds
    nothing to do."""
    spare = tmp_path / "cache" / SPARE_TREE
    staging = tmp_path / "output.staging"
    (staging / "left-by-a-crash").mkdir(parents=True)
    assert not sparetree.take(spare, staging)  # the build makes its folders
    assert not staging.exists()
    sparetree.empty(spare)
    assert not spare.exists()
