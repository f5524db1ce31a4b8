"""Collect the aliases of every page (signal receivers), and keep those that can be written.

The main-language site collects the aliases of every language: it sees all sources
before i18n_subsites sends the translations to their own sites, and old addresses live
at the root of the host whatever the language of the page they now lead to.
"""

from __future__ import annotations

import logging
from itertools import chain
from urllib.parse import urlsplit

from tinhoi.sitebuild.sites import ERROR, is_main_site, report, source_label
from tinhoi.vietnamese.frontmatter import split_list

from .aliases import Alias, conflict_message, normalise, page_key

logger = logging.getLogger(__name__)
COLLECTED = "_redirects_aliases"  # the context entry (private: the pages' kwargs count)
_ARTICLE_LISTS = ("articles", "translations")
_PAGE_LISTS = ("pages", "translations", "hidden_pages", "hidden_translations")


def site_path(settings: dict) -> str:
    """The path the site lives under on its host ("" or "/repo")."""
    return urlsplit(settings.get("SITEURL") or "").path.rstrip("/")


def public_path(settings: dict, item, kind: str) -> str:
    """Where ``item`` is served on the host, whatever the language of the site building."""
    base = site_path(settings)
    if item.lang == settings["DEFAULT_LANG"]:
        return f"{base}/{item.url}"
    pattern = settings["SITE_URLS"].get(item.lang, {}).get(kind)
    if pattern is None:  # a language without a site stays in this one
        return f"{base}/{item.url}"
    return f"{base}/{item.lang}/{pattern.format(**item.url_format)}"


def _collect(generator, lists: tuple[str, ...], kind: str) -> None:
    settings = generator.settings
    if not is_main_site(settings):
        return
    items = list(chain.from_iterable(getattr(generator, name, []) for name in lists))
    collected = generator.context.setdefault(COLLECTED, {"aliases": [], "pages": set()})
    collected["pages"].update(public_path(settings, item, kind) for item in items)
    for item in sorted(items, key=lambda item: item.source_path):
        written = item.metadata.get("aliases")
        if not written:
            continue
        line = item.metadata.get("meta_lines", {}).get("aliases", 0)
        for text in split_list(written):
            path, problem = normalise(text)
            if problem:
                report(logger, settings, item.source_path, line, ERROR, problem)
                continue
            collected["aliases"].append(
                Alias(
                    path=path,
                    target=public_path(settings, item, kind),
                    title=item.title,
                    lang=item.lang,
                    source=item.source_path,
                    line=line,
                )
            )


def collect_articles(generator) -> None:
    """``article_generator_pretaxonomy``: the aliases of every language's articles."""
    _collect(generator, _ARTICLE_LISTS, "article")


def collect_pages(generator) -> None:
    """``page_generator_finalized``: the aliases of every language's pages."""
    _collect(generator, _PAGE_LISTS, "page")


def checked_aliases(settings: dict, context: dict, taken: set[str]) -> list[Alias]:
    """The aliases to write: one per path, none over a real page (each mistake reported)."""
    collected = context.get(COLLECTED) or {"aliases": [], "pages": set()}
    pages = {page_key(page): page for page in (*collected["pages"], *taken)}
    kept: dict[str, Alias] = {}
    for alias in collected["aliases"]:
        key = page_key(alias.path)
        if key in pages:
            if key != page_key(alias.target):  # a page's own address: nothing to do
                message = conflict_message(alias.path, f"trang {pages[key]} đang có")
                report(logger, settings, alias.source, alias.line, ERROR, message)
            continue
        first = kept.get(key)
        if first is not None:
            where = source_label(settings, first.source) + (f":{first.line}" if first.line else "")
            message = conflict_message(alias.path, f"địa chỉ cũ của {first.target} ({where})")
            report(logger, settings, alias.source, alias.line, ERROR, message)
            continue
        kept[key] = alias
    return list(kept.values())
