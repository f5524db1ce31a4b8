"""Run independent jobs on every core by forking: the children share the parent's memory.

Rendering a page needs the whole site (templates, context, every article) in memory;
forking after the context is built gives each child all of it for free. Each child
renders its share and sends back, through a pipe, each result as soon as it has it (so
neither side ever holds a whole share's results), then what it logged; the parent reads
every pipe as data comes and re-logs the records, so warnings count (strict mode) and show
once.

A background build (the live preview's) runs its children behind (``BACKGROUND_NICE``).
"""

from __future__ import annotations

import gc
import logging
import os
import pickle
import selectors
import shutil
import struct
import traceback
from collections.abc import Callable, Iterator, Sequence

logger = logging.getLogger(__name__)

_LENGTH = struct.Struct("<Q")  # each message on a pipe: its length, then its pickle
_READ_SIZE = 1 << 16
# how far a background build's workers stand back: on two cores the early page of the
# officer's save (a new photo is a second of work) and her browser go first
BACKGROUND_NICE = 10


def run_behind(command: list[str]) -> list[str]:
    """``command`` run behind as a background build's children are (``nice``, where the
    system has it: a priority set after the start would miss the threads it starts)."""
    nice = shutil.which("nice")
    return [nice, "-n", str(BACKGROUND_NICE), *command] if nice else command


class _Capture(logging.Handler):
    def __init__(self, records: list):
        super().__init__(level=logging.WARNING)
        self.records = records

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


def _send(pipe, message: tuple) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    pipe.write(_LENGTH.pack(len(data)))
    pipe.write(data)
    pipe.flush()  # now, not when the buffer is full: the parent takes it at once


def _child(jobs: Sequence, indexes: range, work: Callable, write_fd: int) -> None:
    """Send ``("result", index, value)`` for each job, then ``("end", records, failure)``."""
    records: list[tuple[str, int, str]] = []
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
    root.addHandler(_Capture(records))
    failure = ""
    with os.fdopen(write_fd, "wb") as pipe:
        try:
            for index in indexes:
                _send(pipe, ("result", index, work(jobs[index])))
        except BaseException:  # report everything to the parent, which decides
            failure = traceback.format_exc()
        _send(pipe, ("end", records, failure))


def _fork(
    jobs: Sequence, shares: list[range], work: Callable, behind: bool = False
) -> list[tuple[int, int]]:
    """Start a child for each share (``behind``: at a lower priority); return their pids and
    the pipes to read them from."""
    children = []
    # the children's collections skip what the parent made: less work, fewer pages copied.
    # A process that froze its start-up objects for good (``python -m tinhoi.sitebuild``: one
    # build, then exit) keeps these frozen too; unfreezing would undo its freeze as well.
    frozen_for_good = gc.get_freeze_count() > 0
    gc.freeze()
    for share in shares:
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - runs in the child
            os.close(read_fd)
            if behind:
                os.nice(BACKGROUND_NICE)
            try:
                _child(jobs, share, work, write_fd)
            finally:
                os._exit(0)
        os.close(write_fd)
        children.append((pid, read_fd))
    if not frozen_for_good:
        gc.unfreeze()
    return children


def _messages(children: list[tuple[int, int]]) -> Iterator[tuple[int, object]]:
    """Each child's results as they arrive, read from every pipe at once (a child blocked
    on a full pipe would stop working); then re-log the records, raise a failure."""
    failures = []
    with selectors.DefaultSelector() as selector:
        for pid, read_fd in children:
            selector.register(read_fd, selectors.EVENT_READ, (pid, bytearray()))
        try:
            yield from _read(selector, failures)
        finally:  # also when the caller stops early: no child is left blocked on its pipe
            for key in list(selector.get_map().values()):
                selector.unregister(key.fd)
                os.close(key.fd)
                os.waitpid(key.data[0], 0)
    if failures:
        raise RuntimeError(f"a parallel job failed:\n{failures[0]}")


def _read(selector, failures: list) -> Iterator[tuple[int, object]]:
    ended: set[int] = set()
    while selector.get_map():
        for key, _ in selector.select():
            pid, buffer = key.data
            chunk = os.read(key.fd, _READ_SIZE)
            buffer += chunk
            while len(buffer) >= _LENGTH.size:
                (size,) = _LENGTH.unpack_from(buffer)
                if len(buffer) < _LENGTH.size + size:
                    break
                with memoryview(buffer) as view:  # released before the buffer shrinks
                    message = pickle.loads(view[_LENGTH.size : _LENGTH.size + size])
                del buffer[: _LENGTH.size + size]
                if message[0] == "result":
                    yield message[1], message[2]
                    continue
                _, records, failure = message
                ended.add(pid)
                for name, level, text in records:
                    logging.getLogger(name).log(level, "%s", text)
                if failure:
                    failures.append(failure)
            if not chunk:  # the child is done (or died before its last message)
                selector.unregister(key.fd)
                os.close(key.fd)
                os.waitpid(pid, 0)
                if pid not in ended:
                    failures.append("no result")


def shares(count: int, workers: int) -> list[range]:
    """The indexes of ``count`` jobs each of ``workers`` takes: dealt out in turn."""
    workers = max(1, min(workers, count))
    return [range(start, count, workers) for start in range(workers)]


def stream_forked(
    jobs: Sequence, work: Callable, workers: int, behind: bool = False
) -> Iterator[tuple[int, object]]:
    """``(index, work(job))`` for each job, in the jobs' order, computed by ``workers``
    children as this process takes each result in turn: what the work leaves in memory
    (caches, loaded data) never adds to this process's size, and a result is let go as soon
    as it is taken. A failure is raised once every child has ended. ``behind``: the
    children run at a lower priority (a background build's)."""
    if not jobs:
        return
    waiting: dict[int, object] = {}
    wanted = 0
    for index, result in _messages(_fork(jobs, shares(len(jobs), workers), work, behind)):
        waiting[index] = result
        while wanted in waiting:  # the shares take turns: few results ever wait here
            yield wanted, waiting.pop(wanted)
            wanted += 1


def run_forked(jobs: Sequence, work: Callable, workers: int) -> list:
    """``[work(job) for job in jobs]``, spread over ``workers`` processes, this one taking
    a share (for small results: its children wait for it to read them)."""
    if not jobs:
        return []
    dealt = shares(len(jobs), workers)
    children = _fork(jobs, dealt[1:], work)
    results: dict[int, object] = {}
    try:
        for index in dealt[0]:
            results[index] = work(jobs[index])
    finally:
        results.update(_messages(children))
    return [results[index] for index in range(len(jobs))]
