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

import logging
import os
import shutil
import subprocess
import tempfile
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
        with tempfile.TemporaryFile() as names:
            names.write("\0".join(folders).encode("utf-8"))
            names.seek(0)
            child = subprocess.Popen(
                [xargs, "-0", "mkdir", "-p", "--"],
                stdin=names,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
    except OSError as error:
        logger.debug("sitebuild: folders not made ahead: %s", error)
        return
    makers.append(child)


def wait_for_makers(makers: list) -> None:
    """Wait for every ``mkdir -p`` child (before the staging folder is moved or removed)."""
    while makers:
        makers.pop().wait()
