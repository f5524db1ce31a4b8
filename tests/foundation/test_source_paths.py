"""A content's source path relative to the content folder, worked out once per pair of
paths (``sourcepaths.py``): the same answers as Pelican's own arithmetic."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from pelican.contents import Article
from pelican.settings import DEFAULT_CONFIG
from pelican.utils import posixize_path

from tinhoi.sitebuild.sourcepaths import install, relative_source_path


def pelicans_answer(root: str, source_path: str) -> str:
    """``Content.get_relative_source_path`` as Pelican 4.12 writes it."""
    return posixize_path(
        os.path.relpath(os.path.abspath(os.path.join(root, source_path)), os.path.abspath(root))
    )


@pytest.mark.parametrize(
    ("root", "source"),
    [
        ("/srv/hoi/content", "/srv/hoi/content/articles/2025/bai-viet.md"),
        ("/srv/hoi/content", "articles/2025/bai-viet.md"),
        ("/srv/hoi/content/", "/srv/hoi/content/pages/gioi-thieu.md"),
        ("/srv/hoi/content", "/srv/hoi/khac/ngoai-thu-muc.md"),
        ("content", "content/articles/chi-hoi/sinh-hoat.md"),
        ("content", "articles/chi-hoi/../sinh-hoat.md"),
        # plain string arithmetic must not take these (``sourcepaths._part_under``)
        ("/srv/hoi/content", "/srv/hoi/content//articles/bai.md"),
        ("/srv/hoi/content", "/srv/hoi/content/articles/./bai.md"),
        ("/srv/hoi/content", "/srv/hoi/content/../../.."),
        ("/srv/hoi/content", "/srv/hoi/content/articles/../../khac/bai.md"),
        ("/srv/hoi/content", "/srv/hoi/content-cu/bai.md"),
        ("/srv/hoi/./content", "/srv/hoi/content/bai.md"),
        ("/srv/hoi/content", "/srv/hoi/content/..bai-an.md"),
        ("/", "/srv/hoi/content/bai.md"),
    ],
)
def test_the_kept_answer_is_pelicans(root, source):
    assert relative_source_path(root, source) == pelicans_answer(root, source)
    assert relative_source_path(root, source) == pelicans_answer(root, source)  # kept


def test_a_relative_folder_follows_the_working_folder(tmp_path, monkeypatch):
    source = str(tmp_path / "mot" / "content" / "bai.md")
    (tmp_path / "mot").mkdir()
    (tmp_path / "hai").mkdir()
    monkeypatch.chdir(tmp_path / "mot")
    assert relative_source_path("content", source) == "bai.md"
    monkeypatch.chdir(tmp_path / "hai")
    assert relative_source_path("content", source) == "../../mot/content/bai.md"
    assert relative_source_path("content", source) == pelicans_answer("content", source)


def test_every_content_takes_the_kept_answer(tmp_path):
    """Once installed (as the plugin registers), Pelican's contents ask ``sourcepaths``,
    for their own source and for a path they are given."""
    install()
    content = tmp_path / "content"
    settings = {**DEFAULT_CONFIG, "PATH": str(content)}
    source = str(content / "articles" / "2025" / "bai-viet.md")
    article = Article(
        "<p>Nội dung</p>",
        metadata={"title": "Bài viết", "date": dt.datetime(2025, 8, 1)},
        settings=settings,
        source_path=source,
    )
    assert article.get_relative_source_path() == "articles/2025/bai-viet.md"
    assert article.get_relative_source_path(str(content / "anh.jpg")) == "anh.jpg"
    assert Article.get_relative_source_path.__module__ == "tinhoi.sitebuild.sourcepaths"
