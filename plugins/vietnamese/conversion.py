"""Convert the changed sources on a pool of processes while the build reads those done.

A cold build converts every source. Waiting for the last one before reading the first
left a core idle for the whole reading (about ten seconds at 10,000 articles): the build's
own process reads alone. So the pool converts the sources a chunk at a time, in the order
the generators read them (by path), and the build reads each source once its chunk is
done, while the pool converts the next ones.

Each chunk is also kept on disk by the process that converted it, as a part of the store
(``PARTS``). The build's own process then never saves the store while the pool's threads
run (forking a process with live threads can deadlock, and pickling a text in this process
would keep its UTF-8 form in memory); the next build folds the parts into the store and
saves it whole, aside (``SourceStore``).
"""

from __future__ import annotations

import logging
import os
import pickle
import time
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

from tinhoi.sitebuild.atomic import write_atomic

from .reader import convert_file

logger = logging.getLogger(__name__)

PARTS = "converted-sources.parts"  # beside the store, in CACHE_PATH
CHUNK = 48  # sources converted at a time: the reading first waits for one chunk

Entry = tuple  # (stamp before reading, when it was read in ns, ConvertedSource)


def convert_chunk(
    paths: list[str], stamps: dict, read_at: int, config_json: str, code_key: str, part: Path
) -> tuple[bool, bytes]:
    """Convert ``paths`` (in a pool process) and keep them at ``part``; return whether the
    part was written, and the entries pickled. A file gone since it was listed is left out:
    the reader converts it again, and tells the officer why it cannot."""
    entries = {}
    for path in paths:
        try:
            entries[path] = (stamps[path], read_at, convert_file(path, config_json))
        except OSError:
            continue
    data = pickle.dumps((code_key, entries), pickle.HIGHEST_PROTOCOL)
    try:
        write_atomic(part, data)
    except OSError:
        return False, data
    return True, data


class BackgroundConversion:
    """The chunks of one build's conversion, each taken once, in any order."""

    def __init__(self, paths, stamps, read_at, config_json, code_key, parts: Path, workers):
        # forked now, before any thread of this process starts
        self._pool = ProcessPoolExecutor(workers, mp_context=get_context("fork"))
        self._waiting: dict[str, Future] = {}
        self._chunks: dict[Future, list[str]] = {}
        self.parts: list[Path] = []  # one a chunk: all in the store's memory once done
        self.unsaved = False  # a part could not be written: the build saves the store
        self._count, self._started = len(paths), time.perf_counter()
        token = f"{os.getpid()}-{time.time_ns()}"
        for number, start in enumerate(range(0, len(paths), CHUNK)):
            chunk = paths[start : start + CHUNK]
            part = parts / f"{token}-{number:05d}.pickle"
            future = self._pool.submit(
                convert_chunk, chunk, {p: stamps[p] for p in chunk}, read_at, config_json,
                code_key, part,
            )  # fmt: skip
            self._chunks[future] = chunk
            self.parts.append(part)
            for path in chunk:
                self._waiting[path] = future

    @property
    def done(self) -> bool:
        return not self._waiting

    def take(self, path: str) -> dict[str, Entry]:
        """The entries of ``path``'s chunk, waiting for it; {} once taken, or if it failed
        (its sources are then converted one by one as they are read)."""
        future = self._waiting.get(path)
        if future is None:
            return {}
        for name in self._chunks.pop(future):
            del self._waiting[name]
        try:
            written, data = future.result()
            _, entries = pickle.loads(data)
        except Exception as error:  # a pool process died: convert here instead
            logger.debug("vietnamese: a chunk of sources not converted aside: %s", error)
            written, entries = False, {}
        self.unsaved = self.unsaved or not written
        if self.done:
            self.close()
        return entries

    def take_all(self) -> dict[str, Entry]:
        entries: dict[str, Entry] = {}
        while self._waiting:
            entries.update(self.take(next(iter(self._waiting))))
        return entries

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
        logger.info(
            "vietnamese: %d sources converted in %.2f s, while the build read",
            self._count,
            time.perf_counter() - self._started,
        )
