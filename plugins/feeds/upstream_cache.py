"""The upstream news cache: a JSON file in the repository, so builds are offline.

Written atomically, with sorted keys and fixed indentation: the same news gives the
same bytes, and ``git diff`` shows what changed.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

from sitebuild.atomic import write_atomic

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
        return {
            "name": self.name,
            "url": self.url,
            "etag": self.etag,
            "last_modified": self.last_modified,
            "checked": self.checked.isoformat() if self.checked else "",
            "fetched": self.fetched.isoformat() if self.fetched else "",
            "problem": self.problem,
            "items": [item.to_json() for item in self.items],
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
    """The cache file's text for ``feeds`` (deterministic)."""
    data = {"version": VERSION, "feeds": [feed.to_json() for feed in feeds]}
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def save(path: Path, feeds: list[FeedState]) -> None:
    """Write the cache atomically: a crash leaves the previous file intact."""
    write_atomic(path, dumps(feeds))


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
