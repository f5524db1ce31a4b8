"""Forked rendering: results and log records come back to the build, failures are raised."""

from __future__ import annotations

import logging
import os

import pytest

from tinhoi.sitebuild.parallel import run_forked

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="fork() is POSIX only")


def noisy_square(number: int) -> tuple[int, int]:
    logging.getLogger("tinhoi.test").warning("bình phương %d", number)
    return number * number, os.getpid()


def test_run_forked_returns_results_in_order_and_relogs_warnings(caplog):
    caplog.set_level(logging.WARNING)
    results = run_forked(list(range(9)), noisy_square, workers=2, parent_works=False)
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
        run_forked(list(range(6)), broken, workers=2, parent_works=False)
