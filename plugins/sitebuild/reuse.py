"""Keeping a file of the last build: the one way every step reuses what did not change.

The pages (``incremental.py``), their compressed copies (``poststeps.py``), the search
bundles (``search_index.py``), the sitemap and the editor's files all put the last build's
file into the new output instead of writing it again. A hard link costs nothing and keeps
the file's identity, which the later steps use to see that it did not change; where links
fail (another disk) the file is copied. Whether a file may be kept is each step's own
decision (a fingerprint, the same bytes, the same entries); how it is kept is decided here.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from .atomic import write_atomic


def keep(previous: Path | str, target: Path | str) -> None:
    """Put last build's ``previous`` at ``target``: a hard link, or a copy."""
    try:
        os.link(previous, target)
        return
    except FileNotFoundError:  # its folder is not made yet (mostly it is: ``folders.py``)
        Path(target).parent.mkdir(parents=True, exist_ok=True)
    except OSError:
        pass
    try:
        os.link(previous, target)
    except OSError:
        Path(target).write_bytes(Path(previous).read_bytes())


def keep_if_present(previous: Path, target: Path) -> bool:
    """``keep`` when ``previous`` exists; False (nothing done) when it does not."""
    if not Path(previous).is_file():
        return False
    keep(previous, target)
    return True


def keep_tree(previous: Path, target: Path) -> None:
    """``keep`` every file of the folder ``previous`` under ``target``."""
    shutil.copytree(previous, target, copy_function=keep, dirs_exist_ok=True)


def is_kept(path: Path, previous: Path) -> bool:
    """True when ``path`` is the last build's file itself (a file the build kept)."""
    try:
        return os.path.samefile(path, previous)
    except OSError:
        return False


def same_bytes(path: Path, previous: Path) -> bool:
    """True when ``previous`` holds exactly what ``path`` holds (kept or rewritten alike)."""
    if is_kept(path, previous):
        return True
    try:
        return (
            previous.stat().st_size == path.stat().st_size
            and previous.read_bytes() == path.read_bytes()
        )
    except OSError:
        return False


def write_or_keep(path: Path, data: bytes, previous: Path | None) -> None:
    """Write ``data`` at ``path`` atomically, or keep ``previous`` if it holds just that."""
    if previous is not None:
        try:
            unchanged = previous.stat().st_size == len(data) and previous.read_bytes() == data
        except OSError:
            unchanged = False  # no previous file: write it
        if unchanged:
            keep(previous, path)
            return
    write_atomic(path, data)
