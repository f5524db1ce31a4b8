"""One build state: every language site of a build, whatever runs it, shares one ``Build``.

The driver (``make html``, ``make publish``, the preview) and Pelican run on the site's
settings without the driver (``Pelican(load_settings(…)).run()``) go through the same state
(``sitebuild/state.py``): the main site's language and address, the problems already told
and the image work are facts of the build, never keys written into Pelican's settings,
where they outlived the build and leaked into the next one.
"""

from __future__ import annotations

import gc
import json
import os
import re
import shutil
import subprocess
import sys
import weakref
from pathlib import Path

import pytest
from conftest import GOOD_ARTICLE, GOOD_URL, ROOT, SAMPLE_CONTENT, run_build, write_source
from pelican import Pelican
from pelican.contents import Article, Content, Page

from tinhoi.sitebuild.config import load_settings
from tinhoi.sitebuild.driver import build
from tinhoi.sitebuild.hooks import build_written
from tinhoi.sitebuild.state import current_build

TRANSLATION = "articles/2026/chi-hoi-khu-pho-6-sinh-hoat-truc-tuyen-qua-zalo.en.md"
PRINT_CSS = re.compile(r'href="([^"]*)/theme/css/print\.css"')


@pytest.fixture(scope="module")
def content(tmp_path_factory) -> Path:
    """The sample with two mistakes in a translated article: a branch that does not exist
    and a cover photo without its description."""
    folder = tmp_path_factory.mktemp("state") / "content"
    shutil.copytree(SAMPLE_CONTENT, folder)
    path = folder / TRANSLATION
    text = path.read_text(encoding="utf-8")
    text = text.replace("Branches:\n  - chi-hoi-6\n", "Branches:\n  - chi-hoi-khong-co\n")
    text = re.sub(r"^Cover_alt: .*\n", "", text, flags=re.MULTILINE)
    path.write_text(text, encoding="utf-8")
    return folder


def _line(content: Path, start: str) -> int:
    lines = (content / TRANSLATION).read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if line.startswith(start))


def _files(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def _overrides(root: Path) -> dict:
    return {
        "MEDIA": {"cache_dir": str(root / "media-cache")},
        "CROSSPOST": {"plan": False, "dir": str(root / "crosspost")},
    }


def test_a_problem_in_a_translation_is_told_once_with_its_file_and_line(tmp_path, content):
    site = run_build(tmp_path, content, **_overrides(tmp_path))
    assert site.result.ok
    label = f"content/{TRANSLATION}"
    branch = [m for m in site.messages if "chi-hoi-khong-co" in m]
    cover = [m for m in site.messages if "Cover_alt" in m]
    assert branch == [m for m in branch if m.startswith(f"{label}:{_line(content, 'Branches:')}:")]
    assert cover == [m for m in cover if m.startswith(f"{label}:{_line(content, 'Cover:')}:")]
    # both language sites read the translation: the officer is told once all the same
    assert (len(branch), len(cover)) == (1, 1)
    assert current_build() is None


# Pelican alone, in a process of its own, on the settings the package makes of the file:
# what `pelican --autoreload` would run, had it the package's loader
_PLAIN = """
import json, logging, sys
from pelican import Pelican
from pelican.log import init
from tinhoi.sitebuild.config import load_settings
init(level=logging.WARNING, handler=logging.StreamHandler())
Pelican(load_settings(sys.argv[1], json.loads(sys.argv[2]))).run()
"""


def test_pelican_without_the_driver_builds_what_the_driver_builds(tmp_path, content):
    driver = run_build(tmp_path / "driver", content, **_overrides(tmp_path))
    plain = tmp_path / "plain"
    overrides = {
        "PATH": str(content),
        "OUTPUT_PATH": str(plain / "output"),
        "CACHE_PATH": str(plain / "cache"),
        **_overrides(tmp_path),
    }
    done = subprocess.run(
        [sys.executable, "-c", _PLAIN, str(ROOT / "pelicanconf.py"), json.dumps(overrides)],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPYCACHEPREFIX": str(tmp_path / "pycache")},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    built = _files(driver.output)
    # the search index is a post-build step of the driver only (``poststeps.py``)
    expected = {name: data for name, data in built.items() if not name.startswith("pagefind/")}
    got = _files(plain / "output")
    assert sorted(got) == sorted(expected)
    assert [name for name in expected if got[name] != expected[name]] == []
    log = done.stdout + done.stderr
    where = f"content/{TRANSLATION}:{_line(content, 'Branches:')}:"
    assert log.count(where) == 1, log


def test_settings_used_again_hold_nothing_of_the_first_build(tmp_path, content_dir):
    """A settings dict is Pelican's input: used for a second build with another address,
    it gives that address everywhere (the main site's URL was once copied into it)."""
    write_source(content_dir / "articles", "2026/bai.md", GOOD_ARTICLE)
    settings = load_settings(
        ROOT / "pelicanconf.py",
        {
            "PATH": str(content_dir),
            "OUTPUT_PATH": str(tmp_path / "first"),
            "CACHE_PATH": str(tmp_path / "cache"),
            **_overrides(tmp_path),
        },
    )
    Pelican(settings).run()
    assert current_build() is None
    assert set(PRINT_CSS.findall((tmp_path / "first" / "en" / "index.html").read_text())) == {""}

    address = "https://hoi.example.vn"
    # i18n_subsites writes its own paths into the sub-site's overrides: start from fresh ones
    english = {**load_settings(ROOT / "pelicanconf.py")["I18N_SUBSITES"]["en"]}
    english["SITEURL"] = f"{address}/en"
    again = dict(
        settings,
        OUTPUT_PATH=str(tmp_path / "second"),
        SITEURL=address,
        FEED_DOMAIN=address,
        I18N_SUBSITES={"en": {**english, "FEED_DOMAIN": f"{address}/en"}},
    )
    Pelican(again).run()
    assert current_build() is None
    for page in ("index.html", "en/index.html", GOOD_URL):
        found = PRINT_CSS.findall((tmp_path / "second" / page).read_text(encoding="utf-8"))
        assert set(found) == {address}, page


def test_plain_pelican_run_again_builds_the_same_site(tmp_path):
    """``pelican --autoreload`` runs one Pelican again and again: each run is a build of
    its own, with its own images, sources and checks, and gives the same site."""
    output = tmp_path / "output"
    settings = load_settings(
        ROOT / "pelicanconf.py",
        {
            "PATH": str(SAMPLE_CONTENT),
            "OUTPUT_PATH": str(output),
            "CACHE_PATH": str(tmp_path / "cache"),
            **_overrides(tmp_path),
        },
    )
    pelican = Pelican(settings)
    pelican.run()
    first = _files(output)
    assert any(name.startswith("media/") for name in first)
    pelican.run()
    assert current_build() is None
    second = _files(output)
    assert sorted(second) == sorted(first)
    assert [name for name in first if second[name] != first[name]] == []


def test_a_long_lived_process_keeps_no_contents_of_its_earlier_builds(tmp_path, content_dir):
    """The live preview builds in one process all day: once the next build is done, no
    article or page of an earlier build is alive (Pelican memoizes each content's HTML and
    summary in one dict for the whole process, which the driver empties after a build)."""
    write_source(content_dir / "articles", "2026/bai.md", GOOD_ARTICLE)
    kept: dict = {}

    overrides = {
        "PATH": str(content_dir),
        "OUTPUT_PATH": str(tmp_path / "output"),
        "CACHE_PATH": str(tmp_path / "cache"),
        "SEARCH_INDEX": False,
        **_overrides(tmp_path),
    }

    def build_once() -> list[weakref.ref]:
        result = build(ROOT / "pelicanconf.py", overrides=overrides, kept=kept)
        assert result.ok
        gc.collect()
        # taken while the result is held: its early-page capture keeps this build's contents
        return [weakref.ref(item) for item in gc.get_objects() if isinstance(item, Content)]

    first = build_once()
    assert first, "the build made no contents"
    build_once()
    gc.collect()
    assert [ref() for ref in first if ref() is not None] == []


def test_the_contents_are_let_go_before_the_work_on_the_written_files(tmp_path, content):
    """The sitemap, the cross-post plan and the post-build steps come after Pelican has
    returned, when no article or page is alive any more (static files are, as light as
    their paths): their memory then adds nothing
    to the build's peak (at 10,000 articles the sitemap's alone was 16 MB)."""
    alive: list[int] = []

    def count_contents(settings, build):
        gc.collect()
        alive.append(sum(isinstance(item, (Article, Page)) for item in gc.get_objects()))

    build_written.connect(count_contents)
    try:
        overrides = {
            "PATH": str(content),
            "OUTPUT_PATH": str(tmp_path / "output"),
            "CACHE_PATH": str(tmp_path / "cache"),
            "SEARCH_INDEX": False,
            **_overrides(tmp_path),
        }
        assert build(ROOT / "pelicanconf.py", overrides=overrides).ok
    finally:
        build_written.disconnect(count_contents)
    assert alive == [0]
    assert (tmp_path / "output" / "sitemap.xml").is_file()
