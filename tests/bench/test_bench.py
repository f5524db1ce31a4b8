"""The benchmark's own parts: the seeded corpus, and ``bench/run.py`` end to end on a
tiny corpus. Only what it prints is checked, never how fast anything was."""

from __future__ import annotations

import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from conftest import ROOT, run_build

from bench.corpus import write_corpus

HEADER_END = "\n\n"


def sources(content: Path) -> dict[str, bytes]:
    return {p.relative_to(content).as_posix(): p.read_bytes() for p in content.rglob("*.md")}


def test_the_corpus_is_the_same_for_the_same_seed(tmp_path):
    first = sources(write_corpus(25, tmp_path / "a", seed=1))
    again = sources(write_corpus(25, tmp_path / "b", seed=1))
    other = sources(write_corpus(25, tmp_path / "c", seed=2))
    assert first == again
    assert first != other


def test_corpus_articles_follow_the_content_model(tmp_path):
    content = write_corpus(120, tmp_path)
    vietnamese = sorted(p for p in (content / "articles").rglob("*.md") if ".en." not in p.name)
    english = sorted((content / "articles").rglob("*.en.md"))
    assert len(vietnamese) == 120
    assert 0.2 < len(english) / len(vietnamese) < 0.4  # about 30 % translated
    for path in vietnamese:
        text = path.read_text(encoding="utf-8")
        assert unicodedata.is_normalized("NFC", text)
        header, body = text.split(HEADER_END, 1)
        fields = dict(line.split(": ", 1) for line in header.splitlines())
        assert {"Title", "Date", "Category", "Tags", "Cover", "Summary"} <= set(fields)
        assert (content / fields["Cover"]).is_file()
        assert 300 <= len(body.split()) <= 900
        assert re.search(r"[ăâđêôơưạảấầậắằặẹẻẽếềệịọỏốồộớờợụủứừựỳỵỷỹ]", body)
    bodies = "".join(p.read_text(encoding="utf-8") for p in vietnamese)
    for markup in ("\n## ", "\n- ", "]("):  # headings, lists, links
        assert markup in bodies


def test_the_corpus_builds_without_a_warning_on_our_site(tmp_path):
    content = write_corpus(12, tmp_path / "corpus")
    site = run_build(tmp_path, content, "publishconf.py", strict=True)
    assert site.result.ok, site.messages
    assert (site.output / "en" / "index.html").is_file()


@pytest.fixture(scope="module")
def bench_output(tmp_path_factory) -> list[str]:
    work = tmp_path_factory.mktemp("bench")
    command = [sys.executable, str(ROOT / "bench" / "run.py"), "--n", "8", "--rounds", "1"]
    done = subprocess.run(
        [*command, "--keep", str(work)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        cwd=work,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout.splitlines()


def test_bench_ends_with_its_machine_readable_line(bench_output):
    assert re.fullmatch(
        r"bench N=8 full/stock=\d+\.\d\d edit/stock=\d+\.\d\d mem/stock=\d+\.\d\d"
        r" preview=\d+\.\d\ds preview_tags=\d+\.\d\ds preview_full=\d+\.\d\ds",
        bench_output[-1],
    )


@pytest.mark.parametrize(
    "label",
    [
        "(a) stock Pelican",
        "(b) full site, cold",
        "(c) full site, one edit",
        "and a second edit",
        "an untranslated one",
    ],
)
def test_bench_prints_time_memory_and_cpu_of_each_build(bench_output, label):
    (line,) = [line for line in bench_output if label in line]
    assert re.search(r"median +\d+\.\d\d s .* peak +\d+\.\d MB +cpu +\d+\.\d\d s$", line)


def test_bench_times_the_live_preview(bench_output):
    (line,) = [line for line in bench_output if line.startswith("(d) live preview")]
    assert re.search(
        r"median \d+\.\d\d s \(min .*, 5 edits\)  peak +\d+\.\d MB"
        r" \+ early-page process \d+\.\d MB of its own$",
        line,
    )
    (tags,) = [line for line in bench_output if "a tag edit:" in line]
    assert re.search(r"median \d+\.\d\d s \(min .*, 3 edits\)$", tags)
    for label in ("a new article:", "a new article with a new phone photo:", "a new page:"):
        (saves,) = [line for line in bench_output if label in line]
        assert re.search(r"median \d+\.\d\d s \(min .*, 3 saves\)$", saves)


def test_bench_prints_the_cpu_bound_and_the_page_weight_budget(bench_output):
    text = "\n".join(bench_output)
    assert re.search(r"cold build: \d+\.\d\d CPU-seconds on \d+ cores", text)
    assert re.search(r"Pagefind alone takes \d+\.\d\d of them", text)
    for page in ("home", "article"):
        (row,) = [line for line in bench_output if re.match(rf"{page} +\d", line)]
        assert row.split()[-2] == "ok"  # first screen within 14 KB gzipped
