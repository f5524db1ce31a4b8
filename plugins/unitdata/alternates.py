"""Where the page being rendered exists in each language (hreflang, language switch, sitemap).

One function serves the theme and the sitemap, so both always agree. Only real
counterparts are returned: a tag or a month archive has none, so it gets no hreflang
and its language switch falls back to the other language's home page.
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urljoin

from jinja2 import pass_context

from tinhoi.sitebuild.pagereads import reads_shallow
from tinhoi.sitebuild.urls import FIXED_PAGES, save_as


def _base(siteurl: str) -> str:
    return (siteurl or "") + "/"


def absolute(siteurl: str, url: str) -> str:
    """Resolve a content URL (possibly ``../x/`` across sites) against ``siteurl``."""
    return urljoin(_base(siteurl), url)


def _content_alternates(context: Mapping, item) -> list[tuple[str, str]]:
    here = context["SITEURL"]
    pairs = [(item.lang, absolute(here, item.url))]
    pairs += [(t.lang, absolute(here, t.url)) for t in getattr(item, "translations", [])]
    return sorted(pairs, key=lambda pair: pair[0] != context.get("main_lang", pair[0]))


def _pattern_alternates(context: Mapping, kind: str, values) -> list[tuple[str, str]]:
    siteurls = context.get("lang_siteurls") or {context["DEFAULT_LANG"]: context["SITEURL"]}
    pairs = []
    for lang, siteurl in siteurls.items():
        pattern = context["SITE_URLS"].get(lang, {}).get(kind)
        if pattern is None:
            continue
        fields = values(lang)
        if fields is None:
            continue
        pairs.append((lang, absolute(siteurl, pattern.format(**fields))))
    return pairs


def alternates_for(context: Mapping) -> list[tuple[str, str]]:
    """(lang, url) for every language version of the page described by ``context``."""
    for key in ("article", "page"):
        item = context.get(key)
        if item is not None and hasattr(item, "lang"):
            return _content_alternates(context, item)
    page = context.get("articles_page")
    if page is not None and getattr(page, "number", 1) > 1:
        return []
    category = context.get("category")
    data = context.get("UNIT_DATA")
    if category is not None and data is not None:
        info = data.find_category(getattr(category, "key", category.slug))
        if info is None:
            return []
        return _pattern_alternates(context, "category", lambda lang: {"slug": info.slug(lang)})
    for kind in ("branch", "campaign", "model", "former_unit"):
        entry = context.get(kind)
        if entry is not None:
            fields = {"id": entry.id, "slug": entry.id}
            return _pattern_alternates(context, kind, lambda lang, fields=fields: fields)
    # direct templates are known by the file they are written to
    output = context.get("output_file")
    patterns = context["SITE_URLS"].get(context["DEFAULT_LANG"], {})
    for kind in FIXED_PAGES:
        if kind in patterns and save_as(patterns[kind]) == output:
            return _pattern_alternates(context, kind, lambda lang: {})
    return []


@reads_shallow  # the page's content: its URL and its translations' URLs
@pass_context
def alternates(context) -> list[tuple[str, str]]:
    """Jinja global: ``{% for lang, url in alternates() %}``."""
    return alternates_for(context)
