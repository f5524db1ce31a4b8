"""Which sources a language sub-site must read at all.

i18n_subsites makes every language site read every source, then drops the other
languages' content. The English site has no use for a Vietnamese article unless it is the
original of an English one (for the language switch) or an English source links to it.
Knowing this from the converted sources' headers alone lets the sub-site skip the rest:
less time and less memory, the same pages.
"""

from __future__ import annotations

import os
import re
from zoneinfo import ZoneInfo

from .reader import ConvertedSource
from .text import source_language
from .translation_id import translation_key

_LINK = re.compile(r"\{(?:filename|attach)\}([^\"'\s)>#?]+)")


def _link_targets(path: str, content: str, root: str) -> set[str]:
    """Absolute paths of the sources ``{filename}`` links in ``content`` point to."""
    targets = set()
    for link in _LINK.findall(content):
        base = root if link.startswith("/") else os.path.dirname(path)
        targets.add(os.path.normpath(os.path.join(base, link.lstrip("/"))))
    return targets


def needed_sources(
    sources: dict[str, ConvertedSource], lang: str, main: str, root: str, timezone: str
) -> set:
    """Paths of the sources the ``lang`` site needs: its own, their originals, their links."""
    zone = ZoneInfo(timezone)
    own_keys: set = set()
    needed: set = set()
    others = []
    for path, source in sources.items():
        source_lang = source_language(path, source.values.get("lang"), main)
        if source_lang == lang or source_lang is None:  # unknown: let the checks speak
            needed.add(path)
            if (key := translation_key(source.values, zone)) is not None:
                own_keys.add(key)
            needed |= _link_targets(path, source.content, root)
        else:
            others.append((path, source))
    for path, source in others:
        if translation_key(source.values, zone) in own_keys:
            needed.add(path)
    return needed
