"""Turn a downloaded feed into clean items (pure: bytes in, items or a problem out).

Titles lose their HTML and become NFC; dates are expressed in the site's time zone
(+07:00); items without a date keep the moment they were first seen, so they do not jump
around the list at every refresh.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit
from zoneinfo import ZoneInfo

from tinhoi.vietnamese.reader import plain_summary
from tinhoi.vietnamese.text import fold, nfc

_TAG = re.compile(r"<[^>]*>")
_HTML_START = re.compile(rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html)\b", re.I | re.S)
SUMMARY_CHARS = 300


@dataclass(frozen=True)
class Item:
    """One upstream news item, as stored in the cache and shown on the site."""

    title: str
    link: str
    date: dt.datetime  # aware, in the site's time zone
    source: str
    summary: str = ""
    dated: bool = True  # False: the feed gave no date; ``date`` is when it was first seen

    def to_json(self) -> dict:
        return {
            "title": self.title,
            "link": self.link,
            "date": self.date.isoformat(),
            "summary": self.summary,
            "dated": self.dated,
        }

    @classmethod
    def from_json(cls, data: dict, source: str) -> Item:
        return cls(
            title=str(data["title"]),
            link=str(data["link"]),
            date=dt.datetime.fromisoformat(data["date"]),
            source=source,
            summary=str(data.get("summary", "")),
            dated=bool(data.get("dated", True)),
        )


class FeedProblem(Exception):
    """The feed's content is unusable; ``kind`` says why (see MESSAGES)."""

    def __init__(self, kind: str, detail: str = ""):
        super().__init__(kind, detail)
        self.kind = kind
        self.detail = detail


def clean_title(text: str) -> str:
    """Plain NFC text: HTML tags and entities removed, spaces collapsed."""
    text = html.unescape(_TAG.sub(" ", text or ""))
    return nfc(" ".join(text.split()))


def link_key(link: str) -> str:
    """A link without what differs between copies of the same page (scheme, www, utm_…)."""
    parts = urlsplit(link.strip())
    host = parts.netloc.lower().removeprefix("www.")
    query = urlencode(
        sorted((k, v) for k, v in parse_qsl(parts.query) if not k.lower().startswith("utm_"))
    )
    return urlunsplit(("", host, parts.path.rstrip("/"), query, ""))


def title_key(title: str) -> str:
    """Titles equal but for case, marks and spacing are one story."""
    return fold(title)


def _entry_date(entry, timezone: ZoneInfo) -> dt.datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            try:
                moment = dt.datetime(*parsed[:6], tzinfo=dt.UTC)
            except (TypeError, ValueError):
                continue
            return moment.astimezone(timezone)
    return None


def parse_feed(
    body: bytes,
    source: str,
    *,
    content_type: str = "",
    now: dt.datetime,
    timezone: str = "Asia/Ho_Chi_Minh",
    first_seen: dict[str, dt.datetime] | None = None,
    limit: int = 20,
) -> list[Item]:
    """The newest ``limit`` items of ``body``; raise FeedProblem if it is not a usable feed.

    ``first_seen`` maps the link of an item already cached to its date, so an undated
    item keeps the date it was first seen.
    """
    if "html" in content_type.lower() or _HTML_START.match(body[:2048]):
        raise FeedProblem("html")
    import feedparser  # only `make upstream` parses feeds; builds read the cache

    parsed = feedparser.parse(body)
    if parsed.bozo and not isinstance(
        parsed.get("bozo_exception"), feedparser.CharacterEncodingOverride
    ):
        if not parsed.get("version"):
            raise FeedProblem("not-feed")
        raise FeedProblem("bozo", str(parsed.get("bozo_exception", ""))[:120])
    if not parsed.get("version"):
        raise FeedProblem("not-feed")
    zone = ZoneInfo(timezone)
    seen = first_seen or {}
    items = []
    for entry in parsed.entries:
        title = clean_title(entry.get("title", ""))
        link = (entry.get("link") or "").strip()
        if not title or not link.startswith(("http://", "https://")):
            continue
        date = _entry_date(entry, zone)
        summary = plain_summary(entry.get("summary", ""), SUMMARY_CHARS)
        items.append(
            Item(
                title=title,
                link=link,
                date=date or seen.get(link, now.astimezone(zone).replace(microsecond=0)),
                source=source,
                summary=nfc(summary),
                dated=date is not None,
            )
        )
    if not items:
        raise FeedProblem("empty")
    items.sort(key=lambda item: (-item.date.timestamp(), item.link))
    return items[:limit]


def merge_items(groups: list[list[Item]]) -> list[Item]:
    """All items, newest first; a story in several feeds is kept from the first feed."""
    kept, links, titles = [], set(), set()
    for items in groups:
        for item in items:
            keys = (link_key(item.link), title_key(item.title))
            if keys[0] in links or keys[1] in titles:
                continue
            links.add(keys[0])
            titles.add(keys[1])
            kept.append(item)
    kept.sort(key=lambda item: (-item.date.timestamp(), item.link))
    return kept
