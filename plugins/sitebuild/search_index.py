"""The Pagefind search index, in one bundle per year so a rebuild re-indexes only what changed.

Pagefind has no incremental mode: indexing the whole site costs about as much as building
it. Articles live under ``/<year>/…`` (and ``/en/<year>/…``), so the index is split by
year: ``/pagefind/<year>/`` is a complete Pagefind bundle of that year's articles in both
languages. A year whose pages did not change is linked from the last build; the others
are indexed, several at a time. A year is unchanged when it has the same pages as last
time and each is the very file of the last build (the writer links unchanged pages; no
page is read to find out). The search page merges the bundles (Pagefind's
``mergeIndex``) from ``/pagefind/bundles.json``; the UI files sit in ``/pagefind/``.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

logger = logging.getLogger(__name__)

BUNDLES_FILE = "bundles.json"
ROOT = "pagefind"
UI_FILES = ("pagefind-ui.js", "pagefind-ui.css")
_YEAR = re.compile(r"^(?:([a-z]{2})/)?(\d{4})/\d{2}/[^/]+/index\.html$")


def bucket_pages(site: Path) -> dict[str, list[str]]:
    """Article pages of ``site`` (relative paths) by year, both languages together."""
    buckets: dict[str, list[str]] = {}
    root = len(str(site)) + 1
    for folder, _subfolders, files in os.walk(site):
        if "index.html" not in files:
            continue
        relative = (folder[root:] + "/index.html").replace(os.sep, "/")
        match = _YEAR.match(relative)
        if match:
            buckets.setdefault(match.group(2), []).append(relative)
    return {year: sorted(pages) for year, pages in sorted(buckets.items())}


def _same_files(site: Path, previous: Path, pages: list[str]) -> bool:
    """True when every page of ``site`` is the previous build's file itself (a link)."""
    try:
        return all(os.path.samefile(site / page, previous / page) for page in pages)
    except OSError:
        return False


def _glob(pages: list[str]) -> str:
    folders = sorted({page.rsplit("/", 3)[0] for page in pages})  # "2025", "en/2025"
    return "{" + ",".join(f"{folder}/*/*/index.html" for folder in folders) + "}"


def _index_year(executable: Path, site: Path, year: str, pages: list[str], timeout: float) -> str:
    """Index one year into ``site/pagefind/<year>``; return an error message or ''."""
    try:
        done = subprocess.run(
            [
                str(executable),
                "--site",
                str(site),
                "--glob",
                _glob(pages),
                "--output-subdir",
                f"{ROOT}/{year}",
                "--silent",
            ],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        return str(error)
    return "" if done.returncode == 0 else (done.stderr or done.stdout).strip()


def _link_tree(source: Path, target: Path) -> None:
    shutil.copytree(source, target, copy_function=os.link, dirs_exist_ok=True)


@dataclass
class SearchIndexPlan:
    """What ``plan_search_index`` found: the site's article pages by year, the stale years."""

    site: Path
    buckets: dict[str, list[str]]
    stale: list[str]


def plan_search_index(site: Path, previous: Path | None) -> SearchIndexPlan:
    """Link the unchanged years' bundles from ``previous``; list the years to index."""
    buckets = bucket_pages(site)
    before = bucket_pages(previous) if previous is not None else {}
    stale = []
    for year, pages in buckets.items():
        kept = previous / ROOT / year if previous is not None else None
        if (
            kept is not None
            and kept.is_dir()
            and before.get(year) == pages
            and _same_files(site, previous, pages)
        ):
            _link_tree(kept, site / ROOT / year)
        else:
            stale.append(year)
    return SearchIndexPlan(site, buckets, stale)


def run_search_index(executable: Path, plan: SearchIndexPlan, timeout: float, workers: int) -> bool:
    """Index the stale years (``workers`` at a time), then write ``bundles.json``.

    Almost all of it is waiting for Pagefind, so a thread can run it while the build goes
    on. False on failure (logged).
    """
    site, buckets, stale = plan.site, plan.buckets, plan.stale
    with ThreadPoolExecutor(max(1, workers)) as pool:
        errors = list(
            pool.map(
                lambda year: _index_year(executable, site, year, buckets[year], timeout), stale
            )
        )
    failed = [f"{year}: {error}" for year, error in zip(stale, errors, strict=True) if error]
    if failed:
        logger.error("tìm kiếm: Pagefind báo lỗi: %s", "; ".join(failed))
        return False
    root = site / ROOT
    root.mkdir(parents=True, exist_ok=True)
    if buckets:
        first = root / next(iter(buckets))
        for name in UI_FILES:
            if (first / name).is_file() and not (root / name).exists():
                os.link(first / name, root / name)
    (root / BUNDLES_FILE).write_text(
        json.dumps({"bundles": list(buckets)}, sort_keys=True),
        encoding="utf-8",
    )
    logger.info(
        "sitebuild: search index, %d years indexed, %d reused",
        len(stale),
        len(buckets) - len(stale),
    )
    return True
