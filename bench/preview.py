"""The live preview in the benchmark: save → the served page shows the edit.

The preview (``python -m tinhoi.sitebuild.preview``) runs on the generated corpus with the preview
settings (pelicanconf.py). After its first build, one article's text is edited several
times, then its tags, and new articles are saved; each time the clock runs from the save
until the page served over HTTP holds the new words.
Peak memory is the preview's own process (the one kept open all day), from /proc.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from images import phone_photo, save_as_phone

GUARD_SECONDS = 600  # the first build of a large corpus; only a guard against a hang
EDIT_GUARD = 120  # one edit; a preview that never shows it fails the bench


@dataclass
class PreviewFigures:
    seconds: list[float]  # save → visible, one per edit of the article's text
    tag_seconds: list[float]  # the same for edits of its tags (early pages too)
    full_seconds: list[float]  # a new article saved → its page served (an early page too)
    photo_seconds: list[float]  # the same with a new 12 MP phone photo in it
    page_seconds: list[float]  # a new page (``content/pages/``) saved → its page served
    peak_kb: int  # the preview process's peak resident memory
    early_kb: int  # what its early-page process holds of its own (not shared with it)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def tag_median(self) -> float:
        return statistics.median(self.tag_seconds)

    @property
    def full_median(self) -> float:
        return statistics.median(self.full_seconds)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _page(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:
            return answer.read().decode("utf-8")
    except OSError:
        return ""


def _wait(check, deadline: float) -> None:
    while not check():
        if time.monotonic() > deadline:
            sys.exit("the preview did not show the page in time")
        time.sleep(0.02)


def _peak_kb(pid: int) -> int:
    status = Path(f"/proc/{pid}/status").read_text(encoding="utf-8")
    match = re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE)
    return int(match.group(1)) if match else 0


def _edit_text(article: Path, marker: str) -> str:
    """Add a sentence to ``article``; return where its page is (next to it)."""
    with article.open("a", encoding="utf-8") as handle:
        handle.write(f"\n{marker}.\n")
    return ""


def _edit_tags(article: Path, marker: str) -> str:
    text = article.read_text(encoding="utf-8")
    tagged = re.sub(r"^(Tags: .*)$", rf"\1, {marker}", text, count=1, flags=re.M)
    article.write_text(tagged, encoding="utf-8")
    return ""


def _new_article(article: Path, marker: str) -> str:
    """Save a new article beside ``article``, dated as it is; return its slug."""
    slug = "bai-moi-" + marker.rsplit(" ", 1)[-1]
    header = article.read_text(encoding="utf-8").split("\n\n", 1)[0]
    header = re.sub(r"^Slug: .*$", f"Slug: {slug}", header, count=1, flags=re.M)
    header = re.sub(r"^Title: .*$", f"Title: {marker}", header, count=1, flags=re.M)
    article.with_name(f"{slug}.md").write_text(
        f"{header}\n\nBài mới: {marker}.\n", encoding="utf-8"
    )
    return slug


def _new_article_with_photo(article: Path, marker: str) -> str:
    """Copy in a new photo as a phone takes it (12 MP, GPS), then save a new article that
    shows it; return its slug. The photo is copied before the clock starts, as the officer
    copies it before she writes."""
    number = marker.rsplit(" ", 1)[-1]
    photo = article.parents[2] / "images" / "bench" / f"anh-moi-{number}.jpg"
    save_as_phone(phone_photo(seed=int(number) % 10_000), photo)
    slug = _new_article(article, marker)
    source = article.with_name(f"{slug}.md")
    shown = f"\n![Ảnh mới chụp](/images/bench/{photo.name})\n"
    source.write_text(source.read_text(encoding="utf-8") + shown, encoding="utf-8")
    return slug


def _new_page(article: Path, marker: str) -> str:
    """Save a new page of the main site (``content/pages/``); return its address."""
    slug = "trang-moi-" + marker.rsplit(" ", 1)[-1]
    header = f"Title: {marker}\nSlug: {slug}\nLang: vi\n"
    page = article.parents[2] / "pages" / f"{slug}.md"
    page.write_text(f"{header}\nTrang mới: {marker}.\n", encoding="utf-8")
    return f"/{slug}/"


def _early_process_kb(preview: int) -> int:
    """The private memory of the preview's early-page process (forked: the rest of what
    it holds is the preview's own memory, shared)."""
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
            if (
                parent != preview
                or b"sitebuild.preview" not in (stat.parent / "cmdline").read_bytes()
            ):
                continue
            rollup = (stat.parent / "smaps_rollup").read_text(encoding="utf-8")
        except (OSError, IndexError, ValueError):
            continue
        return sum(int(kb) for kb in re.findall(r"^Private_\w+:\s+(\d+) kB", rollup, re.M))
    return 0


def measure_preview(
    root: Path, settings: Path, article: Path, edits: int = 5, full_edits: int = 3
) -> PreviewFigures:
    """Start the preview of ``settings``, edit the text of ``article`` ``edits`` times,
    then its tags ``full_edits`` times, then save ``full_edits`` new articles, then as many
    with a new photo, then as many new pages; time each from the save until the page
    shows it.

    Each is shown early (an early page, from the last build), before the full build that
    follows. The new articles and pages are removed afterwards."""
    slug = re.search(r"^Slug: (.+)$", article.read_text(encoding="utf-8"), re.MULTILINE)[1]
    port = _free_port()
    env = dict(os.environ, PYTHONPATH=str(root / "plugins"), SITEURL="")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tinhoi.sitebuild.preview",
            "--settings",
            str(settings),
            "--port",
            str(port),
        ],
        cwd=settings.parent,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait(lambda: _page(base + "/"), time.monotonic() + GUARD_SECONDS)
        header = article.read_text("utf-8")
        year, month = re.search(r"^Date: (\d{4})-(\d\d)", header, re.M).groups()
        language = re.search(r"^Lang: (\w+)", header, re.M)
        prefix = "/en" if language and language[1] == "en" else ""  # the English sub-site
        url = f"{base}{prefix}/{year}/{month}/{slug}/"
        kinds = (_edit_text, _edit_tags, _new_article, _new_article_with_photo, _new_page)
        counts = (edits, *[full_edits] * (len(kinds) - 1))
        seconds: dict = {kind: [] for kind in kinds}
        for edit, count in zip(kinds, counts, strict=True):
            for number in range(count):
                marker = f"Bản sửa số {number} lúc {time.time_ns()}"
                time.sleep(1.0)  # let the last build settle, as between two saves by hand
                new_slug = edit(article, marker)
                saved = time.perf_counter()
                page = url.replace(f"/{slug}/", f"/{new_slug}/") if new_slug else url
                if new_slug.startswith("/"):  # a page of the main site: its own address
                    page = base + new_slug
                _wait(
                    lambda marker=marker, page=page: marker in _page(page),
                    time.monotonic() + EDIT_GUARD,
                )
                seconds[edit].append(time.perf_counter() - saved)
        return PreviewFigures(
            seconds[_edit_text],
            seconds[_edit_tags],
            seconds[_new_article],
            seconds[_new_article_with_photo],
            seconds[_new_page],
            _peak_kb(process.pid),
            _early_process_kb(process.pid),
        )
    finally:
        for new in article.parent.glob("bai-moi-*.md"):
            new.unlink()
        for new in (article.parents[2] / "pages").glob("trang-moi-*.md"):
            new.unlink()
        shutil.rmtree(article.parents[2] / "images" / "bench", ignore_errors=True)
        os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
