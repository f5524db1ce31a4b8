"""Older and newer article of each article, in the order of the site's own list."""

from __future__ import annotations

from collections.abc import Sequence


def neighbors(articles: Sequence) -> dict[int, tuple[object | None, object | None]]:
    """Map ``id(article)`` to ``(older, newer)``; ``articles`` are newest first."""
    result = {}
    for position, article in enumerate(articles):
        newer = articles[position - 1] if position > 0 else None
        older = articles[position + 1] if position + 1 < len(articles) else None
        result[id(article)] = (older, newer)
    return result
