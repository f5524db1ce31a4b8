"""Pelican's date formatting, each format taken apart once (``dateformats.py``): the same
text as Pelican's own ``strftime`` for every format, and what the build formats with it."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pelican.utils
import pytest
from pelican.utils import DateFormatter, SafeDatetime

from tinhoi.sitebuild.dateformats import PELICANS_STRFTIME as PELICANS
from tinhoi.sitebuild.dateformats import _strftime, install, is_plain, numeric_template

DATES = [
    SafeDatetime(2019, 1, 2, 4, 14, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")),
    SafeDatetime(2026, 11, 20, 8, 30),
    dt.datetime(2025, 7, 1, 0, 0, 5, 120, tzinfo=dt.UTC),
    dt.date(2024, 12, 31),
    dt.datetime(999, 5, 6, 7, 8, 9),  # a three-digit year: not padded by the C library
]

FORMATS = [
    ("%Y", True),
    ("%Y-%m-%d", True),
    ("{date:%Y}/%m/", True),
    ("Ngày %d tháng %m năm %Y, %H:%M", True),
    ("%a %A %b %B %c %j %U %W %w %x %X %y %p", True),
    ("%G-W%V-%u %z %Z %f", True),
    ("100%% hội viên", True),
    ("", True),
    ("dòng một\ndòng hai %d", True),
    ("%Y/%m/%d/{slug}/", True),  # numbers only: filled in, not formatted
    ("%d.%m.%Y %H:%M:%S 100%%", True),
    ("}{%Y{", True),
    ("%-d/%-m/%Y", False),  # Pelican strips the zeros
    ("%e %k %s", False),  # left as they are by Pelican
    ("%E%Y", False),
]


def test_the_reference_is_pelicans_own():
    assert PELICANS.__module__ == "pelican.utils"
    assert PELICANS is not _strftime


@pytest.mark.parametrize("date", DATES, ids=lambda date: type(date).__name__ + date.isoformat())
@pytest.mark.parametrize(("date_format", "plain"), FORMATS)
def test_every_format_gives_pelicans_text(date, date_format, plain):
    assert is_plain(date_format) is plain
    assert _strftime(date, date_format) == PELICANS(date, date_format)


@pytest.mark.parametrize(
    ("date_format", "numeric"),
    [
        ("%Y", True),
        ("%Y/%m/%d/{slug}/", True),
        ("%d.%m.%Y %H:%M:%S 100%%", True),
        ("%a %d/%m/%Y", False),  # the weekday's name follows the locale
        ("%B %Y", False),
        ("%y%j", False),
        ("%-d/%-m/%Y", False),
    ],
)
def test_only_formats_of_numbers_are_filled_in(date_format, numeric):
    assert (numeric_template(date_format) is not None) is numeric


@pytest.mark.parametrize("date_format", ["ngày %", "%\n%d"])
def test_a_format_pelican_refuses_is_still_refused(date_format):
    assert not is_plain(date_format)
    with pytest.raises(ValueError, match="format"):
        PELICANS(DATES[0], date_format)
    with pytest.raises(ValueError, match="format"):
        _strftime(DATES[0], date_format)


def test_pelicans_dates_and_filter_take_it():
    install()
    install()  # twice: still one wrapper
    assert pelican.utils.strftime is _strftime
    date = DATES[0]
    assert date.strftime("%Y-%m-%d %H:%M") == "2019-01-02 04:14"
    assert date.strftime("%-d/%-m") == "2/1"
    assert f"{date:%Y}/{date:%m}/" == "2019/01/"
    assert DateFormatter()(date, "%d/%m/%Y") == "02/01/2019"
