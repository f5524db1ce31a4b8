"""Catch content that would overwrite other content, and translations without originals.

Pelican 4.12 stops the whole build with ``FileOverwriteFailedError`` when two sources
write the same file. Here the later source is dropped with a message naming both, so
one mistake costs one article, not the site.
"""

from __future__ import annotations

import logging
from itertools import chain

from pelican.utils import order_content

from tinhoi.sitebuild.memberlists import process_translations
from tinhoi.sitebuild.sites import ERROR, is_main_site, main_lang, report, source_label

logger = logging.getLogger(__name__)
WARNING = "warning"

# (published, translations) list pairs of each generator kind
_ARTICLE_LISTS = (
    ("articles", "translations"),
    ("hidden_articles", "hidden_translations"),
    ("drafts", "drafts_translations"),
)
_PAGE_LISTS = (
    ("pages", "translations"),
    ("hidden_pages", "hidden_translations"),
    ("draft_pages", "draft_translations"),
)


def _drop_duplicates(generator, pairs, translation_id, order_by) -> None:
    everything = [item for pair in pairs for name in pair for item in getattr(generator, name, [])]
    owners = {}
    dropped = set()
    for item in sorted(everything, key=lambda item: item.source_path):
        if not item.save_as:
            continue  # writes nothing (a draft in make publish): it overwrites nothing
        key = (item.lang, item.save_as)
        first = owners.setdefault(key, item)
        if first is item:
            continue
        dropped.add(id(item))
        url = "/" + item.url if item.url else "/"
        report(
            logger,
            generator.settings,
            item.source_path,
            item.metadata.get("meta_lines", {}).get("slug", 0),
            ERROR,
            f"trùng địa chỉ {url} với {source_label(generator.settings, first.source_path)}; "
            "bài này bị bỏ qua. "
            "Hãy đặt “Slug:” khác cho một trong hai bài.",
        )
    if not dropped:
        return
    for originals, translations in pairs:
        kept = [
            item
            for item in chain(
                getattr(generator, originals, []), getattr(generator, translations, [])
            )
            if id(item) not in dropped
        ]
        index, others = process_translations(kept, translation_id=translation_id)
        setattr(generator, originals, order_content(index, order_by))
        setattr(generator, translations, others)


def _report_orphans(generator, originals) -> None:
    settings = generator.settings
    if not is_main_site(settings):
        return
    for item in originals:
        if item.lang != main_lang(settings):
            report(
                logger,
                settings,
                item.source_path,
                item.metadata.get("meta_lines", {}).get("slug", 0),
                WARNING,
                "bản dịch không có bài gốc tiếng Việt cùng “Slug:” và “Date:”; "
                "bài chỉ hiện ở trang tiếng Anh.",
            )


def check_articles(generator) -> None:
    """``article_generator_pretaxonomy``: drop URL collisions, flag orphan translations."""
    settings = generator.settings
    _drop_duplicates(
        generator, _ARTICLE_LISTS, settings["ARTICLE_TRANSLATION_ID"], settings["ARTICLE_ORDER_BY"]
    )
    _report_orphans(generator, generator.articles)


def check_pages(generator) -> None:
    """``page_generator_finalized``: the same for pages."""
    settings = generator.settings
    _drop_duplicates(
        generator, _PAGE_LISTS, settings["PAGE_TRANSLATION_ID"], settings["PAGE_ORDER_BY"]
    )
    _report_orphans(generator, generator.pages)
