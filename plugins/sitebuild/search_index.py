"""The Pagefind search index, one bundle per language and year, so a rebuild re-indexes
only what changed.

Pagefind has no incremental mode: indexing the whole site costs about as much as building
it. Articles live under ``/<year>/…`` (main language) and ``/<lang>/<year>/…``, so the
index is split: ``/pagefind/<lang>/<year>/`` is a complete Pagefind bundle of one year of
one language. A language's bundles are planned as soon as its article pages are written,
so the sub-site's are made while the main site is still building. A year is unchanged when
it has the same pages as last time and each is the very file of the last build (the writer
links unchanged pages, and the folders' listings give each page's inode: no page is read
or looked at to find out); it is linked from the last build, the others are indexed,
several at a time. The search page of each language merges its own bundles (Pagefind's
``mergeIndex``), listed in ``/pagefind/bundles.json``; the UI files sit in ``/pagefind/``.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import stat
import subprocess
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from .parallel import run_behind
from .reuse import keep_tree
from .urls import ARTICLE_IN_YEAR, ARTICLE_IN_YEAR_GLOB, YEAR_FOLDER, language_prefix

logger = logging.getLogger(__name__)

BUNDLES_FILE = "bundles.json"
ROOT = "pagefind"
UI_FILES = ("pagefind-ui.js", "pagefind-ui.css")


# how many folders lie between a year's folder and one of its article pages
PAGE_DEPTH = ARTICLE_IN_YEAR_GLOB.count("/")
# the page's own name in its folder, when the layout fixes it (``index.html``)
_PAGE_FILE = ARTICLE_IN_YEAR_GLOB.rsplit("/", 1)[-1]
PAGE_NAME = "" if "*" in _PAGE_FILE else _PAGE_FILE


def _year_pages(folder: str, relative: str = "", depth: int = PAGE_DEPTH) -> Iterator[tuple]:
    """(path under the year's folder, inode) of each article page below ``folder``.

    Read from the folders' listings alone: a listing gives each name's inode, and pages a
    build kept are hard links of the last build's files, so no page is opened or looked
    at (the Vietnamese bundles of 10,000 articles are planned in 0.38 s, 0.68 s when the
    trees were walked and each page compared with its old file). Only the layout's depth
    is walked: a page's photos are not listed, and a page of a fixed name in its own
    folder (``<slug>/index.html``) is looked up, not listed (half the time).
    """
    try:
        with os.scandir(folder) as listing:
            entries = list(listing)
    except OSError:
        return
    for entry in entries:
        name = relative + entry.name
        if depth == 0:
            if entry.is_file(follow_symlinks=False) and ARTICLE_IN_YEAR.match(name):
                yield name, entry.inode()
        elif not entry.is_dir(follow_symlinks=False):
            continue
        elif depth == 1 and PAGE_NAME:
            try:
                found = os.stat(os.path.join(entry.path, PAGE_NAME), follow_symlinks=False)
            except OSError:
                continue
            if stat.S_ISREG(found.st_mode) and ARTICLE_IN_YEAR.match(f"{name}/{PAGE_NAME}"):
                yield f"{name}/{PAGE_NAME}", found.st_ino
        else:
            yield from _year_pages(entry.path, name + "/", depth - 1)


def pages_by_year(site: Path, lang: str, main_lang: str) -> dict[str, dict[str, int]]:
    """Article pages of one language of ``site`` by year: each page's path relative to
    ``site``, with its inode (the same inode in two trees: the very same file)."""
    prefix = language_prefix(lang, main_lang)
    top = os.path.join(site, prefix)
    try:
        years = sorted(name for name in os.listdir(top) if YEAR_FOLDER.match(name))
    except OSError:
        return {}
    found = {}
    for year in years:
        pages = {
            f"{prefix}{year}/{page}": inode for page, inode in _year_pages(os.path.join(top, year))
        }
        if pages:
            found[year] = pages
    return found


def _command(executable: Path, site: Path, bundle: str, folder: str) -> list[str]:
    return [
        str(executable),
        "--site",
        str(site),
        "--glob",
        f"{folder}/{ARTICLE_IN_YEAR_GLOB}",
        "--output-subdir",
        f"{ROOT}/{bundle}",
        "--silent",
    ]


def _index_bundle(executable: Path, site: Path, bundle: str, folder: str, timeout: float) -> str:
    """Index ``folder``'s articles into ``site/pagefind/<bundle>``; an error message or ''."""
    try:
        done = subprocess.run(
            _command(executable, site, bundle, folder),
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        return str(error)
    return "" if done.returncode == 0 else (done.stderr or done.stdout).strip()


@dataclass
class SearchIndexPlan:
    """One language's article pages by year, and the years to index again."""

    site: Path
    lang: str
    main_lang: str
    buckets: dict[str, list[str]]
    stale: list[str]

    def folder(self, year: str) -> str:
        """The folder of the site holding the year's articles: ``2025``, ``en/2025``."""
        return language_prefix(self.lang, self.main_lang) + year


def _same_device(site: Path, previous: Path) -> bool:
    try:
        return os.stat(site).st_dev == os.stat(previous).st_dev
    except OSError:
        return False


def plan_search_index(
    site: Path, previous: Path | None, lang: str, main_lang: str
) -> SearchIndexPlan:
    """Link one language's unchanged bundles from ``previous``; list the years to index."""
    now = pages_by_year(site, lang, main_lang)
    # an inode names one file only within one file system (the last build's files are
    # copied, never linked, onto another: none is kept)
    before = (
        pages_by_year(previous, lang, main_lang)
        if previous is not None and _same_device(site, previous)
        else {}
    )
    stale = []
    for year, pages in now.items():
        kept = previous / ROOT / lang / year if previous is not None else None
        # the same pages, each the last build's file itself (kept, not rendered again)
        if kept is not None and before.get(year) == pages and kept.is_dir():
            keep_tree(kept, site / ROOT / lang / year)
        else:
            stale.append(year)
    buckets = {year: sorted(pages) for year, pages in now.items()}
    return SearchIndexPlan(site, lang, main_lang, buckets, stale)


def run_search_index(
    executable: Path, plan: SearchIndexPlan, timeout: float, workers: int
) -> list[str]:
    """Index the plan's stale years, ``workers`` at a time; the errors, if any.

    Almost all of it is waiting for Pagefind, so a thread can run it while the build goes
    on.
    """
    with ThreadPoolExecutor(max(1, workers)) as pool:
        errors = list(
            pool.map(
                lambda year: _index_bundle(
                    executable, plan.site, f"{plan.lang}/{year}", plan.folder(year), timeout
                ),
                plan.stale,
            )
        )
    return [
        f"{plan.lang}/{year}: {error}"
        for year, error in zip(plan.stale, errors, strict=True)
        if error
    ]


def write_bundle_list(site: Path, plans: list[SearchIndexPlan]) -> None:
    """``bundles.json`` (years by language) and the UI files, once every plan has run."""
    root = site / ROOT
    root.mkdir(parents=True, exist_ok=True)
    bundles = {plan.lang: list(plan.buckets) for plan in plans}
    first = next((root / plan.lang / year for plan in plans for year in plan.buckets), None)
    for name in UI_FILES:
        if first is not None and (first / name).is_file() and not (root / name).exists():
            os.link(first / name, root / name)
    (root / BUNDLES_FILE).write_text(
        json.dumps({"bundles": bundles}, sort_keys=True), encoding="utf-8"
    )
    stale = sum(len(plan.stale) for plan in plans)
    total = sum(len(plan.buckets) for plan in plans)
    logger.info("sitebuild: search index, %d bundles indexed, %d reused", stale, total - stale)


@dataclass
class _Indexer:
    year: str
    process: subprocess.Popen | None
    output: IO[bytes] | None
    error: str = ""


class RunningSearchIndex:
    """The plan's stale years, each indexed by its own Pagefind process, no thread here.

    The build forks its renderers meanwhile; a thread waiting on Pagefind would be alive
    at those forks (which can deadlock; Python 3.12+ warns), a child process is not.
    Output goes to temporary files, so a chatty Pagefind never blocks on a full pipe.
    """

    def __init__(
        self, executable: Path, plan: SearchIndexPlan, timeout: float, behind: bool = False
    ):
        self.plan = plan
        self._deadline = time.monotonic() + timeout
        self._indexers: list[_Indexer] = []
        try:
            for year in plan.stale:
                self._start(executable, year, behind)
        except BaseException:
            # Ctrl+C while they start: this object never reaches the build's list of
            # running bundles, so the processes started so far are stopped here
            self.stop()
            raise

    def _start(self, executable: Path, year: str, behind: bool) -> None:
        plan = self.plan
        command = _command(executable, plan.site, f"{plan.lang}/{year}", plan.folder(year))
        if behind:  # a background build's (``Build.background``)
            command = run_behind(command)
        output = tempfile.TemporaryFile()  # noqa: SIM115 (closed by wait())
        try:
            process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT)
        except OSError as error:
            output.close()
            self._indexers.append(_Indexer(year, None, None, str(error)))
            return
        self._indexers.append(_Indexer(year, process, output))

    def wait(self) -> list[str]:
        """Wait for every process (killing those past the timeout); the errors, if any."""
        for indexer in self._indexers:
            process, output = indexer.process, indexer.output
            if process is None or output is None:
                continue
            try:
                code = process.wait(timeout=max(0.0, self._deadline - time.monotonic()))
            except subprocess.TimeoutExpired as error:
                process.kill()
                process.wait()
                indexer.error = str(error)
            else:
                if code != 0:
                    output.seek(0)
                    text = output.read().decode("utf-8", errors="replace").strip()
                    indexer.error = text or f"exit status {code}"
            output.close()
        return [f"{self.plan.lang}/{i.year}: {i.error}" for i in self._indexers if i.error]

    def stop(self) -> None:
        """End every process now (the build was interrupted: its folder goes)."""
        for indexer in self._indexers:
            if indexer.process is not None:
                with contextlib.suppress(OSError):
                    indexer.process.kill()
                indexer.process.wait()
            if indexer.output is not None:
                indexer.output.close()
