"""The spare output tree: the folders of the build before last, for the next build to fill.

A site of ten thousand articles leaves some forty thousand files in the tree it replaced.
Deleting them took the next build seconds on a slow disk, before it read anything. A
one-off build (``python -m tinhoi.sitebuild``) hands them to a process of its own once its
output is in place (``empty_later``), when the officer no longer waits; the live preview
empties the tree itself while it waits for a save. The next build takes the tree as it
finds it (``take``): emptied (``MARK`` says so), or emptied then; one still being emptied
it leaves alone and starts from the last output's folders instead (``folders.py``; a build
started right after one that replaced ten thousand articles' tree waited up to 7 s for the
emptying). One lock keeps them apart: a build never writes into a tree still being emptied.
The tree such a build replaces is set aside whole (``ASIDE``) and deleted by the next
emptying. An emptying stands back while a build of the site runs (its staging folder's
process lives): both would share the two cores.

Run as a script (``python sparetree.py SPARE OUTPUT``) it empties ``SPARE``; ``empty_later``
starts it and returns at once (waiting for a new interpreter to start cost the command
65 ms). The staging folders' names are told here, the script's one module.
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
GIVE_WAY_EVERY = 256  # files deleted between two looks for a build under way
GIVE_WAY_SECONDS = 0.2
GIVE_WAY_LONGEST = 600  # seconds an emptying waits for builds in all (a cold one: 1–2 min)


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


def staging_prefix(output: Path) -> str:
    """How the folder a build fills in place of ``output`` is named, before its pid."""
    return f"{output.name}.staging-"


def running(pid: int) -> bool:
    """Whether the process ``pid`` still runs (a build's, by its staging folder)."""
    try:
        os.kill(pid, 0)  # no signal sent: only whether it could be
    except ProcessLookupError:
        return False
    except OSError:  # another user's process
        return True
    return True


def staging_pids(output: Path) -> list[int]:
    """The pids of the builds whose staging folders are beside ``output``."""
    prefix = staging_prefix(output)
    try:
        names = os.listdir(output.parent)
    except OSError:
        return []
    pids = (name[len(prefix) :] for name in names if name.startswith(prefix))
    return [int(pid) for pid in pids if pid.isdigit()]


def _give_way(output: Path | None, until: float) -> None:
    """Wait while a build of ``output`` runs, up to the time ``until`` (a pid left by a
    killed build may be another process's now): on two cores the deletion of forty
    thousand files took a build started right after the last one 0.5–0.8 s (10,000
    articles)."""
    while (
        output is not None
        and time.monotonic() < until
        and any(pid != os.getpid() and running(pid) for pid in staging_pids(output))
    ):
        time.sleep(GIVE_WAY_SECONDS)


def remove_files(folder: Path, output: Path | None = None, until: float = 0.0) -> None:
    """Delete every file under ``folder``, keep the folders; every ``GIVE_WAY_EVERY``
    files, wait while a build of ``output`` runs (up to the time ``until``)."""
    removed = 0
    folders = [folder]
    while folders:
        with os.scandir(folders.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    folders.append(Path(entry.path))
                    continue
                if removed % GIVE_WAY_EVERY == 0:
                    _give_way(output, until)
                os.unlink(entry.path)
                removed += 1


def _trees_set_aside(spare: Path) -> list[Path]:
    return sorted(spare.parent.glob(glob.escape(spare.name) + ASIDE + "*"))


def empty(spare: Path, output: Path | None = None) -> None:
    """Delete the spare tree's files, then mark it emptied; delete the trees set aside.
    ``output``: the site's output folder, whose builds this one gives way to."""
    until = time.monotonic() + GIVE_WAY_LONGEST
    with locked(spare):
        if spare.is_dir() and not (spare / MARK).exists():
            try:
                remove_files(spare, output, until)
            except OSError:
                shutil.rmtree(spare, ignore_errors=True)
            else:
                (spare / MARK).touch()
    for tree in _trees_set_aside(spare):  # each a build's own: no lock needed
        with contextlib.suppress(OSError):
            remove_files(tree, output, until)
        shutil.rmtree(tree, ignore_errors=True)


def empty_later(spare: Path, output: Path) -> None:
    """Empty the spare tree in a process of its own, in a session of its own (Ctrl+C in
    the terminal does not stop it), which outlives this one: started, never waited for.
    It stands back while a build of ``output`` runs."""
    command = [sys.executable, "-I", "-S", os.path.abspath(__file__), str(spare), str(output)]
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
    empty(Path(sys.argv[1]), Path(sys.argv[2]) if len(sys.argv) > 2 else None)
