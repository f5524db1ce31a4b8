"""Every Markdown source converted once: in parallel on a cold build, from disk afterwards.

Converting Markdown is the biggest cost of reading. The store keeps each file's converted
form (HTML, header values and lines, problems) keyed on the file's size and mtime, the
Markdown settings and this plugin's code, in ``CACHE_PATH``. Before Pelican starts
reading, the files that changed are converted by a pool of processes (one per core); both
language sites then read from memory.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

from sitebuild.atomic import write_atomic

from .reader import ConvertedSource, convert_file
from .subsite import needed_sources

logger = logging.getLogger(__name__)

STORE_FILE = "converted-sources.pickle"
EXTENSIONS = (".md", ".markdown", ".mkd", ".mdown")
INLINE_LIMIT = 24  # below this many files a process pool costs more than it saves


def _code_key(config_json: str) -> str:
    digest = hashlib.sha1(config_json.encode())
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _stamp(path: str) -> tuple[int, int]:
    stat = os.stat(path)
    return stat.st_size, stat.st_mtime_ns


def _convert(item: tuple[str, str]) -> tuple[str, ConvertedSource]:
    path, config_json = item
    return path, convert_file(path, config_json)


class SourceStore:
    """Converted sources of one build, loaded from and saved to the cache folder."""

    def __init__(self, cache_dir: Path, config_json: str):
        self.path = cache_dir / STORE_FILE
        self.config_json = config_json
        self.code_key = _code_key(config_json)
        self.entries: dict[str, tuple[tuple[int, int], ConvertedSource]] = {}
        self.changed = False
        self._needed: dict[str, set[str]] = {}
        self._read_by: set[str] = set()  # languages whose site has read its sources
        self._released = False
        self._load()

    def _load(self) -> None:
        try:
            with self.path.open("rb") as handle:
                code_key, entries = pickle.load(handle)
        except (OSError, EOFError, pickle.UnpicklingError, ValueError, AttributeError):
            return
        if code_key == self.code_key:
            self.entries = entries

    def get(self, path: str) -> ConvertedSource:
        """The converted form of ``path``, converting it now if it changed."""
        stamp = _stamp(path)
        known = self.entries.get(path)
        if known is not None and known[0] == stamp:
            return known[1]
        source = convert_file(path, self.config_json)
        self.entries[path] = (stamp, source)
        self.changed = True
        return source

    def needed_by(self, lang: str, main: str, root: str, timezone: str) -> set[str]:
        """Sources the ``lang`` sub-site must read (see ``subsite.py``), worked out once."""
        if lang not in self._needed:
            sources = {path: source for path, (_stamp, source) in self.entries.items()}
            self._needed[lang] = needed_sources(sources, lang, main, root, timezone)
        return self._needed[lang]

    def prepare(self, paths: list[str], workers: int) -> int:
        """Convert every changed file of ``paths``, in parallel when worth it."""
        stale = [p for p in paths if (k := self.entries.get(p)) is None or k[0] != _stamp(p)]
        for path in set(self.entries) - set(paths):
            del self.entries[path]
            self.changed = True
        if not stale:
            return 0
        if workers < 2 or len(stale) < INLINE_LIMIT:
            converted = map(_convert, ((p, self.config_json) for p in stale))
            for path, source in converted:
                self.entries[path] = (_stamp(path), source)
        else:
            with ProcessPoolExecutor(workers, mp_context=get_context("fork")) as pool:
                chunk = max(1, len(stale) // (workers * 8))
                jobs = ((p, self.config_json) for p in stale)
                for path, source in pool.map(_convert, jobs, chunksize=chunk):
                    self.entries[path] = (_stamp(path), source)
        self.changed = True
        return len(stale)

    def finished_reading(self, lang: str, langs: list[str]) -> None:
        """Note that ``lang``'s site has read; once every site has, let the memory go.

        The contents keep the converted text they use; what only the store holds (raw
        metadata, bodies the image plugin rewrote) is freed before the pages are rendered.
        """
        self._read_by.add(lang)
        if not self._released and set(langs) <= self._read_by:
            self.save()
            self.entries = {}
            self._released = True

    def save(self) -> None:
        """Write the store atomically if anything changed."""
        if not self.changed or self._released:
            return
        data = pickle.dumps((self.code_key, self.entries), protocol=pickle.HIGHEST_PROTOCOL)
        write_atomic(self.path, data)
        self.changed = False


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
