"""The images of one article or page: find them, check them, rewrite its HTML once.

``scan`` runs when Pelican creates the content object (a sub-site reads the translated
files again; ``report`` tells each problem once per build); ``apply`` runs when the site's
contents are final and the pixel work is done, and replaces each ``<img>`` by a
``<picture>`` in the article's HTML, so no template render repeats the work.
"""

from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass

from tinhoi.sitebuild.sites import report, source_label

from . import checks
from .cache import make_key
from .files import is_photo
from .markup_html import A_TAG, IMG_TAG, line_of, local_paths, replace_tags, tag_attrs, with_href
from .run import MediaRun

logger = logging.getLogger(__name__)
SCAN_ATTR = "_media_refs"
COVER_ATTR = "_media_cover"  # the cover's JPEG derivative (MediaFile), set by apply()
# changes whenever a photo the content shows changes: sitebuild's incremental writer
# re-renders the pages that show this content (the cover's path alone would not change)
DIGEST_ATTR = "media_digest"
PHOTO_IN_TAG = re.compile(r"\.(jpe?g|jfif|png|gif|webp|avif|tiff?|bmp|hei[cf])\b", re.IGNORECASE)


@dataclass(frozen=True)
class Ref:
    """One use of a photo by a content file."""

    rel: str  # path under content/
    role: str  # cover, body, link, attachment
    line: int
    alt: str | None = None


def _content_dir(content, root: str) -> str:
    folder = os.path.dirname(os.path.abspath(content.source_path))
    return os.path.relpath(folder, root).replace(os.sep, "/")


def _source_text(content) -> str:
    try:
        with open(content.source_path, encoding="utf-8", errors="replace") as handle:
            return handle.read()
    except OSError:
        return ""


def find_refs(content, run: MediaRun) -> list[Ref]:
    """Every photo ``content`` uses: its cover, body images, links to photos, attachment."""
    refs: list[Ref] = []
    lines = content.metadata.get("meta_lines", {})
    cover = getattr(content, "cover", None)
    if cover and is_photo(str(cover)):
        alt = getattr(content, "cover_alt", "")
        refs.append(Ref(str(cover), "cover", lines.get("cover", 0), alt))
    attachment = getattr(content, "attachment", None)
    if attachment and is_photo(str(attachment)):
        refs.append(Ref(str(attachment).lstrip("/"), "attachment", lines.get("attachment", 0)))
    html = content._content or ""
    if "<img" not in html and "<a" not in html:
        return refs
    source: list[str] = []  # the source text, read only if a line number is needed

    def line(needle: str) -> int:
        if not source:
            source.append(_source_text(content))
        return line_of(source[0], needle)

    folder = ""
    for pattern, role, attr in ((IMG_TAG, "body", "src"), (A_TAG, "link", "href")):
        for match in pattern.finditer(html):
            if role == "link" and not PHOTO_IN_TAG.search(match.group(0)):
                continue  # most links are to pages: no need to parse them
            attrs = tag_attrs(match.group(0))
            url = attrs.get(attr, "")
            folder = folder or _content_dir(content, run.root)
            candidates = local_paths(url, folder)
            if not candidates or not is_photo(candidates[0]):
                if role == "body" and not attrs.get("alt", "").strip():
                    refs.append(Ref(url, "external", line(url), ""))
                continue
            rel = run.resolve(candidates)
            line_number = line(url) or line(os.path.basename(rel))
            refs.append(Ref(rel, role, line_number, attrs.get("alt") if role == "body" else None))
    return refs


def _withheld(content) -> bool:
    return getattr(content, "consent", None) is False


def job_of(ref, run: MediaRun):
    """The job that makes the files of a photo ``ref`` (not an external one) shows: its
    derivatives in the page, or its linked copy; None when it cannot be used."""
    plan = run.image_plan(ref.rel) if ref.role in ("cover", "body") else None
    return plan.job if plan else run.linked_job(ref.rel)


def make_photos(content, run: MediaRun) -> bool:
    """Start making, in this process, the files of every photo ``content`` shows that no
    build has made (``MediaRun.make_soon``); False when one cannot be made."""
    for ref in getattr(content, SCAN_ATTR, None) or []:
        if ref.role != "external":
            job = job_of(ref, run)
            if job is None or not run.make_soon(job):
                return False
    return True


def scan(content, run: MediaRun) -> None:
    """Record the photos of ``content``, queue their work, report what is wrong.

    A content kept from the last build (``sitebuild.contentcache``) carries the photos it
    was found to use: they follow from its source and the site's files, which its key
    covers, so they are not looked for again; their work is queued and checked as usual.
    """
    refs = getattr(content, SCAN_ATTR, None)
    if refs is None:
        refs = find_refs(content, run)
        setattr(content, SCAN_ATTR, refs)
    settings = content.settings
    path = content.source_path
    if _withheld(content):
        # the people shown did not agree: only a document attachment is published
        photos = sorted({r.rel for r in refs if r.role in ("cover", "body", "link")})
        problem = checks.consent_problem(photos, False)
        if problem:
            line = content.metadata.get("meta_lines", {}).get("consent", 0)
            report(logger, settings, path, line, problem.severity, problem.message)
        refs = [r for r in refs if r.role == "attachment"]
    media = run.media
    for ref in refs:
        if ref.role in ("cover", "body", "external"):
            problem = checks.alt_problem(ref.rel, ref.alt, cover=ref.role == "cover")
            if problem:
                report(logger, settings, path, ref.line, problem.severity, problem.message)
        if ref.role == "external":
            continue
        run.uses[ref.rel].append((path, ref.line))
        info = run.probe(ref.rel)
        if not info.error:
            run.want(job_of(ref, run), ref.rel)
        for problem in checks.image_problems(
            ref.rel, info, media.warn_megapixels, media.max_megapixels, max(media.widths)
        ):
            if (ref.rel, problem.message) not in run.reported:
                run.reported.add((ref.rel, problem.message))
                report(logger, settings, path, ref.line, problem.severity, problem.message)


def report_failures(run: MediaRun, settings: dict) -> None:
    """Tell the officer about photos that could not be decoded, naming who uses them
    (every build: a failure remembered by the cache is reported again)."""
    for rel, failure in run.failures():
        if (rel, failure.error) in run.reported or not run.uses.get(rel):
            continue
        run.reported.add((rel, failure.error))
        problem = checks.unusable(rel, failure.error, failure.detail, run.media.max_megapixels)
        (path, line), *others = run.uses[rel]
        first = source_label(settings, path)
        names = sorted({source_label(settings, p) for p, _ in others} - {first})
        message = problem.message
        if names:
            message += f" (ảnh này còn dùng trong: {', '.join(names)})"
        report(logger, settings, path, line, problem.severity, message)


def _digest(content, run: MediaRun, withheld: bool) -> str:
    keys = [str(withheld)]
    for ref in getattr(content, SCAN_ATTR, None) or []:
        job = job_of(ref, run) if ref.role != "external" else None
        keys.append(f"{ref.rel}:{job.key if job else run.probe(ref.rel).error}")
    return make_key(*sorted(keys))


def apply(content, run: MediaRun) -> None:
    """Rewrite the HTML of ``content``: ``<picture>`` for photos, stripped linked copies."""
    refs = getattr(content, SCAN_ATTR, None)
    if refs is None:  # read from Pelican's content cache: scan now, quietly
        scan(content, run)
    withheld = _withheld(content)
    attachment = getattr(content, "attachment", None)
    if attachment and is_photo(str(attachment)):
        run.linked(str(attachment).lstrip("/"))  # the theme links it at its own path
    cover = getattr(content, "cover", None)
    if cover and is_photo(str(cover)) and (withheld or run.publish_photo(str(cover)) is None):
        content.cover = None  # the theme shows no figure, the card is branded
    cover = getattr(content, "cover", None)
    setattr(
        content,
        COVER_ATTR,
        run.fallback_file(str(cover)) if cover and is_photo(str(cover)) else None,
    )
    setattr(content, DIGEST_ATTR, _digest(content, run, withheld))
    html = content._content
    if not html or ("<img" not in html and "<a" not in html):
        return
    folder = _content_dir(content, run.root)
    sizes = run.media.body_sizes

    def on_img(tag: str, attrs: dict) -> str:
        candidates = local_paths(attrs.get("src", ""), folder)
        if not candidates or not is_photo(candidates[0]):
            return tag
        if withheld:
            return ""
        extra = {"title": attrs["title"]} if attrs.get("title") else None
        markup = run.picture(
            run.resolve(candidates),
            attrs.get("alt", ""),
            sizes,
            "lazy",
            attrs.get("class", ""),
            extra,
        )
        return markup or ""  # an unusable photo was reported; leave no broken image

    def on_link(tag: str, attrs: dict) -> str:
        candidates = local_paths(attrs.get("href", ""), folder)
        if not candidates or not is_photo(candidates[0]):
            return tag
        url = None if withheld else run.linked(run.resolve(candidates))
        return with_href(tag, url)

    content._content = replace_tags(html, on_img, on_link, PHOTO_IN_TAG)
