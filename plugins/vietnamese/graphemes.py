"""Grapheme-safe text for social posts: truncation at a word boundary, hashtags.

Zalo and Facebook count characters; Vietnamese letters carry up to two marks, and text
pasted from Word or macOS may be decomposed (NFD). Everything here works on NFC text and
cuts only between grapheme clusters (the ``regex`` module's ``\\X``), so "ệ" or "ữ" is
never split from its marks. Lengths are counted in code points after NFC, as the
platforms count them.
"""

from __future__ import annotations

import functools

from .text import nfc, strip_marks

ELLIPSIS = "…"
# what may be left dangling before the ellipsis
_TRAILING = " \t\n,;:-–—(\"'“‘"


@functools.cache
def _pattern(name: str):
    """The compiled pattern ``name``: ``regex`` is loaded the first time one is needed
    (a social post is written), not by every build (about 1.3 MB in each process)."""
    import regex

    return regex.compile({"grapheme": r"\X", "word": r"[\p{L}\p{M}\p{N}]+", "space": r"\s"}[name])


def length(text: str) -> int:
    """How many characters a platform counts in ``text`` (code points after NFC)."""
    return len(nfc(text))


def graphemes(text: str) -> list[str]:
    """The grapheme clusters of ``nfc(text)``."""
    return _pattern("grapheme").findall(nfc(text))


def truncate(text: str, limit: int, ellipsis: str = ELLIPSIS, min_word_ratio: float = 0.6) -> str:
    """Shorten ``text`` to at most ``limit`` characters, ending with ``ellipsis`` when cut.

    The cut falls between grapheme clusters, at the last space when one lies in the
    last ``1 - min_word_ratio`` of the room (a single very long word is cut inside).
    """
    text = nfc(text).strip()
    if length(text) <= limit:
        return text
    room = limit - len(ellipsis)
    if room <= 0:
        return ellipsis[: max(limit, 0)]
    kept: list[str] = []
    used = 0
    for cluster in graphemes(text):
        if used + len(cluster) > room:
            break
        kept.append(cluster)
        used += len(cluster)
    cut = "".join(kept)
    # back off to a word boundary when the next cluster is not already one
    following = text[len(cut) : len(cut) + 1]
    if following and not _pattern("space").match(following):
        boundary = max(cut.rfind(" "), cut.rfind("\n"))
        if boundary >= len(cut) * min_word_ratio:
            cut = cut[:boundary]
    return cut.rstrip(_TRAILING) + ellipsis


def hashtag(tag: str, ascii_only: bool = False) -> str:
    """ "Chuyển đổi số" → "#ChuyểnĐổiSố" (``ascii_only``: "#ChuyenDoiSo"); "" if no word."""
    words = _pattern("word").findall(nfc(tag))
    if ascii_only:
        words = [strip_marks(word) for word in words]
    joined = "".join(word[:1].upper() + word[1:] for word in words if word)
    return "#" + joined if joined else ""


def hashtags(tags, ascii_only: bool = False, limit: int | None = None) -> list[str]:
    """Hashtags for ``tags`` in order, without empties or repeats (case-insensitive)."""
    seen: set[str] = set()
    result: list[str] = []
    for tag in tags:
        made = hashtag(str(tag), ascii_only)
        if made and made.casefold() not in seen:
            seen.add(made.casefold())
            result.append(made)
    return result[:limit] if limit is not None else result
