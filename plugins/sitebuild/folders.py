"""Make the output folders of the pages early, in another process, while Pelican reads.

Pretty URLs (``/2025/08/slug/``) need one folder per page, and on some disks (ext4 without
a journal, as on the machine the benchmarks run on) making a folder costs more system time
than writing the page into it. The folders are known as
soon as the articles are read, long before the pages are rendered, so one ``mkdir -p``
child makes them on the other core meanwhile. It is a process, not a thread: a thread
would need the interpreter lock between two folders while this one is busy computing.
Folders that end up empty are removed before the build is swapped into place
(``driver._remove_empty_folders``); a folder made twice is harmless.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import signal
import subprocess
import tempfile
import threading
from collections.abc import Iterable
from pathlib import Path

logger = logging.getLogger(__name__)


def page_folders(output: Path, save_as_paths: Iterable[str]) -> list[str]:
    """The distinct folders of ``output`` that the given ``save_as`` paths live in."""
    folders = {os.path.dirname(path) for path in save_as_paths if path}
    return sorted(str(output / folder) for folder in folders if folder)


def start_making(folders: list[str], makers: list) -> None:
    """Start a ``mkdir -p`` child for ``folders``; remember it in ``makers``.

    The names go to the child in a temporary file, not a pipe: a pipe holds 64 KB, and
    ``xargs`` reads no more while its ``mkdir`` runs, so writing ten thousand names into
    one kept the build waiting for the folders it meant to make meanwhile."""
    xargs = shutil.which("xargs")
    if not folders or xargs is None:
        return  # the writers make their folders themselves
    try:
        with tempfile.TemporaryFile() as names, _interruptions_held():
            names.write("\0".join(folders).encode("utf-8"))
            names.seek(0)
            makers.append(_mkdir_child(xargs, names))
    except OSError as error:
        logger.debug("sitebuild: folders not made ahead: %s", error)


def _mkdir_child(xargs: str, names, cwd: Path | None = None) -> subprocess.Popen:
    """A ``mkdir -p`` child making the folders named in ``names`` (NUL-separated)."""
    return subprocess.Popen(
        [xargs, "-0", "mkdir", "-p", "--"],
        cwd=cwd,
        stdin=names,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def start_copying(previous: Path, staging: Path, makers: list) -> None:
    """Start making in ``staging`` the folders of ``previous`` (the last build's output):
    without a spare tree to start from (the build right after a cold one, or one started
    while the last one's tree is still being emptied) the unchanged pages would each make
    their folder as they are kept (at 10,000 articles some 10,000 folders: 1.4 s of the
    build, three pairs of builds). ``find`` lists them and a ``mkdir -p`` child makes them
    while Pelican starts and reads; those no page fills are removed with the other empty
    ones."""
    find, xargs = shutil.which("find"), shutil.which("xargs")
    if find is None or xargs is None:
        return  # the writers make their folders themselves
    try:
        staging.mkdir(parents=True, exist_ok=True)
        with _interruptions_held():
            lister = subprocess.Popen(
                [find, ".", "-mindepth", "1", "-type", "d", "-print0"],
                cwd=previous,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
            makers.append(lister)
            makers.append(_mkdir_child(xargs, lister.stdout, staging))
            lister.stdout.close()  # the maker's now: ``find`` ends if the maker does
    except OSError as error:
        logger.debug("sitebuild: folders not made ahead: %s", error)


@contextlib.contextmanager
def _interruptions_held():
    """Ctrl+C (or the preview's stop) held back while a child starts and is listed: one
    started but not listed would go on making folders in the folder the interrupted build
    removes. The child starts with the signals' usual handling (handlers end at exec)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    held: list[int] = []
    numbers = (signal.SIGINT, signal.SIGTERM)
    before = {number: signal.getsignal(number) for number in numbers}
    for number in numbers:
        signal.signal(number, lambda number, _frame: held.append(number))
    try:
        yield
    finally:
        for number, handler in before.items():
            signal.signal(number, handler if handler is not None else signal.SIG_DFL)
        if held:
            signal.raise_signal(held[0])


def wait_for_makers(makers: list) -> None:
    """Wait for every ``mkdir -p`` child (before the staging folder is moved or removed).
    A child is let go once it has ended: a wait cut short by Ctrl+C leaves it listed, so
    the interrupted build waits for it before it removes its folder."""
    while makers:
        makers[-1].wait()
        makers.pop()
