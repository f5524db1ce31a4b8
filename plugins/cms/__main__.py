"""``make cms-install`` and ``make cms-migrate``: the browser editor's two commands.

python -m tinhoi.cms install              fetch the pinned editor into the cache folder
python -m tinhoi.cms migrate [FILE…]      rewrite Key: value headers as YAML front matter
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from tinhoi.sitebuild.cli import load_settings, setup_logging
from tinhoi.unitdata.loading import data_dir, load_unit_data

from .migrate import migrate_text, ready_for_editor
from .settings import check_settings, vendor_dir
from .vendor import PACKAGE, InstallError, install

logger = logging.getLogger(__name__)


def _categories(settings: dict) -> dict[str, str]:
    """Every way a category may be written (key, names, English slug) → its key."""
    data, _problems = load_unit_data(data_dir(settings))
    found = {}
    for category in data.categories:
        for written in (category.id, category.name_vi, category.name_en, category.slug_en):
            if written:
                found.setdefault(written, category.id)
    return found


def _sources(settings: dict, paths: list[Path]) -> list[Path]:
    if paths:
        return paths
    content = Path(settings["PATH"])
    return sorted(
        path for folder in ("articles", "pages") for path in (content / folder).rglob("*.md")
    )


def migrate(settings: dict, paths: list[Path], check_only: bool = False) -> tuple[int, int]:
    """Rewrite the flat headers of ``paths`` and complete front matter the editor would
    misread (``ready_for_editor``); return (rewritten, left alone)."""
    categories = _categories(settings)
    done = skipped = 0
    root = Path(settings["PATH"]).parent
    for path in _sources(settings, paths):
        text = path.read_text(encoding="utf-8")
        new = migrate_text(text, categories)
        new = ready_for_editor(new or text) or new
        if new is None:
            skipped += 1
            if not text.startswith("---"):
                logger.warning("%s: không đổi được phần đầu bài; hãy sửa tay.", _label(path, root))
            continue
        done += 1
        if not check_only:
            tmp = path.with_name(f".{path.name}.tmp")
            tmp.write_text(new, encoding="utf-8", newline="\n")
            os.replace(tmp, path)
    return done, skipped


def _label(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def install_message(done) -> str:
    """What ``make cms-install`` says: "Đã có" only when the editor was already there."""
    verb = "Đã tải và cài" if done.fetched else "Đã có"
    return f"{verb} {PACKAGE} {done.version} ({done.folder}). Dựng lại trang để có /admin/."


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="cms", description="Trình soạn thảo trên trình duyệt.")
    parser.add_argument("--settings", type=Path, default=Path("pelicanconf.py"))
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("install", help="tải trình soạn thảo (phiên bản đã ghim)")
    mig = commands.add_parser("migrate", help="đổi phần đầu bài sang dạng trình soạn thảo đọc được")
    mig.add_argument("files", nargs="*", type=Path)
    mig.add_argument("--check", action="store_true", help="chỉ đếm, không ghi")
    args = parser.parse_args(argv)

    setup_logging()
    settings = load_settings(args.settings)
    check_settings(settings)
    if args.command == "install":
        try:
            done = install(Path(vendor_dir(settings)))
        except InstallError as error:
            logger.error("%s", error)
            return 1
        print(install_message(done))
        return 0
    done, skipped = migrate(settings, args.files, args.check)
    verb = "Sẽ đổi" if args.check else "Đã đổi"
    print(f"{verb} {done} tệp; {skipped} tệp để nguyên (đã là YAML hoặc không đổi được).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
