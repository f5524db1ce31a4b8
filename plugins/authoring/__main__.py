"""``make newpost`` and ``make translate``: start an article or its English version.

python -m tinhoi.authoring new --title "…" [--category …] [--branch …] [--lang vi|en]
python -m tinhoi.authoring translate --slug … [--sync]
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

from tinhoi.sitebuild.cli import load_settings, setup_logging
from tinhoi.unitdata.loading import data_dir, load_unit_data
from tinhoi.unitdata.resolve import category_problem, find_ref, unknown_ref
from tinhoi.vietnamese.frontmatter import split_list
from tinhoi.vietnamese.text import slugify

from . import skeleton
from .files import AuthoringError, find_original, read_header, replace_value, write_new

logger = logging.getLogger(__name__)


def _now(settings: dict) -> dt.datetime:
    return dt.datetime.now(ZoneInfo(settings.get("TIMEZONE") or "Asia/Ho_Chi_Minh")).replace(
        second=0, microsecond=0
    )


def _label(settings: dict, path: Path) -> str:
    return str(path.relative_to(Path(settings["PATH"]).parent))


def _checked_refs(data, key: str, value: str) -> str:
    refs = split_list(value)
    for ref in refs:
        if find_ref(data, key, ref) is None:
            raise AuthoringError(unknown_ref(data, key, ref))
    return ", ".join(refs)


def new_post(
    settings: dict,
    title: str,
    category: str = "",
    branch: str = "",
    lang: str = "vi",
    now: dt.datetime | None = None,
) -> Path:
    """Write a new draft article and return its path."""
    if not title.strip():
        raise AuthoringError('thiếu tiêu đề: make newpost TITLE="Tiêu đề bài viết".')
    if lang not in ("vi", "en"):
        raise AuthoringError(f"ngôn ngữ “{lang}” không dùng được; chỉ nhận vi hoặc en.")
    content = Path(settings["PATH"])
    data, _problems = load_unit_data(data_dir(settings, content))
    wanted = category or settings.get("UNITDATA_DEFAULT_CATEGORY", "hoat-dong-hoi")
    info = data.find_category(wanted)
    if info is None:
        raise AuthoringError(category_problem(data, wanted) + ".")
    branches = _checked_refs(data, "branches", branch)
    date = now or _now(settings)
    slug = slugify(title)
    if not slug:
        raise AuthoringError("tiêu đề không có chữ nào để làm đường dẫn (Slug).")
    suffix = ".en.md" if lang == "en" else ".md"
    path = content / "articles" / f"{date:%Y}" / f"{slug}{suffix}"
    text = skeleton.new_article(title, date, slug, lang, info.id, branches)
    write_new(path, text)
    return path


def translate(settings: dict, slug: str, sync: bool = False) -> Path:
    """Write the English draft of ``slug`` next to it (or, with ``sync``, mark it current)."""
    if not slug.strip():
        raise AuthoringError("thiếu mã bài: make translate SLUG=duong-dan-cua-bai.")
    original = find_original(Path(settings["PATH"]), slug.strip())
    header = read_header(original)
    version = skeleton.content_version(header)
    target = original.with_name(original.stem + ".en.md")
    if sync:
        if not target.exists():
            raise AuthoringError(f"chưa có bản dịch {target.name}; bỏ SYNC=1 để tạo.")
        replace_value(target, "original_version", version)
        return target
    write_new(target, skeleton.translation(header, version))
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="authoring", description="Tạo bài mới, bản dịch.")
    parser.add_argument("--settings", type=Path, default=Path("pelicanconf.py"))
    commands = parser.add_subparsers(dest="command", required=True)
    new = commands.add_parser("new", help="tạo bài mới")
    new.add_argument("--title", default="")
    new.add_argument("--category", default="")
    new.add_argument("--branch", default="")
    new.add_argument("--lang", default="vi")
    tr = commands.add_parser("translate", help="tạo bản tiếng Anh của một bài")
    tr.add_argument("--slug", default="")
    tr.add_argument("--sync", action="store_true", help="đánh dấu bản dịch đã theo kịp bản gốc")
    args = parser.parse_args(argv)

    setup_logging()
    settings = load_settings(args.settings)
    try:
        if args.command == "new":
            path = new_post(settings, args.title, args.category, args.branch, args.lang)
            print(
                f"Đã tạo {_label(settings, path)} (bản nháp). Mở tệp, điền mọi chỗ [[…]], "
                "chạy make check, rồi đổi “Status: draft” thành “Status: published” khi muốn đăng."
            )
        else:
            path = translate(settings, args.slug, args.sync)
            if args.sync:
                print(f"Đã ghi nhận {_label(settings, path)} theo kịp bản tiếng Việt.")
            else:
                print(
                    f"Đã tạo {_label(settings, path)} (bản nháp tiếng Anh). Dịch mọi chỗ [[…]], "
                    "chạy make check, rồi đổi “Status: draft” thành “Status: published” "
                    "khi muốn đăng."
                )
    except AuthoringError as error:
        logger.error("%s", error)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
