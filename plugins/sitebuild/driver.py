"""Build the site into a staging folder and swap it into place only when it succeeded.

Post-build steps (search index, compressed copies: ``poststeps.py``) run on the staging
folder too. So ``output/`` always holds a complete site: a crash, or a strict build that found
problems, leaves the previous build untouched. Every warning and error is counted; with
``strict`` any of them fails the build (CI and ``make html STRICT=1``).
"""

from __future__ import annotations

import logging
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from pelican import Pelican
from pelican.log import LimitFilter
from pelican.settings import read_settings

from .incremental import PREVIOUS_OUTPUT, STAGING
from .poststeps import run_post_build

logger = logging.getLogger(__name__)


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


def _reset_log_dedup() -> None:
    # Pelican drops a warning it has already shown in this process; each build must
    # show its own problems again (tests and autoreload build many times per process).
    LimitFilter._raised_messages.clear()
    LimitFilter._group_count.clear()


def _swap_into_place(staging: Path, output: Path) -> None:
    retired = output.with_name(f"{output.name}.old-{os.getpid()}")
    if output.exists():
        os.replace(output, retired)
    os.replace(staging, output)
    shutil.rmtree(retired, ignore_errors=True)


def build(settings_file: Path, strict: bool = False, overrides: dict | None = None) -> BuildResult:
    """Build the site described by ``settings_file``; see the module docstring."""
    started = time.perf_counter()
    settings = read_settings(str(settings_file), override=overrides or {})
    output = Path(settings["OUTPUT_PATH"])
    staging = output.with_name(f"{output.name}.staging-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    settings["OUTPUT_PATH"] = str(staging)
    settings[STAGING] = str(staging)
    if output.is_dir():
        settings[PREVIOUS_OUTPUT] = str(output)  # unchanged pages are linked from here
    counter = _Counter()
    root = logging.getLogger()
    root.addHandler(counter)
    _reset_log_dedup()
    pelican = None
    try:
        pelican = Pelican(settings)
        pelican.run()
        built = time.perf_counter()
        # search index, compressed copies: on the staging folder, counted like the build
        run_post_build(staging, pelican.settings, output if output.is_dir() else None)
        logger.info(
            "sitebuild: pages %.2f s, post-build steps %.2f s",
            built - started,
            time.perf_counter() - built,
        )
    except Exception as error:  # the build itself broke: keep the last good output
        logger.critical("Không dựng được trang: %s: %s", type(error).__name__, error, exc_info=True)
        shutil.rmtree(staging, ignore_errors=True)
        return BuildResult(
            False, output, counter.warnings, counter.errors + 1, time.perf_counter() - started
        )
    finally:
        root.removeHandler(counter)

    result = BuildResult(
        True, output, counter.warnings, counter.errors, time.perf_counter() - started
    )
    if strict and (counter.warnings or counter.errors):
        shutil.rmtree(staging, ignore_errors=True)
        result.ok = False
        return result
    _swap_into_place(staging, output)
    return result
