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

from .parallel import shares

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


def by_dates(units: list, workers: int) -> list:
    """``units`` in an order that, dealt out in turn to ``workers`` (``parallel.shares``),
    gives each worker the list pages of one span of dates and the same number of units as
    before. Within a worker's share the units keep their order."""
    if workers < 2 or len(units) < workers:
        return units
    dates = [shown_date(unit) for unit in units]
    lists = sorted((date, index) for index, date in enumerate(dates) if date is not None)
    others = [index for index, date in enumerate(dates) if date is None]
    if len(lists) < workers:
        return units
    taken: list[list[int]] = []
    start = 0
    for worker, dealt in enumerate(shares(len(units), workers)):
        mine = others[worker::workers]  # the other pages, dealt out in turn as well
        span = len(dealt) - len(mine)  # the rest of the share: list pages, oldest span first
        taken.append(sorted(mine + [index for _, index in lists[start : start + span]]))
        start += span
    order = [share[turn] for turn in range(len(taken[0])) for share in taken if turn < len(share)]
    return [units[index] for index in order]
