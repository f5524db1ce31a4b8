"""The home page's lead story, the current campaigns and the months of the archive."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field


def lead_article(articles: Sequence):
    """The newest article marked ``Featured: yes``, else the newest article (or None)."""
    return next((a for a in articles if getattr(a, "featured", False) is True), None) or (
        articles[0] if articles else None
    )


def current(entries: Sequence, today: dt.date) -> list:
    """The campaigns (UnitLinks) running on ``today``."""
    return [entry for entry in entries if entry.info.ongoing(today)]


@dataclass
class ArchiveMonth:
    date: dt.date  # the first day of the month
    url: str
    count: int


@dataclass
class ArchiveYear:
    year: int
    months: list[ArchiveMonth] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(month.count for month in self.months)


def archive_months(articles: Sequence, month_url: str) -> list[ArchiveYear]:
    """Years, newest first, each with its months that have articles and their URLs.

    ``month_url`` is Pelican's ``MONTH_ARCHIVE_URL`` (``{date:%Y}/{date:%m}/``).
    """
    counts: dict[dt.date, int] = {}
    for article in articles:
        first = dt.date(article.date.year, article.date.month, 1)
        counts[first] = counts.get(first, 0) + 1
    years: list[ArchiveYear] = []
    for first in sorted(counts, reverse=True):
        if not years or years[-1].year != first.year:
            years.append(ArchiveYear(first.year))
        years[-1].months.append(ArchiveMonth(first, month_url.format(date=first), counts[first]))
    return years
