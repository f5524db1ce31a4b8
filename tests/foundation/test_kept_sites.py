"""A language sub-site whose inputs did not change is kept whole (``keptsites.py``).

Each case starts from the sample's cold build (the fixtures of the identity tests), changes
the tree, builds incrementally, and compares every file with a cold build of the changed
tree; the log tells whether the English site was kept or built.
"""

from __future__ import annotations

import datetime as dt
import logging
import shutil
import time

import pytest
import test_incremental_identity as identity
from test_incremental_identity import (
    ARTICLE,
    CHANGES,
    OTHER_IMAGE,
    TRANSLATION,
    assert_same_files,
    build_site,
    set_header,
)

from tinhoi.sitebuild.atomic import read_pickle
from tinhoi.sitebuild.keptsites import MEMO, RECORD

# the identity tests' site: the sample's cold build, reset for each case
pristine = identity.pristine
site = identity.site

KEPT = "the en site is kept whole"
ORIGINAL = TRANSLATION.replace(".en.md", ".md")
ORIGINAL_PAGE = "2024/03/hoi-phu-nu-thi-tran-tho-xuan-dua-sinh-hoat-hoi-len-nen-tang-so/index.html"


def _build(site, caplog, **overrides):
    caplog.clear()
    with caplog.at_level(logging.INFO):
        output = build_site(site, **overrides)
    kept = any(KEPT in record.getMessage() for record in caplog.records)
    return output, kept


def test_an_edit_the_english_site_does_not_read_keeps_it_whole(site, caplog):
    before = (site / "output" / "en" / "index.html").stat().st_ino
    CHANGES["body"](site)
    warm, kept = _build(site, caplog)
    assert kept
    assert (warm / "en" / "index.html").stat().st_ino == before  # the last build's file
    assert_same_files(warm, build_site(site, "cold-output", "cold-cache"))
    CHANGES["header title"](site)  # kept again from the same record
    warm, kept = _build(site, caplog)
    assert kept
    assert_same_files(warm, build_site(site, "cold-output-2", "cold-cache-2"))


def test_an_edit_of_the_body_of_an_english_articles_original_keeps_it(site, caplog):
    """The English site reads the Vietnamese original of an English article for its
    address and title (the language links), never for its body."""
    path = site / "content" / ORIGINAL
    path.write_text(path.read_text(encoding="utf-8") + "\nThêm một đoạn.\n", "utf-8")
    warm, kept = _build(site, caplog)
    assert kept
    assert "Thêm một đoạn." in (warm / ORIGINAL_PAGE).read_text(encoding="utf-8")
    assert_same_files(warm, build_site(site, "cold-output", "cold-cache"))


@pytest.mark.parametrize(
    "change",
    [
        "translation",
        "original title",
        "data file",
        "template",
        "header lang",
    ],
)
def test_a_change_the_english_site_reads_builds_it(site, caplog, change):
    if change == "original title":  # shown by the English article's language link
        set_header(site / "content" / ORIGINAL, "title", "Tiêu đề mới của bài gốc")
    elif change == "header lang":  # the edited article becomes an English one
        set_header(site / "content" / ARTICLE, "lang", "en")
    else:
        CHANGES[change](site)
    warm, kept = _build(site, caplog)
    assert not kept
    assert_same_files(warm, build_site(site, "cold-output", "cold-cache"))


def test_a_kept_site_tells_its_warnings_again_and_places_its_photos(site, caplog):
    """What the English site did outside its folder is done again when it is kept: its
    warnings are told (and counted), the photos only it shows are placed."""
    content = site / "content"
    shutil.copyfile(content / OTHER_IMAGE, content / "images" / "2025" / "chi-tieng-anh.jpg")
    translation = content / TRANSLATION
    set_header(translation, "cover", "images/2025/chi-tieng-anh.jpg")
    text = translation.read_text(encoding="utf-8")
    translation.write_text(text + "\nSee [the report]({filename}/khong-co.md).\n", "utf-8")
    _first, kept = _build(site, caplog)
    assert not kept
    told = [record.getMessage() for record in caplog.records if record.levelno >= logging.WARNING]
    assert any("khong-co.md" in message for message in told), told
    CHANGES["body"](site)
    warm, kept = _build(site, caplog)
    assert kept
    again = [record.getMessage() for record in caplog.records if record.levelno >= logging.WARNING]
    assert sorted(again) == sorted(told)
    assert_same_files(warm, build_site(site, "cold-output", "cold-cache"))


def test_an_english_article_whose_time_comes_builds_the_site_again(site, caplog):
    """An article dated a moment from now is scheduled; once its time has come the site
    is built again, though no file changed."""
    zone = dt.timezone(dt.timedelta(hours=7))
    soon = dt.datetime.now(zone).replace(microsecond=0) + dt.timedelta(seconds=3)
    set_header(site / "content" / TRANSLATION, "date", soon.strftime("%Y-%m-%d %H:%M:%S +07:00"))
    _first, kept = _build(site, caplog)
    assert not kept
    while dt.datetime.now(zone) <= soon:
        time.sleep(0.2)
    CHANGES["body"](site)
    warm, kept = _build(site, caplog)
    assert not kept
    assert_same_files(warm, build_site(site, "cold-output", "cold-cache"))


def test_a_site_replaced_since_its_record_is_built(site, caplog):
    """A file of the kept site replaced in ``output/`` since (the preview's early page)
    is not the file the record names: the site is built."""
    page = site / "output" / "en" / "index.html"
    data = page.read_bytes()
    page.unlink()
    page.write_bytes(data)  # the same bytes, another file
    assert (site / "cache" / "en" / RECORD).is_file()
    CHANGES["body"](site)
    warm, kept = _build(site, caplog)
    assert not kept
    assert_same_files(warm, build_site(site, "cold-output", "cold-cache"))


def test_the_digests_of_the_originals_are_kept_for_the_next_build(site, caplog):
    """The check digests the Vietnamese original of each English article; the part of
    each digest that follows from the original's own file is kept from build to build
    (``MEMO``), and worked out again once the file changed."""
    memo_path = site / "cache" / "en" / MEMO
    key = ("Article", str(site / "content" / ORIGINAL))
    before = read_pickle(memo_path)["entries"][key]
    CHANGES["body"](site)
    _warm, kept = _build(site, caplog)
    assert kept
    assert read_pickle(memo_path)["entries"][key] == before
    set_header(site / "content" / ORIGINAL, "title", "Tiêu đề mới của bài gốc")
    warm, kept = _build(site, caplog)
    assert not kept
    after = read_pickle(memo_path)["entries"][key]
    assert after[0] != before[0]  # the digest of the file it was read from
    assert after[2] != before[2]
    assert_same_files(warm, build_site(site, "cold-output", "cold-cache"))
