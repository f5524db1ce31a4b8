"""``make takedown``: remove an article, or one photo, on request.

python -m tinhoi.takedown --slug SLUG [--photo images/2026/x.jpg] --reason "…"

Exit 1 (nothing written) when the request cannot be recorded as it is.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from tinhoi.sitebuild.cli import load_settings, setup_logging

from .request import Recorded, TakedownError, take_down

logger = logging.getLogger(__name__)


def summary(recorded: Recorded) -> list[str]:
    """What the officer reads after the request is recorded."""
    entry = recorded.entry
    what = f"ảnh {entry.photo} của bài {entry.article}" if entry.photo else f"bài {entry.article}"
    lines = [
        f"Đã ghi yêu cầu gỡ {what} vào content/data/takedowns.yml (ngày {entry.date}).",
        "Tiếp theo: make publish rồi đưa trang lên mạng (make deploy). Sau đó "
        + (
            "địa chỉ của bài chỉ còn dòng “Đã gỡ theo yêu cầu”."
            if not entry.photo
            else "ảnh không còn ở bài nào, trong tin RSS hay ảnh chia sẻ."
        ),
    ]
    if recorded.cover:
        lines.append(
            "Ảnh này là ảnh bìa: tin đã đăng lên Facebook và Zalo hiện ảnh đó trong khung xem "
            "trước, nên các tin ấy phải gỡ (bài trên trang vẫn còn, với ảnh chia sẻ khác)."
        )
    if recorded.facebook:
        lines.append("Bài đã đăng trên Facebook: chạy make crosspost để xoá bài đó (một lần).")
    if recorded.zalo:
        lines.append(
            "Tin đã gửi vào các nhóm Zalo sau; hãy vào từng nhóm thu hồi tin (giữ tin, "
            "chọn Thu hồi) hoặc nhờ trưởng nhóm xoá: " + ", ".join(recorded.zalo) + "."
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="takedown", description="Gỡ bài hoặc ảnh theo yêu cầu.")
    parser.add_argument("--settings", type=Path, default=Path("pelicanconf.py"))
    parser.add_argument("--slug", default="")
    parser.add_argument("--photo", default="")
    parser.add_argument("--reason", default="")
    parser.add_argument("--crosspost-dir", type=Path, default=None)
    args = parser.parse_args(argv)

    setup_logging()
    settings = load_settings(args.settings)
    try:
        recorded = take_down(
            settings, args.slug, args.reason, args.photo, crosspost_dir=args.crosspost_dir
        )
    except TakedownError as error:
        logger.error("%s", error)
        return 1
    for line in summary(recorded):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
