"""Fixtures of the cross-post tests (helpers live in crosspost_helpers.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from crosspost_helpers import BRANCHES, CATEGORIES, UNIT, LiveSite
from fakeapis import FakeServer
from tests.conftest import write_source


@pytest.fixture
def content(tmp_path) -> Path:
    folder = tmp_path / "content"
    for name, text in (("unit.yml", UNIT), ("categories.yml", CATEGORIES),
                       ("branches.yml", BRANCHES)):
        write_source(folder / "data", name, text)
    (folder / "articles").mkdir()
    (folder / "pages").mkdir()
    return folder


@pytest.fixture
def live(tmp_path):
    site = LiveSite(tmp_path / "output")
    yield site
    site.close()


@pytest.fixture
def fake():
    with FakeServer() as server:
        yield server
