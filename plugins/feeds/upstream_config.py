"""Settings of the upstream news (``UPSTREAM_*``): defaults in one place, checked once.

A bad value is reported in plain words and replaced by its default; it never stops the
build or ``make upstream``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

logger = logging.getLogger(__name__)

DEFAULTS = {
    "UPSTREAM_FEEDS": [],  # [("Tên nguồn", "https://…/rss"), …], most trusted first
    "UPSTREAM_CACHE": "data/upstream.json",  # the news: under PATH (content/), tracked in git
    # when each feed was checked and what went wrong: under CACHE_PATH, never in git
    "UPSTREAM_STATUS": "upstream-status.json",
    "UPSTREAM_MAX_AGE_HOURS": 6,  # make html/publish refresh an older cache
    "UPSTREAM_TIMEOUT": 10.0,  # seconds for one feed, connection and download together
    "UPSTREAM_MAX_BYTES": 2_000_000,  # a feed larger than this is refused
    "UPSTREAM_ITEMS_PER_FEED": 20,  # newest items kept in the cache per feed
    "UPSTREAM_HOME_ITEMS": 5,  # items in the home page block
    "UPSTREAM_PAGE_ITEMS": 40,  # items on /tin-cap-tren/
    "UPSTREAM_USER_AGENT": "TinHoi/1 (+upstream news reader)",
}
_NUMBERS = (
    "UPSTREAM_MAX_AGE_HOURS",
    "UPSTREAM_TIMEOUT",
    "UPSTREAM_MAX_BYTES",
    "UPSTREAM_ITEMS_PER_FEED",
    "UPSTREAM_HOME_ITEMS",
    "UPSTREAM_PAGE_ITEMS",
)


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
    """Fill in missing ``UPSTREAM_*`` settings and replace invalid numbers by defaults."""
    for key, value in DEFAULTS.items():
        settings.setdefault(key, value)
    for key in _NUMBERS:
        value = settings[key]
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
            logger.error("%s = %r không hợp lệ; dùng mặc định %r.", key, value, DEFAULTS[key])
            settings[key] = DEFAULTS[key]
    if not isinstance(settings["UPSTREAM_FEEDS"], (list, tuple)):
        logger.error("UPSTREAM_FEEDS phải là một danh sách; bỏ qua.")
        settings["UPSTREAM_FEEDS"] = []


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
