"""The working state of one build, in one object: not in Pelican's settings dict.

The build driver makes a ``Build`` for each build and makes it current while Pelican runs
(``running``); receivers and the writer ask ``current_build()`` for it. Pelican hands
receivers only its own objects, so the build is held in a context variable, set for the
length of one build and reset after it: a long-lived process (the live preview) that
builds again and again starts each build from a fresh state. Outside the driver (plain
``pelican``) there is no current build, and the plugins fall back to Pelican's own ways.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Build:
    """One build's paths, writers, background work and language sites."""

    output: Path  # the output/ this build replaces when it succeeds
    staging: Path  # the folder it writes to meanwhile
    previous: Path | None = None  # the output/ being replaced: unchanged files come from it
    parallel: bool = True  # forked renderers and folder makers (``SITEBUILD_PARALLEL``)
    writers: dict = field(default_factory=dict)  # incremental writers by output folder
    makers: list = field(default_factory=list)  # ``mkdir -p`` children (``folders.py``)
    search: dict = field(default_factory=dict)  # background search bundles by language
    langs: list[str] = field(default_factory=list)  # language sites started, the main one first
    # what a long-lived process (the live preview) keeps from one build to the next, by
    # owner (the converted sources); None for a build run once
    kept: dict | None = None

    def previous_of(self, output_path: str | Path) -> Path | None:
        """Where the last build put what this build writes under ``output_path``
        (a language sub-site writes to ``staging/en``: its old files are in ``output/en``)."""
        if self.previous is None:
            return None
        return self.previous / os.path.relpath(output_path, self.staging)

    @property
    def main_lang(self) -> str | None:
        """The language served at ``/``: the first site started (i18n_subsites starts the
        sub-sites from inside the main one)."""
        return self.langs[0] if self.langs else None


_CURRENT: ContextVar[Build | None] = ContextVar("sitebuild_current_build", default=None)


def current_build() -> Build | None:
    """The build the driver is running, or None (a plain ``pelican`` run)."""
    return _CURRENT.get()


@contextlib.contextmanager
def running(build: Build) -> Iterator[Build]:
    """Make ``build`` current for the length of the ``with`` block."""
    token = _CURRENT.set(build)
    try:
        yield build
    finally:
        _CURRENT.reset(token)
