"""``sitemap.xml`` with hreflang alternates for both language sites, and ``robots.txt``.

Pages are recorded as they are written (``content_written``, in every language site)
and the files are written once, by the main site, when everything is done. The
alternates come from the same function as the pages' own hreflang links.
"""

from __future__ import annotations

import logging
import os
import posixpath
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

from sitebuild.sites import is_main_site, public_base
from unitdata.alternates import alternates_for

logger = logging.getLogger(__name__)

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
REGISTRY_KEY = "SITEMAP_REGISTRY"


@dataclass
class Entry:
    loc: str
    lastmod: str = ""
    alternates: list[tuple[str, str]] = field(default_factory=list)


def _absolute(settings: dict, url: str) -> str:
    if url.startswith(("http://", "https://")):
        return url
    base = public_base(settings)
    host = urljoin(base + "/", "/")
    return urljoin(host, url) if url.startswith("/") else urljoin(base + "/", url)


def _lastmod(context) -> str:
    item = context.get("article") or context.get("page")
    moment = getattr(item, "modified", None) or getattr(item, "date", None)
    return moment.isoformat() if moment else ""


def _excluded(context) -> bool:
    item = context.get("article") or context.get("page")
    if item is not None and getattr(item, "status", "published") != "published":
        return True
    page = context.get("articles_page")
    if page is not None and page.number > 1:
        return True
    return context.get("output_file") in ("404.html",)


def record_page(path, context) -> None:
    """``content_written``: remember every public HTML page of every language site."""
    if not str(path).endswith(".html") or _excluded(context):
        return
    registry = context.get(REGISTRY_KEY)
    if registry is None:
        return
    output = context["output_file"]
    url = output[: -len("index.html")] if output.endswith("index.html") else output
    loc = _absolute(context, posixpath.join(context.get("SITEURL") or "", url))
    alternates = [(lang, _absolute(context, href)) for lang, href in alternates_for(context)]
    registry[loc] = Entry(loc, _lastmod(context), alternates if len(alternates) > 1 else [])


def start_registry(pelican) -> None:
    """``initialized`` (main site): one registry shared with the sub-sites' settings."""
    if is_main_site(pelican.settings):
        pelican.settings[REGISTRY_KEY] = {}


def _write_atomic(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    os.replace(tmp, path)


def sitemap_xml(entries: list[Entry]) -> bytes:
    """Serialise ``entries`` as a sitemap with ``xhtml:link`` alternates."""
    ET.register_namespace("", SITEMAP_NS)
    ET.register_namespace("xhtml", XHTML_NS)
    root = ET.Element(f"{{{SITEMAP_NS}}}urlset")
    for entry in entries:
        node = ET.SubElement(root, f"{{{SITEMAP_NS}}}url")
        ET.SubElement(node, f"{{{SITEMAP_NS}}}loc").text = entry.loc
        if entry.lastmod:
            ET.SubElement(node, f"{{{SITEMAP_NS}}}lastmod").text = entry.lastmod
        for lang, href in entry.alternates:
            ET.SubElement(
                node, f"{{{XHTML_NS}}}link", {"rel": "alternate", "hreflang": lang, "href": href}
            )
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def robots_txt(settings: dict, sitemap_url: str) -> bytes:
    lines = ["User-agent: *"]
    for disallowed in settings.get("SITEMAPS_DISALLOW", ()):
        lines.append(f"Disallow: /{disallowed}")
    lines.append(f"Sitemap: {sitemap_url}")
    return ("\n".join(lines) + "\n").encode()


def write_files(pelican) -> None:
    """``finalized`` (main site, which finishes last): write sitemap.xml and robots.txt."""
    settings = pelican.settings
    registry = settings.get(REGISTRY_KEY)
    if not is_main_site(settings) or registry is None:
        return
    output = Path(settings["OUTPUT_PATH"])
    entries = sorted(registry.values(), key=lambda entry: entry.loc)
    _write_atomic(output / "sitemap.xml", sitemap_xml(entries))
    _write_atomic(output / "robots.txt", robots_txt(settings, _absolute(settings, "sitemap.xml")))
    logger.info("sitemaps: %d pages in sitemap.xml", len(entries))
