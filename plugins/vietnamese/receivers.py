"""Pelican signal receivers of the vietnamese plugin."""

from __future__ import annotations

import datetime as dt
import logging
import os
import time
from pathlib import Path

from pelican.generators import ArticlesGenerator, PagesGenerator
from pelican.utils import get_date

from tinhoi.sitebuild.sites import is_main_site, main_lang, report, site_langs
from tinhoi.sitebuild.state import current_build

from .encoding import ERROR
from .jinja_filters import FILTERS
from .reader import (
    STORE_PART,
    VietnameseMarkdownReader,
    current_store,
    markdown_config_json,
    parse_officer_date,
)
from .sources import SourceStore, source_files
from .text import source_language

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


def read_in_order(generator) -> None:
    """``generator_init``: read the sources by path, the order they are converted in while
    the build reads (``conversion.py``), not in the order of Pelican's set of names (which
    changes from one run to the next; Pelican sorts what it read afterwards)."""
    if not isinstance(generator, (ArticlesGenerator, PagesGenerator)):
        return
    listed = generator.get_files
    generator.get_files = lambda *args, **kwargs: sorted(listed(*args, **kwargs))


def report_source_problems(generator, metadata) -> None:
    """Log what the reader found in the file; skip the file if it cannot be published."""
    path = metadata.get("source_file")
    for problem in metadata.get("source_problems", ()):
        report(logger, generator.settings, path, problem.line, problem.severity, problem.message)
        if problem.severity == ERROR:
            metadata["status"] = "skip"


def _needed_by_subsite(settings) -> set[str] | None:
    """The sources a language sub-site reads (``subsite.py``); None for the main site, or
    without converted sources of its Markdown settings."""
    store = current_store()
    if store is None or is_main_site(settings):
        return None
    if store.config_json != markdown_config_json(settings):
        return None
    lang, timezone = settings["DEFAULT_LANG"], settings.get("TIMEZONE") or "UTC"
    return store.needed_by(lang, main_lang(settings), settings["PATH"], timezone)


def read_inputs(settings, path: str) -> bool | None:
    """``content_read_inputs``: whether a language sub-site reads ``path`` at all follows
    from the other sources too (the reader skips another language's file, ``subsite.py``)."""
    needed = _needed_by_subsite(settings)
    return None if needed is None else path in needed


def sources_of_site(settings) -> dict | None:
    """``site_sources``: the sources a language sub-site skips unread (False); for those it
    reads, their date (a header's text when it cannot be read) and whether they are in its
    own language (another's is read as the original of one of its own, or a link's target)."""
    needed = _needed_by_subsite(settings)
    if needed is None:
        return None
    lang, main = settings["DEFAULT_LANG"], main_lang(settings)
    uses: dict = {}
    for path, entry in current_store().entries.items():
        if path not in needed:
            uses[path] = False
            continue
        values = entry[2].values
        own = source_language(path, values.get("lang"), main) in (lang, None)
        uses[path] = (_date_of(values), own)
    return uses


def _date_of(values: dict) -> dt.datetime | str | None:
    text = values.get("date")
    if not text:
        return None
    moment = parse_officer_date(text)
    if moment is not None:
        return moment
    try:
        return get_date(text)
    except (ValueError, OverflowError):
        return text


def keep_site(settings, part: dict):
    """``site_kept``: a sub-site kept whole has read what it needs of the sources."""
    store = current_store()
    if store is None:
        return True
    lang = settings["DEFAULT_LANG"]
    return lambda: store.finished_reading(lang, site_langs(settings))


def prepare_sources(pelican) -> None:
    """``initialized``, once per build: load the converted sources, convert what changed
    (the build keeps them for its language sites: ``STORE_PART``)."""
    settings = pelican.settings
    build = current_build()
    if build is None or STORE_PART in build.parts:
        return  # a sub-site: the main site prepared them
    kept = build.kept
    config, cache = markdown_config_json(settings), Path(settings["CACHE_PATH"])
    store = kept.get(STORE_PART) if kept is not None else None
    if store is None or store.config_json != config or store.path.parent != cache:
        store = SourceStore(cache, config, keep_in_memory=kept is not None)
        if kept is not None:  # the live preview: the next build starts from this one's
            kept[STORE_PART] = store
    store.start_build()
    started = time.perf_counter()
    converted = store.prepare(source_files(settings), workers=os.cpu_count() or 1)
    if not store.converting:  # else the conversion says when it is done
        logger.info(
            "vietnamese: %d sources converted in %.2f s", converted, time.perf_counter() - started
        )
    # saved now, while the build is small (at the end its copy would top the memory peak),
    # by a forked process while this one reads on
    store.save_aside()
    build.parts[STORE_PART] = store


def release_sources(generators) -> None:
    """``all_generators_finalized``: the last language site to read frees the store."""
    settings = generators[0].settings if generators else {}
    store = current_store()
    if store is not None:
        store.finished_reading(settings["DEFAULT_LANG"], site_langs(settings))


def save_sources(pelican, build) -> None:
    """``build_finished``: keep sources converted late, if any, for the next build."""
    store = build.parts.pop(STORE_PART, None)
    if store is not None:
        store.save()
