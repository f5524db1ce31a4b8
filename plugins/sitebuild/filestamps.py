"""What the live preview watches: each file's stamp, and which files a save changed."""

from __future__ import annotations

import os
from pathlib import Path
from stat import S_ISREG

# editors' and downloaders' scratch files: a half-copied photo is built once complete
SCRATCH_SUFFIXES = (".swp", ".swx", ".tmp", ".part", ".crdownload", "~")

Stamps = dict[str, tuple[int, int]]


def is_scratch(name: str) -> bool:
    return name.startswith((".", "#")) or name.endswith(SCRATCH_SUFFIXES)


def _unwatched(name: str) -> bool:
    """A file or folder name the preview never looks under: scratch, compiled Python."""
    return is_scratch(name) or name == "__pycache__"


def stamps(roots: list[Path]) -> Stamps:
    """(mtime, size) of every file under ``roots`` (a root may also be a single file)."""
    found: Stamps = {}
    pending = [str(root) for root in roots]
    while pending:
        path = pending.pop()
        try:
            if os.path.isfile(path):
                stat = os.stat(path)
                found[path] = (stat.st_mtime_ns, stat.st_size)
                continue
            with os.scandir(path) as entries:
                listed = list(entries)
        except OSError:  # renamed or deleted while we looked: the next look sees it
            continue
        for entry in listed:
            if _unwatched(entry.name):
                continue
            try:
                if entry.is_dir(follow_symlinks=False):
                    pending.append(entry.path)
                    continue
                stat = entry.stat()
            except OSError:  # this one is gone (or a link to nothing): the others count
                found[entry.path] = (-1, -1)
                continue
            found[entry.path] = (stat.st_mtime_ns, stat.st_size)
    return found


def watched_files(paths, roots: list[Path], before: Stamps) -> set[str]:
    """Of ``paths`` (as a watcher tells them), the files ``stamps`` looks at whose stamp
    is not the one in ``before``: under ``roots``, no part of the way a scratch name; a
    folder is not one, a file gone is one when it was there ``before``."""
    found = set()
    for path in paths:
        for root in map(str, roots):
            if path == root or path.startswith(root.rstrip(os.sep) + os.sep):
                inside = path[len(root) :].split(os.sep)
                break
        else:
            continue
        if any(_unwatched(name) for name in inside if name):
            continue
        try:
            info = os.stat(path)
        except OSError:
            if path in before:  # gone
                found.add(path)
            continue
        if S_ISREG(info.st_mode) and before.get(path) != (info.st_mtime_ns, info.st_size):
            found.add(path)
    return found


def changed_files(before: Stamps, after: Stamps) -> set[str]:
    """The files added, changed or removed between two looks."""
    return {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}
