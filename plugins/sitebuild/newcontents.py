"""Early pages of new articles and pages: a source the last build did not read, or an
article it read whose page moves (another date, category or slug, a draft published), in
the preview.

The officer's first save of a new article (or of a new page, such as a page about the
union's hotline) would otherwise wait for the full build (seconds at a thousand articles,
most of a minute at ten thousand). Its own page follows from its source and from the last
build's contents: it is read by the main site's article (or page) generator as the build
reads it (``earlypages``), given its URLs, and put in its place among the site's articles
(or pages), from which the plugins work out what they add after reading
(``hooks.content_added``: neighbours, related articles, photos). The menu on every page
lists the pages, so a new page's own page shows it there; the lists, tags, feeds and the
other pages' menus that will show it follow with the full build, as in Hugo's fast render
mode. The full build then writes the same page (``test_early_pages.py`` checks it).

New articles saved one after another while a build runs are placed together, each among
the others. A new translation, an article or page in another language, one whose address
or translation key another content has (or another new one: two texts of one article) or
a hidden one is left to the full build. A photo the site does not have yet is made for the
early page (``hooks.content_added``); a new file of the site saved meanwhile (the photo
itself, copied in first) is not a source and holds no early page back.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable
from itertools import chain
from operator import attrgetter

from pelican.contents import Article, Content
from pelican.generators import ArticlesGenerator
from pelican.utils import order_content

from .hooks import content_added
from .memberlists import translation_names
from .receivers import freeze_url

SHOWN = ("published", "draft")  # the statuses whose page the preview shows


def kind_of(generator) -> str:
    """The prefix of the settings that say what ``generator`` reads, and how its contents
    pair and sort: ``ARTICLE_PATHS``, ``PAGE_ORDER_BY``…"""
    return "ARTICLE" if isinstance(generator, ArticlesGenerator) else "PAGE"


def reads(generator, source: str) -> bool:
    """Whether ``generator`` reads ``source``: Pelican's ``get_files`` over its
    ``*_PATHS`` without its ``*_EXCLUDES`` (and ``IGNORE_FILES``), asked of one file
    instead of walking the whole content folder."""
    settings = generator.settings
    kind = kind_of(generator)
    if not os.path.isfile(source) or not generator._include_path(source):
        return False
    ignores = settings["IGNORE_FILES"]
    excluded = {
        os.path.normpath(os.path.join(generator.path, folder))
        for folder in settings[f"{kind}_EXCLUDES"]
    }
    for root in settings[f"{kind}_PATHS"]:
        base = os.path.normpath(os.path.join(generator.path, root) if root else generator.path)
        if not os.path.isdir(base):
            if base == os.path.normpath(source):
                return True
            continue
        inside = os.path.relpath(source, base)
        if inside.startswith(os.pardir):
            continue
        folder = base  # each folder below the root, as the walk would prune it
        for name in inside.split(os.sep)[:-1]:
            folder = os.path.join(folder, name)
            if folder in excluded or any(fnmatch.fnmatch(name, i) for i in ignores):
                break
        else:
            return True
    return False


def is_site_file(generator, source: str) -> bool:
    """Whether ``source`` is a file the site copies (a photo, a document under
    ``STATIC_PATHS``), not a text any reader reads."""
    if generator._include_path(source):
        return False
    inside = os.path.relpath(source, generator.path)
    folders = [os.path.normpath(folder) for folder in generator.settings["STATIC_PATHS"]]
    return any(inside == folder or inside.startswith(folder + os.sep) for folder in folders)


def listed(contents: list, added: list[Content], settings: dict, kind: str) -> list:
    """The site's ``contents`` (its articles, or pages: ``kind``) with the published
    ``added`` among them, in the order the full build gives: Pelican sorts them by
    translation key to pair translations, then by ``*_ORDER_BY`` (a stable sort:
    articles of one date stay in key order)."""
    if not added:
        return contents
    together = [*contents, *added]
    names = translation_names(settings[f"{kind}_TRANSLATION_ID"])
    if names:
        together.sort(key=attrgetter(*names))
    return order_content(together, settings[f"{kind}_ORDER_BY"])


def place(content: Content, settings: dict) -> tuple:
    """Where ``content`` stands: the address it writes, its type, and its translation key
    (None when its kind pairs no translations)."""
    kind = "ARTICLE" if isinstance(content, Article) else "PAGE"
    names = translation_names(settings[f"{kind}_TRANSLATION_ID"])
    key = tuple(getattr(content, name, None) for name in names) if names else None
    return content.save_as, type(content), key


def places(contents: Iterable[Content], settings: dict) -> dict[int, tuple]:
    """``place`` of each of ``contents``, by ``id`` (the last build's, worked out before a
    save: ``Capture.prepare``)."""
    return {id(content): place(content, settings) for content in contents}


def _taken(content: Content, others: Iterable[Content], settings: dict, known: dict) -> bool:
    """Whether another content writes ``content``'s address or pairs with it as a
    translation (the full build reports the one, pairs the other across sites); ``known``:
    the ``place`` of some of ``others``, by ``id``."""
    address, cls, key = place(content, settings)
    for other in others:
        other_address, other_cls, other_key = known.get(id(other)) or place(other, settings)
        if other_address == address:
            return True
        if key is not None and other_cls is cls and other_key == key:
            return True
    return False


def finish(
    generator,
    added: list[Content],
    others: list[Content],
    contents: list,
    files: dict,
    known: dict | None = None,
) -> tuple[list[Content], list] | None:
    """The contents ``added``, read by ``generator`` from new sources, finished as the
    full build will finish them, among each other and the site's other ``contents`` (its
    articles, or pages), and those with the published ones in place; None when only the
    full build can show them (``others``: every other content the last build wrote, in
    every language site, and the other new ones; ``files``: see ``hooks.content_added``;
    ``known``: ``places`` of the others, worked out ahead)."""
    settings = generator.settings
    kind = kind_of(generator)
    for number, content in enumerate(added):
        if content.status not in SHOWN or content.lang != settings["DEFAULT_LANG"]:
            return None
        if _taken(content, chain(others, added[number + 1 :]), settings, known or {}):
            return None
    for content in added:
        freeze_url(content)
    published = [content for content in added if content.status == "published"]
    contents = listed(contents, published, settings, kind)
    for content in added:
        answers = content_added.send(content, generator=generator, contents=contents, files=files)
        if any(answer is False for _, answer in answers):
            return None
    return added, contents
