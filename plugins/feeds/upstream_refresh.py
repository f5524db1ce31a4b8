"""Refresh the upstream news cache (``make upstream``): the only step here that goes online.

Every feed is fetched at the same time, each within ``UPSTREAM_TIMEOUT``. Whatever goes
wrong with a feed, its last good items stay in the cache and the officer gets one
warning naming the feed; nothing here ever raises into ``make html``.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from dataclasses import dataclass, replace
from zoneinfo import ZoneInfo

from . import upstream_cache as cache
from .upstream_config import Feed, UpstreamConfig
from .upstream_fetch import FetchError, fetch
from .upstream_parse import FeedProblem, parse_feed

logger = logging.getLogger(__name__)

MESSAGES = {
    "down": "không kết nối được tới máy chủ ({detail})",
    "timeout": "máy chủ không trả lời trong {timeout:g} giây",
    "http": "máy chủ báo lỗi HTTP {detail}",
    "too-big": "nguồn tin lớn hơn {megabytes:g} MB, có lẽ không phải RSS",
    "html": "địa chỉ này là một trang web (HTML), không phải nguồn tin RSS/Atom; "
    "hãy lấy đúng đường dẫn RSS của trang",
    "not-feed": "nội dung tải về không phải RSS/Atom",
    "bozo": "nguồn tin bị lỗi định dạng XML ({detail})",
    "empty": "nguồn tin không có tin nào",
}
UNDATED = "nguồn tin “{name}” không ghi ngày đăng cho {count} tin; dùng thời điểm lấy tin"


@dataclass
class Outcome:
    feed: Feed
    state: cache.FeedState
    problem: str = ""
    changed: bool = False  # new content was downloaded (not a 304)


def is_stale(config: UpstreamConfig, feeds: list[cache.FeedState], now: dt.datetime) -> bool:
    """True when a configured feed was never tried or was tried too long ago."""
    by_url = {feed.url: feed for feed in feeds}
    limit = dt.timedelta(hours=config.max_age_hours)
    for feed in config.feeds:
        state = by_url.get(feed.url)
        if state is None or state.checked is None or now - state.checked > limit:
            return True
    return False


def _message(kind: str, detail: str, config: UpstreamConfig) -> str:
    return MESSAGES[kind].format(
        detail=detail or "?", timeout=config.timeout, megabytes=config.max_bytes / 1_000_000
    )


def _refresh_one(
    feed: Feed, old: cache.FeedState | None, config: UpstreamConfig, now: dt.datetime
) -> Outcome:
    state = replace(old) if old else cache.FeedState(feed.name, feed.url)
    state.name = feed.name
    state.checked = now
    try:
        response = fetch(
            feed.url,
            etag=state.etag,
            last_modified=state.last_modified,
            timeout=config.timeout,
            max_bytes=config.max_bytes,
            user_agent=config.user_agent,
        )
        if response.status == 304:
            state.problem = ""
            return Outcome(feed, state)
        first_seen = {item.link: item.date for item in state.items}
        items = parse_feed(
            response.body,
            feed.name,
            content_type=response.headers.get("content-type", ""),
            now=now,
            timezone=config.timezone,
            first_seen=first_seen,
            limit=config.items_per_feed,
        )
    except (FetchError, FeedProblem) as error:
        state.problem = _message(error.kind, error.detail, config)
        return Outcome(feed, state, state.problem)
    state.items = items
    state.etag = response.headers.get("etag", "")
    state.last_modified = response.headers.get("last-modified", "")
    state.fetched = now
    state.problem = ""
    return Outcome(feed, state, changed=True)


def _fetch_all(
    config: UpstreamConfig, old: dict[str, cache.FeedState], now: dt.datetime
) -> list[Outcome]:
    """Fetch every feed at once; a feed still busy at the deadline counts as timed out.

    Daemon threads, not a pool: a name lookup (which no socket timeout covers) that
    hangs must not keep ``make html`` waiting after the deadline.
    """
    results: dict[str, Outcome] = {}

    def work(feed: Feed) -> None:
        results[feed.url] = _refresh_one(feed, old.get(feed.url), config, now)

    threads = [threading.Thread(target=work, args=(feed,), daemon=True) for feed in config.feeds]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + config.timeout + 1.0
    for thread in threads:
        thread.join(max(0.0, deadline - time.monotonic()))
    outcomes = []
    for feed in config.feeds:
        outcome = results.get(feed.url)
        if outcome is None:
            previous = old.get(feed.url)
            state = replace(previous) if previous else cache.FeedState(feed.name, feed.url)
            state.checked = now
            state.problem = _message("timeout", "", config)
            outcome = Outcome(feed, state, state.problem)
        outcomes.append(outcome)
    return outcomes


def refresh(config: UpstreamConfig, now: dt.datetime | None = None) -> list[Outcome]:
    """Fetch every configured feed, store what happened; return what happened per feed.

    The news file changes only when a feed gave new news: offline, or when every feed
    answers 304, the repository's copy stays byte for byte as it was.
    """
    now = (now or dt.datetime.now(ZoneInfo(config.timezone))).replace(microsecond=0)
    try:
        old = {feed.url: feed for feed in cache.read_state(config.cache, config.status)}
    except cache.CacheError as error:
        logger.warning(
            "%s: không đọc được bộ nhớ tin cấp trên (%s); tạo lại từ đầu.", config.cache, error
        )
        old = {}
    if not config.feeds:
        return []
    outcomes = _fetch_all(config, old, now)
    downloaded = any(outcome.changed for outcome in outcomes)
    cache.save(config.cache, config.status, [o.state for o in outcomes], downloaded)
    for outcome in outcomes:
        _report(outcome)
    return outcomes


def _report(outcome: Outcome) -> None:
    name, url = outcome.feed.name, outcome.feed.url
    if outcome.problem:
        logger.warning(
            "nguồn tin cấp trên “%s” (%s): %s; giữ %d tin đã lấy lần trước.",
            name,
            url,
            outcome.problem,
            len(outcome.state.items),
        )
        return
    undated = sum(not item.dated for item in outcome.state.items)
    if outcome.changed and undated:
        logger.warning(UNDATED.format(name=name, count=undated) + " (%s).", url)
    logger.info("upstream: %s: %d items", url, len(outcome.state.items))


def refresh_if_stale(config: UpstreamConfig, now: dt.datetime | None = None) -> bool:
    """Refresh when the cache is older than ``UPSTREAM_MAX_AGE_HOURS``; True if it ran."""
    now = now or dt.datetime.now(ZoneInfo(config.timezone))
    try:
        feeds = cache.read_state(config.cache, config.status)
    except cache.CacheError:
        feeds = []
    if not config.feeds or not is_stale(config, feeds, now):
        return False
    refresh(config, now)
    return True
