"""A folder of pages saved from the old site's browser view (``.html``/``.htm`` files).

The main text is found by plain rules, tried in order: the first element matching one of
CONTENT_SELECTORS (the article containers of WordPress, Liferay, NukeViet and common
portal themes), else ``<article>``, else ``<main>``, else the element holding the most
paragraph text. Menus, scripts, forms, share bars and the title itself are removed.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from zoneinfo import ZoneInfo

from bs4 import BeautifulSoup, Comment

from tinhoi.vietnamese.encoding import decode_source
from tinhoi.vietnamese.text import nfc

from .model import ArchiveError, Entry, Source

CONTENT_SELECTORS = (
    ".entry-content",
    ".post-content",
    ".article-content",
    ".journal-content-article",
    ".news-content",
    ".content-detail",
    ".detail-content",
    "#news-bodyhtml",
    ".bodytext",
)
NOISE = ("script", "style", "nav", "header", "footer", "aside", "form", "iframe", "noscript")
NOISE_CLASSES = re.compile(
    r"share|social|related|comment|breadcrumb|print|zoom|tool|\b(date|time|(entry|post)-meta)\b",
    re.I,
)
_SAVED_FROM = re.compile(r"saved from url=\(\d+\)(\S+)")
# "Đăng lúc: 27/03/2024 (GMT+7)", "Ngày đăng: 27/03/2024 08:15", "27/03/2024 08:15"
_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})(?:\D{1,3}(\d{1,2}):(\d{2}))?")


def _meta(soup, *names: str) -> str:
    for name in names:
        tag = soup.find("meta", attrs={"property": name}) or soup.find("meta", attrs={"name": name})
        if tag and tag.get("content", "").strip():
            return nfc(tag["content"].strip())
    return ""


def _link(soup) -> str:
    canonical = soup.find("link", rel="canonical")
    if canonical and canonical.get("href", "").startswith("http"):
        return canonical["href"].strip()
    address = _meta(soup, "og:url")
    if address.startswith("http"):
        return address
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        found = _SAVED_FROM.search(comment)
        if found:  # what Chrome and Edge write at the top of a saved page
            return found.group(1)
    return ""


def _date(soup, text: str, zone: ZoneInfo) -> dt.datetime | None:
    stamp = _meta(soup, "article:published_time", "date", "dc.date", "DC.date.issued")
    if not stamp:
        time_tag = soup.find("time", datetime=True)
        stamp = time_tag["datetime"].strip() if time_tag else ""
    if stamp:
        try:
            moment = dt.datetime.fromisoformat(stamp.replace("Z", "+00:00"))
            return moment if moment.tzinfo else moment.replace(tzinfo=zone)
        except ValueError:
            pass
    found = _DATE.search(text)
    if not found:
        return None
    day, month, year, hour, minute = found.groups()
    try:
        return dt.datetime(
            int(year), int(month), int(day), int(hour or 0), int(minute or 0), tzinfo=zone
        )
    except ValueError:
        return None


def _paragraph_weight(tag) -> int:
    return sum(len(p.get_text(strip=True)) for p in tag.find_all("p", recursive=False))


def _main(soup):
    for selector in CONTENT_SELECTORS:
        found = soup.select_one(selector)
        if found is not None:
            return found
    for name in ("article", "main"):
        found = soup.find(name)
        if found is not None:
            return found
    candidates = soup.find_all(["div", "section", "td"])
    best = max(candidates, key=_paragraph_weight, default=None)
    return best if best is not None and _paragraph_weight(best) else soup.body


def _clean(container, title: str) -> None:
    for tag in container.find_all(NOISE):
        tag.decompose()
    for tag in container.find_all(class_=NOISE_CLASSES):
        tag.decompose()
    for heading in container.find_all(["h1"]):
        if nfc(heading.get_text(" ", strip=True)) == title:
            heading.decompose()


def read_page(path: Path, zone: ZoneInfo) -> Entry:
    text = decode_source(path.read_bytes()).text
    soup = BeautifulSoup(text, "html.parser")
    heading = soup.find("h1")
    title = (
        _meta(soup, "og:title")
        or (nfc(heading.get_text(" ", strip=True)) if heading else "")
        or (nfc(soup.title.get_text(strip=True)) if soup.title else "")
    )
    container = _main(soup)
    date = _date(soup, soup.get_text(" ", strip=True), zone)
    link = _link(soup)
    if container is not None:
        _clean(container, title)
    return Entry(
        key=link,
        link=link,
        title=title,
        date=date,
        html=str(container) if container is not None else "",
        base=str(path.parent),
        author=_meta(soup, "author", "article:author"),
        summary=_meta(soup, "description", "og:description"),
        cover=_meta(soup, "og:image"),
        skip="" if link else "không thấy địa chỉ gốc của trang (thẻ canonical hoặc og:url)",
        origin=path.name,
    )


def read(folder: Path, zone: ZoneInfo) -> Source:
    """Every saved page in ``folder`` (subfolders of page resources are not pages)."""
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() in (".html", ".htm"))
    if not files:
        raise ArchiveError(f"thư mục {folder} không có trang .html nào; không có gì được ghi.")
    entries = [read_page(path, zone) for path in files]
    return Source(name=folder.name, kind="pages", entries=entries)
