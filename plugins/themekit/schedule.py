"""Scheduled articles (hẹn giờ): dated after the moment the build runs.

``make publish`` never sees them (WITH_FUTURE_DATES is off there: Pelican keeps them as
drafts, which publish does not write). The preview shows them, marked, and keeps them out
of the feeds and the sitemap (``noindex``). ``scheduled`` is a listing field of the build
fingerprints, so an incremental build notices when an article's time comes.
"""

from __future__ import annotations

import datetime as dt


def is_scheduled(article, now: dt.datetime) -> bool:
    date = getattr(article, "date", None)
    if not isinstance(date, dt.datetime):
        return False
    return date > (now if date.tzinfo else now.replace(tzinfo=None))


def mark_scheduled(articles, now: dt.datetime | None = None) -> None:
    now = now or dt.datetime.now(dt.UTC)
    for article in articles:
        article.scheduled = is_scheduled(article, now)
