"""Every Markdown source converted once: in parallel on a cold build, from disk afterwards.

Converting Markdown is the biggest cost of reading. The store keeps each file's converted
form (HTML, header values and lines, problems) keyed on the file's size and mtime, the
Markdown settings and this plugin's code, in ``CACHE_PATH``. The files that changed are
converted by a pool of processes (one per core) as Pelican starts reading: many of them
while the build reads those done (``conversion.py``), a few before. Both language sites
read from memory. The live preview keeps the store in memory from one build to the next
(``keep_in_memory``): a save re-reads only the files it changed.

A file rewritten within the clock's granularity of its last reading can keep its stamp,
so an entry whose file was modified that close to its reading is "racy" (as git calls
it): its bytes are compared with the digest of what was read before it is trusted.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import pickle
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

from tinhoi.sitebuild.atomic import read_pickle, write_atomic
from tinhoi.sitebuild.fingerprints import library_versions

from .conversion import PARTS, BackgroundConversion
from .reader import ConvertedSource, convert_file
from .subsite import needed_sources

logger = logging.getLogger(__name__)

STORE_FILE = "converted-sources.pickle"
EXTENSIONS = (".md", ".markdown", ".mkd", ".mdown")
INLINE_LIMIT = 24  # below this many files a process pool costs more than it saves
RACY_NS = 2_000_000_000  # a file modified this close to its reading is checked by content

Stamp = tuple[int, int]  # size, mtime in ns


def _code_key(config_json: str) -> str:
    # Markdown's version too: an upgrade may convert the same source differently
    digest = hashlib.sha1(repr((config_json, library_versions())).encode())
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _stamp(path: str) -> Stamp:
    stat = os.stat(path)
    return stat.st_size, stat.st_mtime_ns


def _stamped(paths: list[str]) -> tuple[int, dict[str, Stamp]]:
    """When ``paths`` are read, and their stamps: the time is taken first, so a write after
    the stamps makes them stale."""
    read_at = time.time_ns()
    return read_at, {path: _stamp(path) for path in paths}


def _digest(path: str) -> str:
    with open(path, "rb") as handle:
        return hashlib.sha1(handle.read()).hexdigest()


def _convert(item: tuple[str, str]) -> tuple[str, ConvertedSource]:
    path, config_json = item
    return path, convert_file(path, config_json)


class SourceStore:
    """Converted sources of one build, loaded from and saved to the cache folder.

    ``keep_in_memory``: the store outlives the build (the live preview hands it to the
    next one) instead of letting its memory go once every language site has read.
    """

    def __init__(self, cache_dir: Path, config_json: str, keep_in_memory: bool = False):
        self.path = cache_dir / STORE_FILE
        self.config_json = config_json
        self.code_key = _code_key(config_json)
        self.keep_in_memory = keep_in_memory
        # path → (stamp before reading, when it was read in ns, converted form)
        self.entries: dict[str, tuple[Stamp, int, ConvertedSource]] = {}
        self.changed = False
        self._saver = 0  # the forked process saving the store (``save_aside``), if any
        self._conversion: BackgroundConversion | None = None
        self._parts: list[Path] = []  # parts of the store in memory: a save replaces them
        self._load()
        self.start_build()

    def start_build(self) -> None:
        """Forget what the last build worked out from the sources (a kept store)."""
        self._needed: dict[str, set[str]] = {}
        self._read_by: set[str] = set()  # languages whose site has read its sources
        self._released = False

    def _load(self) -> None:
        """The saved store, and the parts builds converting in the background kept since
        (the latest reading of a file wins); a store with parts is saved whole again."""
        for path in [self.path, *sorted(self.path.with_name(PARTS).glob("*.pickle"))]:
            stored = read_pickle(path)
            if path != self.path:
                self._parts.append(path)
                self.changed = True
            if not (isinstance(stored, tuple) and len(stored) == 2):
                continue
            code_key, entries = stored
            if code_key != self.code_key:
                continue
            for source, entry in entries.items():
                known = self.entries.get(source)
                if known is None or known[1] <= entry[1]:
                    self.entries[source] = entry

    def _fresh(self, path: str, stamp: Stamp) -> bool:
        """True when the entry of ``path`` still holds what the file at ``stamp`` holds."""
        known = self.entries.get(path)
        if known is None or known[0] != stamp:
            return False
        if stamp[1] < known[1] - RACY_NS:
            return True
        try:  # racy: modified right around its reading, so compare the bytes
            same = _digest(path) == known[2].digest
        except OSError:
            return False
        if same and stamp[1] < time.time_ns() - RACY_NS:
            # no longer racy. Not a change to save: the saved entry only costs the next
            # build this one comparison, and saving now, in the build's own process (the
            # one forked to save it is done), would keep every body's UTF-8 form
            self.entries[path] = (stamp, time.time_ns(), known[2])
        return same

    def _convert_now(self, paths: list[str], workers: int) -> None:
        read_at, stamps = _stamped(paths)
        if workers < 2 or len(paths) < INLINE_LIMIT:
            converted = map(_convert, ((p, self.config_json) for p in paths))
            for path, source in converted:
                self.entries[path] = (stamps[path], read_at, source)
        else:
            with ProcessPoolExecutor(workers, mp_context=get_context("fork")) as pool:
                chunk = max(1, len(paths) // (workers * 8))
                jobs = ((p, self.config_json) for p in paths)
                for path, source in pool.map(_convert, jobs, chunksize=chunk):
                    self.entries[path] = (stamps[path], read_at, source)
        self.changed = True

    def get(self, path: str) -> ConvertedSource:
        """The converted form of ``path``, converting it now if it changed."""
        if self._conversion is not None:  # waits for its chunk if it is not done yet
            self._install(self._conversion.take(path))
        if not self._fresh(path, _stamp(path)):
            self._convert_now([path], workers=1)
        return self.entries[path][2]

    def needed_by(self, lang: str, main: str, root: str, timezone: str) -> set[str]:
        """Sources the ``lang`` sub-site must read (see ``subsite.py``), worked out once."""
        if lang not in self._needed:
            self.finish_conversion()
            sources = {path: entry[2] for path, entry in self.entries.items()}
            self._needed[lang] = needed_sources(sources, lang, main, root, timezone)
        return self._needed[lang]

    def prepare(self, paths: list[str], workers: int) -> int:
        """Convert every changed file of ``paths``, in parallel when worth it: in the
        background (``conversion.py``) when there are many, and neither this store is kept
        in memory nor processes can be forked."""
        self.finish_conversion()  # a kept store's, left by a build that failed
        stale = []
        for path in paths:
            try:
                if not self._fresh(path, _stamp(path)):
                    stale.append(path)
            except OSError:  # gone since it was listed: Pelican will not find it either
                continue
        for path in set(self.entries) - set(paths):
            del self.entries[path]
            self.changed = True
        if not stale:
            return 0
        background = workers > 1 and len(stale) >= INLINE_LIMIT and hasattr(os, "fork")
        if self.keep_in_memory or not background:
            self._convert_now(stale, workers)
            return len(stale)
        # what was loaded or dropped is saved aside now, before the pool's threads start
        self.save_aside()
        read_at, stamps = _stamped(stale)
        parts = self.path.with_name(PARTS)
        self._conversion = BackgroundConversion(
            stale, stamps, read_at, self.config_json, self.code_key, parts, workers
        )
        return len(stale)

    @property
    def converting(self) -> bool:
        """Whether sources are still being converted in the background."""
        return self._conversion is not None

    def _install(self, entries: dict) -> None:
        """Take converted entries into memory; once the conversion is done, note its parts
        (the next save replaces them), or that the store must be saved (a part is missing)."""
        self.entries.update(entries)
        conversion = self._conversion
        if conversion is not None and conversion.done:
            self._parts.extend(conversion.parts)
            self.changed = self.changed or conversion.unsaved
            self._conversion = None

    def finish_conversion(self) -> None:
        """Take every source still converting in the background."""
        if self._conversion is not None:
            self._install(self._conversion.take_all())

    def finished_reading(self, lang: str, langs: list[str]) -> None:
        """Note that ``lang``'s site has read; once every site has, let the memory go.

        The contents keep the converted text they use; what only the store holds (raw
        metadata, bodies the image plugin rewrote) is freed before the pages are rendered,
        unless the store is kept for the next build.
        """
        self._read_by.add(lang)
        if not self._released and set(langs) <= self._read_by:
            self.finish_conversion()
            self.wait_for_saver()
            self.save()
            if not self.keep_in_memory:
                self.entries = {}
                self._released = True

    def save(self) -> None:
        """Write the store atomically if anything changed (the parts it holds included)."""
        self.finish_conversion()
        self.wait_for_saver()
        if not self.changed or self._released:
            return
        stored = (self.code_key, self.entries)
        # written as it is pickled: the whole store (60 MB at 10,000 articles) is never
        # held in memory besides the entries
        write_atomic(self.path, lambda handle: pickle.dump(stored, handle, pickle.HIGHEST_PROTOCOL))
        for part in self._parts:  # all in the store now
            with contextlib.suppress(OSError):
                part.unlink()
        self._parts = []
        self.changed = False

    def save_aside(self) -> None:
        """``save()`` in a forked process, while this one reads on.

        Pickling a text stores its UTF-8 form inside the text object for good: saved here,
        every article's body would stay in memory twice for the rest of the build. A store
        kept in memory (the live preview), or a process running threads, saves here.
        """
        if not self.changed or self._released:
            return  # and a saver still running goes on: nothing changed since it forked
        self.wait_for_saver()
        if self.keep_in_memory or threading.active_count() > 1 or not hasattr(os, "fork"):
            self.save()
            return
        pid = os.fork()
        if pid == 0:  # pragma: no cover - runs in the child
            code = 1
            try:
                self.save()
                code = 0
            finally:
                os._exit(code)
        self._saver = pid
        self.changed = False

    def wait_for_saver(self) -> None:
        """Wait for the process ``save_aside`` started; if it failed, save here."""
        if not self._saver:
            return
        _, status = os.waitpid(self._saver, 0)
        self._saver = 0
        if os.waitstatus_to_exitcode(status) != 0:
            self.changed = True
            self.save()


def source_files(settings: dict) -> list[str]:
    """Every Markdown source Pelican will read (articles and pages)."""
    root = Path(settings["PATH"])
    folders = list(settings.get("ARTICLE_PATHS", [""])) + list(settings.get("PAGE_PATHS", []))
    found = set()
    for folder in folders:
        base = root / folder
        if base.is_file():
            found.add(str(base))
            continue
        for directory, _dirs, files in os.walk(base):
            found.update(os.path.join(directory, f) for f in files if f.endswith(EXTENSIONS))
    return sorted(found)
