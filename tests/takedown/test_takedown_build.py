"""make takedown: the article or photo leaves every place of the next build."""

from __future__ import annotations

import contextlib
import gzip
import shutil
import zlib
from pathlib import Path

import feedparser
import pytest
from conftest import ROOT, SAMPLE_CONTENT, run_build
from html_tools import Page

from tinhoi.sitebuild.cli import load_settings
from tinhoi.takedown.request import TakedownError, take_down

SLUG = "chi-hoi-khu-pho-6-sinh-hoat-truc-tuyen-qua-zalo"
PAGE = f"2026/11/{SLUG}/index.html"
PHOTO_SLUG = "hoi-nghi-so-ket-6-thang-dau-nam"
PHOTO = "images/2026/hoi-nghi-so-ket.jpg"
PHOTO_PAGE = f"2026/07/{PHOTO_SLUG}/index.html"
KEPT = "2026/09/chi-hoi-truong-tre-dua-gao-que-len-cho-mang/index.html"


@pytest.fixture
def site_dir(tmp_path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(SAMPLE_CONTENT, content)
    return content


def settings_for(content: Path) -> dict:
    return load_settings(ROOT / "pelicanconf.py", {"PATH": str(content)})


def build(root: Path, content: Path, **overrides):
    """A real build with its own media cache (takedowns delete cache files)."""
    site = run_build(root, content, MEDIA={"cache_dir": str(root / "media-cache")}, **overrides)
    assert site.result.ok, site.messages
    return site


def texts(output: Path, pattern: str) -> dict[str, str]:
    return {
        p.relative_to(output).as_posix(): p.read_text(encoding="utf-8")
        for p in output.rglob(pattern)
    }


def feed_links(output: Path) -> set[str]:
    links = set()
    for feed in [*output.glob("feeds/*.xml"), *output.glob("en/feeds/*.xml")]:
        parsed = feedparser.parse(feed.read_bytes())
        assert not parsed.bozo, feed
        links.update(entry.link for entry in parsed.entries)
    return links


def cache_files(root: Path) -> set[str]:
    return {p.name for p in (root / "media-cache" / "files").rglob("*") if p.is_file()}


def search_text(output: Path) -> str:
    """Every text the Pagefind index holds (its fragments are gzip-compressed JSON)."""
    chunks = []
    for path in output.rglob("*.pf_fragment"):
        data = path.read_bytes()
        with contextlib.suppress(OSError, zlib.error):
            data = gzip.decompress(data)
        chunks.append(data.decode("utf-8", errors="replace"))
    return "\n".join(chunks)


def test_article_taken_down_everywhere_and_its_address_says_so(tmp_path, site_dir):
    before = build(tmp_path, site_dir, SEARCH_INDEX=True)
    link_part = f"/2026/11/{SLUG}/"
    assert any(link.endswith(link_part) for link in feed_links(before.output))
    assert "Chi hội KP6" in search_text(before.output)  # a phrase of the article's body
    cache_before = cache_files(tmp_path)

    recorded = take_down(settings_for(site_dir), SLUG, "Hội viên trong ảnh đề nghị gỡ bài")
    assert recorded.entry.whole_article and recorded.entry.article == "2026/11/" + SLUG
    record = (site_dir / "data/takedowns.yml").read_text(encoding="utf-8")
    assert (
        f"article: 2026/11/{SLUG}" in record
        and "reason: Hội viên trong ảnh đề nghị gỡ bài" in record
    )

    after = build(tmp_path, site_dir, SEARCH_INDEX=True)
    out = after.output
    removed = Page(out / PAGE)
    assert removed.lang == "vi"
    html = (out / PAGE).read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex">' in html
    assert "Bài viết này đã được gỡ theo yêu cầu ngày" in removed.text
    assert "trực tuyến qua Zalo" not in html and "<picture" not in html  # no title, no photo
    english = (out / "en" / PAGE).read_text(encoding="utf-8")
    assert "This article was removed on request on" in english and "noindex" in english
    # nowhere else: no listing, tag page, feed, sitemap entry or search entry names it
    for name, text in texts(out, "*.html").items():
        if name not in (PAGE, "en/" + PAGE):
            assert SLUG not in text, name
    assert not any(link.endswith(link_part) for link in feed_links(out))
    assert SLUG not in (out / "sitemap.xml").read_text(encoding="utf-8")
    assert "Chi hội KP6" not in search_text(out)
    assert not list(out.rglob("*chi-hoi-6-zalo*"))  # the photo of the article
    assert (out / KEPT).exists()
    # its photo's sizes, stripped copy and card were deleted from the cache
    assert cache_files(tmp_path) < cache_before

    cold = build(tmp_path / "cold", site_dir, SEARCH_INDEX=True)
    assert (cold.output / PAGE).read_bytes() == (out / PAGE).read_bytes()
    for pattern in ("*.html", "*.xml"):
        assert texts(cold.output, pattern) == texts(out, pattern)


def test_photo_taken_down_leaves_the_article(tmp_path, site_dir):
    # a yearly title: last year's review written with the same slug (its own year and month)
    last_year = site_dir / "articles/2025/hoi-nghi-so-ket-6-thang-dau-nam-2025.md"
    text = last_year.read_text(encoding="utf-8")
    last_year.write_text(
        text.replace(f"Slug: {PHOTO_SLUG}-2025\n", f"Slug: {PHOTO_SLUG}\n"), "utf-8"
    )
    before = build(tmp_path, site_dir)
    shown = (before.output / PHOTO_PAGE).read_text(encoding="utf-8")
    assert "media/2026/hoi-nghi-so-ket-" in shown and "og/2026/anh-hoi-nghi" in shown
    with pytest.raises(TakedownError, match="SLUG=2025/07/hoi-nghi-so-ket-6-thang-dau-nam hoặc"):
        take_down(settings_for(site_dir), PHOTO_SLUG, "Đề nghị gỡ ảnh", PHOTO)  # a yearly title
    take_down(settings_for(site_dir), "2026/07/" + PHOTO_SLUG, "Người trong ảnh đề nghị gỡ", PHOTO)
    after = build(tmp_path, site_dir)
    page = (after.output / PHOTO_PAGE).read_text(encoding="utf-8")
    assert "Hội nghị sơ kết 6 tháng đầu năm" in page  # the article stays
    assert "media/2026/hoi-nghi-so-ket-" not in page and "og/2026/anh-hoi-nghi" not in page
    assert "og/2026/hoi-nghi-so-ket-6-thang-dau-nam-vi." in page  # a branded share card
    assert not list((after.output / "media" / "2026").glob("hoi-nghi-so-ket*"))
    assert not list((after.output / "media" / "og" / "2026").glob("anh-hoi-nghi-so-ket*"))
    for name, text in texts(after.output, "*.xml").items():
        assert "media/2026/hoi-nghi-so-ket-" not in text, name  # no feed enclosure either
    cold = build(tmp_path / "cold", site_dir)
    assert texts(cold.output, "*.html") == texts(after.output, "*.html")


def test_a_body_photo_goes_from_the_text(tmp_path, site_dir):
    slug = "dai-hoi-dai-bieu-phu-nu-xa-lam-chu-lan-thu-i-nhiem-ky-2025-2030"
    page = f"2025/08/{slug}/index.html"
    photo = "images/2025/dai-hoi-bieu-quyet.jpg"
    take_down(settings_for(site_dir), slug, "Đại biểu trong ảnh đề nghị gỡ", photo)
    site = build(tmp_path, site_dir)
    for name in (page, "en/" + page):
        text = (site.output / name).read_text(encoding="utf-8")
        assert "dai-hoi-bieu-quyet" not in text, name
        assert "dai-hoi-" in text  # the cover stays
    assert not list(site.output.rglob("dai-hoi-bieu-quyet*"))


@pytest.mark.parametrize(
    ("slug", "reason", "photo", "words"),
    [
        ("khong-co-bai-nay", "Đề nghị gỡ", "", "không tìm thấy bài nào"),
        ("", "Đề nghị gỡ", "", "thiếu bài"),
        (SLUG, "", "", "thiếu lý do"),
        (SLUG, "Chị gọi số 0912 345 678 đề nghị gỡ", "", "số điện thoại"),
        (SLUG, "Đề nghị gỡ ảnh", "images/2025/vneid.jpg", "không có ảnh images/2025/vneid.jpg"),
        ("gioi-thieu", "Đề nghị gỡ", "", "không tìm thấy bài nào"),  # a page, not news
    ],
)
def test_bad_requests_record_nothing(site_dir, slug, reason, photo, words):
    with pytest.raises(TakedownError, match=words):
        take_down(settings_for(site_dir), slug, reason, photo)
    assert not (site_dir / "data/takedowns.yml").exists()


def test_a_second_request_is_refused_and_changes_nothing(site_dir):
    settings = settings_for(site_dir)
    take_down(settings, SLUG, "Đề nghị gỡ bài")
    record = site_dir / "data/takedowns.yml"
    first = record.read_bytes()
    with pytest.raises(TakedownError, match="đã được ghi gỡ từ ngày"):
        take_down(settings, SLUG, "Đề nghị gỡ bài")
    with pytest.raises(TakedownError, match="đã được ghi gỡ"):  # the whole article is gone
        take_down(settings, SLUG, "Gỡ ảnh", "images/2026/chi-hoi-6-zalo.jpg")
    assert record.read_bytes() == first


def test_a_broken_record_file_is_reported_with_its_line(tmp_path, site_dir):
    (site_dir / "data/takedowns.yml").write_text(
        f'- date: "2026-12-04"\n  article: 2026/11/{SLUG}\n  reason: Đề nghị gỡ\n'
        '- date: "2026-12-05"\n  photo: images/2026/x.jpg\n',
        encoding="utf-8",
    )
    site = run_build(tmp_path, site_dir, SEARCH_INDEX=False, MEDIA={"cache_dir": str(tmp_path)})
    [message] = site.messages_about("takedowns.yml")
    assert "takedowns.yml:4" in message and "thiếu “article" in message
    assert "noindex" in site.read(PAGE)  # the good entry still works
    with pytest.raises(TakedownError, match="Hãy sửa tệp trước"):
        take_down(settings_for(site_dir), "2026/07/" + PHOTO_SLUG, "Đề nghị gỡ")


def test_command_line_refuses_an_unknown_article(caplog):
    from tinhoi.takedown.__main__ import main

    code = main(
        [
            "--settings",
            str(ROOT / "pelicanconf.py"),
            "--slug",
            "khong-co-bai-nay",
            "--reason",
            "Đề nghị gỡ",
        ]
    )
    assert code == 1
    assert "không tìm thấy bài nào" in caplog.text
    assert not (SAMPLE_CONTENT / "data/takedowns.yml").exists()
