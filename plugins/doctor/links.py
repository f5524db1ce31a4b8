"""Link rules: every link inside the site leads to a page or file that exists and is public.

The addresses the site will have are worked out from the sources, the data files and
``SITE_URLS`` — the same table the build uses — without building anything.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from pelican.utils import slugify as pelican_slugify

from tinhoi.sitebuild.urls import (
    feed_folders,
    language_prefix,
    later_page_pattern,
    listing_paths,
    month_archive,
    urls_of,
)
from tinhoi.vietnamese.frontmatter import split_list
from tinhoi.vietnamese.text import slugify

from .model import ERROR, WARNING, Finding, Site, Source

_MD_LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?(?P<url>[^)\s>]+)>?[^)]*\)")
_REF_LINK = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(?P<url>\S+?)>?(\s|$)")
_HTML_LINK = re.compile(r"""<(?:a|img)\b[^>]*?\b(?:href|src)\s*=\s*["'](?P<url>[^"']+)["']""", re.I)
_SKIPPED_SCHEMES = ("http:", "https:", "mailto:", "tel:", "data:", "//", "#", "javascript:")
# built outside the content (theme, search index, feeds): not the officer's links to check
_GENERATED = ("theme/", "pagefind/", "sitemap.xml", "robots.txt")


@dataclass
class Addresses:
    """The site-absolute paths (``/2026/11/x/``) of public pages and of drafts."""

    public: set[str] = field(default_factory=set)
    drafts: dict[str, Source] = field(default_factory=dict)


def _main(site: Site) -> str:
    return site.settings.get("DEFAULT_LANG", "vi")


def _prefix(site: Site, lang: str) -> str:
    return "/" + language_prefix(lang, _main(site))


def _generated(site: Site) -> tuple[str, ...]:
    """Folders and files the build makes itself (the feeds of each language too)."""
    return (*_GENERATED, *feed_folders(site.settings["SITE_URLS"], _main(site)))


def source_slug(source: Source) -> str:
    return source.slug or slugify(source.value("title"))


def source_url(site: Site, source: Source) -> str | None:
    """Where ``source`` is published (``/2026/11/x/``), or None if it has no date yet."""
    if source.lang not in site.settings["SITE_URLS"]:
        return None
    urls = urls_of(site.settings["SITE_URLS"], source.lang)
    if source.kind == "page":
        return _prefix(site, source.lang) + urls["page"].format(slug=source_slug(source))
    date = source.date()
    if date is None:
        return None
    return _prefix(site, source.lang) + urls["article"].format(date=date, slug=source_slug(source))


def addresses(site: Site) -> Addresses:
    """Every page address the build will write, and those of drafts."""
    known = Addresses()
    subs = site.settings.get("SLUG_REGEX_SUBSTITUTIONS", [])
    table = site.settings["SITE_URLS"]
    known.public.update("/" + path for path in listing_paths(table, site.data, table, _main(site)))
    for source in site.sources:
        url = source_url(site, source)
        if url is None:
            continue
        if source.is_draft:
            known.drafts[url] = source
            continue
        known.public.add(url)
        date = source.date()
        if source.kind == "article" and date is not None:
            known.public.add(_prefix(site, source.lang) + month_archive(date))
            tag_url = urls_of(table, source.lang)["tag"]
            for tag in split_list(source.value("tags")):
                slug = pelican_slugify(tag, regex_subs=subs)
                known.public.add(_prefix(site, source.lang) + tag_url.format(slug=slug))
    return known


def links_of(source: Source) -> list[tuple[int, str]]:
    """(line, url) of every link and image in the body, plus Cover and Attachment."""
    found = []
    for key in ("cover", "attachment"):  # paths under content/: images/…, files/…
        value = source.value(key)
        if value:
            plain = not value.startswith(("/", "{")) and ":" not in value
            found.append((source.line(key), "/" + value if plain else value))
    for number, text in source.body_lines():
        for pattern in (_MD_LINK, _REF_LINK, _HTML_LINK):
            found += [(number, match.group("url")) for match in pattern.finditer(text)]
    return found


def _linked_source(site: Site, source: Source, target: str) -> Source | None:
    wanted = os.path.normpath(target)
    return next((s for s in site.sources if os.path.normpath(s.path) == wanted), None)


def _file_target(site: Site, source: Source, rest: str) -> str:
    if rest.startswith("/"):
        return str(site.content / rest.lstrip("/"))
    return str(source.path.parent / rest)


def _check(site: Site, known: Addresses, source: Source, url: str) -> tuple[str, str] | None:
    """(kind, message) for a bad link (``broken``, ``relative``, ``draft``), else None."""
    url = unquote(url.strip())
    if not url or url.lower().startswith(_SKIPPED_SCHEMES) or url.startswith("{index}"):
        return None
    for marker in ("{filename}", "{static}", "{attach}"):
        if url.startswith(marker):
            target = _file_target(site, source, urlsplit(url[len(marker) :]).path)
            if not os.path.exists(target):
                return "broken", f"liên kết tới tệp không có: {url}"
            linked = _linked_source(site, source, target)
            if linked is not None and linked.is_draft:
                return "draft", f"liên kết tới bài còn là bản nháp: {url} ({linked.label})"
            return None
    if url.startswith("{"):
        return None  # {category}, {tag}…: Pelican reports those itself
    if not url.startswith("/"):
        return "relative", (
            f"đường dẫn “{url}” viết tương đối nên dễ hỏng: hãy viết bắt đầu bằng “/” "
            "(ví dụ /images/2026/anh.jpg) hoặc {filename}."
        )
    path = urlsplit(url).path
    paged = site.cached("later_pages", lambda site: later_page_pattern(site.settings["SITE_URLS"]))
    if path.lstrip("/").startswith(_generated(site)) or (paged and paged.search(path)):
        return None
    if (site.content / path.lstrip("/")).is_file():
        return None
    page = path if path.endswith("/") or "." in path.rsplit("/", 1)[-1] else path + "/"
    if page in known.drafts:
        return "draft", f"liên kết tới bài còn là bản nháp: {url} ({known.drafts[page].label})"
    if page in known.public:
        return None
    return "broken", f"liên kết hỏng: không có trang hay tệp nào ở {url}"


SEVERITY = {"broken": ERROR, "relative": WARNING, "draft": ERROR}


def _link_findings(source: Source, site: Site, kinds: tuple[str, ...]) -> list[Finding]:
    known = site.cached("addresses", addresses)
    findings = []
    for line, url in links_of(source):
        problem = _check(site, known, source, url)
        if problem is not None and problem[0] in kinds:
            findings.append(Finding(SEVERITY[problem[0]], source.label, line, problem[1]))
    return findings


def broken_links(source: Source, site: Site) -> list[Finding]:
    """Links to pages or files that do not exist (readers would get a 404)."""
    return _link_findings(source, site, ("broken", "relative"))


def draft_links(source: Source, site: Site) -> list[Finding]:
    """Links to drafts: they are not published, so readers would get a 404."""
    return _link_findings(source, site, ("draft",))
