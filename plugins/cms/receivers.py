"""Pelican signal receivers of the cms plugin."""

from __future__ import annotations

import logging
from pathlib import Path

from tinhoi.sitebuild.reuse import write_or_keep
from tinhoi.sitebuild.state import Build
from tinhoi.unitdata.loading import site_unit_data

from .config import build_config, kept_config_yaml
from .page import editor_page, missing_page
from .settings import check_settings, vendor_dir
from .vendor import PRIVATE, installed

logger = logging.getLogger(__name__)
ADMIN = "admin"


def check(pelican) -> None:
    """``initialized``: fill in and check the ``CMS_*`` settings."""
    check_settings(pelican.settings)


def write_admin(pelican, build: Build) -> None:
    """``build_finished``: write /admin/ with the editor, its config and its files."""
    settings = pelican.settings
    if not settings.get("CMS_ENABLED", True):
        return
    data, _problems = site_unit_data(settings)
    admin = Path(settings["OUTPUT_PATH"]) / ADMIN
    last = build.previous / ADMIN if build.previous else None

    def place(relative: str, data: bytes) -> None:
        # an unchanged file is kept from the last build, so rebuilds reuse its compressed copies
        write_or_keep(admin / relative, data, last / relative if last else None)

    title = f"Viết bài: {data.unit.name_vi}" if data.unit.name_vi else "Viết bài"
    config = kept_config_yaml(build_config(settings, data), settings["CACHE_PATH"])
    place("config.yml", config.encode("utf-8"))
    editor = installed(Path(vendor_dir(settings)))
    if editor is None:
        place("index.html", missing_page(title, data.unit.emblem).encode("utf-8"))
        logger.info("cms: the editor is not installed (make cms-install); /admin/ says so")
        return
    for source in sorted(editor.folder.rglob("*")):
        if source.is_file() and source.name not in PRIVATE:
            place(source.relative_to(editor.folder).as_posix(), source.read_bytes())
    place("index.html", editor_page(title, data.unit.emblem).encode("utf-8"))
    logger.info("cms: /admin/ with the editor %s", editor.version)
