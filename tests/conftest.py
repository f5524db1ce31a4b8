"""Shared fixtures: real Pelican builds of real content into ``tmp_path``."""

from __future__ import annotations

import logging
import shutil
import subprocess
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from browser import artifacts, chromium, served_site  # noqa: F401  (shared browser fixtures)
from pelican.settings import get_settings_from_file

from tinhoi.sitebuild.driver import BuildResult, build

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_CONTENT = ROOT / "content"


# A valid article and where it is published: the "rest of the site" in bad-input tests.
GOOD_ARTICLE = """\
    Title: Hội nghị Ban Chấp hành mở rộng
    Date: 2026-11-20 08:30 +07:00
    Slug: hoi-nghi-ban-chap-hanh-mo-rong
    Lang: vi
    Category: hoat-dong-hoi
    Summary: Hội nghị đánh giá kết quả năm 2026.

    Nội dung bài viết.
"""
GOOD_URL = "2026/11/hoi-nghi-ban-chap-hanh-mo-rong/index.html"


@dataclass
class Site:
    """A finished build: its output folder, result and every message logged."""

    output: Path
    result: BuildResult
    records: list[logging.LogRecord] = field(default_factory=list)

    @property
    def messages(self) -> list[str]:
        return [record.getMessage() for record in self.records]

    def messages_about(self, name: str) -> list[str]:
        return [message for message in self.messages if name in message]

    def read(self, relative: str) -> str:
        return (self.output / relative).read_text(encoding="utf-8")


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record):
        self.records.append(record)


def git(cwd: Path, *args: str) -> str:
    """``git args…`` in ``cwd``; its output (a failure fails the test, with git's reason)."""
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout


def bare_origin(source: Path, bare: Path) -> Path:
    """Commit everything in ``source`` and push it to a new bare repository ``bare``: the
    repository a workflow's checkout clones."""
    git(bare.parent, "init", "-q", "--bare", "-b", "main", str(bare))
    git(source, "init", "-q", "-b", "main")
    git(source, "add", "-A")
    git(source, "-c", "user.name=Tỉnh", "-c", "user.email=tinh@example.vn", "commit", "-qm", "Tỉnh")
    git(source, "push", "-q", str(bare), "main")
    return bare


def run_build(
    tmp_path: Path,
    content: Path,
    settings_file: str = "pelicanconf.py",
    strict: bool = False,
    **overrides,
) -> Site:
    """Build ``content`` with the project's settings file into ``tmp_path/output``.

    Unless ``MEDIA`` is given, every build of the session shares one image cache (in the
    session's temporary folder): derived images are keyed on content, so sharing is safe
    and each photo is processed once per session. Tests of the cache pass their own.
    """
    output = tmp_path / "output"
    overrides.setdefault("MEDIA", {"cache_dir": str(tmp_path.parent / "shared-media-cache")})
    if "CROSSPOST" not in overrides:
        # the plan, kit and report of make publish go beside the content: for the bundled
        # sample that is the repository's own crosspost/ folder, an officer's real one
        crosspost = get_settings_from_file(str(ROOT / settings_file)).get("CROSSPOST", {})
        overrides["CROSSPOST"] = {**crosspost, "dir": str(tmp_path / "crosspost")}
    collect = _Collect()
    logging.getLogger().addHandler(collect)
    try:
        result = build(
            ROOT / settings_file,
            strict=strict,
            overrides={
                "PATH": str(content),
                "OUTPUT_PATH": str(output),
                "CACHE_PATH": str(tmp_path / "cache"),
                **overrides,
            },
        )
    finally:
        logging.getLogger().removeHandler(collect)
    return Site(output=output, result=result, records=collect.records)


@pytest.fixture
def content_dir(tmp_path) -> Path:
    """A content folder holding the sample data files (and the emblem they name), no articles."""
    target = tmp_path / "content"
    shutil.copytree(SAMPLE_CONTENT / "data", target / "data")
    (target / "articles").mkdir()
    (target / "pages").mkdir()
    (target / "images").mkdir()
    shutil.copy2(SAMPLE_CONTENT / "images" / "emblem.png", target / "images" / "emblem.png")
    return target


def write_source(folder: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    """Write a Markdown source; ``text`` is dedented so tests can indent it."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(textwrap.dedent(text).lstrip("\n").encode(encoding))
    return path


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Site:
    """The bundled sample site, built once with the preview settings."""
    return run_build(tmp_path_factory.mktemp("sample"), SAMPLE_CONTENT)


@pytest.fixture(scope="session")
def published_site(tmp_path_factory) -> Site:
    """The bundled sample site, built once with publishconf.py."""
    return run_build(tmp_path_factory.mktemp("published"), SAMPLE_CONTENT, "publishconf.py")
