"""Lists of articles that answer ``article in articles`` at once.

Pelican's writer picks each tag's, category's and author's articles out of the site's
dated list one by one: ``[a for a in self.dates if a in articles]``, a scan of a list for
every article of the site. That is quadratic: about a second per language site at 4,000
articles, several at 10,000. ``ArticleList`` keeps the ids of its items for ``in``; any
change to the list drops them, and they are taken again at the next ``in``.

Each month's archive is picked out the same way, ``[a for a in articles if a in dates]``
with the month's articles as ``dates``, inside Pelican's reading: there the generator's own
method makes the archives, and their articles are put in here (``index_period_archives``).

Pelican's ``process_translations`` ends the same way, ``[x for x in contents if x not in
index]``: the generators call it one group of translations at a time instead
(``process_translations`` here, put in place by ``pair_translations_by_group``).
"""

from __future__ import annotations

from itertools import groupby
from operator import attrgetter

from pelican import generators
from pelican import utils as pelican_utils

_PELICAN_PROCESS_TRANSLATIONS = pelican_utils.process_translations

MUTATORS = (
    "__setitem__",
    "__delitem__",
    "__iadd__",
    "__imul__",
    "append",
    "extend",
    "insert",
    "remove",
    "pop",
    "clear",
)


def _forgetting_ids(cls: type) -> type:
    """Make each of ``MUTATORS`` drop the ids ``__contains__`` keeps."""

    def forgetting(name: str):
        method = getattr(list, name)

        def mutate(self, *args):
            self._ids = None
            return method(self, *args)

        mutate.__name__ = name
        return mutate

    for name in MUTATORS:
        setattr(cls, name, forgetting(name))
    return cls


@_forgetting_ids
class ArticleList(list):
    """A list whose ``in`` looks its item up by identity, as a list of contents compares."""

    __slots__ = ("_ids",)

    def __init__(self, items=()):
        super().__init__(items)
        self._ids: frozenset[int] | None = None

    def __contains__(self, item) -> bool:
        if self._ids is None:
            self._ids = frozenset(map(id, self))
        return id(item) in self._ids

    def __reduce__(self):
        # ids mean nothing in another process: a copy takes its own
        return type(self), (list(self),)


def index_article_lists(generator) -> None:
    """``article_generator_finalized``: the tags', categories' and authors' lists of
    articles become ``ArticleList``s, in the generator and in its context alike."""
    tags = getattr(generator, "tags", None)
    if isinstance(tags, dict):
        for tag, articles in tags.items():
            tags[tag] = ArticleList(articles)
        pairs = generator.context.get("tags")
        if isinstance(pairs, list):
            pairs[:] = [(tag, tags.get(tag, articles)) for tag, articles in pairs]
    for name in ("categories", "authors"):
        pairs = getattr(generator, name, None)
        if isinstance(pairs, list):  # the context holds this very list
            pairs[:] = [(key, ArticleList(articles)) for key, articles in pairs]


def index_period_archives(generator) -> None:
    """``article_generator_pretaxonomy``: the month (and year, day) archives get their
    articles in the site's order at once. Pelican's method still makes each archive (its
    dates, URL and period), given no articles to scan; each archive's articles are then its
    dates in the order of the site's list, as Pelican's scan would give them."""
    make = generator._build_period_archives

    def period_archives(sorted_articles, articles, settings):
        archives = make(sorted_articles, [], settings)
        position = {id(article): number for number, article in enumerate(articles)}
        for periods in archives.values():
            for archive in periods:
                members = [article for article in archive["dates"] if id(article) in position]
                archive["articles"] = sorted(members, key=lambda article: position[id(article)])
        return archives

    generator._build_period_archives = period_archives  # this generator's, for this build


def translation_names(translation_id) -> list[str]:
    """The header keys a ``*_TRANSLATION_ID`` setting names (none: not paired)."""
    translation_id = translation_id or ()
    return [translation_id] if isinstance(translation_id, str) else list(translation_id)


def process_translations(content_list, translation_id=None):
    """Pelican's ``utils.process_translations`` (the same lists in the same order, the same
    ``translations`` of each content, warnings and errors), called on one group of
    translations at a time: its last step scans every original for every content, about
    1.5 s a language site at 10,000 articles; within a group it scans one or two."""
    pelican = _PELICAN_PROCESS_TRANSLATIONS
    if not translation_id:
        return pelican(content_list, translation_id)
    key = attrgetter(*translation_names(translation_id))
    try:
        content_list.sort(key=key)  # in place, as Pelican's does
    except (TypeError, AttributeError):  # Pelican's own message
        return pelican(content_list, translation_id)
    index, translations = [], []
    for _, group in groupby(content_list, key):
        originals, others = pelican(list(group), translation_id)
        index.extend(originals)
        translations.extend(others)
    return index, translations


def pair_translations_by_group(pelican) -> None:
    """``initialized``: Pelican's generators pair translations with
    ``process_translations`` above (they call it by its name in their module)."""
    generators.process_translations = process_translations
