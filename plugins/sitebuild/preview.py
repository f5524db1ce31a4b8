"""``make devserver``: the real build, kept warm, rebuilt on every save.

One long-lived process runs the build driver (``driver.build``), so a save costs an
incremental build (unchanged pages are linked from the last output) without starting
Python and Pelican again. The watcher compares file stamps (mtime, size) of the content,
the theme and the settings file. A save made while a build runs is seen on the next look,
because each build starts from the stamps taken just before it: no save is ever lost, and
saves close together make one build.

The pages are served by ``serve.py`` in a process of its own, started here: this process
forks the build's workers, which is only safe while it has no other threads.

A save that no early page can show (a data file, a template; the menu of every page when
a page is new) changes many pages, and the full build renders them all. The pages open in
the officer's tabs are rendered first, each as soon as its language site is read, and put
in the served tree at once (``Build.in_view``): the build's own page, so the same as the
one it puts in place at its end. Only a save of text files gets this; a page that shows a
new photo or style waits for the build that places them.
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from . import earlywatch
from .cli import load_settings, setup_logging
from .driver import build, empty_spare_tree
from .earlytree import link_into
from .filestamps import Stamps, changed_files, stamps
from .serve import PreviewStatus, page_address

logger = logging.getLogger(__name__)

POLL_SECONDS = 0.1  # how often the watcher looks at the files, at most
# the share of one core its looks may take: a look at 10,000 articles' files takes some
# 50 ms, so a large site is looked at less often (the early-page process is told of a save
# by the system at once: ``earlywatch.py``; only the full build starts a little later)
LOOK_SHARE = 0.1
QUIET_SECONDS = 0.15  # a save is built once nothing has changed for this long
STATUS_FILE = "preview-status.json"  # in CACHE_PATH
# saves whose pages may be shown as the build renders them: each page shows nothing
# the served tree lacks (a new photo, style or script is placed at the build's end)
TEXT_SAVES = (".md", ".markdown", ".rst", ".html", ".yml", ".yaml", ".po")
IN_VIEW_KEPT = "in-view-kept"  # in CACHE_PATH: the pages they replaced, until the build ends


def watched(settings_file: Path, settings: dict) -> list[Path]:
    """What a save can change: the content (data files included), the theme, the settings."""
    roots = [Path(settings["PATH"]), Path(settings["THEME"]), settings_file]
    output = Path(settings["OUTPUT_PATH"])
    return [root for root in roots if root != output]


class _Problems(logging.Handler):
    """The warnings and errors of one build, for the banner in the browser."""

    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.messages.append(record.getMessage().splitlines()[0])
        except Exception:  # a broken message must not stop the preview
            self.messages.append(str(record.msg))


class Builds:
    """The preview's builds, one after the other, and what they hand on to the next.

    ``kept`` goes from build to build: what the last build read that a save did not change.
    After each good build an early-page process (``earlywatch.py``) shows edited articles
    while the next build runs.
    """

    def __init__(self, settings_file: Path, status: PreviewStatus, settings: dict):
        self.settings_file, self.status = settings_file, status
        self.cache_path = Path(settings["CACHE_PATH"])
        self.output = Path(settings["OUTPUT_PATH"])
        self.roots = watched(settings_file, settings)
        self.kept: dict = {}
        self.number = 0
        self.early: earlywatch.EarlyProcess | None = None
        self.good: Stamps | None = None  # the files as the served tree's build read them

    def run(self, baseline: Stamps) -> None:
        """One build of the files as they were at ``baseline``; its problems go to the
        status file, the last good output stays if it fails."""
        self.number += 1
        if self.early is not None:  # the page of the save the officer looks at goes first
            self.early.wait_shown(baseline)
        problems = _Problems()
        root = logging.getLogger()
        root.addHandler(problems)
        in_view = self._in_view(baseline)
        shower = _InView(self, baseline) if in_view else None
        try:
            result = build(
                self.settings_file,
                kept=self.kept,
                background=True,
                in_view=in_view,
                show=shower.show if shower else None,
            )
        finally:
            root.removeHandler(problems)
        if shower is not None:
            shower.finish(result.ok)
        messages = problems.messages
        if not result.ok and not messages:
            messages = ["Không dựng được trang; xem thông báo trong cửa sổ lệnh."]
        capture = result.capture
        if capture is not None:
            # before the fork: the early-page process shares what it works out
            _prepare(capture)
            messages = earlywatch.show_pending(capture, self.roots, baseline, self.output, messages)
        self.status.write(messages)
        if result.ok:
            self.good = baseline
        outcome = "xong" if result.ok else "lỗi, vẫn hiện bản đúng gần nhất"
        print(f"Lần dựng {self.number}: {outcome}, {result.seconds:.1f} giây.", flush=True)
        if capture is not None:  # a good build: its process replaces the last one's
            # (which writes into the tree this build replaced, if anything, until it ends)
            self.stop_early()
            self.early = earlywatch.start(
                capture, self.roots, baseline, self.output, self.status, messages
            )
            del capture
        # the page shows: what the next build would do first is done while nobody waits
        empty_spare_tree(self.cache_path)
        gc.collect()  # the last build's objects go now, not in the middle of the next one

    def _in_view(self, baseline: Stamps) -> frozenset:
        """The pages open in a tab, when this save of text files lets them show early."""
        if self.good is None:
            return frozenset()
        changed = changed_files(self.good, baseline)
        if not all(path.endswith(TEXT_SAVES) for path in changed):
            return frozenset()
        return self.status.open_files()

    def stop_early(self) -> None:
        if self.early is not None:
            self.early.stop()
            self.early = None


def _prepare(capture) -> None:
    """Work out ahead what the early pages ask of the whole site (``Capture.prepare``),
    while the last build's early-page process still shows the saves."""
    try:
        capture.prepare()
    except Exception:  # the early pages work it out themselves
        logger.debug("preparing the early pages failed", exc_info=True)


class _InView:
    """Shows a page open in a tab as soon as the build has rendered it (``Build.show``);
    keeps the page it replaced until the build ends, for a build that breaks."""

    def __init__(self, builds: Builds, baseline: Stamps):
        self.builds, self.baseline = builds, baseline
        self.started = time.perf_counter()
        self.kept = builds.cache_path / IN_VIEW_KEPT
        shutil.rmtree(self.kept, ignore_errors=True)  # left by a preview stopped mid-build
        self.replaced: dict[str, Path | None] = {}  # page → the last good one, kept aside

    def show(self, path: str, written: str) -> None:
        builds = self.builds
        # a save made since the build began: its early page, or the next build, shows it
        if stamps(builds.roots) != self.baseline:
            return
        try:
            tree = os.open(builds.output, os.O_RDONLY | os.O_DIRECTORY)
        except OSError:  # no tree served yet
            return
        try:
            self._keep(path)
            link_into(tree, path, written)
        except OSError:  # the disk is full, say: the page shows with the build's end
            logger.debug("page in view not shown", exc_info=True)
            return
        finally:
            os.close(tree)
        builds.status.write(builds.status.read()["problems"])  # the open tabs reload
        url = page_address(path)
        seconds = time.perf_counter() - self.started
        print(
            f"Đã hiện trước trang đang mở {url} ({seconds:.2f} giây); "
            "trang còn lại đang được dựng.",
            flush=True,
        )

    def _keep(self, path: str) -> None:
        kept = self.kept / str(len(self.replaced))
        self.kept.mkdir(parents=True, exist_ok=True)
        try:
            os.link(self.builds.output / path, kept)
        except FileNotFoundError:  # a page new in this build
            kept = None
        self.replaced[path] = kept

    def finish(self, ok: bool) -> None:
        """Once the build has ended: a build that broke leaves the last good pages served."""
        if not ok:
            for path, kept in self.replaced.items():
                served = self.builds.output / path
                if kept is None:
                    served.unlink(missing_ok=True)
                else:
                    os.replace(kept, served)
        shutil.rmtree(self.kept, ignore_errors=True)


def poll_pause(look_seconds: float) -> float:
    """How long to wait before the next look, after one that took ``look_seconds``: the
    preview stays open all day, and its looks take ``LOOK_SHARE`` of a core at most."""
    return max(POLL_SECONDS, look_seconds / LOOK_SHARE)


def watch(builds: Builds, built: Stamps) -> None:
    """Rebuild after each save, forever; saves during a build lead to one more build.

    ``built``: the files as the last build read them, taken before it started: a save
    made while it ran (the first build takes a while) differs from them and is built next.
    """
    pause = POLL_SECONDS
    while True:
        time.sleep(pause)
        started = time.perf_counter()
        now = stamps(builds.roots)
        pause = poll_pause(time.perf_counter() - started)
        if now == built:
            continue
        while True:  # wait until the saving is over (an editor may write twice)
            time.sleep(QUIET_SECONDS)
            settled = stamps(builds.roots)
            if settled == now:
                break
            now = settled
        built = now
        builds.run(built)


def start_server(output: Path, host: str, port: int, status: PreviewStatus) -> subprocess.Popen:
    command = [sys.executable, "-m", "tinhoi.sitebuild.serve", "--output", str(output)]
    command += ["--host", host, "--port", str(port), "--status", str(status.path)]
    return subprocess.Popen(command)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="sitebuild.preview", description="Xem trước trang.")
    parser.add_argument("--settings", type=Path, default=Path("pelicanconf.py"))
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    setup_logging()
    settings_file = args.settings.resolve()
    settings = load_settings(settings_file)
    output = Path(settings["OUTPUT_PATH"])
    status = PreviewStatus(Path(settings["CACHE_PATH"]) / STATUS_FILE)
    # Ctrl+C and SIGTERM end the preview, the server and the build's workers, also when a
    # shell started it in the background (which would have it ignore SIGINT)
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, signal.default_int_handler)
    # the collector runs less often while thousands of contents are made on every save
    # (as in a one-off build, ``__main__``); nothing is frozen for good, unlike there:
    # each build's objects must go once the next build has replaced them
    gc.set_threshold(10_000, 20, 20)
    builds = Builds(settings_file, status, settings)
    print("Đang dựng trang lần đầu…", flush=True)
    first = stamps(builds.roots)
    builds.run(first)
    output.mkdir(parents=True, exist_ok=True)  # a first build that failed still serves
    server = start_server(output, args.host, args.port, status)
    print(
        f"Xem trước tại http://{args.host}:{args.port}/ : trang tự tải lại khi bạn lưu bài. "
        "Ctrl+C để dừng.",
        flush=True,
    )
    try:
        time.sleep(0.3)
        if server.poll() is not None:
            return 1  # the server said why (a port in use)
        watch(builds, first)
    except KeyboardInterrupt:
        print("Đã dừng bản xem trước.", flush=True)
    finally:
        builds.stop_early()
        server.terminate()
        try:
            server.wait(timeout=5)
        except subprocess.TimeoutExpired:
            server.kill()
    return 0


if __name__ == "__main__":
    sys.exit(main())
