"""Build the site into a staging folder and swap it into place only when it succeeded.

Post-build steps (search index, compressed copies: ``poststeps.py``) run on the staging
folder too. So ``output/`` always holds a complete site: a crash, or a strict build that found
problems, leaves the previous build untouched. Every warning and error is counted; with
``strict`` any of them fails the build (CI and ``make html STRICT=1``). The replaced
tree is kept in the cache and its folders reused by the next build (``sparetree.py``).
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pelican import Pelican
from pelican.contents import Content
from pelican.plugins.i18n_subsites import i18n_subsites
from pelican.utils import memoized

from . import earlypages, sparetree
from .cli import forget_logged
from .config import load_settings
from .folders import start_copying, wait_for_makers
from .hooks import build_written
from .poststeps import run_post_build, stop_search_index, wait_for_search_index
from .state import Build, running

logger = logging.getLogger(__name__)

SPARE_TREE = "spare-output"  # in CACHE_PATH: the folders of the build before last


class _Counter(logging.Handler):
    """Counts warnings and errors from every logger while a build runs."""

    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.warnings = 0
        self.errors = 0

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.ERROR:
            self.errors += 1
        else:
            self.warnings += 1


@dataclass
class BuildResult:
    ok: bool
    output: Path
    warnings: int
    errors: int
    seconds: float
    # the live preview's (``kept``): what its early pages start from (``earlypages.py``)
    capture: object | None = None
    spare: Path | None = None  # the replaced tree, kept for the next build (``sparetree.py``)


def _staging_of(output: Path, pid: int) -> Path:
    """The folder a build process builds ``output`` in: beside it, one per process."""
    return output.with_name(f"{sparetree.staging_prefix(output)}{pid}")


def _remove_abandoned_staging(output: Path) -> None:
    """Remove the staging folders of builds whose process is gone: a build interrupted in
    its own process removes its folder, one killed or cut off by a power cut cannot.
    Another build's, still running (``make html`` beside the preview), stays."""
    if os.name != "posix":  # no way to ask whether a process runs without signalling it
        return
    prefix = sparetree.staging_prefix(output)
    for pid in sparetree.staging_pids(output):
        if pid != os.getpid() and not sparetree.running(pid):
            shutil.rmtree(output.parent / f"{prefix}{pid}", ignore_errors=True)


def _remove_empty_folders(state: Build, root: Path) -> None:
    """Delete the folders under ``root`` left empty (a page that is gone), as listed once
    the language sites were written; one a later step wrote into is not empty any more."""
    for folder in state.output_tree(root).empty:
        with contextlib.suppress(OSError):
            os.rmdir(folder)


def empty_spare_tree(cache_path: Path) -> None:
    """Empty the spare tree's files ahead of the next build: the live preview does it while
    it waits for a save, so the next build starts at once (``sparetree.py``)."""
    sparetree.empty(Path(cache_path) / SPARE_TREE)


def _swap_into_place(staging: Path, output: Path, spare: Path) -> None:
    """Put ``staging`` in place of ``output``; keep the old tree's folders as ``spare``."""
    retired = output.with_name(f"{output.name}.old-{os.getpid()}")
    if output.exists():
        os.replace(output, retired)
    os.replace(staging, output)
    if retired.exists():
        sparetree.keep(retired, spare)


def _forget_rendered_contents() -> None:
    """Empty Pelican's memos of each content's HTML and summary, keyed by (content, siteurl).

    Each memo is one dict for the whole process and is never emptied, so in the live
    preview every build's articles (with their tags, cards and related lists) would stay
    alive all day. The build is over: nothing asks for its contents' HTML again.
    """
    for member in vars(Content).values():
        if isinstance(member, memoized):
            member.cache.clear()


def _let_contents_go() -> None:
    """Free what Pelican read and made, once it has returned: what is done after (the
    sitemap, the search index, compressed copies) then reuses that memory instead of adding
    to the build's peak.

    i18n_subsites keeps every site's generators and contents, and the main site's static
    files (each holds its site's context), until it starts again (``initialize_dbs`` empties
    its tables then; called here, it would also take these settings for the next build's).
    The contents hold each other (translations, context): only the collector frees them.
    """
    _forget_rendered_contents()
    i18n_subsites._GENERATOR_DB.clear()
    i18n_subsites._NATIVE_CONTENT_URL_DB.clear()
    i18n_subsites._MAIN_STATIC_FILES = None
    gc.collect()


def _abandon(state: Build, finish_search: bool) -> None:
    """Remove a build's staging folder once nothing writes into it any more: its folder
    makers done, its search indexers done (a failed build) or stopped (an interrupted one)."""
    wait_for_makers(state.makers)
    if finish_search:
        with contextlib.suppress(Exception):
            wait_for_search_index(state.search)
    else:
        stop_search_index(state.search)
    shutil.rmtree(state.staging, ignore_errors=True)


def build(
    settings_file: Path,
    strict: bool = False,
    overrides: dict | None = None,
    kept: dict | None = None,
    background: bool = False,
    in_view: frozenset = frozenset(),
    show: Callable[[str, str], None] | None = None,
) -> BuildResult:
    """Build the site described by ``settings_file``; see the module docstring.

    ``kept``: what a long-lived caller keeps between its builds (``Build.kept``);
    ``background``: its workers run behind the caller's other work (``Build.background``);
    ``in_view`` and ``show``: the pages rendered first, and who shows them
    (``Build.in_view``).
    """
    started = time.perf_counter()
    counter = _Counter()  # a misspelt or wrong setting counts like any warning or error
    root = logging.getLogger()
    root.addHandler(counter)
    try:
        settings = load_settings(settings_file, overrides)
    except BaseException:
        root.removeHandler(counter)
        raise
    output = Path(settings["OUTPUT_PATH"])
    _remove_abandoned_staging(output)
    staging = _staging_of(output, os.getpid())
    spare = Path(settings["CACHE_PATH"]) / SPARE_TREE
    # the folders of the build before last: thousands, which need not be made again
    folders_ready = sparetree.take(spare, staging)
    settings["OUTPUT_PATH"] = str(staging)
    state = Build(
        output=output,
        staging=staging,
        previous=output if output.is_dir() else None,  # unchanged files are linked from here
        parallel=settings["SITEBUILD_PARALLEL"],
        keep_contents=settings["SITEBUILD_KEEP_CONTENTS"],
        kept=kept,
        background=background,
        in_view=in_view,
        show=show,
    )
    if not folders_ready and state.previous is not None and state.parallel:
        start_copying(state.previous, staging, state.makers)  # the last build's instead
    forget_logged()
    pelican = None
    try:
        with running(state):
            pelican = Pelican(settings)
            pelican.run()
        _let_contents_go()
        build_written.send(pelican.settings, build=state)
        built = time.perf_counter()
        # search index, compressed copies: on the staging folder, counted like the build
        run_post_build(staging, pelican.settings, state.previous, state.search)
        logger.info(
            "sitebuild: pages %.2f s, post-build steps %.2f s",
            built - started,
            time.perf_counter() - built,
        )
    except Exception as error:  # the build itself broke: keep the last good output
        logger.critical("Không dựng được trang: %s: %s", type(error).__name__, error, exc_info=True)
        _abandon(state, finish_search=True)
        return BuildResult(
            False, output, counter.warnings, counter.errors + 1, time.perf_counter() - started
        )
    except BaseException:  # Ctrl+C, or the preview stopped, mid-build: no half-built folder
        _abandon(state, finish_search=False)
        raise
    finally:
        root.removeHandler(counter)
        _forget_rendered_contents()

    result = BuildResult(
        True, output, counter.warnings, counter.errors, time.perf_counter() - started
    )
    if strict and (counter.warnings or counter.errors):
        shutil.rmtree(staging, ignore_errors=True)
        result.ok = False
        return result
    _remove_empty_folders(state, staging)
    _swap_into_place(staging, output, spare)
    result.spare = spare
    result.capture = state.parts.pop(earlypages.PART, None)
    return result
