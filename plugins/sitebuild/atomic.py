"""Write a file all at once: a temporary file beside it, then a rename; read a cache back.

A crash never leaves half a file, and readers see the old file or the new one. The mode is
set explicitly: ``mkstemp`` creates files readable by their owner only, and a web server
running as another user must be able to read what goes into ``output/``.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import pickle
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO


def write_atomic(
    path: Path, data: bytes | str | Callable[[BinaryIO], None], mode: int = 0o644
) -> None:
    """Replace ``path`` with ``data`` (text is written as UTF-8), readable per ``mode``.
    ``data`` may be a function that writes to the open file: a large record is then
    written as it is serialized, never held whole in memory."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as handle:
            if callable(data):
                data(handle)
            else:
                handle.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_json_atomic(path: Path, value, **options) -> None:
    """``write_atomic`` of ``value`` as JSON (``json.dump`` options), written as it goes."""

    def dump(handle: BinaryIO) -> None:
        text = io.TextIOWrapper(handle, encoding="utf-8", write_through=False)
        json.dump(value, text, **options)
        text.flush()
        text.detach()

    write_atomic(path, dump)


def write_pickle_atomic(path: Path, value) -> None:
    """``write_atomic`` of ``value`` pickled, written as it goes."""
    write_atomic(path, lambda handle: pickle.dump(value, handle, pickle.HIGHEST_PROTOCOL))


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
