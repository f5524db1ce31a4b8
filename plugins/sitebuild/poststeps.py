"""Steps run on the finished build, in the staging folder, before it replaces ``output/``.

So ``output/`` always holds a site whose search index and compressed copies match its
pages: a step that fails fails the build like any other error.
"""

from __future__ import annotations

import gzip
import logging
import os
import threading
import time
from functools import partial
from pathlib import Path

from .atomic import write_atomic
from .parallel import run_forked
from .search_index import plan_search_index, run_search_index

logger = logging.getLogger(__name__)

SEARCH_KEY = "SITEBUILD_SEARCH_INDEX"  # the running background index (main site settings)

DEFAULTS = {
    "SEARCH_INDEX": True,  # Pagefind index at /pagefind/ (both languages)
    "SEARCH_TIMEOUT": 300,  # seconds for the indexer
    # write x.gz (and x.br) next to text files; `make deploy DEPLOY=rsync` does it itself
    "PRECOMPRESS": False,
    "PRECOMPRESS_MIN_BYTES": 512,  # smaller files are not worth it
    "PRECOMPRESS_SUFFIXES": (".html", ".css", ".js", ".mjs", ".json", ".xml", ".txt", ".svg"),
    # brotli 6 is as fast as gzip 9 and 5 % smaller; 11 is 60 times slower for 9 % more
    "PRECOMPRESS_BROTLI_QUALITY": 6,
}

try:  # brotli is optional: without it only .gz files are written
    import brotli
except ImportError:  # pragma: no cover - depends on the installation
    brotli = None


def check_settings(settings: dict) -> None:
    """Fill in the post-build settings; replace a wrong value by its default, with a message."""
    for key, default in DEFAULTS.items():
        value = settings.setdefault(key, default)
        if isinstance(default, bool):
            wrong = not isinstance(value, bool)
        elif isinstance(default, int):
            wrong = isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0
        else:
            wrong = not isinstance(value, (tuple, list))
        if wrong:
            logger.error("%s = %r không hợp lệ; dùng mặc định %r.", key, value, default)
            settings[key] = default


def _setting(settings: dict, key: str):
    return settings.get(key, DEFAULTS[key])


def pagefind_executable() -> Path | None:
    """The Pagefind binary shipped by the ``pagefind[bin]`` package, if installed."""
    try:
        import pagefind_bin
    except ImportError:
        return None
    try:
        return pagefind_bin.get_executable()
    except FileNotFoundError:
        return None


def index_search(site: Path, timeout: float = 300, previous: Path | None = None) -> bool:
    """Build the Pagefind index of ``site`` into ``site/pagefind``; False on failure."""
    executable = pagefind_executable()
    if executable is None:
        logger.error(
            "tìm kiếm: thiếu chương trình Pagefind (gói pagefind[bin]); chạy lại make để cài."
        )
        return False
    plan = plan_search_index(site, previous)
    return run_search_index(executable, plan, timeout, os.cpu_count() or 1)


def compressed_copies(data: bytes, brotli_quality: int = 6) -> dict[str, bytes]:
    """``{".gz": …, ".br": …}`` for ``data``, each only if it is smaller than ``data``."""
    copies = {".gz": gzip.compress(data, compresslevel=9, mtime=0)}
    if brotli is not None:
        copies[".br"] = brotli.compress(data, quality=brotli_quality)
    return {suffix: packed for suffix, packed in copies.items() if len(packed) < len(data)}


def _unchanged(path: Path, before: Path) -> bool:
    """True when ``before`` (last build's file) holds exactly what ``path`` holds."""
    try:
        if os.path.samefile(path, before):  # a page the build linked, not rewrote
            return True
        return (
            before.stat().st_size == path.stat().st_size
            and before.read_bytes() == path.read_bytes()
        )
    except OSError:
        return False


def _reuse_copies(path: Path, before: Path) -> bool:
    """Link last build's compressed copies of an unchanged file; False if there are none."""
    copies = [before.with_name(before.name + suffix) for suffix in (".gz", ".br")]
    present = [copy for copy in copies if copy.is_file()]
    if not present or not _unchanged(path, before):
        return False
    for copy in present:
        target = path.with_name(copy.name)
        try:
            os.link(copy, target)
        except OSError:
            target.write_bytes(copy.read_bytes())
    return True


def _compress_files(paths: list[Path], brotli_quality: int) -> int:
    written = 0
    for path in paths:
        for suffix, packed in compressed_copies(path.read_bytes(), brotli_quality).items():
            write_atomic(path.with_name(path.name + suffix), packed)
            written += 1
    return written


def _has_fresh_copies(path: Path) -> bool:
    """True when ``path`` already has a compressed copy written after it (a second deploy)."""
    try:
        return path.with_name(path.name + ".gz").stat().st_mtime_ns >= path.stat().st_mtime_ns
    except OSError:
        return False


def precompress(
    site: Path,
    suffixes: tuple[str, ...] = DEFAULTS["PRECOMPRESS_SUFFIXES"],
    min_bytes: int = DEFAULTS["PRECOMPRESS_MIN_BYTES"],
    previous: Path | None = None,
    brotli_quality: int = DEFAULTS["PRECOMPRESS_BROTLI_QUALITY"],
) -> int:
    """Write compressed copies next to every text file of ``site``; return how many.

    Copies of files that did not change since ``previous`` (the last build) are linked
    from it, copies already newer than their file are kept; the rest are compressed on
    every core.
    """
    todo = []
    for path in sorted(site.rglob("*")):
        if not path.is_file() or path.suffix.lower() not in suffixes:
            continue
        if path.stat().st_size < min_bytes or _has_fresh_copies(path):
            continue
        if previous is not None and _reuse_copies(path, previous / path.relative_to(site)):
            continue
        todo.append(path)
    workers = os.cpu_count() or 1
    chunks = (
        [todo[start :: workers * 4] for start in range(workers * 4)] if len(todo) > 64 else [todo]
    )
    done = run_forked(chunks, partial(_compress_files, brotli_quality=brotli_quality), workers)
    return sum(done)


class BackgroundSearchIndex:
    """The search index, made while the build finishes its last steps.

    Started once every page is written (the main site's ``finalized``): which years
    changed is worked out here, then a thread waits for Pagefind while the images, the
    sitemap and the editor are placed. ``wait()`` joins it.
    """

    def __init__(self, site: Path, settings: dict, previous: Path | None):
        self.started = time.perf_counter()
        self._error: BaseException | None = None
        executable = pagefind_executable()
        if executable is None:
            self._thread = None
            index_search(site)  # says what is missing
            return
        plan = plan_search_index(site, previous)
        timeout = float(_setting(settings, "SEARCH_TIMEOUT"))
        self._thread = threading.Thread(
            target=self._run,
            args=(executable, plan, timeout),
            name="search-index",
            daemon=True,
        )
        self._thread.start()

    def _run(self, executable: Path, plan, timeout: float) -> None:
        try:
            run_search_index(executable, plan, timeout, os.cpu_count() or 1)
        except BaseException as error:  # handed to the build by wait()
            self._error = error

    def wait(self) -> None:
        if self._thread is not None:
            self._thread.join()
        if self._error is not None:
            raise self._error


def start_search_index(site: Path, settings: dict, previous: Path | None) -> None:
    """Start the search index in the background if the settings ask for it."""
    if _setting(settings, "SEARCH_INDEX") and SEARCH_KEY not in settings:
        settings[SEARCH_KEY] = BackgroundSearchIndex(site, settings, previous)


def wait_for_search_index(settings: dict) -> None:
    """Join the background search index, if one was started (also when the build failed)."""
    running = settings.pop(SEARCH_KEY, None)
    if running is not None:
        running.wait()
        logger.info("sitebuild: search index %.2f s", time.perf_counter() - running.started)


def run_post_build(site: Path, settings: dict, previous: Path | None = None) -> None:
    """Run the steps the settings ask for, in order: search index, then compression."""
    started = time.perf_counter()
    if SEARCH_KEY in settings:
        wait_for_search_index(settings)
    elif _setting(settings, "SEARCH_INDEX"):
        index_search(site, float(_setting(settings, "SEARCH_TIMEOUT")), previous)
        logger.info("sitebuild: search index %.2f s", time.perf_counter() - started)
    if _setting(settings, "PRECOMPRESS"):
        count = precompress(
            site,
            tuple(_setting(settings, "PRECOMPRESS_SUFFIXES")),
            int(_setting(settings, "PRECOMPRESS_MIN_BYTES")),
            previous,
            int(_setting(settings, "PRECOMPRESS_BROTLI_QUALITY")),
        )
        logger.info("sitebuild: %d compressed copies", count)
