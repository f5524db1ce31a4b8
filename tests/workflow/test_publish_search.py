"""The public build under a base path: absolute URLs, compressed copies, deploy, and search
through the search page's own UI in Chromium."""

from __future__ import annotations

import gzip
import json
import re
import shutil
import subprocess
import zipfile

import brotli
import feedparser
import pytest
from conftest import SAMPLE_CONTENT, run_build
from html_tools import Page, broken_links
from servers import base_url, serve_site

from tinhoi.sitebuild.deploy import make_zip, rsync

BASE = "/hoi-phu-nu/"
ARTICLE = "2025/08/dai-hoi-dai-bieu-phu-nu-xa-lam-chu-lan-thu-i-nhiem-ky-2025-2030/"


@pytest.fixture(scope="module")
def hosted(tmp_path_factory):
    """The sample site published for http://127.0.0.1:PORT/hoi-phu-nu/ and served there."""
    root = tmp_path_factory.mktemp("hosted")
    with serve_site(root / "output", BASE) as server:
        siteurl = base_url(server) + BASE.rstrip("/")
        origin, base = siteurl.rsplit("/", 1)
        import os

        os.environ["SITEURL"], os.environ["BASE_PATH"] = origin, base
        try:
            site = run_build(root, SAMPLE_CONTENT, "publishconf.py", strict=True)
        finally:
            del os.environ["SITEURL"], os.environ["BASE_PATH"]
        assert site.result.ok, site.messages
        yield site, siteurl


def test_every_url_is_absolute_and_under_the_base_path(hosted):
    site, siteurl = hosted
    origin = siteurl[: -len(BASE.rstrip("/"))]
    for path in sorted(site.output.rglob("*.html")):
        for tag, url in Page(path).links:
            assert not url.startswith("/"), f"{path}: {tag} {url}"
            if url.startswith(origin):
                assert url.startswith(siteurl + "/"), f"{path}: {url}"
    assert broken_links(site.output, siteurl) == []
    not_found = site.read("404.html")
    assert f'href="{siteurl}/"' in not_found
    assert f'href="{siteurl}/theme/css/print.css"' in not_found


def test_feeds_and_search_assets_are_under_the_base_path(hosted):
    site, siteurl = hosted
    for feed in [*site.output.glob("feeds/*.xml"), *site.output.glob("en/feeds/*.xml")]:
        parsed = feedparser.parse(feed.read_bytes())
        assert parsed.bozo == 0
        for entry in parsed.entries:
            assert entry.link.startswith(siteurl + "/")
    search = site.read("tim-kiem/index.html")
    assert f'src="{siteurl}/pagefind/pagefind-ui.js"' in search
    assert (site.output / "pagefind/pagefind-ui.js").is_file()
    # one Pagefind bundle per language and year, each holding that language only
    bundles = json.loads((site.output / "pagefind/bundles.json").read_text(encoding="utf-8"))
    assert bundles["bundles"]["vi"] == ["2024", "2025", "2026"]
    assert bundles["bundles"]["en"] and set(bundles["bundles"]["en"]) <= {"2024", "2025", "2026"}
    for lang, years in bundles["bundles"].items():
        for year in years:
            metas = list((site.output / "pagefind" / lang / year).glob("*.pf_meta"))
            assert metas and {p.name.split("_")[0] for p in metas} == {f"pagefind.{lang}"}


def test_only_article_bodies_are_indexed(hosted):
    site, _ = hosted
    marked = {
        p.relative_to(site.output).as_posix()
        for p in site.output.rglob("index.html")
        if "data-pagefind-body" in p.read_text(encoding="utf-8")
    }
    assert ARTICLE + "index.html" in marked and "en/" + ARTICLE + "index.html" in marked
    assert all(re.match(r"(en/)?\d{4}/\d{2}/[^/]+/index.html$", path) for path in marked)


def test_search_page_explains_itself_without_javascript(hosted):
    site, siteurl = hosted
    for page, archives in (
        ("tim-kiem/index.html", "luu-tru/"),
        ("en/search/index.html", "en/archives/"),
    ):
        html = site.read(page)
        noscript = re.search(r"<noscript>(.*?)</noscript>", html, re.S).group(1)
        assert f'href="{siteurl}/{archives}"' in noscript


@pytest.mark.skipif(shutil.which("rsync") is None, reason="rsync is not installed")
def test_rsync_sends_compressed_copies_of_text_files(hosted, tmp_path):
    site, _ = hosted
    rsync(site.output, f"{tmp_path}/www/")
    for suffix, unpack in ((".gz", gzip.decompress), (".br", brotli.decompress)):
        for name in (
            "index.html",
            ARTICLE + "index.html",
            "feeds/atom.xml",
            "theme/css/main.css",
            "sitemap.xml",
            "pagefind/pagefind-ui.js",
        ):
            original = tmp_path / "www" / name
            packed = original.with_name(original.name + suffix)
            assert unpack(packed.read_bytes()) == original.read_bytes(), name
        assert not list(site.output.rglob("*.jpg" + suffix))
        for packed in site.output.rglob("*" + suffix):
            assert packed.stat().st_mode & 0o444 == 0o444, f"{packed} is not readable"


def test_zip_for_a_portal_is_complete_and_reproducible(hosted, tmp_path):
    site, _ = hosted
    first = make_zip(site.output, tmp_path / "a.zip")
    second = make_zip(site.output, tmp_path / "b.zip")
    assert first.read_bytes() == second.read_bytes()
    names = zipfile.ZipFile(first).namelist()
    assert "index.html" in names and ARTICLE + "index.html" in names
    assert "pagefind/pagefind-ui.js" in names
    assert not [n for n in names if n.endswith((".gz", ".br"))]


@pytest.mark.skipif(shutil.which("rsync") is None, reason="rsync is not installed")
def test_rsync_mirrors_the_site(hosted, tmp_path):
    site, _ = hosted
    target = tmp_path / "www"
    (target / "old-page").mkdir(parents=True)
    rsync(site.output, f"{target}/")
    assert (target / ARTICLE / "index.html").read_bytes() == (
        site.output / ARTICLE / "index.html"
    ).read_bytes()
    assert not (target / "old-page").exists()
    done = subprocess.run(["diff", "-r", str(site.output), str(target)], capture_output=True)
    assert done.returncode == 0, done.stdout[:500]


SEARCHES = [
    ("tim-kiem/", "đại hội đại biểu", ARTICLE),
    ("tim-kiem/", "dai hoi dai bieu", ARTICLE),  # no diacritics, đ typed as d
    ("tim-kiem/", "phu nu lam chu", ARTICLE),
    (
        "tim-kiem/",
        "heo dat tiet kiem",
        "2025/05/heo-dat-tiet-kiem-giup-hoi-vien-thon-an-phu-co-von-lam-an/",
    ),
    ("en/search/", "first Women's Congress", "en/" + ARTICLE),
]


@pytest.mark.browser
@pytest.mark.parametrize(("page", "query", "expected"), SEARCHES)
def test_search_finds_articles_with_and_without_diacritics(
    hosted,
    chromium,
    page,
    query,
    expected,
):
    _, siteurl = hosted
    tab = chromium.new_page()
    try:
        tab.goto(f"{siteurl}/{page}")
        tab.fill(".pagefind-ui__search-input", query)
        tab.wait_for_selector(".pagefind-ui__result-link", timeout=10_000)
        links = tab.eval_on_selector_all(
            ".pagefind-ui__result-link", "links => links.map(link => link.href)"
        )
        assert f"{siteurl}/{expected}" in links[:5], links
        tab.locator(".pagefind-ui__result-link").nth(links.index(f"{siteurl}/{expected}")).click()
        tab.wait_for_url(f"{siteurl}/{expected}")
        assert tab.locator("h1").first.inner_text()
    finally:
        tab.close()


@pytest.mark.browser
def test_search_page_takes_the_query_from_the_address(hosted, chromium):
    _, siteurl = hosted
    tab = chromium.new_page()
    try:
        tab.goto(f"{siteurl}/tim-kiem/?q=lua+dao")
        tab.wait_for_selector(".pagefind-ui__result-link", timeout=10_000)
        assert "kết quả" in tab.inner_text(".pagefind-ui__message")
    finally:
        tab.close()


def _results(tab) -> list[dict]:
    # Pagefind's interface lists a result as a placeholder first and fills it in once its
    # page's fragment has loaded: wait until every listed result has its link
    tab.wait_for_function(
        """() => {
            const results = [...document.querySelectorAll('.pagefind-ui__result')];
            return results.length > 0
                && results.every(r => r.querySelector('.pagefind-ui__result-link'));
        }""",
        timeout=10_000,
    )
    return tab.eval_on_selector_all(
        ".pagefind-ui__result",
        """results => results.map(r => ({
            link: r.querySelector('.pagefind-ui__result-link').href,
            title: r.querySelector('.pagefind-ui__result-title').innerText,
            excerpt: r.querySelector('.pagefind-ui__result-excerpt').innerText,
            marked: [...r.querySelectorAll('.pagefind-ui__result-excerpt mark')]
                .map(m => m.innerText),
            text: r.innerText,
        }))""",
    )


def _aliases(site, url: str) -> list[str]:
    html = (site.output / url.lstrip("/") / "index.html").read_text(encoding="utf-8")
    found = re.findall(r"<p hidden[^>]*>([^<]*)</p>", html)  # the đ→d aliases
    return " ".join(found).split()


@pytest.mark.browser
@pytest.mark.parametrize(
    ("query", "marked"), [("dai hoi dai bieu", "đại"), ("đại hội", "đại"), ("dong", "đồng")]
)
def test_search_results_show_real_words_date_and_section(hosted, chromium, query, marked):
    site, siteurl = hosted
    tab = chromium.new_page()
    try:
        tab.goto(f"{siteurl}/tim-kiem/")
        tab.fill(".pagefind-ui__search-input", query)
        results = _results(tab)
        assert results
        for result in results:
            path = result["link"].removeprefix(siteurl)
            words = _aliases(site, path)
            assert len(words) >= 1, path  # the aliases are in the page
            excerpt = result["excerpt"].split()
            for start in range(len(words) - 2):
                assert " ".join(words[start : start + 3]) not in " ".join(excerpt), result
            assert "GMT+7" not in result["excerpt"], result  # the date line stays out
            assert re.search(r"\d{2}/\d{2}/\d{4}", result["text"]), result  # the date
            assert " · " in result["text"], result  # and the section
            assert not set(words) & set(result["text"].split()) - set(result["excerpt"].split())
        assert any(marked in " ".join(r["marked"]).lower() for r in results), results
        body = tab.evaluate("getComputedStyle(document.body).fontFamily")
        box = tab.evaluate(
            "getComputedStyle(document.querySelector('.pagefind-ui__result-title')).fontFamily"
        )
        assert box == body
    finally:
        tab.close()


@pytest.mark.browser
def test_aliases_rank_like_the_words_they_stand_for(hosted, chromium):
    _, siteurl = hosted
    tab = chromium.new_page()
    try:
        orders = []
        for query in ("đại hội đại biểu", "dai hoi dai bieu"):
            tab.goto(f"{siteurl}/tim-kiem/?q={query}")
            orders.append([result["link"] for result in _results(tab)][:2])
        assert orders[0] == orders[1]
        assert f"{siteurl}/{ARTICLE}" in orders[1]
    finally:
        tab.close()
