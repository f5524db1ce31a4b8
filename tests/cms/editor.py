"""The editor installed by ``make cms-install``, for the tests that need the real script."""

from __future__ import annotations

from pathlib import Path

from browser import missing_tool
from conftest import ROOT

from tinhoi.cms.vendor import installed

VENDOR_DIR = ROOT / "cache" / "cms"  # where make cms-install unpacks it (CACHE_PATH/cms)


def editor_folder() -> Path:
    """The unpacked editor; skipped when missing, except in CI (TINHOI_REQUIRE_BROWSER=1)."""
    found = installed(VENDOR_DIR)
    if found is None:
        missing_tool("the browser editor is not installed (make cms-install)")
    return found.folder
