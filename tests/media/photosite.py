"""A small site full of real phone photos, built for real, for the media tests."""

from __future__ import annotations

import logging
import shutil
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path

import imagemaker as make
from conftest import ROOT, write_source

from tinhoi.media.receivers import logger as media_logger

COVER = "images/2026/hoi-nghi.jpg"  # 2000×1500, GPS, upright
BODY = "images/2026/phat-bieu.jpg"  # 1600×1200, GPS, stored turned (orientation 6)
LINKED = "images/2026/toan-canh.jpg"  # linked on purpose ("ảnh gốc")
UNUSED = "images/2026/chua-dung.jpg"  # in content/images, used by nothing
THEME_ASSET = "img/hoa-van.jpg"  # a theme image that still carries GPS
ARTICLE_URL = "2026/11/hoi-nghi-tong-ket/index.html"
PLAIN_URL = "2026/11/ke-hoach-thang-12/index.html"

ARTICLE = f"""\
    Title: Hội nghị tổng kết công tác Hội năm 2026
    Date: 2026-11-20 08:30 +07:00
    Slug: hoi-nghi-tong-ket
    Lang: vi
    Category: hoat-dong-hoi
    Summary: Hội nghị đánh giá kết quả năm 2026.
    Cover: {COVER}
    Cover_alt: Toàn cảnh hội trường
    Consent: yes

    Đoạn mở đầu của bài.

    ![Chị Lan phát biểu tại hội nghị]({{static}}/{BODY})

    Xem [ảnh toàn cảnh cỡ lớn]({{static}}/{LINKED}).
"""
TRANSLATION = f"""\
    Title: Year-end review conference 2026
    Date: 2026-11-20 08:30 +07:00
    Slug: hoi-nghi-tong-ket
    Lang: en
    Category: hoat-dong-hoi
    Summary: The conference reviewed 2026.
    Cover: {COVER}
    Cover_alt: The conference hall
    Consent: yes

    ![Ms Lan speaking]({{static}}/{BODY})
"""
PLAIN = """\
    Title: Kế hoạch hoạt động tháng 12: ỗ ậ ẫ
    Date: 2026-11-25 09:00 +07:00
    Slug: ke-hoach-thang-12
    Lang: vi
    Category: hoat-dong-hoi
    Summary: Kế hoạch tháng 12.

    Bài không có ảnh.
"""
# a probe in a copy of the theme: what share_image() gives a template
PROBE = (
    "{% if article %}{% set card = share_image(article) %}"
    '<meta data-test="share-image" property="og:image" content="{{ card.url }}" '
    'data-width="{{ card.width }}" data-height="{{ card.height }}" data-type="{{ card.type }}">'
    "{% endif %}</head>"
)


def write_photo_site(content: Path, tmp: Path) -> Path:
    """Write the articles and photos into ``content``; return a theme copy with a probe."""
    make.phone_jpeg(content / COVER, size=(2000, 1500))
    make.phone_jpeg(content / BODY, size=(1600, 1200), orientation=6, seed=2)
    make.phone_jpeg(content / LINKED, size=(3000, 2250), seed=3)
    make.phone_jpeg(content / UNUSED, size=(800, 600), seed=4)
    articles = content / "articles"
    write_source(articles, "hoi-nghi.md", ARTICLE)
    write_source(articles, "hoi-nghi.en.md", TRANSLATION)
    write_source(articles, "ke-hoach.md", PLAIN)
    theme = tmp / "theme"
    shutil.copytree(ROOT / "theme", theme)
    base = theme / "templates" / "base.html"
    base.write_text(base.read_text(encoding="utf-8").replace("</head>", PROBE, 1), "utf-8")
    make.phone_jpeg(theme / "static" / THEME_ASSET, size=(64, 64))
    return theme


class Tags(HTMLParser):
    """Every start tag of a page, as (tag, attributes), in order."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    def find(self, tag: str, **wanted) -> list[dict]:
        return [
            a for t, a in self.tags if t == tag and all(a.get(k) == v for k, v in wanted.items())
        ]


def srcset_urls(srcset: str) -> list[tuple[str, int]]:
    pairs = []
    for item in filter(str.strip, srcset.split(",")):
        url, width = item.split()
        pairs.append((url, int(width.rstrip("w"))))
    return pairs


@contextmanager
def media_stats():
    """Collect the media plugin's end-of-build statistics (an INFO record)."""
    found: list[dict] = []

    class Grab(logging.Handler):
        def emit(self, record):
            if hasattr(record, "media_stats"):
                found.append(record.media_stats)

    logger = media_logger  # the one that reports the statistics
    handler, level = Grab(level=logging.INFO), logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        yield found
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
