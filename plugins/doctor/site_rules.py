"""Rules about several sources at once: each a pure function ``site -> [Finding]``."""

from __future__ import annotations

from collections import defaultdict
from zoneinfo import ZoneInfo

from tinhoi.authoring.skeleton import content_version
from tinhoi.redirects.aliases import conflict_message, normalise, page_key
from tinhoi.vietnamese.frontmatter import split_list
from tinhoi.vietnamese.text import fold
from tinhoi.vietnamese.translation_id import translation_key

from .links import addresses, source_url
from .model import ERROR, WARNING, Finding, Site, Source


def _tags(source: Source) -> list[str]:
    return split_list(source.value("tags"))


def tag_variants(site: Site) -> list[Finding]:
    """One topic written two ways ("Thanh Hóa"/"Thanh Hoá") splits its articles in two."""
    spellings: dict[tuple[str, str], dict[str, list[Source]]] = defaultdict(dict)
    for source in site.sources:
        for tag in _tags(source):
            spellings[(source.lang, fold(tag))].setdefault(tag, []).append(source)
    findings = []
    for variants in spellings.values():
        if len(variants) < 2:
            continue
        # the spelling used most (then the first in file order) is the one to keep
        usual = max(
            variants, key=lambda tag: (len(variants[tag]), -site.sources.index(variants[tag][0]))
        )
        first = variants[usual][0]
        for tag, sources in sorted(variants.items()):
            if tag == usual:
                continue
            for source in sources:
                findings.append(
                    Finding(
                        WARNING,
                        source.label,
                        source.line("tags"),
                        f"chủ đề “{tag}” viết khác “{usual}” ({first.label}:{first.line('tags')})"
                        f"; hãy thống nhất một cách viết để các bài về cùng một chủ đề.",
                    )
                )
    return findings


def _key(site: Site, source: Source) -> tuple[str, str] | None:
    """The translation id of ``source``, as the build groups translations."""
    zone = ZoneInfo(site.settings.get("TIMEZONE") or "UTC")
    return translation_key(source.header.values, zone)


def _originals(site: Site) -> dict[tuple[str, str], Source]:
    main = site.settings.get("DEFAULT_LANG", "vi")
    keyed = ((_key(site, source), source) for source in site.sources if source.lang == main)
    return {key: source for key, source in keyed if key is not None}


def translation_outdated(site: Site) -> list[Finding]:
    """A translation made before its original was last edited may say something else."""
    originals = _originals(site)
    main = site.settings.get("DEFAULT_LANG", "vi")
    findings = []
    for source in site.sources:
        if source.lang == main:
            continue
        original = originals.get(_key(site, source))
        if original is None:
            continue
        recorded = source.value("original_version")
        if recorded:
            outdated = recorded != content_version(original.header)
            line = source.line("original_version")
        else:
            edited = original.date("modified")
            translated = source.date("modified") or source.date("date")
            outdated = bool(edited and translated and edited > translated)
            line = source.line("modified") or source.line("date")
        if outdated:
            findings.append(
                Finding(
                    WARNING,
                    source.label,
                    line,
                    f"bản gốc {original.label} đã sửa sau khi dịch: hãy cập nhật bản dịch, "
                    f"rồi chạy make translate SLUG={source.slug} SYNC=1.",
                )
            )
    return findings


def alias_conflicts(site: Site) -> list[Finding]:
    """An old address (``Aliases:``) must be usable, and lead to one page only: not hide a
    real page, not be claimed by two pages. The build gives the same messages."""
    known = site.cached("addresses", addresses)
    pages = {page_key(page): page for page in known.public}
    kept: dict[str, tuple[Source, str]] = {}
    findings = []
    for source in site.sources:
        written = source.value("aliases")
        if not written or source.is_draft:
            continue
        own = source_url(site, source) or ""
        line = source.line("aliases")
        for text in split_list(written):
            path, problem = normalise(text)
            key = page_key(path) if path else ""
            if problem:
                findings.append(Finding(ERROR, source.label, line, problem))
            elif key in pages:
                if key != page_key(own):
                    message = conflict_message(path, f"trang {pages[key]} đang có")
                    findings.append(Finding(ERROR, source.label, line, message))
            elif key in kept:
                first, target = kept[key]
                where = f"{first.label}:{first.line('aliases')}"
                message = conflict_message(path, f"địa chỉ cũ của {target} ({where})")
                findings.append(Finding(ERROR, source.label, line, message))
            else:
                kept[key] = (source, own)
    return findings


SITE_RULES = (tag_variants, translation_outdated, alias_conflicts)
