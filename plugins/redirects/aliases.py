"""What an ``Aliases:`` header means: the old paths of a page, checked and normalised.

An alias is a path on the site's own host (``/web/trang-chu/tin/bai-cu.html``), as the
page had it on the unit's old site; a full address is cut to its path. Each alias gets a
small page at that path that sends the reader on (``pages.py``) and a line in
``_redirects`` for hosts that read one (Netlify, Cloudflare Pages).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from urllib.parse import quote, unquote, urlsplit

# folders the build itself fills: an old address there would hide or break them
RESERVED = ("theme/", "feeds/", "pagefind/", "media/", "images/", "files/", "admin/", "en/feeds/")
REDIRECTS_FILE = "_redirects"


@dataclass(frozen=True)
class Alias:
    """One old path of one page: where it leads, for whom, and where it was written."""

    path: str  # /web/trang-chu/x.html (decoded, as the site serves it)
    target: str  # /2024/03/x/ (site-absolute)
    title: str
    lang: str
    source: str  # the source file
    line: int

    @property
    def save_as(self) -> str:
        """The file that answers at ``path``: ``x.html`` itself, or ``x/index.html``."""
        relative = self.path.lstrip("/")
        if not relative or relative.endswith("/"):
            return relative + "index.html"
        if posixpath.splitext(relative)[1]:
            return relative
        return relative + "/index.html"

    @property
    def quoted_path(self) -> str:
        return quote(self.path, safe="/%:@&=+$,;~!*'()")


def normalise(written: str) -> tuple[str | None, str | None]:
    """``(path, None)`` for a usable alias, ``(None, message)`` for a mistake."""
    text = written.strip()
    if text.startswith(("http://", "https://")):
        parts = urlsplit(text)
        text = parts.path or "/"
    if not text.startswith("/"):
        return None, (
            f"địa chỉ cũ “{written}” phải bắt đầu bằng “/” (đường dẫn trên trang cũ) "
            "hoặc là địa chỉ đầy đủ https://…; địa chỉ này bị bỏ qua."
        )
    path = unquote(text)
    clean = posixpath.normpath(path) + ("/" if path.endswith("/") and path != "/" else "")
    if ".." in path.split("/") or clean in ("/", "//") or "\\" in path:
        return None, f"địa chỉ cũ “{written}” không dùng được; địa chỉ này bị bỏ qua."
    if clean.lstrip("/").startswith(RESERVED) or clean.lstrip("/") == REDIRECTS_FILE:
        return None, (
            f"địa chỉ cũ “{written}” nằm trong thư mục trang tự tạo "
            f"({clean.lstrip('/').split('/')[0]}/); địa chỉ này bị bỏ qua."
        )
    return clean, None


def page_key(path: str) -> str:
    """One key per page: ``/x/``, ``/x`` and ``/x/index.html`` are the same page."""
    return path.removesuffix("index.html").rstrip("/") or "/"


def conflict_message(alias: str, other: str) -> str:
    """An alias taken already, by a page or by another alias (build and doctor agree)."""
    return f"địa chỉ cũ “{alias}” trùng với {other}; địa chỉ này bị bỏ qua."
