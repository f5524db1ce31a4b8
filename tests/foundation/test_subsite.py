"""The English site reads only the Vietnamese sources it needs, and pages stay the same."""

from __future__ import annotations

from conftest import run_build, write_source
from html_tools import Page

from tinhoi.vietnamese.reader import convert_file, markdown_config_json
from tinhoi.vietnamese.subsite import needed_sources

VI = """\
    Title: Hội nghị sơ kết
    Date: {date}
    Slug: {slug}
    Lang: vi
    Category: hoat-dong-hoi
    Summary: Tóm tắt.

    Nội dung.{extra}
"""
EN = """\
    Title: Mid-year review
    Date: {date}
    Slug: {slug}
    Lang: en
    Category: hoat-dong-hoi
    Summary: Summary.

    Text.{extra}
"""


def _write(folder, name, template, date, slug, extra=""):
    return write_source(folder, name, template.format(date=date, slug=slug, extra=extra))


def test_needed_sources_are_originals_and_link_targets(tmp_path):
    articles = tmp_path / "articles"
    paired = _write(articles, "a.md", VI, "20/11/2026 08:30", "so-ket")  # day first, naive
    _write(
        articles,
        "a.en.md",
        EN,
        "2026-11-20 08:30 +07:00",
        "so-ket",
        "\n\n    [See]({filename}/articles/linked.md)",
    )
    linked = _write(articles, "linked.md", VI, "2026-11-01 08:00 +07:00", "linked")
    alone = _write(articles, "alone.md", VI, "2026-11-02 08:00 +07:00", "alone")
    config = markdown_config_json({"MARKDOWN": {"extensions": [], "output_format": "html"}})
    sources = {str(p): convert_file(str(p), config) for p in articles.iterdir()}

    needed = needed_sources(sources, "en", "vi", str(tmp_path), "Asia/Ho_Chi_Minh")

    assert str(paired) in needed and str(linked) in needed
    assert str(alone) not in needed
    assert str(articles / "a.en.md") in needed


def test_translation_pairs_still_link_both_ways(tmp_path, content_dir):
    articles = content_dir / "articles"
    _write(articles, "a.md", VI, "20/11/2026 08:30", "so-ket")
    _write(articles, "a.en.md", EN, "2026-11-20 08:30 +07:00", "so-ket")
    _write(articles, "alone.md", VI, "2026-11-02 08:00 +07:00", "alone")
    site = run_build(tmp_path, content_dir, strict=True)
    assert site.result.ok, site.messages
    vi = Page(site.output / "2026/11/so-ket/index.html")
    en = Page(site.output / "en/2026/11/so-ket/index.html")
    assert vi.alternates["en"].endswith("/en/2026/11/so-ket/")
    assert en.alternates["vi"].endswith("/2026/11/so-ket/")
    assert not (site.output / "en/2026/11/alone").exists()
