"""The spare output tree: the folders of the build before last, for the next build to fill.

A site of ten thousand articles leaves some forty thousand files in the tree it replaced.
Deleting them took the next build seconds on a slow disk, before it read anything. A
one-off build (``python -m tinhoi.sitebuild``) hands them to a process of its own once its
output is in place (``empty_later``), when the officer no longer waits; the live preview
empties the tree itself while it waits for a save. The next build takes the tree as it
finds it (``take``): emptied (``MARK`` says so), or emptied then. One lock keeps them apart:
a build never writes into a tree still being emptied.

Run as a script (``python sparetree.py SPARE``) it empties ``SPARE`` in the background; it
imports only the standard library, so its caller waits a few hundredths of a second.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import subprocess
import sys
from pathlib import Path

MARK = ".emptied"  # in the spare tree: every file is gone, the folders stay
NICE = 10  # the emptying stands back from whatever the officer does next


def _lock_file(spare: Path) -> Path:
    return spare.with_name(spare.name + ".lock")


@contextlib.contextmanager
def locked(spare: Path):
    """Hold the spare tree's lock (waiting for whoever holds it)."""
    spare.parent.mkdir(parents=True, exist_ok=True)
    with open(_lock_file(spare), "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def remove_files(folder: Path) -> None:
    """Delete every file under ``folder``, keep the folders."""
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                remove_files(Path(entry.path))
            else:
                os.unlink(entry.path)


def empty(spare: Path) -> None:
    """Delete the spare tree's files, then mark it emptied."""
    with locked(spare):
        if not spare.is_dir() or (spare / MARK).exists():
            return
        try:
            remove_files(spare)
        except OSError:
            shutil.rmtree(spare, ignore_errors=True)
            return
        (spare / MARK).touch()


def empty_later(spare: Path) -> None:
    """Empty the spare tree in a process of its own, which outlives this one."""
    command = [sys.executable, "-I", "-S", os.path.abspath(__file__), str(spare)]
    # not emptied now (no process, or its launcher hung): the next build empties it
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        subprocess.run(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
            timeout=60,
        )


def take(spare: Path, staging: Path) -> None:
    """Start ``staging`` from the spare tree, emptied, if there is one."""
    with locked(spare):
        shutil.rmtree(staging, ignore_errors=True)  # a crashed build's
        try:
            os.replace(spare, staging)
        except OSError:
            return  # no spare tree yet
        try:
            os.unlink(staging / MARK)
        except FileNotFoundError:
            try:
                remove_files(staging)
            except OSError:
                shutil.rmtree(staging, ignore_errors=True)


def keep(retired: Path, spare: Path) -> None:
    """Keep the replaced output tree ``retired`` as the spare tree."""
    with locked(spare):
        shutil.rmtree(spare, ignore_errors=True)
        try:
            spare.parent.mkdir(parents=True, exist_ok=True)
            os.replace(retired, spare)
        except OSError:  # the cache is on another disk: no spare tree
            shutil.rmtree(retired, ignore_errors=True)


def _detached(spare: Path) -> None:
    """The script: its caller waits for this process only, which leaves the emptying to a
    child of its own, in a session of its own (Ctrl+C in the terminal does not stop it)."""
    read_end, write_end = os.pipe()
    if os.fork():
        os.close(write_end)
        os.read(read_end, 1)  # until the child is in its session: then the caller may go
        return
    os.close(read_end)
    os.setsid()
    os.close(write_end)
    os.nice(NICE)
    empty(spare)


if __name__ == "__main__":
    _detached(Path(sys.argv[1]))
