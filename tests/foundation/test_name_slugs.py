"""The slugs of names (tags, categories, authors), worked out once per name and settings
(``slugs.py``): the same slugs as Pelican's own ``slugify``, which the build's contents take."""

from __future__ import annotations

import datetime as dt

import pelican.urlwrappers
import pytest
from pelican.contents import Article
from pelican.settings import DEFAULT_CONFIG
from pelican.urlwrappers import Author, Category, Tag

from tinhoi.sitebuild.slugs import PELICANS_SLUGIFY, _slugify, install

NAMES = [
    "Phong trào",
    "Mô hình “Chi hội 5 không, 3 sạch”",
    "Đoàn kết <b>hội viên</b>",
    "ＦＵＬＬ width",
    "C++ & Python",
    "",
]
SUBSTITUTIONS = [
    DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"],
    [[r"[^\w\s-]", ""], [r"\s+", "_"]],  # lists, as a settings file writes them
    (),
]


def test_the_reference_is_pelicans_own():
    assert PELICANS_SLUGIFY.__module__ == "pelican.utils"


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("subs", SUBSTITUTIONS)
@pytest.mark.parametrize(("preserve_case", "use_unicode"), [(False, False), (True, True)])
def test_the_kept_slug_is_pelicans(name, subs, preserve_case, use_unicode):
    expected = PELICANS_SLUGIFY(
        name, regex_subs=subs, preserve_case=preserve_case, use_unicode=use_unicode
    )
    for _ in range(2):  # worked out, then kept
        assert _slugify(name, subs, preserve_case, use_unicode) == expected


def test_the_same_name_under_other_settings_has_its_own_slug():
    assert _slugify("Chi hội A", [[r"\s+", "-"]]) == "chi-hoi-a"
    assert _slugify("Chi hội A", [[r"\s+", "_"]]) == "chi_hoi_a"
    assert _slugify("Chi hội A", [[r"\s+", "-"]], preserve_case=True) == "Chi-hoi-A"


def test_every_name_and_content_takes_the_kept_slug(tmp_path):
    """Once installed (as the plugin registers), a category's, an author's and a tag's
    slug, and the URL a content formats with them, come from ``slugs``."""
    install()
    assert pelican.urlwrappers.slugify is _slugify
    settings = {
        **DEFAULT_CONFIG,
        "PATH": str(tmp_path),
        "ARTICLE_URL": "{category}/{author}/{slug}.html",
        "CATEGORY_REGEX_SUBSTITUTIONS": [[r"\s+", "_"]],
    }
    category = Category("Tuyên truyền pháp luật", settings)
    author = Author("Ban Biên tập", settings)
    assert category.slug == "tuyen_truyen_phap_luat"  # its own class's substitutions
    assert author.slug == "ban-bien-tap"
    assert Tag("Chuyển đổi số", settings).slug == "chuyen-doi-so"
    article = Article(
        "<p>Nội dung</p>",
        metadata={
            "title": "Bài viết",
            "slug": "bai-viet",
            "date": dt.datetime(2025, 8, 1),
            "category": category,
            "author": author,
        },
        settings=settings,
        source_path=str(tmp_path / "bai-viet.md"),
    )
    assert article.url == "tuyen_truyen_phap_luat/ban-bien-tap/bai-viet.html"
