"""The live preview's early pages in the served tree: rendered into memory, written into
the output tree the last build made (by a descriptor of that folder: once the next build
swaps its own tree in, a late early page lands in the old one), with the new photos they
show, and a moved or deleted article's old page taken out of it (``earlypages.py``)."""

from __future__ import annotations

import contextlib
import io
import os
import shutil

from pelican.writers import Writer


class _Collected(io.StringIO):
    """A page rendered by ``PageWriter``, handed over when Pelican closes it."""

    def __init__(self, pages: dict, name: str):
        super().__init__()
        self._pages, self._name = pages, name

    def close(self) -> None:
        self._pages[self._name] = self.getvalue()
        super().close()


class PageWriter(Writer):
    """Pelican's writer, collecting the page instead of writing it in place."""

    def __init__(self, output_path: str, settings: dict):
        super().__init__(output_path, settings)
        self.pages: dict[str, str] = {}

    def _open_w(self, filename, encoding, override=False):
        return _Collected(self.pages, filename)


def _make_folders(tree: int, path: str) -> None:
    folder = os.path.dirname(path)
    if folder:  # a new article's folder is not in the tree yet
        parts = folder.split(os.sep)
        for depth in range(1, len(parts) + 1):
            with contextlib.suppress(FileExistsError):
                os.mkdir(os.path.join(*parts[:depth]), 0o755, dir_fd=tree)


def write_into(tree: int, path: str, text: str) -> None:
    """Replace ``path`` in the output tree open as ``tree`` (a folder's descriptor): once
    the next build has put its own tree in place, this one is no longer served."""
    _make_folders(tree, path)
    temporary = f"{path}.{os.getpid()}.early"
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644, dir_fd=tree)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as page:
            page.write(text)
        os.replace(temporary, path, src_dir_fd=tree, dst_dir_fd=tree)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary, dir_fd=tree)
        raise


def link_into(tree: int, path: str, source: str) -> None:
    """Put the file ``source`` (a photo made in the cache) at ``path`` in the output tree
    open as ``tree``, as the build places it: a hard link, else a copy."""
    made = os.stat(source)
    with contextlib.suppress(FileNotFoundError):
        there = os.stat(path, dir_fd=tree)
        if (there.st_dev, there.st_ino) == (made.st_dev, made.st_ino):
            return  # the build placed it
    _make_folders(tree, path)
    temporary = f"{path}.{os.getpid()}.early"
    with contextlib.suppress(FileNotFoundError):
        os.unlink(temporary, dir_fd=tree)
    try:
        os.link(source, temporary, dst_dir_fd=tree)
    except OSError:  # another file system, or links not allowed
        with (
            open(source, "rb") as original,
            os.fdopen(
                os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644, dir_fd=tree),
                "wb",
            ) as copy,
        ):
            shutil.copyfileobj(original, copy)
        os.utime(temporary, ns=(made.st_atime_ns, made.st_mtime_ns), dir_fd=tree)
    os.replace(temporary, path, src_dir_fd=tree, dst_dir_fd=tree)


def take_out(tree: int, paths: set[str]) -> None:
    """Take the pages at ``paths`` out of the tree open as ``tree``, with their folders
    if the page was all they held."""
    for path in paths:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path, dir_fd=tree)
        if os.path.dirname(path):
            with contextlib.suppress(OSError):  # not empty
                os.rmdir(os.path.dirname(path), dir_fd=tree)
