"""``tinhoi new-province <thư mục> --site <mã>=<tên> …``: a province's repository.

Writes the files a province needs once (Makefile, requirements.txt pinning this version,
.gitignore, the workflow, a README in Vietnamese) and one folder ``sites/<mã>/`` per unit,
whose settings and content are the starter's (``tinhoi new-site``) naming the unit.
Files that already exist are kept, so the same command adds a unit to a province.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tinhoi.sitebuild.package import version
from tinhoi.starter.newsite import write_unit
from tinhoi.starter.unitname import DEFAULT_PROVINCE

from .layout import SITES

TEMPLATES = Path(__file__).resolve().parent / "templates"
# template → where it goes in the province (package data holds no dot-files)
PROVINCE_FILES = {
    "Makefile": "Makefile",
    "requirements.txt": "requirements.txt",
    "gitignore": ".gitignore",
    "workflow.yml": ".github/workflows/sites.yml",
    "README.md": "README.md",
}
__all__ = ["DEFAULT_PROVINCE", "Unit", "new_province", "write_site"]


@dataclass(frozen=True)
class Unit:
    code: str
    name: str


def _fill(text: str, values: dict[str, str]) -> str:
    for key, value in values.items():
        text = text.replace(f"@@{key}@@", value)
    return text


def _write(template: Path, target: Path, values: dict[str, str]) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    text = _fill(template.read_text(encoding="utf-8"), values)
    target.write_text(text, encoding="utf-8", newline="\n")


def write_site(target: Path, unit: Unit, province: str) -> list[Path]:
    """One unit's site folder: the starter's settings and content (``tinhoi new-site``)
    naming the unit, under ``province``. Its ledger (crosspost/) is its own."""
    written = write_unit(
        target,
        unit.name,
        province,
        # the editor commits to one site per repository: a province holds many
        cms_enabled="False",
        # the site's folder under the province's address
        base_path=unit.code,
    )
    return [target / path for path in written]


def new_province(folder: Path, units: list[Unit], province: str = DEFAULT_PROVINCE, out=print):
    """Write the province's shared files (if missing) and each unit's folder (never over an
    existing one). Returns 0, or 1 when a unit's folder was already there."""
    folder = Path(folder)
    values = {"VERSION": version(), "PROVINCE": province}
    for name, where in PROVINCE_FILES.items():
        target = folder / where
        if target.exists():
            out(f"Giữ nguyên {where} (đã có).")
            continue
        _write(TEMPLATES / name, target, values)
        out(f"Đã tạo {where}.")
    status = 0
    for unit in units:
        target = folder / SITES / unit.code
        if target.exists():
            out(f"LỖI: {SITES}/{unit.code}/ đã có; không ghi đè trang của đơn vị.")
            status = 1
            continue
        write_site(target, unit, province)
        out(f"Đã tạo trang {SITES}/{unit.code}/ ({unit.name}).")
    return status
