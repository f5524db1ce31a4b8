"""Forked rendering: results and log records come back to the build, failures are raised;
a background build's workers run behind."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tinhoi.sitebuild.parallel import BACKGROUND_NICE, run_behind, run_forked, stream_forked

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="fork() is POSIX only")


def noisy_square(number: int) -> tuple[int, int]:
    logging.getLogger("tinhoi.test").warning("bình phương %d", number)
    return number * number, os.getpid()


def test_stream_forked_gives_results_in_order_and_relogs_warnings(caplog):
    caplog.set_level(logging.WARNING)
    results = [result for _index, result in stream_forked(list(range(9)), noisy_square, 2)]
    assert [square for square, _pid in results] == [n * n for n in range(9)]
    assert os.getpid() not in {pid for _square, pid in results}
    assert sorted(r.getMessage() for r in caplog.records) == sorted(
        f"bình phương {n}" for n in range(9)
    )


def broken(number: int) -> int:
    if number == 3:
        raise ValueError("tệp hỏng")
    return number


def test_a_failure_in_a_forked_share_is_raised_with_its_traceback():
    with pytest.raises(RuntimeError, match="ValueError: tệp hỏng"):
        list(stream_forked(list(range(6)), broken, workers=2))


def test_run_forked_takes_a_share_itself_and_returns_results_in_order(caplog):
    caplog.set_level(logging.WARNING)
    # numbers not logged before: Pelican's log filter shows a message once per process
    results = run_forked(list(range(20, 27)), noisy_square, workers=2)
    assert [square for square, _pid in results] == [n * n for n in range(20, 27)]
    assert len({pid for _square, pid in results}) == 2
    assert len(caplog.records) == 7


def _waits_for_the_first_result_taken(job: tuple[int, str]) -> int:
    """The last job of each share waits until the parent has taken the first result."""
    number, flag = job
    if number >= 4:
        deadline = time.monotonic() + 20
        while not os.path.exists(flag):
            if time.monotonic() > deadline:
                raise TimeoutError("the first result was never taken")
            time.sleep(0.01)
    return number


def test_results_are_taken_while_the_workers_go_on(tmp_path):
    """Neither side holds a whole share's results: the first is taken before the last
    job of its share has run."""
    flag = str(tmp_path / "taken")
    taken = []
    for index, number in stream_forked(
        [(n, flag) for n in range(6)], _waits_for_the_first_result_taken, 2
    ):
        taken.append((index, number))
        Path(flag).touch()
    assert taken == [(n, n) for n in range(6)]


def _children() -> set[str]:
    """This thread's child processes, running or not yet waited for (Linux)."""
    return set(Path(f"/proc/self/task/{os.getpid()}/children").read_text().split())


def test_a_caller_that_stops_early_leaves_no_child_behind():
    before = _children()  # other tests' processes may still be about
    results = stream_forked(list(range(40)), noisy_square, workers=2)
    next(results)
    assert len(_children() - before) == 2
    results.close()
    assert _children() <= before


def priority(_job) -> int:
    return os.getpriority(os.PRIO_PROCESS, 0)


@pytest.mark.parametrize("behind", [False, True])
def test_a_background_builds_workers_run_behind_it(behind):
    """The live preview's renderers leave the processor to the early page of a save."""
    now = os.getpriority(os.PRIO_PROCESS, 0)
    expected = min(19, now + BACKGROUND_NICE) if behind else now
    niced = [result for _, result in stream_forked(list(range(4)), priority, 2, behind)]
    assert niced == [expected] * 4
    assert os.getpriority(os.PRIO_PROCESS, 0) == now  # the build's own process stays


def test_a_command_run_behind_runs_at_the_workers_priority():
    """Pagefind, started by a background build."""
    now = os.getpriority(os.PRIO_PROCESS, 0)
    command = [sys.executable, "-c", "import os; print(os.getpriority(os.PRIO_PROCESS, 0))"]
    told = subprocess.run(run_behind(command), capture_output=True, text=True, check=True)
    assert int(told.stdout) == min(19, now + BACKGROUND_NICE)
