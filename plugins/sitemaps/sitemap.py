"""``sitemap.xml`` with hreflang alternates for every language site, and ``robots.txt``.

Written once, by the main site at ``finalized`` (it finishes after the sub-sites), from
the pages actually written: each page's own ``<link rel="canonical">`` and hreflang
alternates, so the sitemap can never disagree with the pages. Pages that say
``<meta name="robots" content="noindex">`` (404, later pages of a list) are left out.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin
from xml.sax.saxutils import XMLGenerator
from xml.sax.xmlreader import AttributesNSImpl

from tinhoi.sitebuild.atomic import write_atomic, write_json_atomic
from tinhoi.sitebuild.outputtree import OutputTree
from tinhoi.sitebuild.parallel import stream_forked
from tinhoi.sitebuild.reuse import keep_if_present
from tinhoi.sitebuild.sites import public_base
from tinhoi.sitebuild.state import Build
from tinhoi.sitebuild.urls import later_page_pattern

logger = logging.getLogger(__name__)

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
HEAD_BYTES = 16384  # the <head> is at the top; no need to read whole pages
MEMO_FILE = "sitemap-entries.json"  # entries of unchanged pages, by file identity
SITEMAP_KEY = "sitemap.xml"  # in the memo: the digest of the last sitemap's entries
READ_IN_PARALLEL = 256  # fewer pages to read than this: forking would cost more than it saves

_LINK = re.compile(r"<link\b([^>]*)>", re.I)
_META = re.compile(r"<meta\b([^>]*)>", re.I)
_ATTR = re.compile(r'([a-z:-]+)\s*=\s*"([^"]*)"', re.I)


@dataclass
class Entry:
    loc: str
    lastmod: str = ""
    alternates: list[tuple[str, str]] = field(default_factory=list)


def _attrs(tag_inside: str) -> dict[str, str]:
    return {key.lower(): value for key, value in _ATTR.findall(tag_inside)}


def read_entry(head: str, fallback_url: str, base: str) -> Entry | None:
    """The sitemap entry a page declares in its ``<head>``, or None for noindex pages."""
    head = head.split("</head>", 1)[0]
    canonical, alternates, times = "", [], {}
    for match in _META.finditer(head):
        attrs = _attrs(match.group(1))
        if attrs.get("name") == "robots" and "noindex" in attrs.get("content", ""):
            return None
        times[attrs.get("property")] = attrs.get("content", "")
    lastmod = times.get("article:modified_time") or times.get("article:published_time", "")
    for match in _LINK.finditer(head):
        attrs = _attrs(match.group(1))
        if attrs.get("rel") == "canonical":
            canonical = attrs.get("href", "")
        elif attrs.get("rel") == "alternate" and attrs.get("hreflang") and attrs.get("href"):
            alternates.append((attrs["hreflang"], urljoin(base, attrs["href"])))
    loc = urljoin(base, canonical or fallback_url)
    return Entry(loc, lastmod, alternates)


_UNSEEN = object()  # not in the last build's memo


def _stored(job: tuple[str, str, str]) -> list | None:
    """What the memo keeps of the page at ``path``: its entry's fields, or None (noindex)."""
    path, url, base = job
    with open(path, encoding="utf-8", errors="replace") as handle:
        entry = read_entry(handle.read(HEAD_BYTES), url, base)
    return [entry.loc, entry.lastmod, entry.alternates] if entry else None


def collect(
    output: Path,
    base: str,
    excluded: tuple[str, ...] = (),
    later_pages: re.Pattern | None = None,
    known: dict | None = None,
    tree: OutputTree | None = None,
) -> list[Entry]:
    """Read every public HTML page under ``output``; ``base`` ends with a slash.

    ``later_pages`` matches the paths of page 2, 3… of a list, which are left out.
    ``known`` maps a file's identity (inode, size, mtime) to the entry read last time: pages
    the build linked unchanged from the previous output are not read again. It is updated.
    The others (every page, on a cold build) are read on every core. ``tree``: the output
    as the build listed it (``Build.output_tree``), else it is listed here.
    """
    seen = {} if known is None else known
    pages = []  # (identity, path, url, stored entry or _UNSEEN)
    for relative in (tree or OutputTree(output)).with_suffix((".html",)):
        path = os.path.join(output, relative)
        if os.path.basename(path) == "404.html" or relative.startswith(excluded):
            continue
        if later_pages is not None and later_pages.search(relative):
            continue
        url = relative[: -len("index.html")] if relative.endswith("index.html") else relative
        stat = os.stat(path)
        identity = f"{base}|{relative}|{stat.st_ino}|{stat.st_size}|{stat.st_mtime_ns}"
        # moved, not copied, from the last build's: the memo is held once at the build's end
        pages.append((identity, path, url, seen.pop(identity, _UNSEEN)))
    unread = [(path, url, base) for _, path, url, stored in pages if stored is _UNSEEN]
    if len(unread) >= READ_IN_PARALLEL:  # read by every core while this process waits
        read = (stored for _, stored in stream_forked(unread, _stored, os.cpu_count() or 1))
    else:
        read = map(_stored, unread)
    entries = []
    seen.clear()
    for identity, _, _, stored in pages:
        if stored is _UNSEEN:
            stored = next(read)
        seen[identity] = stored
        if stored is not None:
            entries.append(Entry(*stored))
    return entries


def sitemap_xml(entries: list[Entry]) -> bytes:
    """Serialise ``entries`` as a sitemap with ``xhtml:link`` alternates.

    Written as a stream, not built as a tree: it is made at the end of the build, when
    memory is at its highest, and a tree of thousands of elements would add to the peak.
    """
    out = io.BytesIO()
    xml = XMLGenerator(out, encoding="utf-8", short_empty_elements=True)
    xml.startDocument()
    xml.startPrefixMapping(None, SITEMAP_NS)
    xml.startPrefixMapping("xhtml", XHTML_NS)
    xml.startElementNS((SITEMAP_NS, "urlset"), None, AttributesNSImpl({}, {}))
    for entry in entries:
        xml.ignorableWhitespace("\n  ")
        xml.startElementNS((SITEMAP_NS, "url"), None, AttributesNSImpl({}, {}))
        fields = [("loc", entry.loc)] + ([("lastmod", entry.lastmod)] if entry.lastmod else [])
        for name, text in fields:
            xml.ignorableWhitespace("\n    ")
            xml.startElementNS((SITEMAP_NS, name), None, AttributesNSImpl({}, {}))
            xml.characters(text)
            xml.endElementNS((SITEMAP_NS, name), None)
        for lang, href in entry.alternates:
            xml.ignorableWhitespace("\n    ")
            attrs = {(None, "rel"): "alternate", (None, "hreflang"): lang, (None, "href"): href}
            xml.startElementNS((XHTML_NS, "link"), None, AttributesNSImpl(attrs, {}))
            xml.endElementNS((XHTML_NS, "link"), None)
        xml.ignorableWhitespace("\n  ")
        xml.endElementNS((SITEMAP_NS, "url"), None)
    xml.ignorableWhitespace("\n")
    xml.endElementNS((SITEMAP_NS, "urlset"), None)
    xml.endDocument()
    return out.getvalue() + b"\n"


def robots_txt(excluded: tuple[str, ...], sitemap_url: str) -> bytes:
    lines = [
        "User-agent: *",
        *(f"Disallow: /{path}" for path in excluded),
        f"Sitemap: {sitemap_url}",
    ]
    return ("\n".join(lines) + "\n").encode()


def write_files(settings: dict, build: Build) -> None:
    """``build_written`` (every language site written): sitemap.xml and robots.txt.

    A sitemap with the same entries as the last build's is linked from it, not written.
    """
    output = Path(settings["OUTPUT_PATH"])
    base = public_base(settings).rstrip("/") + "/"
    excluded = tuple(settings.get("SITEMAPS_EXCLUDE", ()))
    later_pages = later_page_pattern(settings.get("SITE_URLS", {}))
    memo_path = Path(settings["CACHE_PATH"]) / MEMO_FILE
    try:
        known = json.loads(memo_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        known = {}
    last_key = known.pop(SITEMAP_KEY, None)
    entries = collect(output, base, excluded, later_pages, known, build.output_tree(output))
    key = hashlib.sha1()
    for entry in entries:  # one entry at a time: no text of the whole sitemap at the peak
        key.update(repr((entry.loc, entry.lastmod, list(map(tuple, entry.alternates)))).encode())
    known[SITEMAP_KEY] = key.hexdigest()
    write_json_atomic(memo_path, known)  # its folder is made there
    previous = build.previous
    same = last_key == known[SITEMAP_KEY] and previous is not None
    if not (same and keep_if_present(previous / "sitemap.xml", output / "sitemap.xml")):
        write_atomic(output / "sitemap.xml", sitemap_xml(entries))
    write_atomic(output / "robots.txt", robots_txt(excluded, base + "sitemap.xml"))
    logger.info("sitemaps: %d pages in sitemap.xml", len(entries))
