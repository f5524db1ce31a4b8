"""``make check`` and ``make html STRICT=1`` give one answer: the same rules, the same words."""

from __future__ import annotations

import pytest
from conftest import ROOT, SAMPLE_CONTENT, run_build, write_source
from PIL import Image
from test_doctor import article

from tinhoi.cms.migrate import migrate_text
from tinhoi.doctor.check import check_content
from tinhoi.sitebuild.cli import load_settings


def doctor_lines(content) -> list[str]:
    settings = load_settings(ROOT / "pelicanconf.py", {"PATH": str(content)})
    return [str(finding) for finding in check_content(settings)]


def as_build_says(line: str) -> str:
    """A doctor line ("CẢNH BÁO: file:line: message") as the build logs it."""
    return line.split(": ", 1)[1]


def test_check_and_a_strict_build_agree_on_the_sample(tmp_path):
    site = run_build(tmp_path, SAMPLE_CONTENT, strict=True, SEARCH_INDEX=False)
    assert (site.result.ok, site.result.warnings, site.result.errors) == (True, 0, 0)
    assert doctor_lines(SAMPLE_CONTENT) == []


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ({"Consent": "no"}, "chưa đồng ý"),
        ({"Cover_alt": None}, "Cover_alt"),
        ({"body": "![](/images/anh.jpg)"}, "chưa có mô tả"),
    ],
)
def test_check_and_a_strict_build_report_the_same_problem(tmp_path, content_dir, fields, words):
    Image.new("RGB", (120, 80), "white").save(content_dir / "images/anh.jpg")
    write_source(content_dir, "articles/2026/bai.md", article(**fields))
    found = doctor_lines(content_dir)
    assert len(found) == 1 and words in found[0]
    assert found[0].startswith("CẢNH BÁO: content/articles/2026/bai.md:")
    site = run_build(tmp_path, content_dir, strict=True, SEARCH_INDEX=False)
    assert not site.result.ok and site.result.warnings == 1
    assert as_build_says(found[0]) in site.messages


NO_COVER = {"Cover": None, "Cover_alt": None, "Cover_caption": None, "Cover_credit": None}
TAG_PAGES = ["chuyen-doi-so", "tuyen-truyen", "zalo"]


@pytest.mark.parametrize(
    "written", ["Chuyển đổi số; Zalo, Tuyên truyền", "Chuyển đổi số, Zalo; Tuyên truyền"]
)
def test_a_list_header_is_split_one_way_everywhere(tmp_path, content_dir, written):
    """Tags written with commas, semicolons or both: the build's tag pages, the doctor's
    known addresses and the editor's migration all see the same three tags."""
    text = article(Tags=written, **NO_COVER)
    write_source(content_dir, "articles/2026/bai.md", text)
    links = " ".join(f"[{slug}](/chu-de/{slug}/)" for slug in TAG_PAGES)
    linking = article(links, Slug="lien-ket", Tags=None, **NO_COVER)
    write_source(content_dir, "articles/2026/lien-ket.md", linking)
    assert doctor_lines(content_dir) == []
    site = run_build(tmp_path, content_dir, strict=True, SEARCH_INDEX=False)
    assert site.result.ok, site.messages
    built = sorted(path.parent.name for path in (site.output / "chu-de").glob("*/index.html"))
    assert built == TAG_PAGES
    migrated = migrate_text(text) or ""
    assert "Tags:\n  - Chuyển đổi số\n  - Zalo\n  - Tuyên truyền\n" in migrated
