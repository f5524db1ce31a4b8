"""``make bench N=1000``: build one generated corpus three ways and compare them.

(a) stock Pelican 4.12, its default theme, no plugins; (b) our full site, cold (both
languages, every plugin, search index, cross-post plan); (c) our full site again after one
article was edited (the first rebuild after the cold build; the article has an English
version, so both language sites read it), then after a second edit, then after an edit of
an article with no English version (the English site is then kept whole); and
(d) the live preview: save → the served page shows the edit (``preview.py``), for edits
of an article's text and of its tags, and for new articles, without and with a new phone
photo (early pages all). (a)–(c)
run in turn, ROUNDS times; medians and ratios are printed, then peak memory (the largest of
our builds against stock), output files and bytes. CPU time (the build's processes and all
their children) is printed too, with what it implies: a build needing C CPU-seconds cannot
finish in under C / cores seconds, and Pagefind's share of it is measured on its own. The
last line is machine-readable:

    bench N=1000 full/stock=R1 edit/stock=R2 mem/stock=R3 preview=Ss preview_tags=Ts preview_full=Fs
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus import write_corpus
from pageweight import report as page_weight_report
from preview import measure_preview

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable

STOCK_SETTINGS = """\
PATH = {content!r}
OUTPUT_PATH = {output!r}
CACHE_PATH = {cache!r}
TIMEZONE = "Asia/Ho_Chi_Minh"
DEFAULT_LANG = "vi"
SITEURL = "https://example.vn"
PLUGINS = []
"""

# Our site: the real publish settings, pointed at the corpus and scratch folders.
OURS_SETTINGS = """\
import sys
sys.path.insert(0, {root!r})
from publishconf import *
THEME = {root!r} + "/theme"
PLUGIN_PATHS = [{root!r} + "/plugins"]
PATH = {content!r}
OUTPUT_PATH = {output!r}
CACHE_PATH = {cache!r}
"""

# Run one build in a child process and report its wall time and peak memory (the
# child's own and its children's, e.g. the search indexer) as JSON on the last line.
RUNNER = """\
import json, resource, runpy, sys, time
sys.argv = sys.argv[1:]
start = time.perf_counter()
try:
    runpy.run_module(sys.argv[0], run_name="__main__", alter_sys=True)
except SystemExit as exit:
    if exit.code not in (0, None):
        raise
seconds = time.perf_counter() - start
own = resource.getrusage(resource.RUSAGE_SELF)
children = resource.getrusage(resource.RUSAGE_CHILDREN)
peak = max(own.ru_maxrss, children.ru_maxrss)
cpu = own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime
print(json.dumps({"seconds": seconds, "peak_kb": peak, "cpu": cpu}))
"""


def _run(module: str, args: list[str], cwd: Path) -> dict:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "plugins"), SITEURL="https://example.vn")
    # pip compiled stock Pelican's modules when it installed them; our plugins get the same
    # bytecode cache, or every build timed would pay for compiling them again
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    done = subprocess.run(
        [PYTHON, "-c", RUNNER, module, *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        sys.exit(f"{module} failed:\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def search_index_cpu(site: Path) -> float:
    """CPU-seconds Pagefind alone takes to index ``site``'s articles, as the build does."""
    sys.path.insert(0, str(ROOT / "plugins"))
    from tinhoi.sitebuild.poststeps import pagefind_executable
    from tinhoi.sitebuild.search_index import plan_search_index, run_search_index

    executable = pagefind_executable()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    for lang in ("vi", "en"):  # every year again, one at a time, over the same files
        plan = plan_search_index(site, None, lang, "vi")
        if executable is None or run_search_index(executable, plan, timeout=600, workers=1):
            return float("nan")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def _output_size(path: Path) -> tuple[int, int]:
    files = [p for p in path.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


class Bench:
    def __init__(self, work: Path, n: int):
        self.work = work
        self.content = write_corpus(n, work)
        self.trash = work / "set-aside"
        sources = sorted((self.content / "articles").rglob("*.md"))
        self.edited = sources[len(self.content.parts) % 7]
        # an article with no English version: the English site has no use for it
        alone = [p for p in sources if not p.name.endswith(".en.md") and p != self.edited]
        alone = [p for p in alone if not p.with_name(f"{p.stem}.en.md").exists()]
        self.untranslated = alone[0] if alone else self.edited
        for name, template in (("stock", STOCK_SETTINGS), ("ours", OURS_SETTINGS)):
            (work / f"{name}.py").write_text(
                template.format(
                    root=str(ROOT),
                    content=str(self.content),
                    output=str(work / f"out-{name}"),
                    cache=str(work / f"cache-{name}"),
                ),
                encoding="utf-8",
            )

    def _set_aside(self, name: str) -> None:
        """Move a folder of the last run out of the way; all are deleted after the bench.

        Deleting thousands of files right before a timed build slows that build: ext4
        without a journal (as on this machine) skips recently freed inodes one by one
        when it allocates new ones. The harness's own clean-up is not what we measure.
        """
        folder = self.work / name
        if folder.exists():
            self.trash.mkdir(exist_ok=True)
            os.replace(folder, self.trash / f"{name}-{len(list(self.trash.iterdir()))}")

    def stock(self) -> dict:
        self._set_aside("out-stock")
        return _run("pelican", ["-s", str(self.work / "stock.py"), "-q"], self.work)

    def ours_cold(self) -> dict:
        # cold: no cache and no previous output to link unchanged pages from
        self._set_aside("cache-ours")
        self._set_aside("out-ours")
        return _run(
            "tinhoi.sitebuild", ["publish", "--settings", str(self.work / "ours.py")], self.work
        )

    def build_sample(self) -> Path:
        """Build the bundled sample site with the preview settings; return its output."""
        settings = self.work / "sample.py"
        settings.write_text(
            OURS_SETTINGS.replace("publishconf", "pelicanconf").format(
                root=str(ROOT),
                content=str(ROOT / "content"),
                output=str(self.work / "out-sample"),
                cache=str(self.work / "cache-sample"),
            ),
            encoding="utf-8",
        )
        _run("tinhoi.sitebuild", ["html", "--settings", str(settings)], self.work)
        return self.work / "out-sample"

    def preview_settings(self) -> Path:
        """Our preview settings (pelicanconf.py) on the corpus, with folders of their own."""
        settings = self.work / "preview.py"
        settings.write_text(
            OURS_SETTINGS.replace("publishconf", "pelicanconf").format(
                root=str(ROOT),
                content=str(self.content),
                output=str(self.work / "out-preview"),
                cache=str(self.work / "cache-preview"),
            ),
            encoding="utf-8",
        )
        return settings

    def ours_edit(self, source: Path | None = None) -> dict:
        with (source or self.edited).open("a", encoding="utf-8") as handle:
            handle.write(f"\nCập nhật lúc {time.time():.0f}.\n")
        return _run(
            "tinhoi.sitebuild", ["publish", "--settings", str(self.work / "ours.py")], self.work
        )


def main() -> None:
    parser = argparse.ArgumentParser(description="Build-time benchmark against stock Pelican.")
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument(
        "--rounds",
        type=int,
        help="rounds of (a)–(c): 3 up to N=2000, then 1, so N=10000 runs within 15 minutes",
    )
    parser.add_argument("--keep", type=Path, help="keep the work folder here")
    args = parser.parse_args()
    if args.rounds is None:
        args.rounds = 3 if args.n <= 2000 else 1

    work = args.keep or Path(tempfile.mkdtemp(prefix="tinhoi-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    bench = Bench(work, args.n)
    runs: dict[str, list[dict]] = {"stock": [], "full": [], "edit": [], "again": [], "alone": []}
    for round_number in range(args.rounds):
        runs["stock"].append(bench.stock())
        runs["full"].append(bench.ours_cold())
        runs["edit"].append(bench.ours_edit())  # the first rebuild after a cold build
        runs["again"].append(bench.ours_edit())  # the next one, as the officer goes on
        runs["alone"].append(bench.ours_edit(bench.untranslated))  # no English version
        print(
            f"round {round_number + 1}: "
            + ", ".join(f"{kind} {runs[kind][-1]['seconds']:.2f} s" for kind in runs),
            flush=True,
        )

    median = {kind: statistics.median(r["seconds"] for r in runs[kind]) for kind in runs}
    cpu = {kind: statistics.median(r["cpu"] for r in runs[kind]) for kind in runs}
    memory = {kind: max(r["peak_kb"] for r in runs[kind]) for kind in runs}
    print(f"\ncorpus: {args.n} articles ({sum(1 for _ in bench.content.rglob('*.md'))} sources)")
    for kind, label in (
        ("stock", "(a) stock Pelican"),
        ("full", "(b) full site, cold"),
        ("edit", "(c) full site, one edit"),
        ("again", "    and a second edit"),
        ("alone", "    an untranslated one"),
    ):
        print(
            f"{label:26} median {median[kind]:6.2f} s  {1000 * median[kind] / args.n:5.2f} "
            f"ms/article  peak {memory[kind] / 1024:6.1f} MB  cpu {cpu[kind]:5.2f} s"
        )
    preview = measure_preview(ROOT, bench.preview_settings(), bench.edited)
    print(
        f"(d) live preview, save → page shows the edit: median {preview.median:.2f} s "
        f"(min {min(preview.seconds):.2f}, max {max(preview.seconds):.2f}, "
        f"{len(preview.seconds)} edits)  peak {preview.peak_kb / 1024:.1f} MB"
        f" + early-page process {preview.early_kb / 1024:.1f} MB of its own"
    )
    for label, seconds, unit in (
        ("a tag edit", preview.tag_seconds, "edits"),
        ("a new article", preview.full_seconds, "saves"),
        ("a new article with a new phone photo", preview.photo_seconds, "saves"),
        ("a new page", preview.page_seconds, "saves"),
    ):
        print(
            f"    {label}: median {statistics.median(seconds):.2f} s "
            f"(min {min(seconds):.2f}, max {max(seconds):.2f}, {len(seconds)} {unit})"
        )
    cores = os.cpu_count() or 1
    search = search_index_cpu(work / "out-ours")
    print(
        f"cold build: {cpu['full']:.2f} CPU-seconds on {cores} cores, so no schedule finishes it "
        f"in under {cpu['full'] / cores:.2f} s ({cpu['full'] / cores / median['stock']:.2f}× "
        f"stock); Pagefind alone takes {search:.2f} of them "
        f"({search / cpu['stock']:.2f}× stock's whole build)"
    )
    for name in ("stock", "ours"):
        files, size = _output_size(work / f"out-{name}")
        print(f"output {name:5}: {files} files, {size / 1e6:.1f} MB")
    shutil.rmtree(bench.trash, ignore_errors=True)
    print("\npage weight of the sample site (make html):")
    print("\n".join(page_weight_report(bench.build_sample())))
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    worst = max(memory[kind] for kind in ("full", "edit", "again"))
    print(
        f"bench N={args.n} full/stock={median['full'] / median['stock']:.2f} "
        f"edit/stock={median['edit'] / median['stock']:.2f} "
        f"mem/stock={worst / memory['stock']:.2f} "
        f"preview={preview.median:.2f}s preview_tags={preview.tag_median:.2f}s "
        f"preview_full={preview.full_median:.2f}s"
    )


if __name__ == "__main__":
    main()
