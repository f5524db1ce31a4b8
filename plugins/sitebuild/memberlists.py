"""Lists of articles that answer ``article in articles`` at once.

Pelican's writer picks each tag's, category's and author's articles out of the site's
dated list one by one: ``[a for a in self.dates if a in articles]``, a scan of a list for
every article of the site. That is quadratic: about a second per language site at 4,000
articles, several at 10,000. ``ArticleList`` keeps the ids of its items for ``in``; any
change to the list drops them, and they are taken again at the next ``in``.
"""

from __future__ import annotations

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
