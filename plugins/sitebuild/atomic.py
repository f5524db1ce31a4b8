"""Write a file all at once: a temporary file beside it, then a rename; read a cache back.

A crash never leaves half a file, and readers see the old file or the new one. The mode is
set explicitly: ``mkstemp`` creates files readable by their owner only, and a web server
running as another user must be able to read what goes into ``output/``.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import tempfile
from pathlib import Path


def write_atomic(path: Path, data: bytes | str, mode: int = 0o644) -> None:
    """Replace ``path`` with ``data`` (text is written as UTF-8), readable per ``mode``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def read_pickle(path: Path):
    """What a build pickled at ``path`` for the next one, or None: a missing, cut or foreign
    file, or one another version wrote (its classes in modules since renamed), is no cache."""
    try:
        with Path(path).open("rb") as handle:
            return pickle.load(handle)
    except (
        OSError,
        EOFError,
        pickle.UnpicklingError,
        ValueError,
        AttributeError,
        ImportError,
        TypeError,
        IndexError,
    ):
        return None
