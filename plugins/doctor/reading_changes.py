"""What a newer Tin Hội reads differently: one table, checked by ``make check``.

A site records the version its content and settings were last checked against
(``TINHOI_VERSION`` in pelicanconf.py). Each change below came with a version; when the site
records an older one than the version running, the change's detector looks at the site and
every place it reads differently comes back as a finding, in Vietnamese, with file, line and
the fix. Raising ``TINHOI_VERSION`` after fixing them silences the table (nothing else).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pelican.readers import ensure_metadata_list

from tinhoi.sitebuild.core_settings import TINHOI_VERSION, parse_version
from tinhoi.sitebuild.package import version
from tinhoi.vietnamese.frontmatter import split_list

from .model import WARNING, Finding, Site, Source

# the setting, its default (a site that records none) and its rule: core_settings.py
SETTING = TINHOI_VERSION.name
SETTINGS_FILE = "pelicanconf.py"
UNRECORDED = TINHOI_VERSION.default


def _quoted(items: list[str]) -> str:
    return ", ".join(f"“{item}”" for item in items)


def tags_split_by_one_rule(source: Source, site: Site) -> list[str]:
    """``Tags: a; b, c``: before, Pelican's rule (semicolons if any, else commas) gave
    “a” and “b, c”; now every list header is split like Branches, at both."""
    written = source.value("tags")
    before, now = ensure_metadata_list(written), split_list(written)
    if before == now:
        return []
    return [
        f"dòng Tags “{written}” trộn dấu chấm phẩy và dấu phẩy: bản trước đọc thành "
        f"{len(before)} chủ đề ({_quoted(before)}), bản này đọc thành {len(now)} chủ đề "
        f"({_quoted(now)})."
    ]


def _editor_on(site: Site) -> bool:
    return bool(site.settings.get("CMS_ENABLED", True))


def status_written(source: Source, site: Site) -> list[str]:
    """A published article or page without ``Status``: the editor opens it as a draft and
    saves it so (the build reads it as published)."""
    if not _editor_on(site) or source.value("status"):
        return []
    return [
        "không có dòng Status: trang vẫn đăng bài này, nhưng trình soạn thảo (/admin/) coi bài "
        "không ghi Status là bản nháp và khi lưu sẽ biến nó thành bản nháp."
    ]


def cover_from_site_root(source: Source, site: Site) -> list[str]:
    """``Cover: images/…``: the editor looks for it beside the article and shows no picture;
    it writes and finds covers as ``/images/…`` (the build reads both alike)."""
    cover = source.value("cover")
    if not _editor_on(site) or not cover.startswith("images/"):
        return []
    return [
        f"ảnh bìa “{cover}” viết không có “/” ở đầu: trang vẫn hiện ảnh, nhưng trình soạn thảo "
        "(/admin/) tìm nó cạnh tệp bài viết nên không thấy ảnh."
    ]


@dataclass(frozen=True)
class ReadingChange:
    """One change of how content or settings are read: since ``version``."""

    version: str
    key: str  # the header (or setting) the finding points at
    detect: Callable[[Source, Site], list[str]]
    fix: str


CHANGES = (
    ReadingChange(
        "1.1.0",
        "tags",
        tags_split_by_one_rule,
        "viết mỗi chủ đề trên một dòng (dạng danh sách “- …”); một tên chủ đề không còn "
        "chứa được dấu phẩy hay chấm phẩy, hãy viết lại tên đó (ví dụ dùng “và”).",
    ),
    ReadingChange(
        "1.1.0",
        "title",
        status_written,
        "thêm dòng “Status: published” (make cms-migrate thêm cho mọi bài).",
    ),
    ReadingChange(
        "1.1.0",
        "cover",
        cover_from_site_root,
        "viết “/images/…” (make cms-migrate sửa cho mọi bài).",
    ),
)


def _setting_line(path: Path) -> int:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return 0
    return next((n for n, line in enumerate(lines, 1) if line.startswith(SETTING)), 0)


def reading_changes(site: Site, installed: str | None = None) -> list[Finding]:
    """Every place the running version (``installed``) reads differently from the version
    the site records, with the fix; a reminder to record the new version after fixing."""
    settings_path = site.content.parent / SETTINGS_FILE
    label = site.label(settings_path)
    installed = installed or version()
    # load_settings checked the value (a wrong one is named there and read as the default)
    written = site.settings.get(SETTING) or UNRECORDED
    recorded = parse_version(written) or parse_version(UNRECORDED)
    running = parse_version(installed)
    due = [c for c in CHANGES if recorded < parse_version(c.version) <= running]
    findings = []
    for change in due:
        for source in site.sources:
            for what in change.detect(source, site):
                line = source.line(change.key) or source.line("title")
                message = f"từ bản {change.version}: {what} Cách sửa: {change.fix}"
                findings.append(Finding(WARNING, source.label, line, message))
    if findings:
        message = (
            f"trang ghi {SETTING} = “{written}”, đang dùng Tin Hội {installed}: "
            f"sửa các chỗ đọc khác đi (“từ bản …”), rồi đổi thành {SETTING} = “{installed}”."
        )
        findings.append(Finding(WARNING, label, _setting_line(settings_path), message))
    return findings
