"""Run independent jobs on every core by forking: the children share the parent's memory.

Rendering a page needs the whole site (templates, context, every article) in memory;
forking after the context is built gives each child all of it for free. Each child
renders its share and sends back, through a pipe, what it produced and what it logged;
the parent re-logs those records, so warnings count (strict mode) and show once.
"""

from __future__ import annotations

import gc
import logging
import os
import pickle
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

logger = logging.getLogger(__name__)


@dataclass
class Outcome:
    """What one share of the jobs produced: results by job index, log records, a failure."""

    results: dict[int, object] = field(default_factory=dict)
    records: list[tuple[str, int, str]] = field(default_factory=list)
    failure: str = ""


class _Capture(logging.Handler):
    def __init__(self, outcome: Outcome):
        super().__init__(level=logging.WARNING)
        self.outcome = outcome

    def emit(self, record: logging.LogRecord) -> None:
        self.outcome.records.append((record.name, record.levelno, record.getMessage()))


def _run_share(jobs: Sequence, indexes: range, work: Callable) -> Outcome:
    outcome = Outcome()
    for index in indexes:
        outcome.results[index] = work(jobs[index])
    return outcome


def _child(jobs: Sequence, indexes: range, work: Callable, write_fd: int) -> None:
    outcome = Outcome()
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
    root.addHandler(_Capture(outcome))
    try:
        outcome.results = _run_share(jobs, indexes, work).results
    except BaseException:  # report everything to the parent, which decides
        outcome.failure = traceback.format_exc()
    with os.fdopen(write_fd, "wb") as pipe:
        pickle.dump(outcome, pipe, protocol=pickle.HIGHEST_PROTOCOL)


def run_forked(jobs: Sequence, work: Callable, workers: int, parent_works: bool = True) -> list:
    """``[work(job) for job in jobs]``, spread over ``workers`` processes.

    With ``parent_works`` this process takes a share; without, it only waits, so what the
    work leaves in memory (caches, loaded data) never adds to this process's size.
    """
    workers = max(1, min(workers, len(jobs)))
    shares = [range(start, len(jobs), workers) for start in range(workers)]
    if not parent_works:
        shares.insert(0, range(0))
    children = []
    # the children's collections skip what the parent made: less work, fewer pages copied.
    # A process that froze its start-up objects for good (``python -m tinhoi.sitebuild``: one
    # build, then exit) keeps these frozen too; unfreezing would undo its freeze as well.
    frozen_for_good = gc.get_freeze_count() > 0
    gc.freeze()
    for share in shares[1:]:
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - runs in the child
            os.close(read_fd)
            try:
                _child(jobs, share, work, write_fd)
            finally:
                os._exit(0)
        os.close(write_fd)
        children.append((pid, read_fd))
    if not frozen_for_good:
        gc.unfreeze()

    results: dict[int, object] = {}
    failure = ""
    try:
        results.update(_run_share(jobs, shares[0], work).results)
    finally:
        for pid, read_fd in children:
            with os.fdopen(read_fd, "rb") as pipe:
                try:  # read as it comes: the whole pickle is never held at once
                    outcome: Outcome = pickle.load(pipe)
                except (EOFError, pickle.UnpicklingError):  # the child died before sending
                    outcome = Outcome(failure="no result")
            os.waitpid(pid, 0)
            for name, level, message in outcome.records:
                logging.getLogger(name).log(level, "%s", message)
            results.update(outcome.results)
            failure = failure or outcome.failure
    if failure:
        raise RuntimeError(f"a parallel job failed:\n{failure}")
    return [results[index] for index in range(len(jobs))]
