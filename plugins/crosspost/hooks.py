"""Test-only checkpoints, to stop or pause a run at an exact point.

``CROSSPOST_TEST_CHECKPOINT=after-send:kill`` kills the process (SIGKILL) right after
an HTTP answer arrived and before it was saved; ``after-refresh:kill`` right after a
new Zalo token pair was saved; ``NAME:wait:FILE`` writes ``FILE.reached`` and waits
(at most a minute) until ``FILE`` exists. Unset, which is always the case outside the
test suite, a checkpoint does nothing.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

VARIABLE = "CROSSPOST_TEST_CHECKPOINT"


def checkpoint(name: str, environ=None) -> None:
    spec = (environ if environ is not None else os.environ).get(VARIABLE, "")
    point, _, action = spec.partition(":")
    if point != name:
        return
    if action == "kill":
        os.kill(os.getpid(), signal.SIGKILL)
    if action.startswith("wait:"):
        release = Path(action[len("wait:") :])
        Path(f"{release}.reached").write_text("reached\n", encoding="utf-8")
        deadline = time.monotonic() + 60
        while not release.exists() and time.monotonic() < deadline:
            time.sleep(0.02)
