"""The Pagefind search index, one bundle per language and year, so a rebuild re-indexes
only what changed.

Pagefind has no incremental mode: indexing the whole site costs about as much as building
it. Articles live under ``/<year>/…`` (main language) and ``/<lang>/<year>/…``, so the
index is split: ``/pagefind/<lang>/<year>/`` is a complete Pagefind bundle of one year of
one language. A language's bundles are planned as soon as its article pages are written,
so the sub-site's are made while the main site is still building. A year is unchanged when
it has the same pages as last time and each is the very file of the last build (the writer
links unchanged pages; no page is read to find out); it is linked from the last build, the
others are indexed, several at a time. The search page of each language merges its own
bundles (Pagefind's ``mergeIndex``), listed in ``/pagefind/bundles.json``; the UI files sit
in ``/pagefind/``.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import subprocess
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from .parallel import run_behind
from .reuse import is_kept, keep_tree
from .urls import ARTICLE_IN_YEAR, ARTICLE_IN_YEAR_GLOB, YEAR_FOLDER, language_prefix

logger = logging.getLogger(__name__)

BUNDLES_FILE = "bundles.json"
ROOT = "pagefind"
UI_FILES = ("pagefind-ui.js", "pagefind-ui.css")


def bucket_pages(site: Path, lang: str, main_lang: str) -> dict[str, list[str]]:
    """Article pages of one language of ``site`` (paths relative to ``site``) by year."""
    prefix = language_prefix(lang, main_lang)
    top = site / prefix
    try:
        years = sorted(name for name in os.listdir(top) if YEAR_FOLDER.match(name))
    except OSError:
        return {}
    buckets: dict[str, list[str]] = {}
    for year in years:
        start = len(str(top / year)) + 1
        pages = []
        for folder, _subfolders, files in os.walk(top / year):
            if "index.html" in files:
                relative = (folder[start:] + "/index.html").replace(os.sep, "/")
                if ARTICLE_IN_YEAR.match(relative):
                    pages.append(f"{prefix}{year}/{relative}")
        if pages:
            buckets[year] = sorted(pages)
    return buckets


def _same_files(site: Path, previous: Path, pages: list[str]) -> bool:
    """True when every page of ``site`` is the previous build's file itself (kept)."""
    return all(is_kept(site / page, previous / page) for page in pages)


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


def plan_search_index(
    site: Path, previous: Path | None, lang: str, main_lang: str
) -> SearchIndexPlan:
    """Link one language's unchanged bundles from ``previous``; list the years to index."""
    buckets = bucket_pages(site, lang, main_lang)
    before = bucket_pages(previous, lang, main_lang) if previous is not None else {}
    stale = []
    for year, pages in buckets.items():
        kept = previous / ROOT / lang / year if previous is not None else None
        if (
            kept is not None
            and kept.is_dir()
            and before.get(year) == pages
            and _same_files(site, previous, pages)
        ):
            keep_tree(kept, site / ROOT / lang / year)
        else:
            stale.append(year)
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
        for year in plan.stale:
            command = _command(executable, plan.site, f"{plan.lang}/{year}", plan.folder(year))
            if behind:  # a background build's (``Build.background``)
                command = run_behind(command)
            output = tempfile.TemporaryFile()  # noqa: SIM115 (closed by wait())
            try:
                process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT)
            except OSError as error:
                output.close()
                self._indexers.append(_Indexer(year, None, None, str(error)))
                continue
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
