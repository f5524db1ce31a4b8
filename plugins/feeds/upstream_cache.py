"""The upstream news cache: the news in the repository, the fetch status beside the build.

The news (``UPSTREAM_CACHE``, under content/, tracked in git) keeps builds offline. It
is written atomically, with sorted keys and fixed indentation, and only when the news
changed: the same news gives the same bytes, a failed or unchanged refresh leaves the
file untouched, and ``git status`` stays clean after a build. When each feed was
checked, its ETag and its last problem live in ``CACHE_PATH/upstream-status.json``,
a build product that is never committed.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

from tinhoi.sitebuild.atomic import write_atomic

from .upstream_parse import Item, link_key, merge_items

VERSION = 1


@dataclass
class FeedState:
    """What is remembered about one feed between refreshes."""

    name: str
    url: str
    etag: str = ""
    last_modified: str = ""
    checked: dt.datetime | None = None  # last attempt, good or bad
    fetched: dt.datetime | None = None  # last download that gave items
    problem: str = ""  # the last attempt's problem, for the officer
    items: list[Item] = field(default_factory=list)

    def to_json(self) -> dict:
        """The tracked part: which feed, and its news."""
        return {
            "name": self.name,
            "url": self.url,
            "items": [item.to_json() for item in self.items],
        }

    def status_json(self) -> dict:
        """The untracked part: what the last attempts found."""
        return {
            "url": self.url,
            "etag": self.etag,
            "last_modified": self.last_modified,
            "checked": self.checked.isoformat() if self.checked else "",
            "fetched": self.fetched.isoformat() if self.fetched else "",
            "problem": self.problem,
        }

    @classmethod
    def from_json(cls, data: dict) -> FeedState:
        def moment(key):
            return dt.datetime.fromisoformat(data[key]) if data.get(key) else None

        name = str(data["name"])
        return cls(
            name=name,
            url=str(data["url"]),
            etag=str(data.get("etag", "")),
            last_modified=str(data.get("last_modified", "")),
            checked=moment("checked"),
            fetched=moment("fetched"),
            problem=str(data.get("problem", "")),
            items=[Item.from_json(item, name) for item in data.get("items", [])],
        )


class CacheError(Exception):
    """The cache file exists but cannot be read."""


def load(path: Path) -> list[FeedState]:
    """The feeds stored in ``path`` (none if it does not exist); raise CacheError if broken."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise CacheError(str(error)) from None
    try:
        return [FeedState.from_json(feed) for feed in data["feeds"]]
    except (KeyError, TypeError, ValueError) as error:
        raise CacheError(f"{type(error).__name__}: {error}") from None


def dumps(feeds: list[FeedState]) -> str:
    """The tracked news file's text for ``feeds`` (deterministic)."""
    data = {"version": VERSION, "feeds": [feed.to_json() for feed in feeds]}
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _status_dumps(feeds: list[FeedState]) -> str:
    data = {"version": VERSION, "feeds": [feed.status_json() for feed in feeds]}
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def read_state(news: Path, status: Path) -> list[FeedState]:
    """The stored news with each feed's fetch status; raise CacheError if the news is broken.

    A missing or unreadable status file only means "never checked here": the next
    build refreshes once, and the news stays as it is in git.
    """
    feeds = load(news)
    try:
        data = json.loads(status.read_text(encoding="utf-8"))
        by_url = {str(entry["url"]): entry for entry in data["feeds"]}
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError):
        return feeds
    for feed in feeds:
        entry = by_url.get(feed.url)
        if isinstance(entry, dict):
            try:
                known = FeedState.from_json({"name": feed.name, **entry})
            except (KeyError, TypeError, ValueError):
                continue
            feed.etag, feed.last_modified = known.etag, known.last_modified
            feed.checked, feed.fetched, feed.problem = known.checked, known.fetched, known.problem
    return feeds


def save(news: Path, status: Path, feeds: list[FeedState], downloaded: bool = True) -> bool:
    """Write the status, and the news when new news was ``downloaded`` and differs.

    Return True if the news file was rewritten. Both atomically: a crash leaves the
    previous files intact. Failures and 304s never touch the news file.
    """
    write_atomic(status, _status_dumps(feeds))
    if not downloaded:
        return False
    text = dumps(feeds)
    try:
        if news.read_text(encoding="utf-8") == text:
            return False
    except (OSError, UnicodeDecodeError):
        pass
    write_atomic(news, text)
    return True


def latest(feeds: list[FeedState]) -> list[Item]:
    """Every cached item, de-duplicated across feeds (earlier feeds win), newest first."""
    return merge_items([feed.items for feed in feeds])


def find(feeds: list[FeedState], link: str) -> Item | None:
    """The cached item whose link is ``link`` (ignoring scheme, www and utm_ parameters)."""
    wanted = link_key(link)
    for feed in feeds:
        for item in feed.items:
            if link_key(item.link) == wanted:
                return item
    return None
