"""Which sources are one text in two languages: the translation id, in one place.

Pelican groups an article with its translations by ``ARTICLE_TRANSLATION_ID`` (the same
slug and date: a recurring title never collides, its addresses are dated) and a page by its
slug. The build's settings take these values from here, and what must know the groups
before Pelican reads anything (the sub-site's reading list, the checks) asks
``translation_key``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from zoneinfo import ZoneInfo

from .reader import parse_officer_date
from .text import slugify

ARTICLE_TRANSLATION_ID = ("slug", "date")
PAGE_TRANSLATION_ID = "slug"


def translation_key(values: Mapping[str, str], zone: ZoneInfo) -> tuple[str, str] | None:
    """(slug, date) of a source's header as Pelican groups translations, or None.

    Dates are compared as instants: a naive date is in the site's time zone, as Pelican
    reads it. None when the header has neither a slug nor a title.
    """
    slug = values.get("slug") or (slugify(values["title"]) if values.get("title") else "")
    moment = parse_officer_date(values["date"]) if values.get("date") else None
    if moment is not None:
        moment = moment if moment.tzinfo else moment.replace(tzinfo=zone)
        date = moment.astimezone(dt.UTC).isoformat()
    else:
        date = values.get("date", "")
    return (slug, date) if slug else None
