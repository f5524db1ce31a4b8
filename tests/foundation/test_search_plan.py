"""Which search bundles a build indexes again: a year is reused only when it has the same
article pages as the last build and each is the last build's file itself (a kept page is a
hard link of it); any page rendered again, added or removed makes its year stale."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from tinhoi.sitebuild.search_index import (
    ROOT,
    RunningSearchIndex,
    SearchIndexPlan,
    pages_by_year,
    plan_search_index,
)

PAGES = {
    "vi": ["2024/03/hoi-nghi/index.html", "2024/11/tap-huan/index.html", "2025/01/tet/index.html"],
    "en": ["en/2025/01/tet/index.html"],
}
NOT_ARTICLES = [
    "2024/11/index.html",  # a month's archive
    "2024/index.html",  # a year's
    "2024/03/hoi-nghi/anh/index.html",  # deeper than an article page
    "2024/03/hoi-nghi/anh-1.jpg",  # a page's photo
    "2024/04/chua-co-trang/anh-2.jpg",  # an article's folder with no page in it
    "2024/04/trang-la-thu-muc/index.html/anh-3.jpg",  # "index.html" that is a folder
    "chi-hoi/ap-1/index.html",  # not under a year
    "20245/01/x/index.html",  # not a year's folder
]


def _write(site, pages):
    for page in pages:
        path = site / page
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"<html>{page}</html>", encoding="utf-8")


def _last_build(tmp_path):
    """A last build with its bundles, and a new tree that kept (linked) all its files."""
    previous = tmp_path / "output"
    _write(previous, [page for pages in PAGES.values() for page in pages] + NOT_ARTICLES)
    for lang, year in (("vi", "2024"), ("vi", "2025"), ("en", "2025")):
        _write(previous, [f"{ROOT}/{lang}/{year}/pagefind-entry.json"])
    site = tmp_path / "staging"
    shutil.copytree(previous, site, copy_function=os.link, ignore=shutil.ignore_patterns(ROOT))
    return site, previous


def test_article_pages_are_listed_by_year_with_their_files(tmp_path):
    site, previous = _last_build(tmp_path)
    found = pages_by_year(site, "vi", "vi")
    assert {year: sorted(pages) for year, pages in found.items()} == {
        "2024": PAGES["vi"][:2],
        "2025": PAGES["vi"][2:],
    }
    assert found["2024"]["2024/03/hoi-nghi/index.html"] == (
        (previous / "2024/03/hoi-nghi/index.html").stat().st_ino
    )
    assert {year: sorted(pages) for year, pages in pages_by_year(site, "en", "vi").items()} == {
        "2025": PAGES["en"]
    }
    assert pages_by_year(tmp_path / "none", "vi", "vi") == {}


def test_years_whose_pages_were_all_kept_are_reused(tmp_path):
    site, previous = _last_build(tmp_path)
    plan = plan_search_index(site, previous, "vi", "vi")
    assert plan.stale == []
    assert list(plan.buckets) == ["2024", "2025"]
    entry = site / ROOT / "vi/2024/pagefind-entry.json"
    assert entry.stat().st_ino == (previous / ROOT / "vi/2024/pagefind-entry.json").stat().st_ino


@pytest.mark.parametrize(
    "change",
    ["rendered again", "rendered again, same bytes", "added", "removed", "bundle missing"],
)
def test_a_year_with_a_page_not_kept_is_indexed_again(tmp_path, change):
    site, previous = _last_build(tmp_path)
    page = site / PAGES["vi"][0]
    if change.startswith("rendered again"):
        text = page.read_text(encoding="utf-8")
        page.unlink()  # the writer replaces a page it renders
        page.write_text(text if "same bytes" in change else text + "!", encoding="utf-8")
    elif change == "added":
        _write(site, ["2024/12/moi/index.html"])
    elif change == "removed":
        shutil.rmtree(page.parent)
    else:
        shutil.rmtree(previous / ROOT / "vi/2024")
    plan = plan_search_index(site, previous, "vi", "vi")
    assert plan.stale == ["2024"]
    assert not (site / ROOT / "vi/2024").exists()
    assert (site / ROOT / "vi/2025/pagefind-entry.json").is_file()
    assert plan_search_index(site, previous, "en", "vi").stale == []


def test_every_year_is_indexed_without_a_last_build(tmp_path):
    site, _previous = _last_build(tmp_path)
    assert plan_search_index(site, None, "vi", "vi").stale == ["2024", "2025"]
    assert plan_search_index(site, tmp_path / "none", "vi", "vi").stale == ["2024", "2025"]


def test_ctrl_c_while_a_language_s_indexers_start_stops_those_started(tmp_path, monkeypatch):
    """Ctrl+C lands while a language's bundles are being started, one Pagefind per year:
    the bundles never reach the build's list of running ones (the build stops those), so
    the processes already started are stopped then and there, not left indexing into a
    folder the interrupted build deletes."""
    pagefind = tmp_path / "pagefind"
    pagefind.write_text("#!/bin/sh\nexec sleep 60\n", encoding="utf-8")
    pagefind.chmod(0o755)
    plan = SearchIndexPlan(tmp_path, "vi", "vi", {"2024": [], "2025": []}, ["2024", "2025"])
    started: list[subprocess.Popen] = []
    real_popen = subprocess.Popen

    def popen_then_ctrl_c(*args, **kwargs):
        if started:  # the second year: Ctrl+C before its process starts
            raise KeyboardInterrupt
        started.append(real_popen(*args, **kwargs))
        return started[-1]

    monkeypatch.setattr(subprocess, "Popen", popen_then_ctrl_c)
    with pytest.raises(KeyboardInterrupt):
        RunningSearchIndex(pagefind, plan, timeout=120)
    assert len(started) == 1
    assert started[0].poll() is not None, "the first year's Pagefind runs on"
