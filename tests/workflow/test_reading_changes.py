"""make check after an update: what the installed version reads differently from the version
the site records (TINHOI_VERSION), in Vietnamese with file, line and the fix; nothing once the
site records the installed version."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, write_source
from PIL import Image

from tinhoi.doctor.reading_changes import CHANGES, parse_version
from tinhoi.sitebuild.package import theme_folder, version

MIXED_TAGS = """\
    Title: Chi hội thôn 1 sinh hoạt chuyên đề
    Date: 2026-11-21 08:30 +07:00
    Slug: chi-hoi-thon-1-sinh-hoat
    Lang: vi
    Status: published
    Category: hoat-dong-chi-hoi
    Tags: Chuyển đổi số; Zalo, Sinh hoạt chi hội
    Summary: Chi hội sinh hoạt chuyên đề về chuyển đổi số.

    Nội dung bài viết.
"""
OLD_STYLE = """\
    ---
    Title: Hội nghị Ban Chấp hành mở rộng
    Date: 2026-11-20 08:30 +07:00
    Slug: hoi-nghi-ban-chap-hanh-mo-rong
    Lang: vi
    Category: hoat-dong-hoi
    Tags:
      - Hội nghị
    Summary: Hội nghị đánh giá kết quả năm 2026.
    Cover: images/anh.jpg
    Cover_alt: Các đại biểu dự hội nghị
    ---

    Nội dung bài viết.
"""


@pytest.fixture
def site(content_dir) -> Path:
    """A site folder: the sample data, two articles written for an older version."""
    Image.new("RGB", (120, 80), "white").save(content_dir / "images" / "anh.jpg")
    write_source(content_dir, "articles/mixed-tags.md", MIXED_TAGS)
    write_source(content_dir, "articles/old-style.md", OLD_STYLE)
    return content_dir.parent


def check(site: Path, recorded: str | None) -> tuple[int, list[str]]:
    """``make check`` on ``site``, its pelicanconf.py recording ``recorded`` (None: no line)."""
    settings = (ROOT / "pelicanconf.py").read_text(encoding="utf-8")
    line = "" if recorded is None else f'TINHOI_VERSION = "{recorded}"'
    settings = re.sub(r'(?m)^TINHOI_VERSION = ".*"$', line, settings)
    settings += f"\nTHEME = {str(theme_folder())!r}\n"  # the site is outside this checkout
    (site / "pelicanconf.py").write_text(settings, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "tinhoi.doctor", "--settings", "pelicanconf.py"],
        cwd=site,
        capture_output=True,
        text=True,
    )
    # the findings (stdout), then what the settings' loader logged (stderr)
    return done.returncode, done.stdout.splitlines() + done.stderr.splitlines()


def line_of(path: Path, start: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, text in enumerate(lines, 1) if text.startswith(start))


def about_versions(lines: list[str]) -> list[str]:
    return [line for line in lines if "từ bản " in line or "TINHOI_VERSION" in line]


@pytest.mark.parametrize("recorded", ["1.0.0", None], ids=["1.0.0", "no version recorded"])
def test_an_older_site_hears_each_change_with_file_line_and_fix(site, recorded):
    status, lines = check(site, recorded)
    assert status == 0, lines  # warnings: the site still builds
    mixed = site / "content" / "articles" / "mixed-tags.md"
    old = site / "content" / "articles" / "old-style.md"
    expected = {
        f"content/articles/mixed-tags.md:{line_of(mixed, 'Tags:')}": "đọc thành 2 chủ đề "
        "(“Chuyển đổi số”, “Zalo, Sinh hoạt chi hội”), bản này đọc thành 3 chủ đề",
        f"content/articles/old-style.md:{line_of(old, 'Title:')}": "không có dòng Status",
        f"content/articles/old-style.md:{line_of(old, 'Cover:')}": "ảnh bìa “images/anh.jpg”",
    }
    found = about_versions(lines)
    for where, what in expected.items():
        (message,) = [line for line in found if f": {where}: từ bản 1.1.0: " in line]
        assert message.startswith("CẢNH BÁO: ") and what in message and "Cách sửa: " in message
    reminder = [line for line in found if line.startswith("CẢNH BÁO: pelicanconf.py")]
    assert len(reminder) == 1 and f"TINHOI_VERSION = “{version()}”" in reminder[0]
    if recorded:
        assert reminder[0].startswith(
            f"CẢNH BÁO: pelicanconf.py:{line_of(site / 'pelicanconf.py', 'TINHOI_VERSION')}:"
        )
    assert len(found) == len(expected) + 1


def test_the_same_site_at_the_installed_version_hears_nothing(site):
    status, lines = check(site, version())
    assert status == 0 and about_versions(lines) == []


def test_a_site_without_the_editor_hears_only_what_the_build_reads_differently(site):
    (site / "content" / "articles" / "mixed-tags.md").unlink()
    settings = site / "pelicanconf.py"
    check(site, "1.0.0")
    text = settings.read_text(encoding="utf-8").replace("CMS_ENABLED = True", "CMS_ENABLED = False")
    settings.write_text(text, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "tinhoi.doctor"], cwd=site, capture_output=True, text=True
    )
    assert about_versions(done.stdout.splitlines()) == []


def test_a_version_that_is_no_version_is_named_and_read_as_none_recorded(site):
    _, lines = check(site, "mới nhất")
    named = [line for line in lines if line.startswith("LỖI: TINHOI_VERSION = 'mới nhất'")]
    assert len(named) == 1 and "X.Y.Z" in named[0] and "'1.0.0'" in named[0]
    # the checked declaration's default: a site that recorded no version
    assert lines.count(named[0]) == 1
    changes = [line for line in lines if ": từ bản " in line]
    assert len(changes) == 3 and changes == [
        line for line in check(site, None)[1] if ": từ bản " in line
    ]


def test_each_change_is_in_the_changelog_under_its_version():
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    sections = dict(re.findall(r"(?ms)^## \[(\d+\.\d+\.\d+)\][^\n]*\n(.*?)(?=^## |\Z)", changelog))
    assert CHANGES
    for change in CHANGES:
        assert parse_version(change.version) <= parse_version(version())
        assert "make check" in sections[change.version]
    assert f"## [{version()}]" in changelog
