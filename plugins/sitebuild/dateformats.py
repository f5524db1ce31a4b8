"""Pelican's date formatting, without taking the format apart at each call.

Every date Pelican formats goes through ``pelican.utils.strftime``: a content's
``locale_date``, each ``{date:%Y}`` of its URL and output path (three to five times per
content read), the templates' ``strftime`` filter. It splits the format with two regular
expressions and formats each directive on its own, to strip zeros after ``%-``: 10–16 µs
a call, some 117,000 calls (1.2 s of CPU) in a one-edit build at 10,000 articles. A format
made only of text and C89 directives gives the same text from ``datetime.strftime`` in one
call (3 µs); whether a format is such is worked out once per format. Any other (``%-d``,
a directive Pelican leaves as it is, a lone ``%``) still goes to Pelican's own.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

import pelican.utils

# what Pelican's ``strftime`` formats (its ``c89_directives``), each directive alone
_PLAIN_FORMAT = re.compile(r"(?:[^%]|%[aAbBcdfGHIjmMpSUuVwWxXyYzZ%])*", re.DOTALL)
FORMATS_KEPT = 256  # a site uses a handful
PELICANS_STRFTIME = pelican.utils.strftime  # as Pelican wrote it, taken before ``install``


@functools.lru_cache(maxsize=FORMATS_KEPT)
def is_plain(date_format: str) -> bool:
    """True when ``datetime.strftime`` gives for ``date_format`` what Pelican's does."""
    return _PLAIN_FORMAT.fullmatch(date_format) is not None


def _strftime(date: dt.date, date_format: str) -> str:
    # the signature and the behaviour of ``pelican.utils.strftime``
    if not is_plain(date_format):
        return PELICANS_STRFTIME(date, date_format)
    if isinstance(date, pelican.utils.SafeDatetime):  # its own ``strftime`` leads here
        return dt.datetime.strftime(date, date_format)
    return date.strftime(date_format)


def install() -> None:
    """Make Pelican's dates (``SafeDatetime.strftime``, the ``strftime`` filter) take it;
    both look the function up in ``pelican.utils`` at each call."""
    if pelican.utils.strftime is not _strftime:
        pelican.utils.strftime = _strftime
