"""Command line of the province layout (``tinhoi new-province``, ``tinhoi sites …``).

python -m tinhoi.province new <thư mục> --site <mã>=<tên> [--site …] [--province …]
python -m tinhoi.province changed --base <commit> [--head <commit>]   (JSON list)
python -m tinhoi.province pages --site <mã> [--remote origin] [--branch gh-pages]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from tinhoi.gitrun import GitFailed
from tinhoi.sitebuild.cli import setup_logging
from tinhoi.starter.unitname import name_problem

from .changed import changed_sites
from .generate import DEFAULT_PROVINCE, Unit, new_province
from .layout import SITES, code_problem
from .pages import BRANCH, publish_folder


def _unit(text: str) -> Unit:
    code, _, name = text.partition("=")
    problem = code_problem(code.strip()) or name_problem(name)
    if problem:
        raise argparse.ArgumentTypeError(problem)
    return Unit(code.strip(), name.strip())


def _province(text: str) -> str:
    problem = name_problem(text)
    if problem:
        raise argparse.ArgumentTypeError(problem)
    return text.strip()


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="tinhoi sites", description="Nhiều trang trong một kho.")
    commands = top.add_subparsers(dest="command", metavar="LỆNH", required=True)
    new = commands.add_parser("new", help="tạo kho của tỉnh, hoặc thêm trang đơn vị vào kho")
    new.add_argument("folder", type=Path)
    new.add_argument(
        "--site",
        type=_unit,
        action="append",
        required=True,
        metavar="MÃ=TÊN",
        help='một đơn vị, ví dụ xa-an-phu="Hội LHPN xã An Phú" (nhắc lại cho mỗi đơn vị)',
    )
    new.add_argument(
        "--province", type=_province, default=DEFAULT_PROVINCE, help="tên Hội cấp tỉnh"
    )
    changed = commands.add_parser("changed", help="các trang một lần đẩy đã thay đổi (JSON)")
    changed.add_argument("--base", default="", help="commit trước lần đẩy (trống: mọi trang)")
    changed.add_argument("--head", default="HEAD")
    changed.add_argument("--root", type=Path, default=Path())
    pages = commands.add_parser("pages", help="đưa output/ của một trang lên nhánh gh-pages")
    pages.add_argument("--site", required=True)
    pages.add_argument("--root", type=Path, default=Path())
    pages.add_argument("--remote", default="origin")
    pages.add_argument("--branch", default=BRANCH)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    setup_logging()
    if args.command == "new":
        return new_province(args.folder, args.site, args.province)
    if args.command == "changed":
        print(json.dumps(changed_sites(args.root, args.base, args.head)))
        return 0
    problem = code_problem(args.site)
    if problem:
        print(f"LỖI: {problem}", file=sys.stderr)
        return 2
    output = args.root / SITES / args.site / "output"
    try:
        return publish_folder(args.root, output, args.site, args.remote, args.branch)
    except GitFailed as failed:
        print(f"LỖI: không đưa được trang lên nhánh {args.branch}: {failed}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
