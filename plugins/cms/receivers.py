"""Pelican signal receivers of the cms plugin."""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from pathlib import Path

from sitebuild.sites import is_main_site
from unitdata.loading import load_unit_data

from .config import build_config, config_yaml
from .page import editor_page, missing_page
from .settings import check_settings, vendor_dir
from .vendor import PRIVATE, installed

logger = logging.getLogger(__name__)
ADMIN = "admin"


def check(pelican) -> None:
    """``initialized``: fill in and check the ``CMS_*`` settings."""
    check_settings(pelican.settings)


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
    os.replace(tmp, path)


def write_admin(pelican) -> None:
    """``finalized`` (main site): write /admin/ with the editor, its config and its files."""
    settings = pelican.settings
    if not is_main_site(settings) or not settings.get("CMS_ENABLED", True):
        return
    data, _problems = load_unit_data(Path(settings["PATH"]) / settings.get("UNITDATA_DIR", "data"))
    admin = Path(settings["OUTPUT_PATH"]) / ADMIN
    title = f"Viết bài: {data.unit.name_vi}" if data.unit.name_vi else "Viết bài"
    _write(admin / "config.yml", config_yaml(build_config(settings, data)))
    editor = installed(Path(vendor_dir(settings)))
    if editor is None:
        _write(admin / "index.html", missing_page(title, data.unit.emblem))
        logger.info("cms: the editor is not installed (make cms-install); /admin/ says so")
        return
    for source in sorted(editor.folder.rglob("*")):
        if source.is_file() and source.name not in PRIVATE:
            target = admin / source.relative_to(editor.folder)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
    _write(admin / "index.html", editor_page(title, data.unit.emblem))
    logger.info("cms: /admin/ with the editor %s", editor.version)
