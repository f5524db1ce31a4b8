"""The output listed once for the steps that each walked it: every file in the order of its
path (a folder sorting as its name followed by "/"), and the folders with no file anywhere
below, deepest first, so they can be removed in that order."""

from __future__ import annotations

import os

from tinhoi.sitebuild.driver import _remove_empty_folders
from tinhoi.sitebuild.outputtree import OutputTree
from tinhoi.sitebuild.state import Build

FILES = [
    "404.html",
    "a-b/index.html",
    "a/index.html",
    "a/x/anh.JPG",
    "a.html",
    "en/2026/11/hoi-nghi/index.html",
    "theme/img/hoa-van.png",
]
EMPTY = ["cu/2019/03/bai", "cu/2019/03", "cu/2019", "cu", "en/2026/12", "pagefind/vi/2019"]


def _tree(root):
    for name in FILES:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(name, encoding="utf-8")
    for name in EMPTY:
        (root / name).mkdir(parents=True, exist_ok=True)
    os.symlink(root / "a", root / "lien-ket")  # a link is a file here: never followed


def test_files_are_listed_in_the_order_of_their_paths(tmp_path):
    _tree(tmp_path)
    tree = OutputTree(tmp_path)
    assert tree.files == sorted([*FILES, "lien-ket"])  # as plain texts: "-" < "." < "/"
    assert tree.files[:4] == ["404.html", "a-b/index.html", "a.html", "a/index.html"]
    assert list(tree.with_suffix((".html",))) == [p for p in tree.files if p.endswith(".html")]
    assert list(tree.with_suffix((".jpg", ".png"), any_case=True)) == [
        "a/x/anh.JPG",
        "theme/img/hoa-van.png",
    ]
    assert list(tree.with_suffix((".jpg",))) == []


def test_empty_folders_are_listed_deepest_first(tmp_path):
    _tree(tmp_path)
    empty = [os.path.relpath(path, tmp_path) for path in OutputTree(tmp_path).empty]
    assert sorted(empty) == sorted([*EMPTY, "pagefind/vi", "pagefind"])
    for folder in empty:  # each after every folder under it
        assert not any(other.startswith(folder + "/") for other in empty[empty.index(folder) :])


def test_the_build_removes_the_empty_folders_it_listed_unless_written_since(tmp_path):
    _tree(tmp_path)
    build = Build()
    assert build.output_tree(tmp_path) is build.output_tree(tmp_path)  # listed once
    (tmp_path / "pagefind/vi/2019/bundle.json").write_text("{}", encoding="utf-8")  # since
    _remove_empty_folders(build, tmp_path)
    remaining = sorted(
        os.path.relpath(folder, tmp_path) for folder, _, _ in os.walk(tmp_path) if folder
    )
    assert "cu" not in remaining and "en/2026/12" not in remaining
    assert {"pagefind", "pagefind/vi", "pagefind/vi/2019", "en/2026/11/hoi-nghi"} <= set(remaining)
    assert all((tmp_path / name).is_file() for name in FILES)
