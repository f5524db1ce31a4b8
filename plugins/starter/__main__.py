"""``python -m tinhoi.starter <folder>`` (``tinhoi new-site``, ``make new-site DIR=…``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .newsite import NewSiteError, new_site
from .unitname import DEFAULT_PROVINCE, DEFAULT_UNIT, name_problem


def _name(text: str) -> str:
    problem = name_problem(text)
    if problem:
        raise argparse.ArgumentTypeError(problem)
    return text.strip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="tinhoi new-site", description="Tạo trang tin mới cho một đơn vị trong thư mục."
    )
    parser.add_argument("folder", type=Path, help="thư mục của trang mới (trống hoặc chưa có)")
    parser.add_argument(
        "--unit",
        type=_name,
        default=DEFAULT_UNIT,
        help='tên Hội, ví dụ "Hội LHPN xã An Phú" (ghi vào bài mẫu và content/data/unit.yml)',
    )
    parser.add_argument(
        "--province",
        type=_name,
        default=DEFAULT_PROVINCE,
        help='tên Hội cấp trên, ví dụ "Hội LHPN tỉnh Thanh Hóa"',
    )
    args = parser.parse_args(argv)
    try:
        written = new_site(args.folder, args.unit, args.province)
    except NewSiteError as error:
        print(f"LỖI: {error}", file=sys.stderr)
        return 1
    print(f"Đã tạo trang mới trong {args.folder} ({len(written)} tệp).")
    print(f"Tiếp theo: cd {args.folder}, sửa content/data/unit.yml, rồi chạy make serve.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
