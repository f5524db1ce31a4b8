"""One import: read the source, plan every article and picture, then write them all."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from tinhoi.unitdata.loading import data_dir, load_unit_data
from tinhoi.vietnamese.text import slugify

from . import feed, pages, wxr
from .convert import convert, summary_of
from .images import Store, is_remote
from .model import ArchiveError, Entry, Source
from .write import Existing, Planned, alias_of, article_fields, write_all

_CODE = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass
class Outcome:
    """What happened to one entry of the source (for the report)."""

    title: str
    origin: str
    path: str = ""  # the new article, relative to the content folder
    skipped: str = ""  # why it was not imported
    problems: list[str] = field(default_factory=list)
    no_alt: int = 0


@dataclass
class Result:
    source: Source
    outcomes: list[Outcome]
    pictures: int


def read_source(where: str, zone: ZoneInfo) -> Source:
    """The entries of a feed address, a WordPress export or a folder of saved pages."""
    where = where.strip()
    if not where:
        raise ArchiveError(
            "thiếu nguồn: make import-archive SOURCE=<địa chỉ RSS/Atom, tệp "
            "xuất WordPress .xml hoặc thư mục trang đã lưu> UNIT=<mã đơn vị cũ>."
        )
    if is_remote(where):
        return feed.read(where)
    path = Path(where)
    if path.is_dir():
        return pages.read(path, zone)
    if not path.is_file():
        raise ArchiveError(f"không thấy “{where}”: không phải địa chỉ http(s), tệp hay thư mục.")
    if wxr.is_wxr(path):
        return wxr.read(path, zone)
    return feed.parse(path.read_bytes(), path.name)  # a feed saved as a file


def known_units(content: Path, settings: dict | None = None) -> list[str] | None:
    """Codes of the former units in unit.yml, or None when it has no former unit recorded
    (read as the build reads it: ``unitdata.loading``)."""
    data, _problems = load_unit_data(data_dir(settings or {}, content))
    return [unit.id for unit in data.unit.predecessors] or None


def check_unit(content: Path, unit: str, settings: dict | None = None) -> str:
    unit = unit.strip()
    if not unit or not _CODE.match(unit):
        raise ArchiveError(
            f"mã đơn vị cũ “{unit}” không dùng được: UNIT=<mã> viết thường, không dấu, "
            "như trong content/data/unit.yml."
        )
    codes = known_units(content, settings)
    if codes is not None and unit not in codes:
        raise ArchiveError(
            f"không có đơn vị cũ mã “{unit}” trong content/data/unit.yml "
            f"(các mã có: {', '.join(codes) or '(chưa có)'})."
        )
    return unit


def _category(data, entry: Entry, default: str) -> tuple[str, list[str]]:
    """Our category for ``entry`` and the old categories left over as tags."""
    for name in entry.categories:
        info = data.find_category(name)
        if info is not None:
            return info.id, [c for c in entry.categories if c != name]
    return default, list(entry.categories)


def _skip_reason(entry: Entry, existing: Existing) -> str:
    if entry.skip:
        return entry.skip
    if existing.known(entry.key, entry.link):
        return "đã nhập từ trước (trùng địa chỉ gốc)"
    if not entry.title:
        return "không có tiêu đề"
    if entry.date is None:
        return "không rõ ngày đăng"
    if not entry.html.strip():
        return "không có nội dung"
    return ""


def import_archive(settings: dict, where: str, unit: str, lang: str = "vi") -> Result:
    """Import ``where`` for the former unit ``unit``; raise ArchiveError with nothing written."""
    content = Path(settings["PATH"])
    unit = check_unit(content, unit, settings)
    zone = ZoneInfo(settings.get("TIMEZONE") or "Asia/Ho_Chi_Minh")
    source = read_source(where, zone)
    data, _problems = load_unit_data(data_dir(settings, content))
    default = settings.get("UNITDATA_DEFAULT_CATEGORY", "hoat-dong-hoi")
    existing = Existing.scan(content)
    store = Store(content)
    planned, outcomes = [], []
    for entry in source.entries:
        outcome = Outcome(title=entry.title or "(không tiêu đề)", origin=entry.origin)
        outcomes.append(outcome)
        outcome.skipped = _skip_reason(entry, existing)
        if outcome.skipped:
            continue
        date = entry.date.astimezone(zone)
        slug = existing.free_slug(slugify(entry.title) or "bai-luu-tru")
        converted = convert(entry, slug, date.year, store)
        outcome.problems, outcome.no_alt = converted.problems, converted.no_alt
        category, old_categories = _category(data, entry, default)
        fields = article_fields(
            title=entry.title,
            date=date,
            slug=slug,
            lang=lang,
            category=category,
            tags=old_categories + entry.tags,
            unit=unit,
            alias=alias_of(entry.link),
            author=entry.author,
            summary=summary_of(entry.summary or entry.html),
            cover=converted.cover,
            cover_alt=converted.cover_alt,
            source=source.name,
            link=entry.link,
            key=entry.key,
        )
        path = Path("articles") / f"{date:%Y}" / f"{slug}.md"
        planned.append(Planned(path=path, fields=fields, body=converted.body))
        existing.claim(slug, entry.key, entry.link)
        outcome.path = str(path)
    write_all(content, store.planned, planned)
    return Result(source=source, outcomes=outcomes, pictures=len(store.planned))
