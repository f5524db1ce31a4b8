"""The working state of one build, in one object: not in Pelican's settings dict.

A build is one or more language sites (i18n_subsites runs the sub-sites from inside the
main one, on copies of its settings). What they share (the writers and background work of
the driver, which language is served at ``/`` and from which URL) is a fact of the build,
so it lives here and is never written into a settings dict, where a copy made for a
sub-site would carry it along and a long-lived process would find it again next time.

The build driver makes a ``Build`` for each build and makes it current while Pelican runs
(``running``). A plain ``pelican`` run gets one too, made when its main site starts and
dropped when it ends (``sitebuild.receivers``), so every plugin asks the same object
whatever runs the build. Pelican hands receivers only its own objects, so the build is
held in a context variable: receivers and the writer ask ``current_build()`` for it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Callable, Iterator
from contextvars import ContextVar, Token
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from .outputtree import OutputTree


@dataclass
class Build:
    """One build's paths, writers, background work and language sites."""

    output: Path | None = None  # the output/ this build replaces (None: plain ``pelican``)
    staging: Path | None = None  # the folder it writes to meanwhile
    previous: Path | None = None  # the output/ being replaced: unchanged files come from it
    parallel: bool = True  # forked renderers and folder makers (``SITEBUILD_PARALLEL``)
    # contents read by the last build taken again (``contentcache.py``,
    # ``SITEBUILD_KEEP_CONTENTS``): off until it pays for its memory in the preview
    keep_contents: bool = False
    writers: dict = field(default_factory=dict)  # incremental writers by output folder
    makers: list = field(default_factory=list)  # ``mkdir -p`` children (``folders.py``)
    search: dict = field(default_factory=dict)  # background search bundles by language
    langs: list[str] = field(default_factory=list)  # language sites started, the main one first
    main_siteurl: str = ""  # the main site's SITEURL: shared files (theme, photos) live there
    main_feed_domain: str = ""  # its absolute base for feeds (FEED_DOMAIN, else SITEURL)
    # the day the build runs, in the site's time zone: pages that show what is running
    # today (the campaigns) read it as ``TODAY``, so their keys change with it
    today: dt.date | None = None
    reported: set = field(default_factory=set)  # the officer's problems told so far
    parts: dict = field(default_factory=dict)  # plugins' own state by plugin ("media": its run)
    token: Token | None = field(default=None, repr=False)  # set: made for a plain run
    # what a long-lived process (the live preview) keeps from one build to the next, by
    # owner (the converted sources); None for a build run once
    kept: dict | None = None
    # the live preview's builds run behind what the officer waits for: their workers leave
    # the processor to the early page of her save, her browser and her editor first
    background: bool = False
    # the live preview's pages open in a tab (output files: ``serve.served_file``), rendered
    # as soon as their site is ready instead of with the others, and handed to ``show``
    # (their path under the output, the file written) while the rest of the build goes on
    in_view: frozenset = frozenset()
    show: Callable[[str, str], None] | None = None
    # sub-sites none of whose pages is in view: their pages are rendered, and their record
    # kept, once the main site's are (``receivers.remember_writer_record``)
    sites_waiting: list = field(default_factory=list)
    # the output as listed once every language site is written (``output_tree``)
    listed: OutputTree | None = field(default=None, repr=False)

    def waits_for_main(self, settings: dict, output_path: str) -> bool:
        """Whether the language site writing to ``output_path`` renders its pages after the
        main site's: pages are in view, none of them its own."""
        if not self.in_view or self.show is None or self.is_main(settings):
            return False
        folder = self.folder_of(output_path) + os.sep
        return not any(path.startswith(folder) for path in self.in_view)

    def output_tree(self, root: str | Path) -> OutputTree:
        """The files and empty folders under ``root`` (``outputtree.py``), listed the first
        time they are asked for: ask once every language site is written."""
        if self.listed is None or self.listed.root != os.fspath(root):
            self.listed = OutputTree(root)
        return self.listed

    @property
    def driven(self) -> bool:
        """True when the build driver runs this build (staging folder, reused pages)."""
        return self.staging is not None

    def previous_of(self, output_path: str | Path) -> Path | None:
        """Where the last build put what this build writes under ``output_path``
        (a language sub-site writes to ``staging/en``: its old files are in ``output/en``)."""
        if self.previous is None or self.staging is None:
            return None
        return self.previous / self.folder_of(output_path)

    def folder_of(self, output_path: str | Path) -> str:
        """The folder of the language site writing to ``output_path``, under the output
        (``.`` for the main site, ``en`` for a sub-site)."""
        return os.path.relpath(output_path, self.staging)

    @property
    def main_lang(self) -> str | None:
        """The language served at ``/``: the first site started (i18n_subsites starts the
        sub-sites from inside the main one)."""
        return self.langs[0] if self.langs else None

    def start_site(self, settings: dict) -> bool:
        """Record a language site starting; True when it is the first, the main site."""
        first = not self.langs
        if first:
            self.main_siteurl = settings["SITEURL"]
            self.main_feed_domain = settings.get("FEED_DOMAIN") or settings["SITEURL"]
            self.today = dt.datetime.now(ZoneInfo(settings.get("TIMEZONE") or "UTC")).date()
        self.langs.append(settings["DEFAULT_LANG"])
        return first

    def is_main(self, settings: dict) -> bool:
        """True for the settings of the main-language site, False for a sub-site's."""
        return self.main_lang is None or settings["DEFAULT_LANG"] == self.main_lang


_CURRENT: ContextVar[Build | None] = ContextVar("sitebuild_current_build", default=None)


def current_build() -> Build | None:
    """The build running now, or None (outside any build: a unit test, ``make check``)."""
    return _CURRENT.get()


@contextlib.contextmanager
def running(build: Build) -> Iterator[Build]:
    """Make ``build`` current for the length of the ``with`` block."""
    token = _CURRENT.set(build)
    try:
        yield build
    finally:
        _CURRENT.reset(token)


def begin_plain() -> Build:
    """Make a build current for a run without the driver (``end_plain`` drops it)."""
    build = Build(parallel=False)
    build.token = _CURRENT.set(build)
    return build


def end_plain(build: Build) -> None:
    """Drop the build ``begin_plain`` made current."""
    if build.token is not None:
        _CURRENT.reset(build.token)
        build.token = None
