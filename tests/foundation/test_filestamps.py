"""What the early-page process shows first: the files the watcher told of, as the look at
every file's stamp would count them."""

from __future__ import annotations

import os

import pytest

from tinhoi.sitebuild.filestamps import stamps, watched_files

FILES = [
    "content/articles/2026/bai.md",
    "content/images/anh.jpg",
    "content/images/anh.jpg.part",  # a photo still being copied
    "content/articles/.bai.md.swp",  # an editor's scratch file
    "content/articles/bai.md~",
    "content/.git/HEAD",
    "content/data/__pycache__/x.pyc",
    "theme/templates/base.html",
    "elsewhere/note.md",  # not watched
    "pelicanconf.py",
]


@pytest.fixture
def site(tmp_path):
    for name in FILES:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x", encoding="utf-8")
    roots = [tmp_path / "content", tmp_path / "theme", tmp_path / "pelicanconf.py"]
    return tmp_path, roots


def test_the_files_told_are_those_the_stamps_count(site):
    root, roots = site
    told = [
        os.path.join(folder, name)
        for folder, folders, names in os.walk(root)
        for name in [*folders, *names]
    ]
    assert watched_files(told, roots, {}) == set(stamps(roots))


@pytest.mark.parametrize(
    ("name", "before", "watched"),
    [
        ("content/articles/2026/bai.md", False, True),
        ("content/articles/2026/bai.md", "as looked at", False),  # its stamp did not change
        ("content/articles/2026/moi.md", True, True),  # deleted: it was there
        ("content/articles/2026/moi.md", False, False),  # made and gone, never looked at
        ("content/articles/2026", False, False),  # a folder
        ("content/images/anh.jpg.part", False, False),
        ("content/.git/HEAD", False, False),
        ("elsewhere/note.md", False, False),
        ("pelicanconf.py", False, True),
    ],
)
def test_a_file_told_is_watched_as_the_stamps_count_it(site, name, before, watched):
    root, roots = site
    path = str(root / name)
    stamp = stamps(roots).get(path) if before == "as looked at" else (1, 1)
    assert (path in watched_files([path], roots, {path: stamp} if before else {})) is watched
