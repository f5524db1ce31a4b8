"""What the browser editor writes builds strictly, renders its metadata, and the content
doctor points at the right lines; ``make cms-migrate`` changes nothing readers see."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, SAMPLE_CONTENT, run_build, write_source
from html_tools import Page

from tinhoi.cms.__main__ import migrate
from tinhoi.cms.migrate import migrate_text
from tinhoi.doctor.check import check_content
from tinhoi.sitebuild.cli import load_settings
from tinhoi.vietnamese.frontmatter import split_header

SLUG = "chi-hoi-6-sinh-hoat-qua-zalo"
URL = f"2026/11/{SLUG}/"
# the shape the editor saves (field order, quoting, lists, booleans, Slug from canonical_slug)
VI = f"""\
---
Slug: {SLUG}
Title: 'Chi hội khu phố 6: sinh hoạt qua Zalo'
Date: 2026-11-20 08:30 +07:00
Lang: vi
Status: published
Category: hoat-dong-chi-hoi
Tags:
  - Chuyển đổi số
  - Sinh hoạt chi hội
Branches:
  - chi-hoi-6
Campaigns:
  - chuyen-doi-so
Models:
  - tap-hop-phu-nu-tren-khong-gian-mang
Summary: |-
  Chi hội khu phố 6 họp kết hợp trực tiếp và trực tuyến
  cho hội viên đi làm ăn xa.
Cover: images/2026/zalo.jpg
Cover_alt: Hội viên ngồi quanh bàn, màn hình lớn hiện sáu khung hình
Cover_caption: Buổi sinh hoạt tháng 11
Cover_credit: Thanh Hà
Consent: true
Author: Lê Thanh Hà
Crosspost: false
---

Chiếc ti vi ở nhà văn hóa khu phố 6 giờ có thêm một việc mới.
"""
# the English version the editor saves next to it: its own file name, the same Slug and Date
EN = f"""\
---
Slug: {SLUG}
Title: Quarter 6 Branch meets on Zalo
Date: 2026-11-20 08:30 +07:00
Lang: en
Status: published
Category: hoat-dong-chi-hoi
Tags:
  - Digital transformation
Branches:
  - chi-hoi-6
Summary: The Quarter 6 branch now meets in person and online.
Cover: images/2026/zalo.jpg
Cover_alt: Members around a table, a large screen showing six video windows
Cover_credit: Thanh Hà
Consent: true
---

The television in the Quarter 6 community hall has a new job.
"""


def _with_photo(content: Path) -> None:
    photo = content / "images/2026/zalo.jpg"
    photo.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(SAMPLE_CONTENT / "images/2026/chi-hoi-6-zalo.jpg", photo)


@pytest.fixture
def editor_site(tmp_path, content_dir):
    _with_photo(content_dir)
    write_source(content_dir / "articles", f"2026/{SLUG}.md", VI)
    write_source(content_dir / "articles", "2026/quarter-6-branch-meets-on-zalo.en.md", EN)
    return run_build(tmp_path, content_dir, strict=True, SEARCH_INDEX=False)


def test_editor_article_builds_strictly_and_renders_its_metadata(editor_site):
    site = editor_site
    assert site.result.ok, site.messages
    page = Page(site.output / URL / "index.html")
    html = site.read(URL + "index.html")
    assert "Chi hội khu phố 6: sinh hoạt qua Zalo" in page.text
    links = {url for _tag, url in page.links}
    for expected in (
        "/chu-de/chuyen-doi-so/",
        "/chu-de/sinh-hoat-chi-hoi/",
        "/chi-hoi/chi-hoi-6/",
        "/phong-trao/chuyen-doi-so/",
    ):
        assert any(url.endswith(expected) for url in links), expected
    # the cover, resized by the media plugin from the copy above (images/2026/zalo.jpg)
    assert any(tag == "img" and "/2026/zalo" in url for tag, url in page.links), page.links
    for listing in ("mo-hinh/tap-hop-phu-nu-tren-khong-gian-mang/", "chi-hoi/chi-hoi-6/"):
        listed = {url for _tag, url in Page(site.output / listing / "index.html").links}
        assert any(url.endswith("/" + URL) for url in listed), listing
    assert "Ảnh: Thanh Hà" in page.text and "Lê Thanh Hà" in page.text
    assert "Hội viên ngồi quanh bàn, màn hình lớn hiện sáu khung hình" in html  # alt text
    assert "Chi hội khu phố 6 họp kết hợp trực tiếp và trực tuyến" in html  # the summary
    assert (site.output / "chu-de/sinh-hoat-chi-hoi/index.html").exists()


def test_editor_translation_is_linked_by_slug_and_date(editor_site):
    site = editor_site
    vi, en = Page(site.output / URL / "index.html"), Page(site.output / "en" / URL / "index.html")
    assert "Quarter 6 Branch meets on Zalo" in en.text
    assert vi.alternates["en"].endswith("/en/" + URL)
    assert en.alternates["vi"].endswith("/" + URL) and not en.alternates["vi"].endswith("en/" + URL)


def test_a_list_item_with_a_comma_fails_a_strict_build_naming_its_line(tmp_path, content_dir):
    _with_photo(content_dir)
    text = VI.replace("  - Sinh hoạt chi hội", "  - Sinh hoạt, chi hội")
    write_source(content_dir / "articles", f"2026/{SLUG}.md", text)
    site = run_build(tmp_path, content_dir, strict=True, SEARCH_INDEX=False)
    assert not site.result.ok
    [message] = site.messages_about(f"{SLUG}.md")  # the only problem of the file
    assert f"content/articles/2026/{SLUG}.md:10:" in message and "dấu phẩy" in message


def _doctor(content: Path) -> list:
    return check_content(load_settings(ROOT / "pelicanconf.py", {"PATH": str(content)}))


def test_doctor_points_at_yaml_header_lines(content_dir):
    text = VI.replace("  - chi-hoi-6", "  - chi-hoi-99").replace("Consent: true", "Consent: false")
    path = write_source(content_dir / "articles", f"2026/{SLUG}.md", text)
    lines = path.read_text(encoding="utf-8").split("\n")
    found = {(f.line, f.severity) for f in _doctor(content_dir) if SLUG in f.label}
    line = {text.split(":")[0]: number for number, text in enumerate(lines, 1) if ":" in text}
    assert found == {
        (line["Branches"], "error"),  # unknown branch
        (line["Cover"], "error"),  # the photo is not in content/images
        (line["Consent"], "warning"),  # a photo of people without their consent
    }


def _flat(text: str) -> str:
    """A YAML-headed source written the old way ("Key: value" lines), as existing sites have."""
    head, body = text.removeprefix("---\n").split("\n---\n", 1)
    lines = []
    for key, value in yaml.load(head, Loader=yaml.BaseLoader).items():  # every value a str
        if isinstance(value, list):
            value = ", ".join(value)
        lines.append(f"{key}: {value}")
    return "\n".join(lines) + "\n" + body


def test_the_sample_is_yaml_so_the_editor_lists_every_article(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(SAMPLE_CONTENT, content)
    settings = load_settings(ROOT / "pelicanconf.py", {"PATH": str(content)})
    sources = sorted(content.rglob("*.md"))
    assert len(sources) >= 27
    assert all(path.read_text(encoding="utf-8").startswith("---\n") for path in sources)
    assert migrate(settings, []) == (0, len(sources))  # nothing left to convert


def test_old_key_value_headers_build_byte_for_byte_the_same(tmp_path):
    """Existing sites keep "Key: value" headers: they still build exactly like YAML ones."""
    content = tmp_path / "content"
    shutil.copytree(SAMPLE_CONTENT, content)
    for path in content.rglob("*.md"):
        path.write_text(_flat(path.read_text(encoding="utf-8")), encoding="utf-8")
    settings = load_settings(ROOT / "pelicanconf.py", {"PATH": str(content)})
    flat = [path.read_text(encoding="utf-8") for path in content.rglob("*.md")]
    assert not any(text.startswith("---") for text in flat)
    before = run_build(tmp_path / "before", SAMPLE_CONTENT, strict=True, SEARCH_INDEX=False)
    after = run_build(tmp_path / "after", content, strict=True, SEARCH_INDEX=False)
    assert before.result.ok and after.result.ok, after.messages
    files = sorted(p.relative_to(before.output) for p in before.output.rglob("*") if p.is_file())
    assert files == sorted(
        p.relative_to(after.output) for p in after.output.rglob("*") if p.is_file()
    )
    changed = [
        f for f in files if (before.output / f).read_bytes() != (after.output / f).read_bytes()
    ]
    assert changed == []
    assert len(_doctor(content)) == len(_doctor(SAMPLE_CONTENT))
    rewritten, left = migrate(settings, [])  # and make cms-migrate still converts them
    assert (rewritten, left) == (len(list(content.rglob("*.md"))), 0)


def test_migration_keeps_what_the_build_reads():
    flat = (
        "Title: Bài số #5: gặp mặt\nDate: 2026-11-20 08:30 +07:00\nCategory: Mô hình hay\n"
        "Tags: Zalo; nhóm, Phụ nữ\nBranches: chi-hoi-1; chi-hoi-2\nConsent: có\n"
        "Summary: [[Sa-pô: viết sau]]\nOriginal_version: 012345678901\n\nThân bài.\n"
    )
    text = migrate_text(flat, {"Mô hình hay": "mo-hinh"})
    assert text is not None and text.startswith("---\n")
    header = split_header(text)
    assert header.values == {
        "title": "Bài số #5: gặp mặt",
        "date": "2026-11-20 08:30 +07:00",
        "category": "mo-hinh",
        "tags": "Zalo, nhóm, Phụ nữ",  # split like every list header
        "branches": "chi-hoi-1, chi-hoi-2",
        "consent": "true",
        "summary": "[[Sa-pô: viết sau]]",
        "original_version": "012345678901",
    }
    assert header.body.strip() == "Thân bài."
    assert migrate_text(text) is None  # already front matter


def _as_written_before(text: str) -> str:
    """A front matter as sites written before the editor wrote it: no Status line, the cover
    addressed from the content folder (``images/…``)."""
    lines = [line for line in text.split("\n") if line != "Status: published"]
    return "\n".join(line.replace("Cover: /images/", "Cover: images/", 1) for line in lines)


def test_migration_completes_front_matter_the_editor_would_misread(tmp_path):
    """Without Status the editor shows an article as a draft and saves it so; a cover written
    ``images/…`` gets no thumbnail. make cms-migrate adds the one and roots the other, and
    the site it builds stays the same, byte for byte."""
    content = tmp_path / "content"
    shutil.copytree(SAMPLE_CONTENT, content)
    sources = sorted(content.rglob("*.md"))
    for path in sources:
        path.write_text(_as_written_before(path.read_text(encoding="utf-8")), encoding="utf-8")
    covered = [p for p in sources if "\nCover: images/" in p.read_text(encoding="utf-8")]
    assert covered and not any("Status:" in p.read_text(encoding="utf-8") for p in sources)
    before = run_build(tmp_path / "before", content, strict=True, SEARCH_INDEX=False)

    settings = load_settings(ROOT / "pelicanconf.py", {"PATH": str(content)})
    assert migrate(settings, []) == (len(sources), 0)
    for path in sources:  # the sample's values (Status, /images/…), the body as it was
        now = split_header(path.read_text(encoding="utf-8"))
        sample = split_header((SAMPLE_CONTENT / path.relative_to(content)).read_text("utf-8"))
        assert (now.values, now.body) == (sample.values, sample.body)
    assert migrate(settings, []) == (0, len(sources))  # a second run changes nothing

    after = run_build(tmp_path / "after", content, strict=True, SEARCH_INDEX=False)
    assert before.result.ok and after.result.ok, after.messages
    files = sorted(p.relative_to(before.output) for p in before.output.rglob("*") if p.is_file())
    assert files and all(
        (before.output / f).read_bytes() == (after.output / f).read_bytes() for f in files
    )
