"""What every command-line tool of the project shares: officer-friendly logging, settings."""

from __future__ import annotations

import logging
import sys

from pelican.log import LimitFilter
from pelican.log import init as init_logging

from .config import load_settings

__all__ = ["OfficerFormatter", "forget_logged", "load_settings", "setup_logging"]

LEVELS = {logging.WARNING: "CẢNH BÁO", logging.ERROR: "LỖI", logging.CRITICAL: "LỖI"}


class OfficerFormatter(logging.Formatter):
    """``LỖI: content/articles/x.md:3: …`` — plain lines the officer can read."""

    def format(self, record: logging.LogRecord) -> str:
        label = LEVELS.get(record.levelno)
        text = super().format(record)
        return f"{label}: {text}" if label else text


def setup_logging(verbose: bool = False) -> None:
    """Log warnings and errors to stderr as plain Vietnamese lines."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(OfficerFormatter("%(message)s"))
    init_logging(level=logging.INFO if verbose else logging.WARNING, handler=handler)


def forget_logged() -> None:
    """Let every message be logged again. Pelican drops a warning it has already shown in
    this process; each build (and each early page of the preview) must show its own
    problems again: tests and the preview build many times in one process."""
    LimitFilter._raised_messages.clear()
    LimitFilter._group_count.clear()
