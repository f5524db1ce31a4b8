"""Keep Pelican's English "Empty alt attribute" warning out of the officer's log.

The media plugin reports a missing description itself, in Vietnamese, with the file and
line; two messages for one problem would only confuse.
"""

from __future__ import annotations

import logging

PELICAN_MESSAGE = "Empty alt attribute for image %s in %s"


class EmptyAltFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return record.msg != PELICAN_MESSAGE


def install() -> None:
    """Attach the filter to Pelican's reader logger (once per process)."""
    target = logging.getLogger("pelican.readers")
    if not any(isinstance(f, EmptyAltFilter) for f in target.filters):
        target.addFilter(EmptyAltFilter())
