"""The version of Tin Hội, from one source: the ``version`` of pyproject.toml.

An installed package reads it from its metadata (built from pyproject.toml); a checkout
reads pyproject.toml itself, so an editable install that predates a version bump never
shows the old number.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import metadata
from pathlib import Path

DISTRIBUTION = "tin-hoi"
# plugins/sitebuild/version.py → the checkout (absent in an installed package)
PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"


@cache
def version() -> str:
    """``1.0.0``: the version of the code that is running."""
    try:
        project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8")).get("project", {})
    except (OSError, tomllib.TOMLDecodeError):
        project = {}
    if project.get("name") == DISTRIBUTION:
        return project["version"]
    return metadata.version(DISTRIBUTION)


def theme_folder() -> Path:
    """The theme: ``tinhoi/theme`` in an installed package, ``theme/`` in a checkout."""
    package = Path(__file__).resolve().parents[1]
    installed = package / "theme"
    return installed if (installed / "templates").is_dir() else package.parent / "theme"
