"""The image cache under ``CACHE_PATH/media``: finished files named by their key, and an
index of the sources already probed.

A derived file's key is a hash of the source's bytes and of everything that shapes the
result (format, width, quality, pipeline version…), so a rebuild with nothing changed finds
every file and processes nothing; a changed photo or setting gets new keys. The index
remembers each source's probe by (size, mtime), so an unchanged photo is not even re-read.
Files reach ``output/`` as hard links (a copy across file systems): cheap, and their
mtimes stay those of the cache.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import zlib
from dataclasses import asdict
from pathlib import Path

from tinhoi.sitebuild.atomic import write_atomic

from .images import Probe

PIPELINE_VERSION = "1"  # bump when the image code changes what it writes
KEY_SEPARATOR = "\x1f"


def make_key(*parts) -> str:
    """A stable hex key for ``parts`` (strings, numbers, tuples)."""
    return _key_of_text(key_head(*parts))


def key_head(*parts) -> str:
    """The text of a key's first ``parts``: parts shared by many keys (every share card's
    style) are turned into text once, and each key finished by ``make_key_after``."""
    return _key_text(PIPELINE_VERSION, *parts)


def make_key_after(head: str, *parts) -> str:
    """``make_key(*shared, *parts)``, where ``head`` is ``key_head(*shared)``."""
    return _key_of_text(head + KEY_SEPARATOR + _key_text(*parts))


def _key_text(*parts) -> str:
    return KEY_SEPARATOR.join(repr(part) for part in parts)


def _key_of_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def place(source: Path, target: Path) -> None:
    """Put the cache file ``source`` at ``target``: hard link, else copy (keeps mtime)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        if os.path.samefile(source, target):
            return
    except OSError:
        pass
    tmp = target.with_name(f".tmp-{os.getpid()}-{target.name}")
    with contextlib.suppress(FileNotFoundError):
        os.unlink(tmp)
    try:
        os.link(source, tmp)
    except OSError:  # another file system, or links not allowed
        shutil.copy2(source, tmp)
    os.replace(tmp, target)


@contextlib.contextmanager
def making(cache_file: str, key: str, stripes: int = 16):
    """Hold, while the block runs, the lock of the job ``key`` whose first file is
    ``cache_file`` (in this cache: ``Cache.file``), so one process makes a job at a time.
    Jobs share a few lock files (``stripes``), kept beside the files' folders."""
    files = os.path.dirname(os.path.dirname(cache_file))
    os.makedirs(files, exist_ok=True)
    number = zlib.crc32(key.encode()) % stripes
    handle = os.open(os.path.join(files, f".making-{number:02d}"), os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)  # and the lock with it


class Cache:
    """Finished files and the probe index of one cache folder."""

    def __init__(self, folder: str):
        self.folder = Path(folder)
        self._files = str(self.folder / "files")
        self.index_path = self.folder / "index.json"
        self.index: dict = {"sources": {}, "failed": {}}
        self.dirty = False
        try:
            loaded = json.loads(self.index_path.read_text(encoding="utf-8"))
            if loaded.get("version") == PIPELINE_VERSION:
                self.index["sources"] = dict(loaded.get("sources", {}))
                self.index["failed"] = dict(loaded.get("failed", {}))
        except (OSError, ValueError, AttributeError):
            pass  # no index yet, or unreadable: it is rebuilt

    def file(self, key: str, ext: str) -> str:
        """Where the cache keeps the file of job ``key`` (a string: jobs are pickled)."""
        return os.path.join(self._files, key[:2], f"{key}.{ext}")

    def known_probe(self, rel: str, stat: os.stat_result) -> Probe | None:
        entry = self.index["sources"].get(rel)
        if not entry or entry["size"] != stat.st_size or entry["mtime_ns"] != stat.st_mtime_ns:
            return None
        try:
            return Probe(**entry["probe"])
        except TypeError:
            return None

    def remember_probe(self, rel: str, stat: os.stat_result, probe: Probe) -> None:
        self.index["sources"][rel] = {
            "size": stat.st_size,
            "mtime_ns": stat.st_mtime_ns,
            "probe": asdict(probe),
        }
        self.dirty = True

    def failure(self, key: str) -> str:
        """The problem code recorded for a job that failed before, or ""."""
        return self.index["failed"].get(key, "")

    def remember_failure(self, key: str, code: str) -> None:
        self.index["failed"][key] = code
        self.dirty = True

    def save(self) -> None:
        if not self.dirty:
            return
        data = {"version": PIPELINE_VERSION, **self.index}
        write_atomic(self.index_path, json.dumps(data, ensure_ascii=False, indent=0).encode())
        self.dirty = False
