"""Which sources a language sub-site must read at all.

i18n_subsites makes every language site read every source, then drops the other
languages' content. The English site has no use for a Vietnamese article unless it is the
original of an English one (for the language switch) or an English source links to it.
Knowing this from the converted sources' headers alone lets the sub-site skip the rest:
less time and less memory, the same pages.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from zoneinfo import ZoneInfo

from .reader import ConvertedSource, parse_officer_date
from .text import slugify, source_language

_LINK = re.compile(r"\{(?:filename|attach)\}([^\"'\s)>#?]+)")


def _translation_key(source: ConvertedSource, zone: ZoneInfo) -> tuple[str, str] | None:
    """(slug, date) as Pelican groups translations, or None when it cannot be known.

    Dates are compared as instants: a naive date is in the site's time zone, as Pelican reads it.
    """
    values = source.values
    slug = values.get("slug") or (slugify(values["title"]) if values.get("title") else "")
    moment = parse_officer_date(values["date"]) if values.get("date") else None
    if moment is not None:
        moment = moment if moment.tzinfo else moment.replace(tzinfo=zone)
        date = moment.astimezone(dt.UTC).isoformat()
    else:
        date = values.get("date", "")
    return (slug, date) if slug else None


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
            if (key := _translation_key(source, zone)) is not None:
                own_keys.add(key)
            needed |= _link_targets(path, source.content, root)
        else:
            others.append((path, source))
    for path, source in others:
        if _translation_key(source, zone) in own_keys:
            needed.add(path)
    return needed
