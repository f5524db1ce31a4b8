"""The Pagefind search index, in one bundle per year so a rebuild re-indexes only what changed.

Pagefind has no incremental mode: indexing the whole site costs about as much as building
it. Articles live under ``/<year>/…`` (and ``/en/<year>/…``), so the index is split by
year: ``/pagefind/<year>/`` is a complete Pagefind bundle of that year's articles in both
languages. A year whose pages did not change is linked from the last build; the others
are indexed, several at a time. The search page merges the bundles (Pagefind's
``mergeIndex``) from ``/pagefind/bundles.json``; the UI files sit in ``/pagefind/``.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

logger = logging.getLogger(__name__)

BUNDLES_FILE = "bundles.json"
ROOT = "pagefind"
UI_FILES = ("pagefind-ui.js", "pagefind-ui.css")
_YEAR = re.compile(r"^(?:([a-z]{2})/)?(\d{4})/\d{2}/[^/]+/index\.html$")


def bucket_pages(site: Path) -> dict[str, list[str]]:
    """Article pages of ``site`` (relative paths) by year, both languages together."""
    buckets: dict[str, list[str]] = {}
    for path in site.rglob("index.html"):
        relative = path.relative_to(site).as_posix()
        match = _YEAR.match(relative)
        if match:
            buckets.setdefault(match.group(2), []).append(relative)
    return {year: sorted(pages) for year, pages in sorted(buckets.items())}


def _digest(site: Path, pages: list[str]) -> str:
    digest = hashlib.sha1()
    for page in pages:
        digest.update(page.encode())
        digest.update((site / page).read_bytes())
    return digest.hexdigest()


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


def _previous_digests(previous: Path | None) -> dict[str, str]:
    if previous is None:
        return {}
    try:
        data = json.loads((previous / ROOT / BUNDLES_FILE).read_text(encoding="utf-8"))
        return dict(data.get("digests", {}))
    except (OSError, ValueError, AttributeError):
        return {}


def build_search_index(
    executable: Path, site: Path, previous: Path | None, timeout: float, workers: int
) -> bool:
    """Write ``site/pagefind/``; reuse unchanged years from ``previous``. False on failure."""
    buckets = bucket_pages(site)
    old = _previous_digests(previous)
    digests = {year: _digest(site, pages) for year, pages in buckets.items()}
    stale = []
    for year, digest in digests.items():
        kept = previous / ROOT / year if previous is not None else None
        if kept is not None and old.get(year) == digest and kept.is_dir():
            _link_tree(kept, site / ROOT / year)
        else:
            stale.append(year)
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
        json.dumps({"bundles": list(buckets), "digests": digests}, sort_keys=True),
        encoding="utf-8",
    )
    logger.info(
        "sitebuild: search index, %d years indexed, %d reused",
        len(stale),
        len(buckets) - len(stale),
    )
    return True
