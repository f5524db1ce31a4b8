"""Facts of a document article (category "Văn bản"): the issue date and the file size."""

from __future__ import annotations

import datetime as dt
import os


def issue_date(value) -> dt.date | None:
    """``Doc_date: 2026-11-05`` as a date; None when missing or not a date."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        return None


def file_size(content_path: str, relative: str) -> int | None:
    """Size in bytes of ``relative`` (a path under ``content/``), None if absent."""
    path = os.path.join(content_path, relative.lstrip("/"))
    try:
        return os.path.getsize(path) if os.path.isfile(path) else None
    except OSError:
        return None
