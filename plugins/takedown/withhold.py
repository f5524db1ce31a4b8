"""Keep what was taken down out of the build: whole articles at reading, photos before the
media plugin sees them (this plugin is listed before ``media`` in ``PLUGINS``)."""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import re

from tinhoi.media.files import is_photo
from tinhoi.media.markup_html import local_paths, replace_tags, with_href
from tinhoi.sitebuild.urls import save_as as page_file

from . import records

logger = logging.getLogger(__name__)
COVER_KEYS = ("cover", "cover_alt", "cover_caption", "cover_credit")


def article_address(settings: dict, metadata: dict) -> str | None:
    """``2026/11/slug``: the address of the article in its own language site, or None."""
    date = metadata.get("date")
    if not hasattr(date, "year") or not metadata.get("slug"):
        return None
    lang = metadata.get("lang") or settings["DEFAULT_LANG"]
    try:
        return settings["ARTICLE_URL"].format(slug=metadata["slug"], date=date, lang=lang)
    except (KeyError, AttributeError, IndexError, ValueError) as error:
        logger.warning("takedown: no address for %s (%s)", metadata["slug"], error)
        return None


def removed_page(settings: dict, metadata: dict, url: str, when: str) -> dict | None:
    """Where the removed-on-request page of this article goes, in this language site."""
    lang = metadata.get("lang") or settings["DEFAULT_LANG"]
    status = str(metadata.get("status") or "published")
    if lang != settings["DEFAULT_LANG"] or status != "published":
        return None  # a translation (its own site writes it), a draft: no public address
    save_as = page_file(url)
    fields = {"slug": metadata["slug"], "date": metadata["date"], "lang": lang}
    with contextlib.suppress(KeyError, AttributeError, IndexError, ValueError):
        save_as = settings["ARTICLE_SAVE_AS"].format(**fields)
    try:
        day = dt.date.fromisoformat(when)
    except ValueError:
        day = None  # the page then says no date
    return {"url": url, "save_as": save_as, "lang": lang, "day": day}


def drop_cover(metadata: dict, photos: set[str]) -> bool:
    """Remove a taken-down cover (and its texts) from ``metadata``; True if it was one."""
    cover = str(metadata.get("cover") or "")
    if not cover or os.path.normpath(cover.lstrip("/")) not in photos:
        return False
    for key in COVER_KEYS:
        metadata.pop(key, None)
    return True


def content_folder(content) -> str:
    root = content.settings["PATH"]
    folder = os.path.dirname(os.path.abspath(content.source_path))
    return os.path.relpath(folder, root).replace(os.sep, "/")


def strip_photos(html: str, folder: str, photos: set[str]) -> str:
    """``html`` without any ``<img>`` of ``photos``; links to them lose their address."""

    def hit(url: str) -> bool:
        return any(os.path.normpath(path) in photos for path in local_paths(url, folder))

    def on_img(tag: str, attrs: dict) -> str:
        return "" if hit(attrs.get("src", "")) else tag

    def on_link(tag: str, attrs: dict) -> str:
        href = attrs.get("href", "")
        return with_href(tag, None) if is_photo(href) and hit(href) else tag

    return replace_tags(html, on_img, on_link)


_IMAGE = re.compile(r"""!\[[^\]]*\]\(\s*<?([^)\s>]+)|<img\s[^>]*src=["']([^"']+)""")


def article_photos(cover: str, body: str, folder: str) -> set[str]:
    """Photos an article shows: its cover and the images of its Markdown or HTML text."""
    found = {records.photo_path(cover)} - {""}
    for match in _IMAGE.finditer(body):
        paths = local_paths(match.group(1) or match.group(2), folder)
        found.update(path for path in paths if is_photo(path))
    return found
