"""Downloads for an import: the feed and the images, through the upstream news' fetcher.

The address is used as given (no base URL of our own): the officer names the old site.
"""

from __future__ import annotations

from tinhoi.feeds.upstream_fetch import FetchError, fetch

USER_AGENT = "TinHoi-archive/1"
FEED_MAX_BYTES = 20_000_000
IMAGE_MAX_BYTES = 15_000_000
TIMEOUT = 30.0

REASONS = {
    "timeout": "quá thời gian chờ",
    "too-big": "tệp quá lớn",
    "down": "không kết nối được",
}


def reason(error: FetchError) -> str:
    """Why a download failed, in a few Vietnamese words."""
    if error.kind == "http":
        return f"máy chủ trả lỗi HTTP {error.detail}"
    return REASONS.get(error.kind, error.kind)


def download(url: str, max_bytes: int) -> bytes:
    """The body at ``url``; raises FetchError."""
    response = fetch(url, timeout=TIMEOUT, max_bytes=max_bytes, user_agent=USER_AGENT)
    return response.body
