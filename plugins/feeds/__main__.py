"""``make upstream`` and ``make import-upstream``: the upstream news on the command line.

    python -m tinhoi.feeds upstream [--if-stale]     refresh content/data/upstream.json
    python -m tinhoi.feeds import --url URL          start a draft article about one cached item

Both always exit 0 for network trouble (the cache is kept and a warning names the feed);
``import`` exits 1 when the item is unknown or the file exists.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

from tinhoi.authoring.files import AuthoringError, write_new
from tinhoi.authoring.skeleton import upstream_draft
from tinhoi.sitebuild.cli import load_settings, setup_logging
from tinhoi.vietnamese.text import slugify

from . import upstream_cache
from .upstream_config import upstream_config
from .upstream_refresh import refresh, refresh_if_stale

logger = logging.getLogger(__name__)


def import_item(settings: dict, url: str, now: dt.datetime | None = None) -> Path:
    """Write a draft article about the cached upstream item at ``url``; return its path."""
    config = upstream_config(settings)
    try:
        feeds = upstream_cache.load(config.cache)
    except upstream_cache.CacheError as error:
        raise AuthoringError(f"không đọc được tin cấp trên đã lưu ({error}).") from None
    item = upstream_cache.find(feeds, url.strip())
    if item is None:
        raise AuthoringError(
            f"không có tin “{url}” trong tin cấp trên đã lấy về. Hãy chép địa chỉ từ trang "
            "Tin cấp trên, hoặc chạy make upstream trước."
        )
    zone = ZoneInfo(config.timezone)
    date = (now or dt.datetime.now(zone)).astimezone(zone).replace(second=0, microsecond=0)
    slug = slugify(item.title)
    path = Path(settings["PATH"]) / "articles" / f"{date:%Y}" / f"{slug}.md"
    text = upstream_draft(
        title=item.title,
        link=item.link,
        source=item.source,
        published=item.date,
        summary=item.summary,
        date=date,
        slug=slug,
        category=settings.get("UNITDATA_DEFAULT_CATEGORY", "hoat-dong-hoi"),
    )
    write_new(path, text)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="feeds", description="Tin từ Hội cấp trên.")
    parser.add_argument("--settings", type=Path, default=Path("pelicanconf.py"))
    parser.add_argument("--verbose", action="store_true")
    commands = parser.add_subparsers(dest="command", required=True)
    up = commands.add_parser("upstream", help="lấy tin mới từ các nguồn cấp trên")
    up.add_argument("--if-stale", action="store_true", help="chỉ lấy khi bộ nhớ đã cũ")
    imp = commands.add_parser("import", help="tạo bài nháp từ một tin cấp trên")
    imp.add_argument("--url", default="")
    args = parser.parse_args(argv)

    setup_logging(args.verbose)
    settings = load_settings(args.settings)
    config = upstream_config(settings)
    if args.command == "upstream":
        if args.if_stale:
            refresh_if_stale(config)
            return 0
        if not config.feeds:
            print("Chưa khai báo nguồn tin nào (UPSTREAM_FEEDS trong pelicanconf.py).")
            return 0
        outcomes = refresh(config)
        good = sum(not outcome.problem for outcome in outcomes)
        total = len(upstream_cache.latest([outcome.state for outcome in outcomes]))
        print(f"Đã kiểm tra {len(outcomes)} nguồn ({good} tốt); có {total} tin cấp trên.")
        return 0
    try:
        path = import_item(settings, args.url)
    except AuthoringError as error:
        logger.error("%s", error)
        return 1
    label = path.relative_to(Path(settings["PATH"]).parent)
    print(
        f"Đã tạo bản nháp {label}. Viết lại bằng lời của Hội mình, giữ dòng Nguồn, "
        "chạy make check, rồi đổi “Status: draft” thành “Status: published” khi muốn đăng."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
