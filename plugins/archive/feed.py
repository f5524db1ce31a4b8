"""An RSS or Atom feed of the old site, read with feedparser."""

from __future__ import annotations

import calendar
import datetime as dt

import feedparser

from tinhoi.feeds.upstream_fetch import FetchError
from tinhoi.vietnamese.text import nfc

from .fetch import FEED_MAX_BYTES, download, reason
from .model import ArchiveError, Entry, Source


def _date(entry) -> dt.datetime | None:
    for key in ("published_parsed", "updated_parsed"):
        parsed = entry.get(key)
        if parsed:  # feedparser gives UTC
            return dt.datetime.fromtimestamp(calendar.timegm(parsed), dt.UTC)
    return None


def _body(entry) -> str:
    contents = entry.get("content") or []
    html = [c.get("value", "") for c in contents if "html" in c.get("type", "text/html")]
    return max(html, key=len) if html else entry.get("summary", "")


def _cover(entry) -> str:
    for media in entry.get("media_content", []) or []:
        if media.get("medium") == "image" or media.get("type", "").startswith("image/"):
            return media.get("url", "")
    for link in entry.get("links", []):
        if link.get("rel") == "enclosure" and link.get("type", "").startswith("image/"):
            return link.get("href", "")
    return ""


def parse(body: bytes, address: str) -> Source:
    """The entries of a feed document; ArchiveError when it is not a usable feed."""
    parsed = feedparser.parse(body, response_headers={"content-location": address})
    if not parsed.entries:
        detail = "không phải RSS/Atom" if parsed.bozo or not parsed.feed else "không có bài nào"
        raise ArchiveError(f"nguồn “{address}” {detail}; không có gì được ghi.")
    entries = []
    for number, item in enumerate(parsed.entries, 1):
        link = item.get("link", "")
        body_html = _body(item)
        summary = item.get("summary", "")
        entries.append(
            Entry(
                key=item.get("id") or link,
                link=link,
                title=nfc(item.get("title", "")).strip(),
                date=_date(item),
                html=body_html,
                base=link or address,
                author=nfc(item.get("author", "")),
                categories=[nfc(t.get("term", "")) for t in item.get("tags", []) if t.get("term")],
                summary=summary if summary and summary != body_html else "",
                cover=_cover(item),
                origin=f"mục {number} của nguồn tin",
            )
        )
    name = nfc(parsed.feed.get("title", "")).strip() or address
    return Source(name=name, kind="feed", entries=entries)


def read(address: str) -> Source:
    """Download and parse the feed at ``address``."""
    try:
        body = download(address, FEED_MAX_BYTES)
    except FetchError as error:
        raise ArchiveError(
            f"không tải được nguồn “{address}” ({reason(error)}); không có gì được ghi."
        ) from None
    return parse(body, address)
