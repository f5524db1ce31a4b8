"""One listing of a build's output, for the steps that each walked all of it.

Once every language site is written, three steps look at the whole output: the privacy
sweep (every image), the sitemap (every page) and, before the swap, the folders left
empty. At 10,000 articles the output holds some 21,000 folders, and a walk of them costs
0.25–0.4 s; so the output is listed once (``Build.output_tree``) and each step takes
what it needs from the listing. Files written after it (search bundles, compressed
copies) go into folders that are not empty, and are not the steps' business: an image,
a page or a folder made later is not in it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator


class OutputTree:
    """The files of ``root`` (paths relative to it, with ``/``) and its empty folders."""

    def __init__(self, root: str | os.PathLike):
        self.root = os.fspath(root)
        self.files: list[str] = []  # a folder's entries in the order of their paths
        self.empty: list[str] = []  # folders with no file anywhere below, deepest first
        self._list(self.root, "")

    def _list(self, folder: str, prefix: str) -> bool:
        """List ``folder`` (``prefix``: its path under the root, with ``/``); True when
        no file is anywhere below it."""
        try:
            with os.scandir(folder) as scan:
                # a folder sorts as its path does: its name followed by "/"
                entries = sorted(
                    (entry.name + "/", entry.path)
                    if entry.is_dir(follow_symlinks=False)
                    else (entry.name, "")
                    for entry in scan
                )
        except OSError:
            return False  # gone or unreadable: not ours to remove
        empty = True
        for name, path in entries:
            if path:
                if self._list(path, prefix + name):
                    self.empty.append(path)
                else:
                    empty = False
            else:
                self.files.append(prefix + name)
                empty = False
        return empty

    def with_suffix(self, suffixes: tuple[str, ...], any_case: bool = False) -> Iterator[str]:
        """The files whose name ends with one of ``suffixes``, in order (``any_case``:
        ``.JPG`` too, for lower-case ``suffixes``)."""
        if any_case:
            return (path for path in self.files if path.lower().endswith(suffixes))
        return (path for path in self.files if path.endswith(suffixes))
