"""Settings of the upstream news (``UPSTREAM_*``): defaults in one place, checked once.

A bad value is reported in plain words and replaced by its default; it never stops the
build or ``make upstream``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from tinhoi.sitebuild.schema import Setting, check, defaults, positive

logger = logging.getLogger(__name__)


def _number(name: str, default, description: str) -> Setting:
    return Setting(name, default, description, **positive(whole=False))


SETTINGS = (
    Setting(
        "UPSTREAM_FEEDS",
        [],
        'Nguồn tin của Hội cấp trên: [("Tên nguồn", "https://…/rss"), …], nguồn tin cậy nhất '
        "trước.",
        (list, tuple),
    ),
    Setting(
        "UPSTREAM_CACHE",
        "data/upstream.json",
        "Tệp lưu tin cấp trên, trong thư mục nội dung (PATH); được giữ trong git.",
        str,
    ),
    Setting(
        "UPSTREAM_STATUS",
        "upstream-status.json",
        "Tệp ghi lần kiểm tra mỗi nguồn và lỗi gặp phải, trong CACHE_PATH (không vào git).",
        str,
    ),
    _number(
        "UPSTREAM_MAX_AGE_HOURS",
        6,
        "make html / make publish lấy tin mới khi bản lưu cũ hơn số giờ này.",
    ),
    _number(
        "UPSTREAM_TIMEOUT",
        10.0,
        "Số giây tối đa cho một nguồn (kết nối và tải về).",
    ),
    _number("UPSTREAM_MAX_BYTES", 2_000_000, "Nguồn lớn hơn số byte này bị từ chối."),
    _number("UPSTREAM_ITEMS_PER_FEED", 20, "Số tin mới nhất giữ lại của mỗi nguồn."),
    _number("UPSTREAM_HOME_ITEMS", 5, "Số tin cấp trên ở trang chủ."),
    _number("UPSTREAM_PAGE_ITEMS", 40, "Số tin ở trang tin cấp trên (/tin-cap-tren/)."),
    Setting(
        "UPSTREAM_USER_AGENT",
        "TinHoi/1 (+upstream news reader)",
        "Tên chương trình gửi kèm mỗi lần tải tin (User-Agent).",
        str,
    ),
)
DEFAULTS = defaults(SETTINGS)


@dataclass(frozen=True)
class Feed:
    name: str
    url: str


@dataclass(frozen=True)
class UpstreamConfig:
    feeds: tuple[Feed, ...]
    cache: Path
    status: Path
    max_age_hours: float
    timeout: float
    max_bytes: int
    items_per_feed: int
    home_items: int
    page_items: int
    user_agent: str
    timezone: str


def _feeds(value) -> tuple[Feed, ...]:
    feeds, seen = [], set()
    for entry in value or ():
        if (
            isinstance(entry, (list, tuple))
            and len(entry) == 2
            and all(isinstance(part, str) and part.strip() for part in entry)
            and entry[1].strip().startswith(("http://", "https://"))
        ):
            name, url = entry[0].strip(), entry[1].strip()
            if url not in seen:
                seen.add(url)
                feeds.append(Feed(name, url))
                continue
        logger.error(
            'UPSTREAM_FEEDS: bỏ qua mục %r; mỗi mục phải là ("Tên nguồn", "https://…").',
            entry,
        )
    return tuple(feeds)


def apply_defaults(settings: dict) -> None:
    """Fill in missing ``UPSTREAM_*`` settings and replace invalid ones by their defaults."""
    check(settings, SETTINGS)


def _cache_folder(settings: dict) -> Path:
    """``CACHE_PATH``; without it (a bare settings dict), ``cache/`` beside the content."""
    if settings.get("CACHE_PATH"):
        return Path(settings["CACHE_PATH"])
    return Path(settings["PATH"]).parent / "cache"


def upstream_config(settings: dict) -> UpstreamConfig:
    """The checked upstream settings of ``settings`` (a Pelican settings dict)."""
    apply_defaults(settings)
    return UpstreamConfig(
        feeds=_feeds(settings["UPSTREAM_FEEDS"]),
        cache=Path(settings["PATH"]) / settings["UPSTREAM_CACHE"],
        status=_cache_folder(settings) / settings["UPSTREAM_STATUS"],
        max_age_hours=float(settings["UPSTREAM_MAX_AGE_HOURS"]),
        timeout=float(settings["UPSTREAM_TIMEOUT"]),
        max_bytes=int(settings["UPSTREAM_MAX_BYTES"]),
        items_per_feed=int(settings["UPSTREAM_ITEMS_PER_FEED"]),
        home_items=int(settings["UPSTREAM_HOME_ITEMS"]),
        page_items=int(settings["UPSTREAM_PAGE_ITEMS"]),
        user_agent=str(settings["UPSTREAM_USER_AGENT"]),
        timezone=settings.get("TIMEZONE") or "Asia/Ho_Chi_Minh",
    )
