"""Related articles, computed once for a whole site from an inverted index.

Two articles are related when they share a campaign, a model, a branch or a tag; each
shared key adds its kind's weight. Every article's list comes from one pass over the
index, so a site of thousands of articles never compares every pair in Jinja.
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


def related_index(
    articles: Sequence, weights: Mapping[str, float] = DEFAULT_WEIGHTS, limit: int = 4
) -> dict[int, list]:
    """Map ``id(article)`` to its most related articles, best first, newest on ties.

    ``articles`` are assumed newest first (Pelican's order); the position breaks ties.
    """
    postings: dict[tuple[str, str], list[int]] = defaultdict(list)
    keys_of = []
    for position, article in enumerate(articles):
        keys = _keys(article, weights)
        keys_of.append(keys)
        for key in keys:
            postings[key].append(position)
    result: dict[int, list] = {}
    for position, article in enumerate(articles):
        scores: dict[int, float] = defaultdict(float)
        for key in keys_of[position]:
            for other in postings[key]:
                if other != position:
                    scores[other] += weights[key[0]]
        best = heapq.nsmallest(limit, scores, key=lambda other: (-scores[other], other))
        result[id(article)] = [articles[other] for other in best]
    return result
