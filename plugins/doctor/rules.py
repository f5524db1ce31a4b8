"""Rules about one source: each a pure function ``(source, site) -> [Finding]``.

Messages that the build also gives come from the same functions the build uses
(``vietnamese.encoding``, ``unitdata.resolve``, ``media.checks``), so the officer reads one
wording and ``make check`` gives the answer ``make html STRICT=1`` gives.
"""

from __future__ import annotations

import os
import re

from tinhoi.authoring.skeleton import CLOSE, OPEN
from tinhoi.media.checks import alt_problem, consent_problem
from tinhoi.media.markup import image_size
from tinhoi.unitdata.resolve import (
    REF_KEYS,
    category_problem,
    find_ref,
    unknown_ref,
    unknown_unit,
)
from tinhoi.vietnamese.encoding import ERROR as ENCODING_ERROR
from tinhoi.vietnamese.frontmatter import split_list

from .model import ERROR, WARNING, Finding, Site, Source

# ![alt](src "title") in Markdown, <img … alt="…"> in raw HTML
_MD_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\(\s*<?(?P<src>[^)\s>]+)>?[^)]*\)")
_HTML_IMAGE = re.compile(r"<img\b[^>]*>", re.I)
_HTML_ATTR = re.compile(r'(\w+)\s*=\s*"([^"]*)"')


def _finding(source: Source, severity: str, line: int, message: str) -> Finding:
    return Finding(severity, source.label, line, message)


def encoding(source: Source, site: Site) -> list[Finding]:
    """NFD text, legacy encodings (TCVN3, VNI, Windows-1258) and garbled letters."""
    return [
        _finding(source, ERROR if p.severity == ENCODING_ERROR else WARNING, p.line, p.message)
        for p in source.decoded.problems
    ]


def header(source: Source, site: Site) -> list[Finding]:
    """What the header parser found: YAML mistakes, lists written as one item."""
    return [
        _finding(source, ERROR if p.severity == ENCODING_ERROR else WARNING, p.line, p.message)
        for p in source.header.problems
    ]


def summary_missing(source: Source, site: Site) -> list[Finding]:
    """Articles need a sa-pô: it is the link preview on Zalo and Facebook."""
    if source.kind != "article" or source.value("summary"):
        return []
    return [
        _finding(
            source,
            WARNING,
            source.line("summary") or source.line("title"),
            "thiếu sa-pô (“Summary: …”): khi chia sẻ lên Zalo, Facebook sẽ hiện đoạn đầu bài "
            "thay vào. Hãy viết một hai câu tóm tắt.",
        )
    ]


def summary_too_long(source: Source, site: Site) -> list[Finding]:
    """A sa-pô longer than the previews show is cut mid-sentence."""
    limit = int(site.setting("DOCTOR_SUMMARY_MAX_CHARS"))
    summary = source.value("summary")
    if len(summary) <= limit:
        return []
    return [
        _finding(
            source,
            WARNING,
            source.line("summary"),
            f"sa-pô dài {len(summary)} ký tự, quá {limit}: Zalo, Facebook sẽ cắt giữa câu. "
            "Hãy rút gọn.",
        )
    ]


def body_images(source: Source) -> list[tuple[int, str, str]]:
    """(line, src, alt) of every image in the body, Markdown or HTML."""
    found = []
    for number, text in source.body_lines():
        for match in _MD_IMAGE.finditer(text):
            found.append((number, match.group("src"), match.group("alt").strip()))
        for tag in _HTML_IMAGE.findall(text):
            attrs = {key.lower(): value for key, value in _HTML_ATTR.findall(tag)}
            found.append((number, attrs.get("src", ""), attrs.get("alt", "").strip()))
    return found


def alt_missing(source: Source, site: Site) -> list[Finding]:
    """Every picture needs a description for readers who cannot see it (the build's check).

    Photos withheld for want of consent are not published: the build does not check them.
    """
    if source.consent is False:
        return []
    pictures = [(source.line("cover"), source.value("cover"), source.value("cover_alt"), True)]
    pictures += [(line, src, alt, False) for line, src, alt in body_images(source)]
    findings = []
    for line, src, alt, cover in pictures:
        problem = src and alt_problem(_image_file(source, site, src) or src, alt, cover=cover)
        if problem:
            findings.append(_finding(source, problem.severity, line, problem.message))
    return findings


def caption_without_credit(source: Source, site: Site) -> list[Finding]:
    """A published photo names who took it ("Ảnh: …")."""
    if not source.value("cover_caption") or source.value("cover_credit"):
        return []
    return [
        _finding(
            source,
            WARNING,
            source.line("cover_caption"),
            "ảnh có chú thích nhưng chưa ghi người chụp (“Cover_credit: …”).",
        )
    ]


def consent_withheld(source: Source, site: Site) -> list[Finding]:
    """``Consent`` other than yes: the build leaves the photos out (the build's check).

    Without a ``Consent:`` line nothing is said, as in the build: a photo of a field or a
    poster needs nobody's agreement.
    """
    images = [source.value("cover")] if source.value("cover") else []
    images += [src for _line, src, _alt in body_images(source)]
    local = sorted({path for src in images if (path := _image_file(source, site, src))})
    problem = consent_problem(local, source.consent)
    if not problem:
        return []
    line = source.line("consent") or source.line("cover") or source.line("title")
    return [_finding(source, problem.severity, line, problem.message)]


def _image_file(source: Source, site: Site, src: str) -> str | None:
    """The path under content/ that ``src`` (cover or body image) refers to, if local."""
    for prefix in ("{static}", "{attach}"):
        if src.startswith(prefix):
            rest = src[len(prefix) :]
            if rest.startswith("/"):
                return rest.lstrip("/")
            folder = source.path.parent.relative_to(site.content)
            return os.path.normpath(os.path.join(folder, rest))
    if src.startswith(("http://", "https://", "data:", "//")):
        return None
    return src.lstrip("/")


def image_too_large(source: Source, site: Site) -> list[Finding]:
    """Phone photos (3–12 MB) should be made smaller before they go into the site."""
    max_bytes = int(site.setting("DOCTOR_IMAGE_MAX_BYTES"))
    max_side = int(site.setting("DOCTOR_IMAGE_MAX_SIDE"))
    images = [(source.line("cover"), source.value("cover"))] if source.value("cover") else []
    images += [(line, src) for line, src, _alt in body_images(source)]
    findings = []
    for line, src in images:
        relative = _image_file(source, site, src)
        path = site.content / relative if relative else None
        if path is None or not path.is_file():
            continue  # a missing file is the broken-link rule's business
        size = path.stat().st_size
        pixels = image_size(str(site.content), relative) or (0, 0)
        if size > max_bytes or max(pixels) > max_side:
            findings.append(
                _finding(
                    source,
                    WARNING,
                    line,
                    f"ảnh {relative} quá lớn ({size / 1_000_000:.1f} MB, {pixels[0]}×{pixels[1]}"
                    f" điểm ảnh): hãy thu nhỏ dưới {max_bytes / 1_000_000:g} MB và cạnh dài "
                    f"dưới {max_side} điểm ảnh trước khi đưa vào.",
                )
            )
    return findings


def unknown_references(source: Source, site: Site) -> list[Finding]:
    """Category, branches, campaigns, models and the former unit must exist in content/data/."""
    if source.kind != "article":
        return []
    findings = []
    written = source.value("category")
    if site.data.categories and (not written or site.data.find_category(written) is None):
        findings.append(
            _finding(
                source, ERROR, source.line("category"), category_problem(site.data, written) + "."
            )
        )
    for key, _kind in REF_KEYS:
        for ref in split_list(source.value(key)):
            if find_ref(site.data, key, ref) is None:
                findings.append(
                    _finding(source, ERROR, source.line(key), unknown_ref(site.data, key, ref))
                )
    code = source.value("unit")
    if code and site.data.former_unit(code) is None:
        findings.append(_finding(source, ERROR, source.line("unit"), unknown_unit(site.data, code)))
    return findings


def future_date(source: Source, site: Site) -> list[Finding]:
    """A date in the future is almost always a typo in the year or month."""
    date = source.date()
    if source.kind != "article" or date is None or date.tzinfo is None or date <= site.now:
        return []
    return [
        _finding(
            source,
            WARNING,
            source.line("date"),
            f"ngày đăng {source.value('date')} ở tương lai; bài vẫn hiện ngay với ngày này. "
            "Kiểm tra lại ngày, tháng, năm.",
        )
    ]


def placeholder_left(source: Source, site: Site) -> list[Finding]:
    """``[[…]]`` marks text still to write (make newpost, make translate)."""
    severity = WARNING if source.is_draft else ERROR
    findings = []
    for key, value in source.header.values.items():
        if OPEN in value:
            findings.append(
                _finding(
                    source,
                    severity,
                    source.line(key),
                    f"mục {key.capitalize()} còn chỗ {OPEN}…{CLOSE} chưa điền: "
                    "viết nội dung thật hoặc xoá dòng này.",
                )
            )
    for number, text in source.body_lines():
        if OPEN in text:
            findings.append(
                _finding(source, severity, number, f"nội dung còn chỗ {OPEN}…{CLOSE} chưa viết.")
            )
    return findings


RULES = (
    encoding,
    header,
    summary_missing,
    summary_too_long,
    alt_missing,
    caption_without_credit,
    consent_withheld,
    image_too_large,
    unknown_references,
    future_date,
    placeholder_left,
)
