"""Pelican signal receivers of the takedown plugin (it is listed before ``media``)."""

from __future__ import annotations

import contextlib
import logging
import os
from pathlib import Path

from pelican.contents import Article, Page

from tinhoi.sitebuild.sites import ERROR, report
from tinhoi.unitdata.loading import data_dir

from . import records
from .generator import COVERS_KEY, PHOTOS_KEY, RECORDS_KEY, REMOVED_KEY, TakedownGenerator
from .withhold import (
    article_address,
    article_photos,
    content_folder,
    drop_cover,
    removed_page,
    strip_photos,
)

logger = logging.getLogger(__name__)


def record_path(settings: dict) -> Path:
    return data_dir(settings) / records.FILE_NAME


def load_records(generator) -> None:
    """``generator_init``: read takedowns.yml once per site run, into the shared context."""
    context = generator.context
    if RECORDS_KEY in context:
        return
    path = record_path(generator.settings)
    entries, problems = records.load(path)
    for problem in problems:
        report(logger, generator.settings, str(path), problem.line, ERROR, problem.message)
    context[RECORDS_KEY] = tuple((e.date, e.article, e.photo) for e in entries)
    context.setdefault(REMOVED_KEY, [])
    context.setdefault(PHOTOS_KEY, set())
    context.setdefault(COVERS_KEY, [])


def _photos(context) -> set[str]:
    return {entry[2] for entry in context.get(RECORDS_KEY, ()) if entry[2]}


def _source_photos(settings: dict, metadata: dict) -> set[str]:
    """Photos a removed article showed (its cover and the images in its text)."""
    source = metadata.get("source_file")
    body, folder = "", ""
    if source:
        folder = os.path.relpath(os.path.dirname(source), settings["PATH"]).replace(os.sep, "/")
        with contextlib.suppress(OSError):
            body = Path(source).read_text(encoding="utf-8", errors="replace")
    return article_photos(str(metadata.get("cover") or ""), body, folder)


def withhold(generator, metadata) -> None:
    """``article/page_generator_context``: skip a removed article; drop a removed cover."""
    context = generator.context
    whole = {entry[1]: entry[0] for entry in context.get(RECORDS_KEY, ()) if not entry[2]}
    if whole and metadata.get("status") != "skip":
        url = article_address(generator.settings, metadata)
        if url is not None and url.strip("/") in whole:
            place = removed_page(generator.settings, metadata, url, whole[url.strip("/")])
            metadata["status"] = "skip"  # read no further: no page, listing, feed or photo
            if place is not None:
                context[REMOVED_KEY].append(place)
            context[PHOTOS_KEY].update(_source_photos(generator.settings, metadata))
            return
    if drop_cover(metadata, _photos(context)):
        # the cover was the share card the union's posts show: they go too (crosspost)
        url = article_address(generator.settings, metadata)
        if url is not None:
            context[COVERS_KEY].append(url)


def strip_content(content) -> None:
    """``content_object_init``: take removed photos out of the text before media scans it."""
    if not isinstance(content, (Article, Page)) or not content._content:
        return
    photos = _photos(content._context or {})
    if photos:
        content._content = strip_photos(content._content, content_folder(content), photos)


def add_generator(pelican):
    return TakedownGenerator
