"""The live preview's early-page process: shows an edited article while a build runs.

The preview forks it after each build, with that build's capture (``earlypages.py``): the
fork shares the build's objects with the preview instead of copying them, and it goes on
watching while the preview builds the next save. So an article whose text was saved shows
within a fraction of a second, also when a build is still running, and the build that
follows replaces its page with the same page plus everything else the save changed.

It is woken by the system's file notifications (``watchfiles``), not by polling: on a
site of ten thousand articles a look at every file's stamp costs a tenth of a second,
which this process would take from the build all day. It never forks, so its watcher's
thread is safe; the preview itself stays without threads (it forks the build's workers).

The early page goes first: after each look it tells the preview which files it looked at
(a digest of their stamps, on a pipe), and the preview starts the build of a save once
this process has shown it (``EarlyProcess.wait_shown``), as Hugo's server renders the page
in view before the rest. On two cores the build's reading would otherwise halve the early
page's share of the machine, for the officer's new photo most; the build waits that long
and no longer (``FIRST_SECONDS`` at most).
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import logging
import os
import select
import signal
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from watchfiles import DefaultFilter, watch

from . import earlypages
from .filestamps import Stamps, changed_files, stamps, watched_files
from .serve import PreviewStatus

logger = logging.getLogger(__name__)

DEBOUNCE_MS = 200  # an editor's writes of one save are shown together
STEP_MS = 30  # once nothing changed for this long
# how often it looks whether the preview is still there; also how soon after its watcher
# is up it looks for a save made while the watcher started
ALIVE_CHECK_MS = 200
FIRST_SECONDS = 3.0  # the longest a build waits for the early page of its save
DIGEST_SIZE = 16  # bytes on the pipe per look: below PIPE_BUF, so each write is whole


def digest(looked: Stamps) -> bytes:
    """What identifies the files as looked at: the same for the same stamps in either
    process."""
    text = repr(sorted(looked.items())).encode("utf-8", "surrogateescape")
    return hashlib.blake2b(text, digest_size=DIGEST_SIZE).digest()


def _render(
    capture, sources: set[str], output: Path, tree: int, baseline: Stamps, told: dict
) -> list[str] | None:
    new = frozenset(source for source in sources if source not in baseline)
    try:
        return earlypages.render(capture, sources, output, tree, new, told)
    except Exception:  # the full build that follows tells the officer what is wrong
        logger.debug("early page failed", exc_info=True)
        return None


def show_pending(
    capture, roots: list[Path], baseline: Stamps, output: Path, problems: list[str]
) -> list[str]:
    """Early pages of the saves made while the build that made ``capture`` ran, written
    into the tree it has just put in place (by the preview, before the open tabs reload:
    they would show that build without those saves); return that build's ``problems``
    as the pages shown tell them."""
    changed = changed_files(baseline, stamps(roots))
    if not changed:
        return problems
    told: dict[str, list[str]] = {}
    tree = os.open(output, os.O_RDONLY | os.O_DIRECTORY)
    try:
        pages = _render(capture, changed, output, tree, baseline, told)
    finally:
        os.close(tree)
    return problems if pages is None else told_now(problems, told)


def _show(
    capture, sources: set[str], output: Path, tree: int, baseline: Stamps, status, problems
) -> None:
    started = time.perf_counter()
    told: dict[str, list[str]] = {}
    pages = _render(capture, sources, output, tree, baseline, told)
    if pages is None:
        return
    status.write(told_now(problems, told))
    done = "Đã hiện trước bài vừa lưu" if pages else "Đã gỡ trang của bài vừa xoá"
    print(
        f"{done} ({time.perf_counter() - started:.2f} giây); trang còn lại đang được dựng.",
        flush=True,
    )


def told_now(problems: list[str], told: dict[str, list[str]]) -> list[str]:
    """The last build's ``problems`` (``file:line: message``), with those of each file read
    again for the early pages replaced by what reading it told now (``told``, by file):
    a warning fixed leaves the banner at once, a new one enters it."""
    kept = [p for p in problems if not any(p.startswith(f"{name}:") for name in told)]
    return kept + [warning for warnings in told.values() for warning in warnings]


def _serve(capture, roots: list[Path], baseline: Stamps, output, status, problems, said) -> None:
    stop = threading.Event()
    # the output tree this capture was built into: once the next build replaces it, what
    # is written here is no longer served (and never mixed into the new tree)
    tree = os.open(output, os.O_RDONLY | os.O_DIRECTORY)
    for number in (signal.SIGTERM, signal.SIGINT):
        signal.signal(number, lambda *_: stop.set())

    last: dict = {}  # the last look: every file's stamp, and what had changed then

    def look(told: set[str] = frozenset()) -> Stamps:
        # the files the watcher told of, with those changed before, are shown first: the
        # look at every file's stamp takes a tenth of a second at ten thousand articles
        shown = None
        if told:
            shown = last["changed"] | told
            _show(capture, shown, output, tree, baseline, status, problems)
        # every file changed since the build that made the capture started reading (saves
        # made during that build too): an editor's scratch file, made and gone, is not one;
        # shown again when the watcher missed one
        now = stamps(roots)
        changed = changed_files(baseline, now)
        if changed and changed != shown:
            _show(capture, changed, output, tree, baseline, status, problems)
        last.update(stamps=now, changed=changed)
        # the preview's build of these files may start (if the preview has not read for
        # long, it reads at each build, the pipe is full: it waits no longer than it would)
        with contextlib.suppress(OSError):
            os.write(said, digest(now))
        return now

    looked: Stamps | None = look()
    preview = os.getppid()
    watching = [str(root) for root in roots if root.exists()]
    for changes in watch(
        *watching,
        watch_filter=DefaultFilter(),
        debounce=DEBOUNCE_MS,
        step=STEP_MS,
        stop_event=stop,
        rust_timeout=ALIVE_CHECK_MS,
        yield_on_timeout=True,
        raise_interrupt=False,
    ):
        if os.getppid() != preview:  # the preview was killed: do not watch on alone
            return
        # the first answer comes once the watcher is up: a save made after the first look
        # and before then sent no notification to it
        if changes or (looked is not None and stamps(roots) != looked):
            look(watched_files((path for _change, path in changes), roots, last["stamps"]))
        looked = None


@dataclass
class EarlyProcess:
    """The early-page process, as the preview holds it."""

    pid: int
    heard: int  # the pipe's end it tells the digests of the files it looked at on

    def wait_shown(self, files: Stamps, seconds: float = FIRST_SECONDS) -> bool:
        """Wait until the process has looked at ``files`` (and shown their early pages),
        ``seconds`` at most; False when it did not (it is busy with a later save, or gone)."""
        wanted = digest(files)
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            ready, _, _ = select.select([self.heard], [], [], left)
            if not ready:
                return False
            told = os.read(self.heard, 4096 * DIGEST_SIZE)
            if not told:  # it ended
                return False
            looks = {told[i : i + DIGEST_SIZE] for i in range(0, len(told), DIGEST_SIZE)}
            if wanted in looks:
                return True
        return False

    def stop(self) -> None:
        """End the process and wait for it: a page it is writing is written whole first."""
        try:
            os.kill(self.pid, signal.SIGTERM)
            os.waitpid(self.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        os.close(self.heard)


def start(
    capture, roots: list[Path], baseline: Stamps, output: Path, status: PreviewStatus, problems
) -> EarlyProcess:
    """Fork the early-page process (the preview stops it: ``EarlyProcess.stop``)."""
    heard, said = os.pipe()
    os.set_blocking(said, False)  # a look is never held up by the pipe
    pid = os.fork()
    if pid:
        os.close(said)
        return EarlyProcess(pid, heard)
    code = 0
    try:
        os.close(heard)
        gc.freeze()  # the collector would otherwise copy every shared object it visits
        _serve(capture, roots, baseline, output, status, problems, said)
    except BaseException:
        code = 1
    finally:
        os._exit(code)
