"""Pelican signal receivers of the vietnamese plugin."""

from __future__ import annotations

import logging

from sitebuild.sites import report

from .encoding import ERROR
from .jinja_filters import FILTERS
from .reader import VietnameseMarkdownReader

logger = logging.getLogger(__name__)


def install_filters(pelican) -> None:
    """Add the date, number and collation filters to every template environment."""
    filters = dict(pelican.settings.get("JINJA_FILTERS", {}))
    for name, function in FILTERS.items():
        filters.setdefault(name, function)
    pelican.settings["JINJA_FILTERS"] = filters


def install_reader(readers) -> None:
    """Read every Markdown extension with the Vietnamese reader."""
    for extension in VietnameseMarkdownReader.file_extensions:
        readers.reader_classes[extension] = VietnameseMarkdownReader


def report_source_problems(generator, metadata) -> None:
    """Log what the reader found in the file; skip the file if it cannot be published."""
    path = metadata.get("source_file")
    for problem in metadata.get("source_problems", ()):
        report(logger, generator.settings, path, problem.line, problem.severity, problem.message)
        if problem.severity == ERROR:
            metadata["status"] = "skip"
