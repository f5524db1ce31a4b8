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
# an article with more keys than this is scored article by article (2**keys groups)
MAX_EXACT_KEYS = 10


def _keys(article, kinds: Iterable[str]) -> set[tuple[str, str]]:
    keys = set()
    for kind in kinds:
        for item in getattr(article, kind, None) or ():
            ident = getattr(item, "id", None) or getattr(item, "slug", None) or str(item)
            keys.add((kind, ident))
    return keys


class RelatedIndex:
    """Related articles of a site, worked out only for the articles whose page is rendered.

    The index is built on first use, in the process that renders; after an edit that is
    one page, so the thousands of other lists are never computed.

    Each key's articles are one bitset (a Python int, bit ``p`` for the article at
    position ``p``). An article's candidates fall into groups by the exact set of keys
    they share with it, and a group's score is that set's weight; the groups are visited
    best score first and each gives its articles newest first, until the list is full.
    Adding up scores article by article instead costs what the keys' postings hold: on a
    site of ten thousand articles a branch or a campaign has thousands, for each page.
    """

    def __init__(
        self, articles: Sequence, weights: Mapping[str, float] = DEFAULT_WEIGHTS, limit: int = 4
    ):
        self.articles = articles
        self.weights = weights
        self.limit = limit
        self._members: dict[tuple[str, str], int] | None = None
        self._keys_of: list[list[tuple[str, str]]] = []
        self._position: dict[int, int] = {}

    def _build(self) -> dict[tuple[str, str], int]:
        postings: dict[tuple[str, str], list[int]] = defaultdict(list)
        for position, article in enumerate(self.articles):
            keys = list(_keys(article, self.weights))
            self._keys_of.append(keys)
            self._position[id(article)] = position
            for key in keys:
                postings[key].append(position)
        size = len(self.articles) // 8 + 1
        members = {}
        for key, positions in postings.items():
            bits = bytearray(size)
            for position in positions:
                bits[position >> 3] |= 1 << (position & 7)
            members[key] = int.from_bytes(bits, "little")
        return members

    def prepare(self) -> None:
        """Build the index now (the preview, once a build is done: ``early_pages_waiting``)."""
        if self._members is None:
            self._members = self._build()

    def of(self, article) -> list:
        """``article``'s most related articles, best first, newest on ties.

        ``articles`` are assumed newest first (Pelican's order); the position breaks ties.
        """
        self.prepare()
        position = self._position.get(id(article))
        if position is None:
            return []
        ranked = self._ranked(self._keys_of[position], 1 << position)
        return [self.articles[other] for _score, other in ranked]

    def among(self, articles: Sequence, article) -> list | None:
        """``article``'s list among ``articles``, from this index: what an index of
        ``articles`` gives, when this index's articles that are among them keep their
        order (the preview's early page of a new or re-read article: it is added, or
        stands in for one; others saved meanwhile are scored one by one); None when they
        do not. A new article's place leaves the others' order, and so the ties, as they
        were."""
        self.prepare()
        positions = self._position
        own = self.articles
        at: dict[int, int] = {}  # an indexed article's position → its place in ``articles``
        extra = []  # (place, article) of the articles this index does not hold
        last = -1
        present = False
        for place, item in enumerate(articles):
            if item is article:
                present = True
                continue
            position = positions.get(id(item))
            if position is None or own[position] is not item:
                extra.append((place, item))
                continue
            if position <= last:
                return None
            at[position] = place
            last = position
        if not present:  # a draft, or a hidden article: as ``of`` gives it
            return []
        left_out = 0
        if len(at) < len(own):
            for position in set(range(len(own))).difference(at):
                left_out |= 1 << position
        keys = list(_keys(article, self.weights))
        found = [(-score, at[other], own[other]) for score, other in self._ranked(keys, left_out)]
        for place, item in extra:
            theirs = _keys(item, self.weights)
            score = 0
            for key in keys:  # summed in the order the index sums it
                if key in theirs:
                    score += self.weights[key[0]]
            if score:
                found.append((-score, place, item))
        found.sort(key=lambda entry: entry[:2])
        return [item for _score, _place, item in found[: self.limit]]

    def _ranked(self, keys: list, left_out: int) -> list[tuple[float, int]]:
        """(score, position) of the best articles sharing ``keys``, best first, but those
        whose bit is in ``left_out``."""
        if len(keys) > MAX_EXACT_KEYS:
            return self._by_scores(keys, left_out)
        sets = [self._members.get(key, 0) for key in keys]
        weights = [self.weights[key[0]] for key in keys]
        # every non-empty set of shared keys, by score; each score summed in the order of
        # ``keys``, as an article-by-article sum would add it up
        groups: dict[float, list[int]] = defaultdict(list)
        for shared in range(1, 1 << len(keys)):
            score = 0
            for index, weight in enumerate(weights):
                if shared >> index & 1:
                    score += weight
            groups[score].append(shared)
        others = ~left_out
        found: list[tuple[float, int]] = []
        for score in sorted(groups, reverse=True):
            candidates = 0
            for shared in groups[score]:
                inside, outside = -1, 0
                for index, members in enumerate(sets):
                    if shared >> index & 1:
                        inside &= members
                    else:
                        outside |= members
                candidates |= inside & ~outside
            candidates &= others
            while candidates and len(found) < self.limit:
                lowest = candidates & -candidates
                found.append((score, lowest.bit_length() - 1))
                candidates ^= lowest
            if len(found) >= self.limit:
                break
        return found

    def _by_scores(self, keys: list, left_out: int) -> list[tuple[float, int]]:
        """The same list, scored article by article (an article with very many keys)."""
        scores: dict[int, float] = defaultdict(float)
        for key in keys:
            members = self._members.get(key, 0) & ~left_out
            while members:
                lowest = members & -members
                members ^= lowest
                scores[lowest.bit_length() - 1] += self.weights[key[0]]
        best = heapq.nsmallest(self.limit, scores, key=lambda other: (-scores[other], other))
        return [(scores[other], other) for other in best]


class RelatedArticles(Sequence):
    """``article.related_articles`` for templates: computed when first looked at; among
    ``articles`` when given (``RelatedIndex.among``), else among the index's own."""

    def __init__(self, index: RelatedIndex, article, articles: Sequence | None = None):
        self._index = index
        self._article = article
        self._articles = articles
        self._items: list | None = None

    def _list(self) -> list:
        if self._items is None:
            if self._articles is None:
                self._items = self._index.of(self._article)
            else:
                self._items = self._index.among(self._articles, self._article)
                if self._items is None:  # the index's articles in another order
                    index = RelatedIndex(self._articles, self._index.weights, self._index.limit)
                    self._items = index.of(self._article)
        return self._items

    def __getitem__(self, item):
        return self._list()[item]

    def __len__(self) -> int:
        return len(self._list())


def related_instead(index: RelatedIndex, old, new) -> RelatedArticles | None:
    """``new``'s related articles where it stands in for ``old`` among the articles of
    ``index`` (an article saved with other tags, read again for an early page of the
    preview); None when it shares with the others what ``old`` shared, so ``old``'s list
    holds."""
    if _keys(new, index.weights) == _keys(old, index.weights):
        return None
    instead = [new if article is old else article for article in index.articles]
    return RelatedArticles(index, new, instead)


def related_index(
    articles: Sequence, weights: Mapping[str, float] = DEFAULT_WEIGHTS, limit: int = 4
) -> dict[int, list]:
    """Map ``id(article)`` to its most related articles (every article at once)."""
    index = RelatedIndex(articles, weights, limit)
    return {id(article): index.of(article) for article in articles}
