"""A WordPress export file (WXR 1.x), read with defusedxml's ElementTree.

WordPress stores the body as the editor saved it: paragraphs separated by blank lines
(its ``wpautop`` adds the ``<p>`` tags only when showing a page) and images inside
``[caption]`` shortcodes. Both are turned into plain HTML here, so the converter sees
what readers of the old site saw.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from xml.etree.ElementTree import ParseError
from zoneinfo import ZoneInfo

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import parse as parse_xml

from tinhoi.vietnamese.text import nfc

from .model import ArchiveError, Entry, Source

NS = {
    "wp": "http://wordpress.org/export/1.2/",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "excerpt": "http://wordpress.org/export/1.2/excerpt/",
    "dc": "http://purl.org/dc/elements/1.1/",
}
_WP_NAMESPACE = re.compile(r"http://wordpress\.org/export/1\.\d/$")
_BLOCK = re.compile(r"</?(p|div|h[1-6]|ul|ol|li|table|blockquote|figure|pre)\b", re.I)
_CAPTION = re.compile(r"\[caption[^\]]*\](.*?)\[/caption\]", re.S)
_IMAGE_TAG = re.compile(r"(<a [^>]*>\s*)?<img [^>]*>(\s*</a>)?", re.S)
_BLOCK_NAMES = r"(?:ul|ol|table|blockquote|h[1-6]|figure|div|pre)"
_BLOCK_OPEN = re.compile(rf"\s*(<{_BLOCK_NAMES}\b)", re.I)
_BLOCK_CLOSE = re.compile(rf"(</{_BLOCK_NAMES}>)\s*", re.I)
_SHORTCODE = re.compile(r"\[/?[a-z_-]+(\s[^\]]*)?\]")
STATUS_REASONS = {
    "draft": "bản nháp",
    "pending": "đang chờ duyệt",
    "private": "bài riêng tư",
    "future": "hẹn giờ đăng",
    "trash": "đã xoá",
}


def is_wxr(path: Path) -> bool:
    """Does ``path`` look like a WordPress export (its first bytes name the namespace)?"""
    with path.open("rb") as stream:
        head = stream.read(4096)
    return b"wordpress.org/export/" in head


def _caption(match: re.Match) -> str:
    inner = match.group(1)
    image = _IMAGE_TAG.search(inner)
    if not image:
        return inner
    text = inner[: image.start()] + inner[image.end() :]
    return f"<figure>{image.group(0)}<figcaption>{text.strip()}</figcaption></figure>"


def autop(text: str) -> str:
    """WordPress's paragraphs: blank-line separated blocks become ``<p>``, shortcodes go."""
    text = _CAPTION.sub(_caption, text.replace("\r\n", "\n"))
    text = _SHORTCODE.sub("", text)
    # a list or heading right after a line of text is still its own block, as in WordPress
    text = _BLOCK_CLOSE.sub(r"\1\n\n", _BLOCK_OPEN.sub(r"\n\n\1", text))
    blocks = []
    for block in re.split(r"\n\s*\n", text.strip()):
        if not block.strip():
            continue
        if _BLOCK.match(block.strip()):
            blocks.append(block)
        else:
            blocks.append("<p>" + block.strip().replace("\n", "<br>\n") + "</p>")
    return "\n".join(blocks)


def _text(item, path: str, ns: dict[str, str]) -> str:
    found = item.find(path, ns)
    return nfc((found.text or "").strip()) if found is not None else ""


def _date(item, zone: ZoneInfo, ns: dict[str, str]) -> dt.datetime | None:
    for key, tz in (("wp:post_date_gmt", dt.UTC), ("wp:post_date", zone)):
        value = _text(item, key, ns)
        if value and not value.startswith("0000"):
            try:
                return dt.datetime.strptime(value, "%Y-%m-%d %H:%M:%S").replace(tzinfo=tz)
            except ValueError:
                continue
    return None


def _meta(item, ns: dict[str, str]) -> dict[str, str]:
    values = {}
    for meta in item.findall("wp:postmeta", ns):
        values[_text(meta, "wp:meta_key", ns)] = _text(meta, "wp:meta_value", ns)
    return values


def _namespaces(root) -> dict[str, str]:
    """NS with the export's own ``wp`` namespace: WXR 1.0, 1.1 and 1.2 differ only there."""
    for element in root.iter():
        uri = element.tag[1:].split("}")[0] if element.tag.startswith("{") else ""
        if _WP_NAMESPACE.match(uri):
            return {**NS, "wp": uri}
    return dict(NS)


def read(path: Path, zone: ZoneInfo) -> Source:
    """The published posts of the export at ``path``; ArchiveError when it is unreadable."""
    try:
        root = parse_xml(str(path)).getroot()
    except ParseError as error:
        line = error.position[0] if error.position else 0
        raise ArchiveError(
            f"{path}:{line}: tệp xuất WordPress bị hỏng ({error}); không có gì được ghi."
        ) from None
    except DefusedXmlException:
        raise ArchiveError(f"{path}: tệp có khai báo XML không an toàn; không đọc.") from None
    channel = root.find("channel")
    if root.tag != "rss" or channel is None:
        raise ArchiveError(f"{path}: không phải tệp xuất WordPress (WXR); không có gì được ghi.")
    ns = _namespaces(root)
    authors = {
        _text(a, "wp:author_login", ns): _text(a, "wp:author_display_name", ns)
        for a in channel.findall("wp:author", ns)
    }
    items = channel.findall("item")
    attachments = {}
    for item in items:
        if _text(item, "wp:post_type", ns) == "attachment":
            meta = _meta(item, ns)
            attachments[_text(item, "wp:post_id", ns)] = (
                _text(item, "wp:attachment_url", ns),
                meta.get("_wp_attachment_image_alt", "") or _text(item, "title", ns),
            )
    entries = []
    for number, item in enumerate(items, 1):
        kind = _text(item, "wp:post_type", ns)
        if kind == "attachment":
            continue
        status = _text(item, "wp:status", ns)
        skip = ""
        if kind != "post":
            skip = "là trang tĩnh, không phải bài tin" if kind == "page" else f"loại “{kind}”"
        elif status != "publish":
            skip = STATUS_REASONS.get(status, f"trạng thái “{status}”")
        categories = [
            nfc(c.text or "").strip()
            for c in item.findall("category")
            if c.get("domain") == "category" and (c.text or "").strip()
        ]
        tags = [
            nfc(c.text or "").strip()
            for c in item.findall("category")
            if c.get("domain") == "post_tag" and (c.text or "").strip()
        ]
        cover, cover_alt = attachments.get(_meta(item, ns).get("_thumbnail_id", ""), ("", ""))
        link = _text(item, "link", ns)
        creator = _text(item, "dc:creator", ns)
        entries.append(
            Entry(
                key=_text(item, "guid", ns) or link,
                link=link,
                title=_text(item, "title", ns),
                date=_date(item, zone, ns),
                html=autop(_text(item, "content:encoded", ns)),
                base=link,
                author=authors.get(creator) or creator,
                categories=[c for c in categories if c.casefold() not in ("uncategorized",)],
                tags=tags,
                summary=_text(item, "excerpt:encoded", ns),
                cover=cover,
                cover_alt=cover_alt,
                skip=skip,
                origin=f"{path.name}, mục {number}",
            )
        )
    name = _text(channel, "title", ns) or path.name
    return Source(name=name, kind="wxr", entries=entries)
