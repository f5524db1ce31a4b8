"""The pages' folders are made by a child while the build goes on: every folder is made,
whatever its name, and handing the child the names never waits for it to make them."""

from __future__ import annotations

import os
import shutil
import threading

import pytest

from tinhoi.sitebuild.folders import page_folders, start_copying, start_making, wait_for_makers

pytestmark = pytest.mark.skipif(shutil.which("xargs") is None, reason="needs xargs")


def test_every_folder_is_made_whatever_its_name(tmp_path):
    output = tmp_path / "output"
    save_as = [
        "2026/11/hoi-nghi/index.html",
        "2026/11/hoi-nghi/index.html",  # twice: made once
        "chi-hoi/ấp Bình Thạnh/index.html",  # a space and Vietnamese letters
        "tag/--dash/index.html",  # looks like an option to mkdir
        "index.html",  # the output folder itself: nothing to make
        "",
    ]
    folders = page_folders(output, save_as)
    assert folders == sorted(
        str(output / name) for name in ("2026/11/hoi-nghi", "chi-hoi/ấp Bình Thạnh", "tag/--dash")
    )
    makers: list = []
    start_making(folders, makers)
    assert len(makers) == 1
    wait_for_makers(makers)
    assert makers == []
    assert all(os.path.isdir(folder) for folder in folders)


def test_handing_over_many_names_never_waits_for_the_child(tmp_path, monkeypatch):
    """Ten thousand names are more than a pipe holds. An ``xargs`` that makes nothing until
    it is let go shows whether the build waited for it: it is let go only once
    ``start_making`` has returned."""
    release = tmp_path / "go"
    real_xargs = shutil.which("xargs")
    tools = tmp_path / "bin"
    tools.mkdir()
    slow_xargs = tools / "xargs"
    slow_xargs.write_text(
        f'#!/bin/sh\nwhile [ ! -e "{release}" ]; do sleep 0.05; done\nexec "{real_xargs}" "$@"\n'
    )
    slow_xargs.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tools}{os.pathsep}{os.environ['PATH']}")
    output = tmp_path / "output"
    folders = page_folders(
        output,
        [f"{2016 + n % 10}/{n % 12 + 1:02d}/bai-{n:05d}-mo-hinh/index.html" for n in range(10_000)],
    )
    assert sum(len(folder.encode()) + 1 for folder in folders) > 4 * 65_536
    makers: list = []
    handing = threading.Thread(target=start_making, args=(folders, makers), daemon=True)
    handing.start()
    handing.join(timeout=10)
    waited = handing.is_alive()
    release.touch()
    handing.join(timeout=60)
    assert not waited, "start_making waited for the child to make the folders"
    wait_for_makers(makers)
    assert all(os.path.isdir(folder) for folder in folders)


@pytest.mark.skipif(shutil.which("find") is None, reason="needs find")
def test_the_last_output_s_folders_are_made_without_its_files(tmp_path):
    """A build with no spare tree starts from the last output's folders (every one, odd
    names and empty ones too), never its files."""
    previous = tmp_path / "output"
    for name in ("2026/11/hoi-nghi", "chi-hoi/ấp Bình Thạnh", "tag/--dash", "empty"):
        (previous / name).mkdir(parents=True)
    (previous / "2026/11/hoi-nghi/index.html").write_text("trang", encoding="utf-8")
    (previous / "index.html").write_text("trang chủ", encoding="utf-8")
    staging = tmp_path / "staging"
    makers: list = []
    start_copying(previous, staging, makers)
    wait_for_makers(makers)

    def tree(root):
        found = sorted(path.relative_to(root).as_posix() for path in root.rglob("*"))
        return found, [name for name in found if (root / name).is_file()]

    folders = [name for name in tree(previous)[0] if (previous / name).is_dir()]
    assert tree(staging) == (folders, [])
    assert "chi-hoi/ấp Bình Thạnh" in folders and "tag/--dash" in folders
