"""Reuse pages whose inputs did not change since the last build.

Pelican renders every page on every build. The officer rebuilds after each typo, so the
writer here fingerprints what each page is made of (``fingerprints.py``) and, when the
fingerprint matches the previous build's, hard-links the previous file into the new output
instead of rendering. So a body edit re-renders that article's page only; an edit to a
title, a summary or a tag changes the site digest and re-renders everything, which is
always correct. A feed is fingerprinted the same way, with the bodies of the items it shows.
The pages and feeds left to render are rendered by forked workers (``flush``).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import pickle
import time
from functools import partial
from pathlib import Path
from typing import NamedTuple

from jinja2 import pass_context
from pelican.writers import Writer

from .atomic import read_pickle, write_atomic
from .fingerprints import (
    Fingerprinter,
    digest,
    fingerprinted,
    inputs_digest,
    own_content,
    site_code,
)
from .parallel import run_forked
from .reuse import keep
from .state import current_build

logger = logging.getLogger(__name__)

RECORD = "rendered-pages.json"
MEMO_PART = "fingerprints"  # in ``Build.kept``: the contents' digests (``use_memo``)
MEMO_FILE = "content-digests.pickle"  # the same, for the next one-off build
PARALLEL_MINIMUM = 8  # fewer pages than this are rendered by one worker
EMPTY_FEED_DATE = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


class PageJob(NamedTuple):
    """A page or feed whose rendering waits for ``flush()``."""

    key: str
    name: str
    environment: object  # the Jinja environment of its template (None for a feed)
    render: partial


def memoize_gettext(env) -> None:
    """Translate each theme string once per build instead of once per use.

    A page calls ``_()`` some 30 times; Jinja's new-style gettext looks the string up,
    wraps it in Markup and formats it every time. Calls with variables are left alone.
    """
    current = env.globals.get("gettext")
    if current is None or getattr(current, "memoized", False):
        return
    known: dict[str, object] = {}

    @pass_context
    def gettext(context, string, **variables):
        if variables:
            return current(context, string, **variables)
        if string not in known:
            known[string] = current(context, string)
        return known[string]

    gettext.memoized = True
    env.globals["gettext"] = gettext


class IncrementalWriter(Writer):
    """A Pelican writer that links unchanged pages from the previous output."""

    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings)
        build = current_build()
        self._previous = build.previous_of(output_path) if build is not None else None
        # contents' digests kept from build to build, one memo a site: in memory by the
        # live preview, in the cache folder by a one-off build of the driver
        self._memo = None
        self._memo_path = Path(self.settings["CACHE_PATH"]) / MEMO_FILE
        if build is not None and build.kept is not None and build.staging is not None:
            memos = build.kept.setdefault(MEMO_PART, {})
            self._memo = memos.setdefault(os.path.relpath(output_path, build.staging), {})
            self._memo_path = None
        elif build is not None and build.driven:
            self._memo = self._load_memo()
        self._fingerprint = Fingerprinter()
        self._base_keys: set[str] = set()
        self._record_path = Path(self.settings["CACHE_PATH"]) / RECORD
        self._old = self._load_record()
        self._new: dict[str, dict] = {}
        self._base_digest: str | None = None
        self._capture: list[str] | None = None
        self.reused = self.rendered = 0
        parallel = build.parallel if build is not None else False
        self._parallel = (os.cpu_count() or 1) > 1 and parallel
        self._jobs: list = []
        if build is not None:  # its record is saved when its site is finalized
            build.writers[str(output_path)] = self

    def _load_memo(self) -> dict:
        memo = read_pickle(self._memo_path)
        return memo if isinstance(memo, dict) else {}

    def _load_record(self) -> dict:
        try:
            return json.loads(self._record_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def _base(self, context) -> str:
        if self._base_digest is None:
            settings = self.settings
            code = site_code(current_build(), settings)
            if self._memo is not None:
                inputs = inputs_digest(code, settings, self._fingerprint)
                self._fingerprint.use_memo(self._memo, inputs)
            self._base_keys = {key for key in context if fingerprinted(key)}
            site = {key: self._fingerprint(context[key]) for key in sorted(self._base_keys)}
            self._base_digest = digest([code, site])
        return self._base_digest

    def _key(self, name, template, context, kwargs) -> str:
        base = self._base(context)
        # keys a generator adds to its own copy of the context (period archives)
        extra = {
            key: self._fingerprint(context[key])
            for key in sorted(set(context) - self._base_keys)
            if fingerprinted(key)
        }
        own = {key: own_content(value) for key, value in kwargs.items()}
        shown = {key: self._fingerprint(value) for key, value in kwargs.items()}
        return digest([base, template.name, name, extra, own, shown])

    def _reuse(self, key: str, name: str) -> bool:
        old = self._old.get(name)
        if self._previous is None or not old or old["key"] != key:
            return False
        # plain strings: a thousand pages are kept on each save, Path objects cost
        previous, output = str(self._previous), str(Path(self.output_path))
        join = os.path.join
        pairs = [(join(previous, rel), join(output, rel)) for rel in old["files"]]
        # the very files the last build wrote: the live preview may have replaced a page
        # since with an early one (``earlypages.py``), from a source this build read before
        try:
            if [os.stat(source).st_ino for source, _ in pairs] != old.get("inodes"):
                return False
        except OSError:
            return False
        for source, target in pairs:
            keep(source, target)
        self._written_files.update(target for _, target in pairs)
        self._new[name] = old
        return True

    def write_file(
        self,
        name,
        template,
        context,
        relative_urls=False,
        paginated=None,
        template_name=None,
        override_output=False,
        url=None,
        **kwargs,
    ):
        if not name:
            return None
        key = self._key(name, template, context, kwargs)
        if self._reuse(key, name):
            self.reused += 1
            return None
        render = partial(
            super().write_file,
            name,
            template,
            context,
            relative_urls,
            paginated,
            template_name,
            override_output,
            url,
            **kwargs,
        )
        if self._parallel:
            self._jobs.append(PageJob(key, name, template.environment, render))  # see flush()
            return None
        self._new[name] = {"key": key, **self._render(render)}
        self.rendered += 1
        return None

    def write_feed(
        self,
        elements,
        context,
        path=None,
        url=None,
        feed_type="atom",
        override_output=False,
        feed_title=None,
    ):
        """Link an unchanged feed from the last build (its items' bodies are in its key),
        or queue it for the workers like a page."""
        arguments = (elements, context, path, url, feed_type, override_output, feed_title)
        if not path:
            return super().write_feed(*arguments)
        shown = list(elements[: self.settings["FEED_MAX_ITEMS"]])
        key = digest(
            [
                self._base(context),
                "feed",
                path,
                url,
                feed_type,
                feed_title,
                [self._fingerprint(item) for item in shown],
                [own_content(item) for item in shown],
            ]
        )
        if self._reuse(key, path):
            return None
        render = partial(super().write_feed, *arguments)
        if self._parallel:  # written by the workers with the pages; Pelican ignores the feed
            self._jobs.append(PageJob(key, path, None, render))
            return None
        self._new[path] = {"key": key, **self._render(render)}
        return None

    def _create_new_feed(self, feed_type, feed_title, context):
        # an empty feed (a language with no article yet) would be dated at the time of
        # the build, so two builds of the same tree would differ: it gets a fixed date
        feed = super()._create_new_feed(feed_type, feed_title, context)
        dated = feed.latest_post_date
        feed.latest_post_date = lambda: dated() if feed.items else EMPTY_FEED_DATE
        return feed

    def _render(self, render: partial) -> dict:
        """Run one deferred ``write_file`` call; return the files it wrote (relative paths)
        and their inodes (``_reuse``)."""
        self._capture = []
        try:
            render()
        finally:
            files, self._capture = self._capture, None
        inodes = [os.stat(os.path.join(self.output_path, rel)).st_ino for rel in files]
        return {"files": files, "inodes": inodes}

    def flush(self) -> None:
        """Render the pages queued by ``write_file``, spread over the cores."""
        jobs, self._jobs = self._jobs, []
        if not jobs:
            return
        environments = {id(job.environment): job.environment for job in jobs if job.environment}
        for environment in environments.values():
            memoize_gettext(environment)
        workers = (os.cpu_count() or 1) if len(jobs) >= PARALLEL_MINIMUM else 1
        started = time.perf_counter()
        # the build's own process stays out: it is the largest, and rendering grows it
        rendered = run_forked(
            [job.render for job in jobs], self._render, workers, parent_works=False
        )
        logger.info(
            "sitebuild: rendered %d pages and feeds on %d cores in %.2f s",
            len(jobs),
            workers,
            time.perf_counter() - started,
        )
        for job, written in zip(jobs, rendered, strict=True):
            self._new[job.name] = {"key": job.key, **written}
        self.rendered += sum(1 for job in jobs if job.environment)

    def _open_w(self, filename, encoding, override=False):
        if self._capture is not None:
            self._capture.append(os.path.relpath(filename, self.output_path))
        return super()._open_w(filename, encoding, override)

    def save_record(self) -> None:
        """Remember this build's fingerprints (atomically) for the next build."""
        self.flush()
        write_atomic(self._record_path, json.dumps(self._new, sort_keys=True))
        if self._memo is not None and self._memo_path is not None and self._memo.get("inputs"):
            write_atomic(self._memo_path, pickle.dumps(self._memo, pickle.HIGHEST_PROTOCOL))
        logger.info("sitebuild: %d pages rendered, %d reused", self.rendered, self.reused)
