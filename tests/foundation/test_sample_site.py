"""The bundled sample site, built for real: languages, links, feeds, dates, order."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import pytest
from html_tools import Page, broken_links

WEEKDAYS_VI = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"]
ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
# hreflang and canonical links are absolute (crawlers and link previews need full URLs);
# a preview build makes them on pelicanconf.py's FEED_DOMAIN, the preview server
PREVIEW_ORIGIN = "http://127.0.0.1:8000"


def site_path(url: str) -> str:
    """The root-relative path of an absolute head link of the preview build."""
    assert url.startswith(PREVIEW_ORIGIN + "/"), url
    return url[len(PREVIEW_ORIGIN) :]


def pages(output: Path) -> list[Path]:
    return sorted(output.rglob("*.html"))


def test_build_is_clean(sample_site):
    assert sample_site.result.ok
    assert sample_site.messages == []


def test_both_languages_have_a_home(sample_site):
    vi, en = Page(sample_site.output / "index.html"), Page(sample_site.output / "en/index.html")
    assert (vi.lang, en.lang) == ("vi", "en")
    assert vi.lang_links["en"] == "/en/" and en.lang_links["vi"] == "/"


def test_every_internal_link_resolves(sample_site):
    assert broken_links(sample_site.output) == []


def _translated_pairs(output: Path):
    for en_page in (output / "en").rglob("index.html"):
        page = Page(en_page)
        if "vi" in page.alternates and re.match(
            r"/en/\d{4}/\d{2}/[^/]+/$", site_path(page.alternates["en"])
        ):
            yield page


def test_articles_and_translations_link_to_each_other(sample_site):
    pairs = list(_translated_pairs(sample_site.output))
    assert len(pairs) >= 5
    for en_page in pairs:
        vi_url = site_path(en_page.alternates["vi"])
        vi_page = Page(sample_site.output / vi_url.lstrip("/") / "index.html")
        assert vi_page.alternates["en"] == en_page.alternates["en"]
        assert vi_page.lang_links["en"] == site_path(en_page.alternates["en"])
        assert en_page.lang_links["vi"] == vi_url


def test_hreflang_is_symmetric_everywhere(sample_site):
    output = sample_site.output
    checked = 0
    for path in pages(output):
        page = Page(path)
        for lang, url in page.alternates.items():
            if lang == "x-default":
                continue
            target = output / site_path(url).lstrip("/")
            target = target / "index.html" if url.endswith("/") else target
            assert target.exists(), f"{path} → {url}"
            back = Page(target).alternates
            assert back == page.alternates, f"{path} ↔ {target}"
            checked += 1
    assert checked > 50


def test_untranslated_content_stays_in_its_language(sample_site):
    output = sample_site.output
    vi_articles = [p for p in output.glob("20*/*/*/index.html")]
    en_articles = [p for p in (output / "en").glob("20*/*/*/index.html")]
    assert len(vi_articles) >= 15
    assert 5 <= len(en_articles) < len(vi_articles)
    en_home = (output / "en/index.html").read_text(encoding="utf-8")
    for path in vi_articles:
        page = Page(path)
        if "en" not in page.alternates:
            # no English link except the one to the English home page
            assert page.lang_links.get("en") == "/en/"
            assert f"/en/{path.parent.relative_to(output)}/" not in en_home


def test_category_pages_switch_language(sample_site):
    output = sample_site.output
    vi = Page(output / "chuyen-muc/mo-hinh/index.html")
    assert site_path(vi.alternates["en"]) == "/en/category/models/"
    assert (output / "en/category/models/index.html").exists()
    # a category with no English article still has an English page (never a 404)
    for path in output.glob("chuyen-muc/*/index.html"):
        assert (output / Page(path).lang_links["en"].lstrip("/") / "index.html").exists()


def test_dates_show_the_computed_weekday_and_gmt(sample_site):
    found = 0
    for path in sample_site.output.glob("20*/*/*/index.html"):
        html = path.read_text(encoding="utf-8")
        match = re.search(r'<time datetime="([^"]+)">([^<]+)</time>', html)
        moment = dt.datetime.fromisoformat(match.group(1))
        expected = f"{WEEKDAYS_VI[moment.weekday()]}, {moment:%d/%m/%Y}, {moment:%H:%M} (GMT+7)"
        assert match.group(2) == expected
        found += 1
    assert found >= 15
    en = next((sample_site.output / "en").glob("20*/*/*/index.html")).read_text(encoding="utf-8")
    assert re.search(
        r"(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), \d{1,2} [A-Z][a-z]+ 20\d\d",
        en,
    )


def _first_letter_rank(name: str) -> int:
    import unicodedata

    base = unicodedata.normalize("NFD", name.strip().lower())[0]
    composed = unicodedata.normalize("NFC", name.strip().lower())[0]
    # keep the letters that are letters of their own in Vietnamese (ă â đ ê ô ơ ư)
    for letter in "ăâđêôơư":
        if unicodedata.normalize("NFD", composed).startswith(unicodedata.normalize("NFD", letter)):
            return ALPHABET.index(letter)
    return ALPHABET.index(base) if base in ALPHABET else -1


def test_topics_are_in_vietnamese_alphabetical_order(sample_site):
    html = (sample_site.output / "chu-de/index.html").read_text(encoding="utf-8")
    names = re.findall(r'<a href="/chu-de/[^"]+/">([^<]+)</a>', html)
    assert len(names) > 10
    ranks = [_first_letter_rank(name) for name in names]
    assert ranks == sorted(ranks), names


def _feeds(output: Path):
    return sorted(output.glob("feeds/*.xml")) + sorted(output.glob("en/feeds/*.xml"))


def test_feeds_are_valid_and_keep_diacritics(sample_site):
    feeds = _feeds(sample_site.output)
    assert len(feeds) >= 6
    for path in feeds:
        parsed = feedparser.parse(path.read_bytes())
        assert parsed.bozo == 0, (path, parsed.get("bozo_exception"))
        lang = "en" if "/en/" in str(path) else "vi"
        assert parsed.feed.language == lang
        assert parsed.entries
        for entry in parsed.entries:
            assert entry.link.startswith("http")
            assert entry.id.startswith("tag:")
    vi = feedparser.parse((sample_site.output / "feeds/atom.xml").read_bytes())
    assert any(
        re.search("[ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđ]", e.title) for e in vi.entries
    )
    assert any(e.get("enclosures") for e in vi.entries)


def test_publish_build_uses_absolute_urls(published_site):
    output = published_site.output
    prefix = "https://hoiphunu.example.vn"
    for path in pages(output):
        for tag, url in Page(path).links:
            assert not url.startswith("/"), f"{path}: {tag} {url}"
    assert broken_links(output, prefix) == []
    for path in _feeds(output):
        parsed = feedparser.parse(path.read_bytes())
        assert parsed.bozo == 0
        for entry in parsed.entries:
            assert entry.link.startswith(prefix + "/")
            assert entry.id.startswith("tag:hoiphunu.example.vn,")
            for enclosure in entry.get("enclosures", []):
                # the cover's published JPEG (originals stay out of the output)
                assert enclosure.href.startswith(prefix + "/media/")
                assert (output / enclosure.href[len(prefix) + 1 :]).is_file()


def test_siteurl_comes_from_the_environment(tmp_path, monkeypatch):
    from conftest import SAMPLE_CONTENT, run_build

    monkeypatch.setenv("SITEURL", "https://preview.example.org/hoi-phu-nu")
    site = run_build(tmp_path, SAMPLE_CONTENT, "publishconf.py")
    home = (site.output / "index.html").read_text(encoding="utf-8")
    assert 'href="https://preview.example.org/hoi-phu-nu/en/"' in home
    feed = feedparser.parse((site.output / "en/feeds/atom.xml").read_bytes())
    assert feed.entries[0].link.startswith("https://preview.example.org/hoi-phu-nu/en/20")


def test_sitemap_lists_pages_with_alternates(published_site):
    output = published_site.output
    root = ET.parse(output / "sitemap.xml").getroot()
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    urls = root.findall("s:url", ns)
    assert len(urls) > 40
    prefix = "https://hoiphunu.example.vn/"
    paired = 0
    for url in urls:
        loc = url.find("s:loc", ns).text
        assert loc.startswith(prefix)
        target = output / loc[len(prefix) :]
        assert (target / "index.html" if loc.endswith("/") else target).exists(), loc
        links = url.findall("x:link", ns)
        if links:
            assert loc in {link.get("href") for link in links}
            paired += 1
    assert paired >= 20
    robots = (output / "robots.txt").read_text()
    assert "Sitemap: https://hoiphunu.example.vn/sitemap.xml" in robots


@pytest.mark.parametrize("path", ["404.html", "en/404.html"])
def test_not_found_pages_exist(sample_site, path):
    page = Page(sample_site.output / path)
    assert page.lang == ("en" if path.startswith("en") else "vi")


def test_every_published_file_is_readable_by_a_web_server(published_site):
    unreadable = [
        str(path.relative_to(published_site.output))
        for path in published_site.output.rglob("*")
        if path.is_file() and path.stat().st_mode & 0o444 != 0o444
    ]
    assert unreadable == []
