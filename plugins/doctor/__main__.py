"""``make check``: list, in Vietnamese with file and line, what would hurt readers.

Exits 1 only when there are errors; warnings are listed but do not fail.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tinhoi.sitebuild.cli import load_settings, setup_logging

from .check import check_content, summary
from .model import ERROR


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="doctor", description="Kiểm tra bài viết.")
    parser.add_argument("--settings", type=Path, default=Path("pelicanconf.py"))
    parser.add_argument("--content", type=Path, help="thư mục nội dung (mặc định: content/)")
    args = parser.parse_args(argv)
    setup_logging()
    overrides = {"PATH": str(args.content.resolve())} if args.content else {}
    findings = check_content(load_settings(args.settings, overrides))
    for finding in findings:
        print(finding)
    if not findings:
        print("Không thấy vấn đề nào. Có thể dựng và đăng trang.")
    else:
        print(f"Tổng cộng: {summary(findings)}")
    return 1 if any(f.severity == ERROR for f in findings) else 0


if __name__ == "__main__":
    sys.exit(main())
