"""The spare output tree: the folders of the build before last, for the next build to fill.

A site of ten thousand articles leaves some forty thousand files in the tree it replaced.
Deleting them took the next build seconds on a slow disk, before it read anything. A
one-off build (``python -m tinhoi.sitebuild``) hands them to a process of its own once its
output is in place (``empty_later``), when the officer no longer waits; the live preview
empties the tree itself while it waits for a save. The next build takes the tree as it
finds it (``take``): emptied (``MARK`` says so), or emptied then; one still being emptied
it leaves alone and makes its folders anew (a build started right after one that replaced
ten thousand articles' tree waited up to 7 s for the emptying). One lock keeps them apart:
a build never writes into a tree still being emptied. The tree such a build replaces is set
aside whole (``ASIDE``) and deleted by the next emptying.

Run as a script (``python sparetree.py SPARE``) it empties ``SPARE``; ``empty_later`` starts
it and returns at once (waiting for a new interpreter to start cost the command 65 ms).
"""

from __future__ import annotations

import contextlib
import fcntl
import glob
import os
import shutil
import sys
import time
from pathlib import Path

MARK = ".emptied"  # in the spare tree: every file is gone, the folders stay
ASIDE = ".aside-"  # a replaced tree set aside whole next to the spare tree, to be deleted
NICE = 10  # the emptying stands back from whatever the officer does next
STDIO = ((0, os.O_RDONLY), (1, os.O_WRONLY), (2, os.O_WRONLY))


def _lock_file(spare: Path) -> Path:
    return spare.with_name(spare.name + ".lock")


@contextlib.contextmanager
def locked(spare: Path, wait: bool = True):
    """Hold the spare tree's lock, waiting for whoever holds it; without ``wait``, give
    False at once instead when somebody does (True: held)."""
    spare.parent.mkdir(parents=True, exist_ok=True)
    with open(_lock_file(spare), "a+b") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        try:
            yield True
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


def _trees_set_aside(spare: Path) -> list[Path]:
    return sorted(spare.parent.glob(glob.escape(spare.name) + ASIDE + "*"))


def empty(spare: Path) -> None:
    """Delete the spare tree's files, then mark it emptied; delete the trees set aside."""
    with locked(spare):
        if spare.is_dir() and not (spare / MARK).exists():
            try:
                remove_files(spare)
            except OSError:
                shutil.rmtree(spare, ignore_errors=True)
            else:
                (spare / MARK).touch()
    for tree in _trees_set_aside(spare):  # each a build's own: no lock needed
        shutil.rmtree(tree, ignore_errors=True)


def empty_later(spare: Path) -> None:
    """Empty the spare tree in a process of its own, in a session of its own (Ctrl+C in
    the terminal does not stop it), which outlives this one: started, never waited for."""
    command = [sys.executable, "-I", "-S", os.path.abspath(__file__), str(spare)]
    # no terminal and no pipe of the caller's: whoever reads this command's output (make,
    # a test's capture) sees it end when the command does, not when the emptying does
    quiet = [(os.POSIX_SPAWN_OPEN, fd, os.devnull, mode, 0) for fd, mode in STDIO]
    # not emptied now (no process could start): the next build empties it
    with contextlib.suppress(OSError):
        os.posix_spawn(sys.executable, command, os.environ, file_actions=quiet, setsid=True)


def take(spare: Path, staging: Path) -> bool:
    """Start ``staging`` from the spare tree, emptied, if there is one and it is not being
    emptied; False when there is none to take (the build then makes its folders)."""
    shutil.rmtree(staging, ignore_errors=True)  # a crashed build's
    with locked(spare, wait=False) as held:
        if not held:
            return False
        try:
            os.replace(spare, staging)
        except OSError:
            return False  # no spare tree yet
        try:
            os.unlink(staging / MARK)
        except FileNotFoundError:
            try:
                remove_files(staging)
            except OSError:
                shutil.rmtree(staging, ignore_errors=True)
                return False
        return True


def keep(retired: Path, spare: Path) -> None:
    """Keep the replaced output tree ``retired`` as the spare tree. When there is one
    already (this build left it to its emptying), ``retired`` is set aside whole for the
    emptying to delete: deleting even the folders of ten thousand articles takes seconds."""
    with locked(spare, wait=False) as held:
        if held and not spare.exists():
            target = spare
        else:  # one name per tree: the live preview's process replaces a tree per build
            target = spare.with_name(f"{spare.name}{ASIDE}{os.getpid()}-{time.time_ns()}")
        try:
            spare.parent.mkdir(parents=True, exist_ok=True)
            os.replace(retired, target)
        except OSError:  # the cache is on another disk: no spare tree
            shutil.rmtree(retired, ignore_errors=True)


if __name__ == "__main__":
    os.nice(NICE)
    empty(Path(sys.argv[1]))
