"""Read built HTML without a browser: links, hreflang, text (standard library only)."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []  # (tag, url)
        self.alternates: dict[str, str] = {}
        self.lang_links: dict[str, str] = {}
        self.text_parts: list[str] = []
        self.html_lang = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.html_lang = attrs.get("lang", "")
        if tag == "link" and attrs.get("rel") == "alternate" and attrs.get("hreflang"):
            self.alternates[attrs["hreflang"]] = attrs["href"]
        elif tag == "a" and attrs.get("hreflang") and attrs.get("href"):
            self.lang_links[attrs["hreflang"]] = attrs["href"]
        for key in ("href", "src"):
            if attrs.get(key):
                self.links.append((tag, attrs[key]))

    def handle_data(self, data):
        self.text_parts.append(data)


class Page:
    """A parsed HTML file of the build."""

    def __init__(self, path: Path):
        self.path = path
        parser = _Collector()
        parser.feed(path.read_text(encoding="utf-8"))
        self.links = parser.links
        self.alternates = parser.alternates
        self.lang_links = parser.lang_links
        self.text = " ".join(" ".join(parser.text_parts).split())
        self.lang = parser.html_lang


def local_target(output: Path, url: str, site_prefix: str = "") -> Path | None:
    """The file a same-site URL points to, or None for an external URL."""
    parts = urlsplit(url)
    if parts.scheme in ("mailto", "tel", "data", "javascript"):
        return None
    path = parts.path
    if parts.scheme in ("http", "https"):
        if not site_prefix or not url.startswith(site_prefix):
            return None
        path = urlsplit(url[len(site_prefix) :] or "/").path
    if not path.startswith("/"):
        return None
    target = output / path.lstrip("/")
    return target / "index.html" if path.endswith("/") else target


def broken_links(output: Path, site_prefix: str = "") -> list[str]:
    """Every same-site href/src in every HTML file that points to no file."""
    broken = []
    for html_file in sorted(output.rglob("*.html")):
        for _tag, url in Page(html_file).links:
            target = local_target(output, url, site_prefix)
            if target is not None and not target.exists():
                broken.append(f"{html_file.relative_to(output)} → {url}")
    return broken
