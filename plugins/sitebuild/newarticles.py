"""Early pages of new articles: a source the last build did not read, or one it read
whose page moves (another date, category or slug, a draft published), in the preview.

The officer's first save of a new article would otherwise wait for the full build (seconds
at a thousand articles, most of a minute at ten thousand). Its own page follows from its
source and from the last build's articles: it is read by the main site's article
generator as the build reads it (``earlypages``), given its URLs, and put in its place
among the site's articles, from which the plugins work out what they add after reading
(``hooks.content_added``: neighbours, related articles, photos). The lists, tags and
feeds that will show it follow with the full build, as in Hugo's fast render mode; the
full build then writes the same page (``test_early_pages.py`` checks it).

New articles saved one after another while a build runs are placed together, each among
the others. A new translation, an article in another language, one whose address or
translation key another content has (or another new one: two texts of one article) or
a hidden article is left to the full build. A photo the site does not have yet is made
for the early page (``hooks.content_added``); a new file of the site saved meanwhile (the
photo itself, copied in first) is not a source and holds no early page back.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable
from itertools import chain
from operator import attrgetter

from pelican.contents import Article, Content
from pelican.utils import order_content

from .hooks import content_added
from .memberlists import translation_names
from .receivers import freeze_url

SHOWN = ("published", "draft")  # the statuses whose page the preview shows


def reads(generator, source: str) -> bool:
    """Whether ``generator`` reads ``source`` as an article: Pelican's ``get_files`` over
    ``ARTICLE_PATHS`` without ``ARTICLE_EXCLUDES`` (and ``IGNORE_FILES``), asked of one
    file instead of walking the whole content folder."""
    settings = generator.settings
    if not os.path.isfile(source) or not generator._include_path(source):
        return False
    ignores = settings["IGNORE_FILES"]
    excluded = {
        os.path.normpath(os.path.join(generator.path, folder))
        for folder in settings["ARTICLE_EXCLUDES"]
    }
    for root in settings["ARTICLE_PATHS"]:
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


def listed(articles: list, added: list[Article], settings: dict) -> list:
    """The site's ``articles`` with the published articles ``added`` among them, in the
    order the full build gives: Pelican sorts them by translation key to pair translations,
    then by ``ARTICLE_ORDER_BY`` (a stable sort: articles of one date stay in key order)."""
    if not added:
        return articles
    together = [*articles, *added]
    names = translation_names(settings["ARTICLE_TRANSLATION_ID"])
    if names:
        together.sort(key=attrgetter(*names))
    return order_content(together, settings["ARTICLE_ORDER_BY"])


def _taken(article: Article, others: Iterable[Content], settings: dict) -> bool:
    """Whether another content writes ``article``'s address or pairs with it as a
    translation (the full build reports the one, pairs the other across sites)."""
    names = translation_names(settings["ARTICLE_TRANSLATION_ID"])
    key = [getattr(article, name, None) for name in names]
    address = article.save_as  # worked out from the settings on each access until frozen
    for other in others:
        if other.save_as == address:
            return True
        paired = isinstance(other, Article) and [getattr(other, n, None) for n in names] == key
        if names and paired:
            return True
    return False


def finish(
    generator, added: list[Content], others: list[Content], articles: list, files: dict
) -> list[Content] | None:
    """The articles ``added``, read by ``generator`` from new sources, finished as the
    full build will finish them, among each other and the site's other ``articles``; None
    when only the full build can show them (``others``: every other content the last build
    wrote, in every language site; ``files``: see ``hooks.content_added``)."""
    settings = generator.settings
    for number, article in enumerate(added):
        if not isinstance(article, Article) or article.status not in SHOWN:
            return None
        if article.lang != settings["DEFAULT_LANG"]:
            return None
        if _taken(article, chain(others, added[number + 1 :]), settings):
            return None
    for article in added:
        freeze_url(article)
    articles = listed(articles, [a for a in added if a.status == "published"], settings)
    for article in added:
        answers = content_added.send(article, generator=generator, articles=articles, files=files)
        if any(answer is False for _, answer in answers):
            return None
    return added
