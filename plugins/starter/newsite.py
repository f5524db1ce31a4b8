"""Write a new unit's site: content, data files, settings, Makefile, workflow, README.

The templates are the files of ``site/`` (package data). A few are renamed on the way:
files whose names start with a dot, and settings files (``.py.tmpl``), which would
otherwise be taken for code of the package. ``{pin}`` in the requirements becomes
``tin-hoi==<the running version>`` and ``{version}`` in the README that version, so the
new site pins the engine that made it, and the settings record it as ``TINHOI_VERSION``;
``{today}`` in the settings is the day cross-posting starts (nothing older is ever posted).
``{unit}`` and the other names of ``unitname.unit_fields`` put the unit's name into the
content. The other fields of the settings (``FIELDS``) are what a province's site sets
otherwise: ``tinhoi new-province`` writes each unit's settings and content, the unit's own
part of the starter, with ``write_unit``.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from tinhoi.sitebuild.package import DISTRIBUTION, version

from .unitname import DEFAULT_PROVINCE, DEFAULT_UNIT, unit_fields

TEMPLATES = Path(__file__).resolve().parent / "site"
RENAMED = {"gitignore": ".gitignore", "github": ".github"}
TEMPLATE_SUFFIX = ".tmpl"
FILLED = ("requirements.txt", "README.md", "pelicanconf.py", "publishconf.py")
# and the texts of content/ (Markdown, YAML), which name the unit
CONTENT = "content"
FILLED_CONTENT = (".md", ".yml")
# a unit's own part of the starter: what a province's sites/<code>/ holds
UNIT_PARTS = (Path("pelicanconf.py"), Path("publishconf.py"), Path(CONTENT))
# the settings' own fields: a new site's values (written as Python literals' text)
FIELDS = {
    "cms_enabled": "True",  # the editor commits to the site's own repository
    "base_path": "",  # publishconf.py: the site's folder under a shared address
}


class NewSiteError(Exception):
    """The folder cannot take a new site (the message is for the officer)."""


def _target(relative: Path) -> Path:
    parts = [RENAMED.get(part, part) for part in relative.parts]
    parts[-1] = parts[-1].removesuffix(TEMPLATE_SUFFIX)
    return Path(*parts)


def starter_files() -> dict[Path, Path]:
    """{path in the new site: template}, every file of the starter."""
    return {
        _target(path.relative_to(TEMPLATES)): path
        for path in sorted(TEMPLATES.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }


def new_site(
    folder: Path, unit: str = DEFAULT_UNIT, province: str = DEFAULT_PROVINCE
) -> list[Path]:
    """Write the starter site of the union named ``unit`` (under ``province``) into
    ``folder`` (missing or empty); return the files written."""
    if folder.exists() and not folder.is_dir():
        raise NewSiteError(f"“{folder}” là một tệp, không phải thư mục: hãy chọn tên khác.")
    if folder.is_dir() and any(folder.iterdir()):
        raise NewSiteError(
            f"thư mục “{folder}” đã có tệp: trang mới chỉ được tạo trong một thư mục trống "
            "(hoặc chưa có), để không ghi đè lên gì. Hãy chọn thư mục khác."
        )
    return _write(folder, starter_files(), _fields(unit, province))


def write_unit(folder: Path, unit: str, province: str, **fields: str) -> list[Path]:
    """The unit's own part of the starter (settings and content/) into ``folder``, naming
    ``unit``, with ``fields`` (names of ``FIELDS``) over a new site's values; return the
    files written."""
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise ValueError(f"unknown starter fields: {sorted(unknown)}")
    files = {
        path: template
        for path, template in starter_files().items()
        if any(path == part or part in path.parents for part in UNIT_PARTS)
    }
    return _write(folder, files, _fields(unit, province, **fields))


def _fields(unit: str, province: str, **given: str) -> dict[str, str]:
    names = unit_fields(unit, province)
    return {
        "pin": f"{DISTRIBUTION}=={version()}",
        "version": version(),
        "today": dt.date.today().isoformat(),  # cross-posting starts with the site
        **FIELDS,
        "sitename": names["unit"],  # what lists the site (a province's root page)
        **names,
        **given,
    }


def _filled(relative: Path) -> bool:
    if len(relative.parts) == 1:
        return relative.name in FILLED
    return relative.parts[0] == CONTENT and relative.suffix in FILLED_CONTENT


def _write(folder: Path, files: dict[Path, Path], fields: dict[str, str]) -> list[Path]:
    written = []
    for relative, template in files.items():
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        data = template.read_bytes()
        if _filled(relative):
            text = data.decode("utf-8")
            for field, value in fields.items():
                text = text.replace("{" + field + "}", value)
            data = text.encode("utf-8")
        target.write_bytes(data)
        os.chmod(target, 0o644)
        written.append(relative)
    return written
