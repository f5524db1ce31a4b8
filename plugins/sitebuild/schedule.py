"""Which render worker takes which queued page.

Each worker keeps the cards it has rendered (``themekit/partials.py``), and an article's
card appears on some six list pages: its month, its category, its tags, its branch, its
campaign, a page of the home list. Dealt out in turn, those pages land on every worker,
and each renders the card again. A list shows articles of nearby dates (lists run newest
first), so here each worker takes the list pages of one span of dates: an article's lists
mostly go to one worker, which renders its card once. The other pages even the shares out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

PAGED = ("articles_page", "dates_page")  # a list page's items (Pelican's paginated names)


def shown_date(unit: Sequence) -> float | None:
    """The middle date of the articles a unit's one list page shows (None: not a list)."""
    if len(unit) != 1:
        return None
    kwargs = getattr(unit[0], "kwargs", None) or {}
    page = next((kwargs[name] for name in PAGED if kwargs.get(name) is not None), None)
    dates = sorted(
        item.date.timestamp()
        for item in getattr(page, "object_list", ())
        if isinstance(getattr(item, "date", None), dt.datetime)
    )
    return dates[len(dates) // 2] if dates else None


def _share_sizes(count: int, workers: int) -> list[int]:
    """How many units dealing ``count`` out in turn gives each worker (``parallel``)."""
    return [len(range(worker, count, workers)) for worker in range(workers)]


def by_dates(units: list, workers: int) -> list:
    """``units`` in an order that, dealt out in turn to ``workers``, gives each worker the
    list pages of one span of dates and the same number of units as before. Within a
    worker's share the units keep their order."""
    if workers < 2 or len(units) < workers:
        return units
    dates = [shown_date(unit) for unit in units]
    lists = sorted((date, index) for index, date in enumerate(dates) if date is not None)
    others = [index for index, date in enumerate(dates) if date is None]
    if len(lists) < workers:
        return units
    shares: list[list[int]] = []
    start = 0
    for worker, (size, from_others) in enumerate(
        zip(
            _share_sizes(len(units), workers),
            _share_sizes(len(others), workers),
            strict=True,
        )
    ):
        span = size - from_others  # the rest of the share: list pages, oldest span first
        share = others[worker::workers] + [index for _, index in lists[start : start + span]]
        shares.append(sorted(share))
        start += span
    order = [share[turn] for turn in range(len(shares[0])) for share in shares if turn < len(share)]
    return [units[index] for index in order]
