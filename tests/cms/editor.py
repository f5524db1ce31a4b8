"""The editor installed by ``make cms-install``, for the tests that need the real script."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from cms.vendor import installed
from conftest import ROOT

VENDOR_DIR = ROOT / "cache" / "cms"  # where make cms-install unpacks it (CACHE_PATH/cms)


def editor_folder() -> Path:
    """The unpacked editor; skipped when missing, except in CI (TINHOI_REQUIRE_BROWSER=1)."""
    found = installed(VENDOR_DIR)
    if found is None:
        message = "the editor is not installed: run make cms-install"
        if os.environ.get("TINHOI_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return found.folder
