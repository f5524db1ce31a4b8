"""Steps run on the finished build, in the staging folder, before it replaces ``output/``.

So ``output/`` always holds a site whose search index and compressed copies match its
pages: a step that fails fails the build like any other error.
"""

from __future__ import annotations

import gzip
import logging
import os
import time
from functools import partial
from pathlib import Path

from .atomic import write_atomic
from .core_settings import POST_BUILD
from .parallel import run_forked
from .reuse import keep, same_bytes
from .schema import check, defaults
from .search_index import (
    RunningSearchIndex,
    plan_search_index,
    run_search_index,
    write_bundle_list,
)
from .sites import site_langs

logger = logging.getLogger(__name__)

try:  # brotli is optional: without it only .gz files are written
    import brotli
except ImportError:  # pragma: no cover - depends on the installation
    brotli = None


DEFAULTS = defaults(POST_BUILD)


def check_settings(settings: dict) -> None:
    """Fill in the post-build settings; replace a wrong value by its default, with a message."""
    check(settings, POST_BUILD)


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


def compressed_copies(data: bytes, brotli_quality: int = 6) -> dict[str, bytes]:
    """``{".gz": …, ".br": …}`` for ``data``, each only if it is smaller than ``data``."""
    copies = {".gz": gzip.compress(data, compresslevel=9, mtime=0)}
    if brotli is not None:
        copies[".br"] = brotli.compress(data, quality=brotli_quality)
    return {suffix: packed for suffix, packed in copies.items() if len(packed) < len(data)}


def _reuse_copies(path: Path, before: Path) -> bool:
    """Link last build's compressed copies of an unchanged file; False if there are none."""
    copies = [before.with_name(before.name + suffix) for suffix in (".gz", ".br")]
    present = [copy for copy in copies if copy.is_file()]
    if not present or not same_bytes(path, before):
        return False
    for copy in present:
        keep(copy, path.with_name(copy.name))
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


def start_search_index(
    site: Path,
    settings: dict,
    previous: Path | None,
    lang: str,
    main_lang: str,
    running: dict,
    behind: bool = False,
) -> None:
    """Start ``lang``'s search bundles in the background if the settings ask for it.

    ``running`` holds the bundles started so far, by language (the build's ``search``);
    ``behind``: Pagefind runs at a lower priority (a background build's, ``Build``).
    """
    if not _setting(settings, "SEARCH_INDEX") or lang in running:
        return
    executable = pagefind_executable()
    if executable is None:
        return  # the post-build step says what is missing
    plan = plan_search_index(site, previous, lang, main_lang)
    # its own processes, no thread: the build forks its renderers meanwhile
    running[lang] = RunningSearchIndex(
        executable, plan, float(_setting(settings, "SEARCH_TIMEOUT")), behind
    )


def wait_for_search_index(running: dict) -> dict:
    """Join the background search bundles (also when the build failed); by language."""
    done = {}
    while running:
        lang, index = running.popitem()
        done[lang] = (index.plan, index.wait())
    return done


def stop_search_index(running: dict) -> None:
    """End the background search bundles at once (the build was interrupted)."""
    while running:
        running.popitem()[1].stop()


def _finish_search_index(site: Path, settings: dict, previous: Path | None, running: dict) -> None:
    """Wait for the bundles started in the background, make any missing, list them all."""
    started = time.perf_counter()
    done = wait_for_search_index(running)
    langs = site_langs(settings)
    missing = [lang for lang in langs if lang not in done]
    executable = pagefind_executable()
    if missing and executable is None:
        logger.error(
            "tìm kiếm: thiếu chương trình Pagefind (gói pagefind[bin]); chạy lại make để cài."
        )
        return
    timeout = float(_setting(settings, "SEARCH_TIMEOUT"))
    for lang in missing:
        plan = plan_search_index(site, previous, lang, langs[0])
        done[lang] = (plan, run_search_index(executable, plan, timeout, os.cpu_count() or 1))
    errors = [error for lang in langs for error in done[lang][1]]
    if errors:
        logger.error("tìm kiếm: Pagefind báo lỗi: %s", "; ".join(errors))
        return
    write_bundle_list(site, [done[lang][0] for lang in langs])
    logger.info("sitebuild: search index %.2f s after the pages", time.perf_counter() - started)


def run_post_build(
    site: Path, settings: dict, previous: Path | None = None, running: dict | None = None
) -> None:
    """Run the steps the settings ask for, in order: search index, then compression.

    ``running``: search bundles the build started in the background, by language.
    """
    if _setting(settings, "SEARCH_INDEX"):
        _finish_search_index(site, settings, previous, running if running is not None else {})
    if _setting(settings, "PRECOMPRESS"):
        count = precompress(
            site,
            tuple(_setting(settings, "PRECOMPRESS_SUFFIXES")),
            int(_setting(settings, "PRECOMPRESS_MIN_BYTES")),
            previous,
            int(_setting(settings, "PRECOMPRESS_BROTLI_QUALITY")),
        )
        logger.info("sitebuild: %d compressed copies", count)
