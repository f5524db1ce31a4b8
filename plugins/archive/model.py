"""What every archive source is read into, and the error that stops an import."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


class ArchiveError(Exception):
    """The source cannot be imported at all (message in Vietnamese); nothing is written."""


@dataclass
class Entry:
    """One old article as the source holds it, before any conversion."""

    key: str  # the source's own id (guid) or, failing that, its address
    link: str  # the old public address
    title: str
    date: dt.datetime | None  # aware
    html: str  # the body as HTML
    base: str  # what relative image sources are resolved against (a URL or a folder)
    author: str = ""
    categories: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    summary: str = ""
    cover: str = ""  # address (or path) of the featured image
    cover_alt: str = ""
    skip: str = ""  # why the source itself says not to import it (draft, page…)
    origin: str = ""  # where the officer finds it in the source (file name, item number)


@dataclass
class Source:
    """Everything read from one source: its name (for the credit) and its entries."""

    name: str
    kind: str  # "feed", "wxr" or "pages"
    entries: list[Entry]
