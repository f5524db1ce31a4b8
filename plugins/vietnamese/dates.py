"""Dates and numbers the way Vietnamese (and English) readers expect them.

Weekdays are always computed (28/11/2026 is "Thứ Bảy"). Patterns are explicit: CLDR's
presets give "28 thg 11, 2026" or put the time before the date, which is not local style.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal

_LOCALES = {"vi": "vi", "en": "en_GB"}
_PATTERNS = {
    # "Thứ Bảy, 28/11/2026" / "Saturday, 28 November 2026"
    "long": {"vi": "EEEE, dd/MM/yyyy", "en": "EEEE, d MMMM yyyy"},
    # "28/11/2026" / "28 Nov 2026"
    "short": {"vi": "dd/MM/yyyy", "en": "d MMM yyyy"},
    # "tháng 11/2026" / "November 2026"
    "month": {"vi": "'tháng' M/yyyy", "en": "MMMM yyyy"},
    "time": {"vi": "HH:mm", "en": "HH:mm"},
}


def _locale(lang: str) -> str:
    return _LOCALES.get(lang, _LOCALES["vi"])


def _gmt_label(moment: dt.datetime) -> str:
    offset = moment.utcoffset() or dt.timedelta(0)
    hours, rest = divmod(int(offset.total_seconds()), 3600)
    minutes = abs(rest) // 60
    return f"(GMT{hours:+d}{f':{minutes:02d}' if minutes else ''})"


def localize(moment: dt.date | dt.datetime, timezone: str | None) -> dt.date | dt.datetime:
    """Express an aware datetime in the site's time zone (dates pass through)."""
    if isinstance(moment, dt.datetime) and timezone:
        if moment.tzinfo is None:
            return moment.replace(tzinfo=ZoneInfo(timezone))
        return moment.astimezone(ZoneInfo(timezone))
    return moment


def format_day(moment: dt.date, lang: str, style: str = "long") -> str:
    """Format a day: ``long`` (with the weekday), ``short`` or ``month``."""
    if isinstance(moment, dt.datetime):
        # only the day shows (Babel drops the time too): one cache entry per day, not per
        # article, whose times all differ
        moment = moment.date()
    return _format_day(moment, lang, style)


@lru_cache(maxsize=8192)  # a listing page shows the same few hundred days again and again
def _format_day(day: dt.date, lang: str, style: str) -> str:
    return format_date(
        day, _PATTERNS[style][lang if lang in ("vi", "en") else "vi"], locale=_locale(lang)
    )


def format_published(moment: dt.datetime, lang: str) -> str:
    """The article meta line: "Thứ Bảy, 28/11/2026, 08:30 (GMT+7)"."""
    day = format_day(moment, lang, "long")
    time = format_datetime(moment, _PATTERNS["time"]["vi"], locale=_locale(lang))
    return f"{day}, {time} {_gmt_label(moment)}"


def format_formal(moment: dt.date) -> str:
    """Document date, administrative style: "ngày 05 tháng 02 năm 2024", "ngày 15 tháng 3 …".

    The day is padded below 10; the month only for January and February.
    """
    month = f"{moment.month:02d}" if moment.month < 3 else str(moment.month)
    return f"ngày {moment.day:02d} tháng {month} năm {moment.year}"


@lru_cache(maxsize=4096, typed=True)  # Babel parses the locale and pattern on each call
def format_number(value: int | float, lang: str) -> str:
    """Group thousands the local way: 1.535 (vi), 1,535 (en)."""
    return format_decimal(value, locale=_locale(lang))
