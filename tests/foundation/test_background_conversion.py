"""Sources converted on a pool while the build reads: each read as its chunk is done, each
chunk kept on disk as a part of the store, folded into the store by the next build.

The store forks its pool (and its saver), which it does only from a process running no
thread: these run it in a fresh interpreter, as a build does, not in this one (earlier
tests' servers run here).
"""

from __future__ import annotations

import pickle
import subprocess
import sys
from pathlib import Path

from tinhoi.vietnamese.conversion import CHUNK, PARTS, convert_chunk
from tinhoi.vietnamese.sources import STORE_FILE, SourceStore, _code_key, _stamp

COUNT = CHUNK * 3 + 5  # chunks of the pool's size, and a short last one

HEAD = """
import sys, time
from pathlib import Path
from tinhoi.vietnamese.sources import SourceStore

tmp_path = Path(sys.argv[1])
paths = sorted(str(path) for path in (tmp_path / "content").iterdir())
"""

READ_AS_CONVERTED = (
    HEAD
    + """
store = SourceStore(tmp_path / "cache", "{}")
started = time.perf_counter()
assert store.prepare(paths, workers=2) == len(paths)
assert time.perf_counter() - started < 0.5, "prepare waited for the conversion"
first = store.get(paths[0])  # the first chunk only
assert first.values["title"] == "Hội nghị số 0", first.values
assert "Đại hội phụ nữ." in first.content
contents = {path: store.get(path).content for path in reversed(paths)}
assert all("Đại hội phụ nữ." in text for text in contents.values())
store.finished_reading("vi", ["vi"])  # every site has read: the build saves if it must
"""
)

FOLDED = (
    HEAD
    + """
again = SourceStore(tmp_path / "cache", "{}")
assert again.prepare(paths, workers=2) == 0  # all read back
again.save_aside()  # as the build does before it reads
again.wait_for_saver()
assert "Đại hội phụ nữ." in again.get(paths[7]).content
third = SourceStore(tmp_path / "cache", "{}")
assert third.prepare(paths, workers=2) == 0
assert third.get(paths[-1]).content == again.get(paths[-1]).content
"""
)


def _write_sources(folder: Path) -> list[Path]:
    folder.mkdir()
    paths = []
    for number in range(COUNT):
        path = folder / f"bai-{number:03d}.md"
        path.write_text(
            f"Title: Hội nghị số {number}\nDate: 2026-11-20\n\n" + "Đại hội phụ nữ. " * 200,
            encoding="utf-8",
        )
        paths.append(path)
    return paths


def _run(script: str, tmp_path: Path) -> str:
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_sources_are_read_as_their_chunk_is_converted_and_kept_until_folded(tmp_path):
    _write_sources(tmp_path / "content")
    parts = tmp_path / "cache" / PARTS
    _run(READ_AS_CONVERTED, tmp_path)
    assert len(list(parts.iterdir())) == -(-COUNT // CHUNK)  # one a chunk
    assert not (tmp_path / "cache" / STORE_FILE).exists()  # never saved whole in the build
    _run(FOLDED, tmp_path)
    assert list(parts.iterdir()) == []  # folded into the store
    assert (tmp_path / "cache" / STORE_FILE).exists()


def test_a_store_whose_part_cannot_be_written_is_saved_by_the_build(tmp_path):
    # a part lost would be sources converted again next time: the build saves the store
    _write_sources(tmp_path / "content")
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / PARTS).write_text("not a folder")
    _run(READ_AS_CONVERTED, tmp_path)
    assert (tmp_path / "cache" / STORE_FILE).exists()
    _run(FOLDED, tmp_path)


def test_a_source_gone_before_its_chunk_is_left_to_the_reader(tmp_path):
    # listed, then deleted or renamed before the pool reached it: the chunk's other
    # sources are kept, and the reader tells the officer about this one
    present, gone = _write_sources(tmp_path / "content")[:2]
    stamps = {str(present): _stamp(str(present)), str(gone): _stamp(str(gone))}
    gone.unlink()
    part = tmp_path / "cache" / PARTS / "one.pickle"
    written, data = convert_chunk([str(present), str(gone)], stamps, 1, "{}", "key", part)
    assert written
    code, entries = pickle.loads(data)
    assert (code, list(entries)) == ("key", [str(present)])
    assert pickle.loads(part.read_bytes()) == pickle.loads(data)


def test_the_latest_reading_of_a_source_wins_over_an_older_part(tmp_path):
    # a part left by a build whose save failed, older than what the store now holds
    cache = tmp_path / "cache"
    (cache / PARTS).mkdir(parents=True)
    key = _code_key("{}")
    stored = {"a.md": ((1, 1), 200, "newer"), "b.md": ((1, 1), 100, "older")}
    (cache / STORE_FILE).write_bytes(pickle.dumps((key, stored)))
    left = {"a.md": ((1, 1), 150, "left"), "b.md": ((1, 1), 300, "later")}
    (cache / PARTS / "left.pickle").write_bytes(pickle.dumps((key, left)))
    (cache / PARTS / "foreign.pickle").write_bytes(pickle.dumps(("another code", left)))
    store = SourceStore(cache, "{}")
    assert {path: entry[2] for path, entry in store.entries.items()} == {
        "a.md": "newer",
        "b.md": "later",
    }
    assert store.changed  # the next save folds them in, and removes them
