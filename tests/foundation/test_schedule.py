"""Which render worker takes which page: each worker the list pages of one span of dates
(so it renders the cards of those articles), the same number of pages as dealt in turn."""

from __future__ import annotations

import datetime as dt
import itertools
import random
from types import SimpleNamespace

import pytest

from tinhoi.sitebuild.parallel import shares
from tinhoi.sitebuild.schedule import by_dates, shown_date

START = dt.datetime(2019, 1, 1, tzinfo=dt.UTC)


def list_page(days: list[int], name: str = "articles_page") -> list:
    """A unit of one list page showing articles dated ``days`` after ``START``."""
    items = [SimpleNamespace(date=START + dt.timedelta(days=day)) for day in days]
    return [SimpleNamespace(kwargs={name: SimpleNamespace(object_list=items)})]


def other_page() -> list:
    return [SimpleNamespace(kwargs={"article": object()})]


def dealt(units: list, workers: int) -> list[list]:
    """Each worker's share, as ``parallel`` deals units out."""
    return [[units[index] for index in share] for share in shares(len(units), workers)]


@pytest.mark.parametrize("workers", [2, 3])
@pytest.mark.parametrize(("lists", "others"), [(40, 0), (37, 11), (9, 60), (5, 5)])
def test_each_worker_takes_one_span_of_dates_and_as_many_pages_as_before(lists, others, workers):
    rng = random.Random(lists * 100 + others)
    units = [list_page(rng.sample(range(3000), 10)) for _ in range(lists)]
    units += [other_page() for _ in range(others)]
    rng.shuffle(units)
    ordered = by_dates(units, workers)
    assert sorted(map(id, ordered)) == sorted(map(id, units))
    shares = dealt(ordered, workers)
    assert [len(share) for share in shares] == [len(share) for share in dealt(units, workers)]
    spans = [[date for unit in share if (date := shown_date(unit)) is not None] for share in shares]
    for earlier, later in itertools.pairwise(spans):
        assert max(earlier, default=0) <= min(later, default=float("inf"))
    position = {id(unit): index for index, unit in enumerate(units)}
    for share in shares:  # a worker takes its pages in the order they were queued
        assert [position[id(unit)] for unit in share] == sorted(position[id(u)] for u in share)


def test_a_list_page_is_placed_by_the_middle_date_it_shows():
    assert shown_date(list_page([30, 1, 2])) == (START + dt.timedelta(days=2)).timestamp()
    assert (
        shown_date(list_page([5], name="dates_page")) == (START + dt.timedelta(days=5)).timestamp()
    )
    assert shown_date(other_page()) is None
    assert shown_date(list_page([])) is None
    assert shown_date(list_page([1]) * 2) is None  # a unit of several pages to check


@pytest.mark.parametrize("workers", [1, 2])
def test_too_few_list_pages_or_one_worker_keep_the_queue_as_it_is(workers):
    units = [other_page(), list_page([3]), other_page()]
    assert by_dates(units, workers) == units
