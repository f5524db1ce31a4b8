"""Related articles, from an inverted index of the whole site.

Two articles are related when they share a campaign, a model, a branch or a tag; each
shared key adds its kind's weight. An article's list comes from the postings of its own
keys, so a site of thousands of articles never compares every pair, and a list is only
worked out when its page is rendered.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

# how much one shared key of each kind counts
DEFAULT_WEIGHTS = {"campaigns": 3, "models": 3, "branches": 2, "tags": 1}


def _keys(article, kinds: Iterable[str]) -> set[tuple[str, str]]:
    keys = set()
    for kind in kinds:
        for item in getattr(article, kind, None) or ():
            ident = getattr(item, "id", None) or getattr(item, "slug", None) or str(item)
            keys.add((kind, ident))
    return keys


class RelatedIndex:
    """Related articles of a site, worked out only for the articles whose page is rendered.

    The inverted index is built on first use, in the process that renders; after an edit
    that is one page, so the thousands of other lists are never computed.
    """

    def __init__(
        self, articles: Sequence, weights: Mapping[str, float] = DEFAULT_WEIGHTS, limit: int = 4
    ):
        self.articles = articles
        self.weights = weights
        self.limit = limit
        self._postings: dict[tuple[str, str], list[int]] | None = None
        self._keys_of: list[set[tuple[str, str]]] = []
        self._position: dict[int, int] = {}

    def _build(self) -> dict[tuple[str, str], list[int]]:
        postings: dict[tuple[str, str], list[int]] = defaultdict(list)
        for position, article in enumerate(self.articles):
            keys = _keys(article, self.weights)
            self._keys_of.append(keys)
            self._position[id(article)] = position
            for key in keys:
                postings[key].append(position)
        return postings

    def of(self, article) -> list:
        """``article``'s most related articles, best first, newest on ties.

        ``articles`` are assumed newest first (Pelican's order); the position breaks ties.
        """
        if self._postings is None:
            self._postings = self._build()
        position = self._position.get(id(article))
        if position is None:
            return []
        scores: dict[int, float] = defaultdict(float)
        for key in self._keys_of[position]:
            for other in self._postings[key]:
                if other != position:
                    scores[other] += self.weights[key[0]]
        best = heapq.nsmallest(self.limit, scores, key=lambda other: (-scores[other], other))
        return [self.articles[other] for other in best]


class RelatedArticles(Sequence):
    """``article.related_articles`` for templates: computed when first looked at."""

    def __init__(self, index: RelatedIndex, article):
        self._index = index
        self._article = article
        self._items: list | None = None

    def _list(self) -> list:
        if self._items is None:
            self._items = self._index.of(self._article)
        return self._items

    def __getitem__(self, item):
        return self._list()[item]

    def __len__(self) -> int:
        return len(self._list())


def related_index(
    articles: Sequence, weights: Mapping[str, float] = DEFAULT_WEIGHTS, limit: int = 4
) -> dict[int, list]:
    """Map ``id(article)`` to its most related articles (every article at once)."""
    index = RelatedIndex(articles, weights, limit)
    return {id(article): index.of(article) for article in articles}
