"""The URL layout is one fact (``sitebuild/urls.py``): a site that changes an address gets
it in the build, the sitemap, the later pages and the checks alike."""

from __future__ import annotations

import pytest
from conftest import GOOD_ARTICLE, ROOT, run_build, write_source

from tinhoi.doctor.check import check_content
from tinhoi.sitebuild.cli import load_settings
from tinhoi.sitebuild.urls import SITE_URLS, articles_under_year

OWN_URLS = {"vi": {"category": "muc/{slug}/", "page_number": "so"}}
LINKING = """\
    Title: Bài dẫn tới chuyên mục
    Date: 2026-11-21 08:30 +07:00
    Slug: bai-dan-toi-chuyen-muc
    Lang: vi
    Category: hoat-dong-hoi
    Summary: Một bài có liên kết tới trang chuyên mục.

    Xem thêm [các tin khác]({link}).
"""


def test_a_site_s_own_address_reaches_the_build_and_the_sitemap(tmp_path, content_dir):
    write_source(content_dir / "articles", "hoi-nghi.md", GOOD_ARTICLE)
    for number in range(12):  # two pages of the category: the later one at …/so/2/
        text = GOOD_ARTICLE.replace("hoi-nghi-ban-chap-hanh-mo-rong", f"tin-{number}")
        write_source(content_dir / "articles", f"tin-{number}.md", text)
    site = run_build(tmp_path, content_dir, strict=True, SEARCH_INDEX=False, SITE_URLS=OWN_URLS)
    assert site.result.ok, site.messages
    assert (site.output / "muc/hoat-dong-hoi/index.html").is_file()
    assert (site.output / "muc/hoat-dong-hoi/so/2/index.html").is_file()
    assert not (site.output / "chuyen-muc").exists()
    # what the site leaves out keeps the package's address, English included
    assert (site.output / "chu-de").is_dir()
    assert (site.output / "en/category/union-activities/index.html").is_file()
    sitemap = (site.output / "sitemap.xml").read_text(encoding="utf-8")
    assert "/muc/hoat-dong-hoi/</loc>" in sitemap and "/so/2/" not in sitemap


@pytest.mark.parametrize(
    ("link", "broken"),
    [("/muc/hoat-dong-hoi/", False), ("/chuyen-muc/hoat-dong-hoi/", True)],
)
def test_the_checks_know_the_site_s_own_address(content_dir, link, broken):
    write_source(content_dir / "articles", "bai.md", LINKING.format(link=link))
    settings = load_settings(
        ROOT / "pelicanconf.py", {"PATH": str(content_dir), "SITE_URLS": OWN_URLS}
    )
    found = [str(finding) for finding in check_content(settings) if "liên kết hỏng" in str(finding)]
    assert bool(found) == broken, found


def test_the_search_index_finds_articles_where_the_layout_puts_them():
    glob, page = articles_under_year(SITE_URLS["vi"]["article"])
    assert glob == "*/*/index.html"
    assert page.match("11/hoi-nghi/index.html")
    assert not page.match("11/index.html")  # the month archive is not an article
