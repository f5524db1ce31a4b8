"""Jinja filters and globals of the theme: absolute URLs, canonical, sizes, inline CSS."""

from __future__ import annotations

import datetime as dt
import os
import re
from functools import lru_cache
from urllib.parse import urljoin
from zoneinfo import ZoneInfo

from babel.numbers import format_decimal
from jinja2 import pass_context
from markupsafe import Markup

from tinhoi.sitebuild.pagereads import reads_shallow
from tinhoi.sitebuild.sites import public_base

from .home import current

_LOCALES = {"vi": "vi", "en": "en_GB"}
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_CSS_SPACE = re.compile(r"\s+")
_CSS_PUNCT = re.compile(r"\s*([{};,>])\s*")


def _main_base(context) -> str:
    settings = {
        "SITEURL": context.get("MAIN_SITEURL", context.get("SITEURL", "")),
        "FEED_DOMAIN": context.get("MAIN_FEED_DOMAIN") or context.get("FEED_DOMAIN"),
    }
    return public_base(settings)


@reads_shallow
@pass_context
def absolute_url(context, url: str) -> str:
    """Make ``url`` absolute: link previews, canonical and hreflang need full URLs.

    Root-relative URLs (``/en/…``) resolve against the main site's host, relative ones
    (``2026/11/x/``) against this language site. In a preview build the base is the
    preview server (``FEED_DOMAIN``), as in the feeds.
    """
    url = str(url or "")
    if url.startswith(("http://", "https://")):
        return url
    if url.startswith("/"):
        return urljoin(urljoin(_main_base(context) + "/", "/"), url)
    return urljoin(public_base(context) + "/", url)


def _page_url(context) -> str | None:
    for key in ("article", "page"):
        item = context.get(key)
        if item is not None and hasattr(item, "url"):
            return item.url
    if context.get("output_file") == "404.html":
        return None
    page = context.get("articles_page")
    if page is not None and getattr(page, "number", 1) > 1:
        return page.url
    url = context.get("url")
    return url if isinstance(url, str) else None


@reads_shallow
@pass_context
def canonical_url(context) -> str:
    """The absolute URL of the page being rendered ("" for the 404 page)."""
    url = _page_url(context)
    return "" if url is None else absolute_url(context, url)


@reads_shallow
@pass_context
def filesize(context, size: int | None) -> str:
    """``54 KB``, ``1,2 MB`` (vi) / ``1.2 MB`` (en)."""
    if not size:
        return ""
    locale = _LOCALES.get(context.get("DEFAULT_LANG"), "vi")
    if size < 1000 * 1000:
        return f"{format_decimal(max(1, round(size / 1000)), locale=locale)} KB"
    return f"{format_decimal(round(size / 1000 / 1000, 1), format='#,##0.#', locale=locale)} MB"


@reads_shallow
@pass_context
def og_locale(context, lang: str) -> str:
    """``vi`` → ``vi_VN`` (Open Graph's ``ll_CC`` form)."""
    return context.get("THEMEKIT_LOCALES", {}).get(lang, lang)


@reads_shallow
@pass_context
def language_name(context, lang: str) -> str:
    """A language's name in that language: ``Tiếng Việt``, ``English``."""
    return context.get("THEMEKIT_LANGUAGE_NAMES", {}).get(lang, lang)


@reads_shallow  # the campaigns' dates
@pass_context
def current_campaigns(context, campaigns) -> list:
    """The campaigns running today (in the site's time zone): the build's day, looked up
    as a name so that the key of each page showing them follows it."""
    today = (
        context.get("TODAY") or dt.datetime.now(ZoneInfo(context.get("TIMEZONE") or "UTC")).date()
    )
    return current(campaigns or [], today)


def minify_css(text: str) -> str:
    """Drop comments and needless spaces; the stylesheet is written one rule a line."""
    text = _CSS_SPACE.sub(" ", _CSS_COMMENT.sub("", text))
    return _CSS_PUNCT.sub(r"\1", text).replace(";}", "}").strip()


@lru_cache(maxsize=8)
def _read_css(path: str, mtime_ns: int) -> str:
    with open(path, encoding="utf-8") as handle:
        return minify_css(handle.read())


@reads_shallow
@pass_context
def inline_css(context, name: str) -> Markup:
    """The theme stylesheet ``static/css/<name>``, minified, for a ``<style>`` element.

    Inlined, the page needs no second round trip before the first paint.
    """
    path = os.path.join(context["THEME"], "static", "css", name)
    return Markup(_read_css(path, os.stat(path).st_mtime_ns))


FILTERS = {
    "absolute_url": absolute_url,
    "filesize": filesize,
    "og_locale": og_locale,
    "language_name": language_name,
    "current_campaigns": current_campaigns,
}
GLOBALS = {"canonical_url": canonical_url, "inline_css": inline_css}
