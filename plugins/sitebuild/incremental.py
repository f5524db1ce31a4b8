"""Reuse pages whose inputs did not change since the last build.

Pelican renders every page on every build. The officer rebuilds after each typo, so the
writer here keeps, for each page, what its rendering read (``pagereads.py``) and the key
made of it (``pagekeys.py``). The next build works the key out again from the same reads
of its own objects and, when it matches, hard-links the previous file into the new output
instead of rendering. So a body edit re-renders that article's page; a new title, tag or
date re-renders the pages that showed the article or the lists it moved in. A feed's key
has its items whole, their bodies, and every name of the site by its shape. Forked workers
check the pages and feeds, and keep or render each (``flush``): at ten thousand articles a
one-edit build keeps some sixteen thousand pages, and every core takes a share. The record's
tables go on from build to build, so a kept page's entry is stored as it was.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import logging
import os
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import NamedTuple

from jinja2 import pass_context
from pelican.paginator import Paginator
from pelican.writers import Writer

from .atomic import write_atomic, write_pickle_atomic
from .fingerprints import Fingerprinter, fingerprinted, inputs_digest, read_memo, site_code
from .pagekeys import PageKeys, identity, reads_of
from .pagereads import instrument, recording
from .parallel import stream_forked
from .reuse import keep
from .schedule import by_dates
from .state import current_build

logger = logging.getLogger(__name__)

RECORD = "rendered-pages.json"
RECORD_FORMAT = 2  # a record of another form is left alone: every page is rendered
MEMO_PART = "fingerprints"  # in ``Build.kept``: the contents' digests (``use_memo``)
MEMO_FILE = "content-digests.pickle"  # the same, for the next one-off build
PAGINATED = ("articles", "dates")  # the arguments Pelican's writer paginates by default
# a record whose tables name more than twice the identities its pages read, and this
# many more, is numbered afresh (``_carry_tables``)
STALE_MARGIN = 64
PARALLEL_MINIMUM = 8  # fewer pages than this are rendered by one worker
CHECKS_PER_UNIT = 32  # pages to check first a worker takes at a time (``_work_units``)
EMPTY_FEED_DATE = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


class Kept(NamedTuple):
    """A worker kept a page's files; ``entry``: its entry, when the worker made it."""

    entry: str | None


class PageJob(NamedTuple):
    """A page or feed whose rendering waits for ``flush()``."""

    static: str  # the fixed part of its key (``PageKeys.static``)
    name: str
    environment: object  # the Jinja environment of its template (None for a feed)
    render: partial
    context: dict
    kwargs: dict
    reads: dict | None  # a feed's reads are known before (None: recorded while rendering)
    last: dict | None = None  # the last build's entry, checked first by the worker


def article_page(job: PageJob) -> bool:
    """Whether a queued job is an article's page (Pelican writes it with ``article=``)."""
    return job.kwargs.get("article") is not None


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


def _entry_text(entry: dict) -> str:
    return json.dumps(entry, sort_keys=True, separators=(",", ":"))


def _work_units(jobs: list[PageJob]) -> list[list[PageJob]]:
    """``jobs`` in the units a worker takes at a time: a page to render alone (its result
    goes back as soon as it is rendered), pages to check first ``CHECKS_PER_UNIT`` at a
    time (a kept page's check takes less time than sending its result on its own)."""
    units: list[list[PageJob]] = []
    checks: list[PageJob] = []
    for job in jobs:
        if job.last is None:
            units.append([job])
        else:
            checks.append(job)
            if len(checks) == CHECKS_PER_UNIT:
                units.append(checks)
                checks = []
    if checks:
        units.append(checks)
    return units


def paginated_pages(name, url, paginated: dict, template_name: str, settings: dict):
    """``(number, save_as, names)`` for each page of a paginated list, as Pelican's writer
    makes them (``articles_page``, ``articles_next_page``…)."""
    per_page = settings["PAGINATED_TEMPLATES"][template_name] or settings["DEFAULT_PAGINATION"]
    paginators = {
        key: Paginator(name, url, value, settings, per_page) for key, value in paginated.items()
    }
    # each page made once: a list's pages wait together for the workers (``flush``), and
    # a page is its neighbours' next and previous page too
    pages = {
        key: [None, *map(paginator.page, paginator.page_range), None]
        for key, paginator in paginators.items()
    }
    for number in range(1, next(iter(paginators.values())).num_pages + 1):
        names = {}
        for key, paginator in paginators.items():
            page = pages[key][number]
            names[f"{key}_paginator"] = paginator
            names[f"{key}_page"] = page
            names[f"{key}_previous_page"] = pages[key][number - 1]
            names[f"{key}_next_page"] = pages[key][number + 1]
        yield number, page.save_as, names


class IncrementalWriter(Writer):
    """A Pelican writer that links unchanged pages from the previous output."""

    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings)
        build = current_build()
        self._previous = build.previous_of(output_path) if build is not None else None
        # plain strings: thousands of pages are kept on each save, Path objects cost
        self._output = str(Path(self.output_path))
        # contents' digests kept from build to build, one memo a site: in memory by the
        # live preview, in the cache folder by a one-off build of the driver
        self._memo = None
        self._memo_path = Path(self.settings["CACHE_PATH"]) / MEMO_FILE
        if build is not None and build.kept is not None and build.staging is not None:
            memos = build.kept.setdefault(MEMO_PART, {})
            self._memo = memos.setdefault(build.folder_of(output_path), {})
            self._memo_path = None
        elif build is not None and build.driven:
            self._memo = read_memo(self._memo_path)
        self._keys: PageKeys | None = None
        self._record_path = Path(self.settings["CACHE_PATH"]) / RECORD
        self._old_names: list[tuple] = []
        self._old_identities: list[tuple] = []
        self._old = self._load_record()
        # entries as stored (``_numbered``), each as its JSON text: a dict with its lists a
        # page would be 20 small objects, held to the end of the site's writing (the peak)
        self._new: dict[str, str] = {}
        self._name_numbers: dict[tuple, int] = {}
        self._identity_numbers: dict[tuple, int] = {}
        # the last build's tables go on, so a kept page's entry is stored as it was
        self._carried = self._carry_tables()
        self._capture: list[str] | None = None
        self._reach: dict = {}  # see ``pagereads.ReadLog``
        self._interned: dict = {}  # see ``pagekeys.reads_of``
        self.reused = self.rendered = 0
        parallel = build.parallel if build is not None else False
        self._parallel = (os.cpu_count() or 1) > 1 and parallel
        self._behind = build is not None and build.background  # its renderers run behind
        self._jobs: list = []
        # the live preview's pages open in a tab: rendered here at once, then shown
        self._show = build.show if build is not None and build.staging is not None else None
        self._in_view = build.in_view if self._show is not None else frozenset()
        self._folder = build.folder_of(output_path) if self._show else ""
        if build is not None:  # its record is saved when its site is finalized
            build.writers[str(output_path)] = self

    def _load_record(self) -> dict:
        """The last build's entries, as stored: each page's reads are numbers into the
        record's tables of name sets and identities (``_stored_reads`` turns them back)."""
        try:
            record = json.loads(self._record_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        try:
            if record.get("format") != RECORD_FORMAT:
                return {}
            pages = record["pages"]
            self._old_names = [tuple(names) for names in record["names"]]
            self._old_identities = [tuple(identity) for identity in record["contents"]]
        except (AttributeError, KeyError, TypeError):  # not a record this code wrote
            return {}
        return pages if isinstance(pages, dict) else {}

    def _carry_tables(self) -> bool:
        """Number this build's name sets and identities as the last build did, unless most
        of its identities are no longer read (deleted or renamed contents): then every
        entry is numbered afresh, and the tables hold only what the pages read."""
        used: set[int] = set()
        try:
            for entry in self._old.values():
                reads = entry["reads"]
                used.update(reads["contents"], reads["bodies"])
        except (KeyError, TypeError):  # a broken entry: nothing of the record is kept
            self._old = {}
            return False
        if len(self._old_identities) > 2 * len(used) + STALE_MARGIN:
            return False
        self._name_numbers = {names: n for n, names in enumerate(self._old_names)}
        self._identity_numbers = {ident: n for n, ident in enumerate(self._old_identities)}
        return True

    def _stored_reads(self, entry: dict) -> dict | None:
        """A stored entry's reads, as ``reads_of`` gives them (None: a broken entry)."""
        try:
            reads = entry["reads"]
            identities = self._old_identities
            return {
                "names": self._old_names[reads["names"]],
                "contents": [identities[number] for number in reads["contents"]],
                "bodies": [identities[number] for number in reads["bodies"]],
            }
        except (IndexError, KeyError, TypeError):
            return None

    def _numbered(self, reads: dict) -> dict:
        """``reads`` as kept in the record: each set of names and each identity is
        numbered once in this build's tables, so a page's entry is a few small numbers."""
        names, identities = self._name_numbers, self._identity_numbers
        same = self._page_keys().same_identity

        def number(ident: tuple) -> int:
            known = identities.get(ident)
            if known is None:
                known = identities[same(ident)] = len(identities)
            return known

        return {
            "names": names.setdefault(reads["names"], len(names)),
            "contents": [number(ident) for ident in reads["contents"]],
            "bodies": [number(ident) for ident in reads["bodies"]],
        }

    def _page_keys(self) -> PageKeys:
        if self._keys is None:
            fingerprint = Fingerprinter()
            if self._memo is not None:
                code = site_code(current_build(), self.settings)
                fingerprint.use_memo(self._memo, inputs_digest(code, self.settings, fingerprint))
            self._keys = PageKeys(self.settings, fingerprint)
        return self._keys

    def _last_entry(self, static: str, name: str) -> dict | None:
        """The last build's entry of the page ``name``, if it may be kept: its files are
        there to keep and its fixed part is this build's ``static``."""
        old = self._old.pop(name, None)  # each page is written once: let it go
        if self._previous is None or not isinstance(old, dict) or old.get("static") != static:
            return None
        return old

    def _reuse(self, static: str, name: str, context, kwargs, environment) -> bool:
        old = self._last_entry(static, name)
        if old is None or not self._keep_files(old, context, kwargs, environment):
            return False
        self._note_kept(name, old)
        return True

    def _keep_files(self, old: dict, context, kwargs, environment) -> bool:
        """Link the files of the page ``old`` is the last build's entry of, when its key
        is worked out the same from this build's objects; False (nothing done) if not."""
        reads = self._stored_reads(old)
        if reads is None:
            return False
        key = self._page_keys().key(old["static"], reads, context, kwargs, environment)
        if key is None or key != old.get("key"):
            return False
        previous, output = str(self._previous), self._output
        join = os.path.join
        pairs = [(join(previous, rel), join(output, rel)) for rel in old.get("files", ())]
        # the very files the last build wrote: the live preview may have replaced a page
        # since with an early one (``earlypages.py``), from a source this build read before
        try:
            if [os.stat(source).st_ino for source, _ in pairs] != old.get("inodes"):
                return False
        except OSError:
            return False
        for source, target in pairs:
            keep(source, target)
        return True

    def _kept_entry(self, old: dict) -> str | None:
        """The entry of a kept page, as this build stores it (None: numbered afresh, by
        ``_note_kept``)."""
        return _entry_text(old) if self._carried else None

    def _note_kept(self, name: str, old: dict, entry: str | None = None) -> None:
        """Keep the entry of a page whose files were kept, as this build's (``entry``: as
        ``_kept_entry`` made it, in a worker)."""
        join = os.path.join
        self._written_files.update(join(self._output, rel) for rel in old.get("files", ()))
        self._new[name] = (
            entry
            or self._kept_entry(old)
            or _entry_text({**old, "reads": self._numbered(self._stored_reads(old))})
        )

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
        instrument(template.environment)
        if paginated is None:  # as Pelican's writer does
            paginated = {key: value for key, value in kwargs.items() if key in PAGINATED}
        if paginated and template_name in self.settings["PAGINATED_TEMPLATES"]:
            # each page of a list has its own key: a new title renders the page showing it
            for number, save_as, page_kwargs in paginated_pages(
                name, url, paginated, template_name, self.settings
            ):
                arguments = (template_name, override_output, url, paginated, number)
                self._write_page(
                    save_as, template, context, relative_urls, arguments, {**kwargs, **page_kwargs}
                )
            return None
        arguments = (template_name, override_output, url, paginated, 0)
        self._write_page(name, template, context, relative_urls, arguments, kwargs)
        return None

    def _write_page(self, name, template, context, relative_urls, arguments, kwargs) -> None:
        """Keep or render one page (one file, unless a plugin writes more)."""
        environment = template.environment
        template_name, override_output, url = arguments[:3]
        # the lists it is a page of count whole (by identity); its other arguments count as
        # names, when the template reads them
        static = self._page_keys().static("page", template.name, name, relative_urls, arguments)
        shown = os.path.normpath(os.path.join(self._folder, name)) if self._in_view else None
        in_view = shown in self._in_view
        # a page to render in parallel is checked there too: keeping page after page is
        # most of a one-edit build, and it can use every core (``flush``)
        deferred = self._parallel and not in_view
        last = self._last_entry(static, name) if deferred else None
        if not deferred and self._reuse(static, name, context, kwargs, environment):
            self.reused += 1
            return
        # no pagination left to do: ``name`` is the page's own file
        render = partial(
            super().write_file,
            name,
            template,
            context,
            relative_urls,
            {},
            template_name,
            override_output,
            url,
            **kwargs,
        )
        job = PageJob(static, name, environment, render, context, kwargs, None, last)
        if deferred:
            self._jobs.append(job)  # see flush()
            return
        if in_view:  # as flush() renders it
            memoize_gettext(environment)
        self._finish(job, self._render(job))
        self.rendered += 1
        if in_view:
            self._show(shown, os.path.join(self.output_path, name))

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
        """Link an unchanged feed from the last build, or queue it for the workers like a
        page. Its reads are known beforehand: its items, whole and with their bodies, and
        every name of the site by its shape (its plugins look at the site's lists)."""
        arguments = (elements, context, path, url, feed_type, override_output, feed_title)
        if not path:
            return super().write_feed(*arguments)
        shown = sorted({identity(item) for item in elements[: self.settings["FEED_MAX_ITEMS"]]})
        reads = {
            "names": tuple(sorted(str(key) for key in context if fingerprinted(key))),
            "contents": shown,
            "bodies": shown,
        }
        static = self._page_keys().static("feed", path, url, feed_type, feed_title)
        render = partial(super().write_feed, *arguments)
        if self._parallel:  # kept or written by the workers with the pages
            last = self._last_entry(static, path)
            self._jobs.append(PageJob(static, path, None, render, context, {}, reads, last))
            return None  # Pelican ignores the feed
        if self._reuse(static, path, context, {}, None):
            return None
        job = PageJob(static, path, None, render, context, {}, reads)
        self._finish(job, self._render(job))
        return None

    def _create_new_feed(self, feed_type, feed_title, context):
        # an empty feed (a language with no article yet) would be dated at the time of
        # the build, so two builds of the same tree would differ: it gets a fixed date
        feed = super()._create_new_feed(feed_type, feed_title, context)
        dated = feed.latest_post_date
        feed.latest_post_date = lambda: dated() if feed.items else EMPTY_FEED_DATE
        return feed

    def _render(self, job: PageJob) -> dict:
        """Run one deferred ``write_file`` call; return the files it wrote (relative paths),
        their inodes (``_reuse``) and what the rendering read."""
        self._capture = []
        try:
            with recording(self._reach) as log:
                job.render()
        finally:
            files, self._capture = self._capture, None
        inodes = [os.stat(os.path.join(self.output_path, rel)).st_ino for rel in files]
        reads = job.reads if job.reads is not None else reads_of(log, self._interned)
        return {"files": files, "inodes": inodes, "reads": reads}

    def _finish(self, job: PageJob, written: dict) -> None:
        """Keep a rendered page's entry: its key is worked out from what it read."""
        key = self._page_keys().key(
            job.static, written["reads"], job.context, job.kwargs, job.environment
        )
        reads = self._numbered(written["reads"])
        entry = {"static": job.static, "key": key, **written, "reads": reads}
        self._new[job.name] = _entry_text(entry)

    def _work(self, jobs: list[PageJob]) -> list[dict | Kept]:
        """A worker's part of a few queued pages: keep each one's files, or render it."""
        done = []
        for job in jobs:
            if job.last is not None and self._keep_files(
                job.last, job.context, job.kwargs, job.environment
            ):
                done.append(Kept(self._kept_entry(job.last)))
            else:
                done.append(self._render(job))
        return done

    def flush(self, picked: Callable[[PageJob], bool] | None = None) -> None:
        """Keep or render the pages queued by ``write_file``, spread over the cores
        (``picked``: only the pages it picks; the others stay queued)."""
        if picked is None:
            jobs, self._jobs = self._jobs, []
        else:
            jobs = [job for job in self._jobs if picked(job)]
            self._jobs = [job for job in self._jobs if not picked(job)]
        if not jobs:
            return
        environments = {id(job.environment): job.environment for job in jobs if job.environment}
        for environment in environments.values():
            memoize_gettext(environment)
        workers = (os.cpu_count() or 1) if len(jobs) >= PARALLEL_MINIMUM else 1
        checked = next((job for job in jobs if job.last is not None), None)
        if checked is not None:
            self._page_keys().digest_contents(checked.context)
        started = time.perf_counter()
        kept = rendered = 0
        units = by_dates(_work_units(jobs), workers)
        # the build's own process stays out of the rendering: it is the largest, and
        # rendering grows it. It keeps each page's entry as the page's result comes, while
        # the workers go on: no result waits for the last page's.
        for index, results in stream_forked(units, self._work, workers, self._behind):
            unit, units[index] = units[index], None  # its own arguments (a list's page) go now
            for job, written in zip(unit, results, strict=True):
                page = job.environment is not None  # the feeds are not counted
                if isinstance(written, Kept):
                    self._note_kept(job.name, job.last, written.entry)
                    kept += page
                    continue
                self._finish(job, written)
                rendered += page
        logger.info(
            "sitebuild: %d pages kept, %d rendered (and %d feeds) on %d cores in %.2f s",
            kept,
            rendered,
            len(jobs) - kept - rendered,
            workers,
            time.perf_counter() - started,
        )
        self.reused += kept
        self.rendered += rendered

    def _open_w(self, filename, encoding, override=False):
        if self._capture is not None:
            self._capture.append(os.path.relpath(filename, self.output_path))
        return super()._open_w(filename, encoding, override)

    def _write_record(self, handle) -> None:
        """This build's entries, with the tables their numbers point into, as the JSON of
        ``{"contents": …, "format": …, "names": …, "pages": {name: entry}}`` (keys sorted),
        the entries' texts as they are kept."""
        tables = {
            "contents": list(self._identity_numbers),
            "format": RECORD_FORMAT,
            "names": list(self._name_numbers),
        }
        head = json.dumps(tables, sort_keys=True)
        text = io.TextIOWrapper(handle, encoding="utf-8", write_through=False)
        text.write(head[:-1] + ', "pages": {')
        for number, name in enumerate(sorted(self._new)):
            text.write(f"{', ' if number else ''}{json.dumps(name)}: {self._new[name]}")
        text.write("}}")
        text.flush()
        text.detach()

    def save_record(self) -> None:
        """Remember this build's fingerprints (atomically) for the next build."""
        self.flush()
        write_atomic(self._record_path, self._write_record)
        if self._memo is not None and self._memo_path is not None and self._memo.get("inputs"):
            write_pickle_atomic(self._memo_path, self._memo)
        logger.info("sitebuild: %d pages rendered, %d reused", self.rendered, self.reused)
