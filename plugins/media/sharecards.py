"""Which share card an article or page gets, and where it goes (the drawing is in cards.py).

The card is the cover, cropped, when the cover can be published; otherwise a branded card
with the title, the unit's name and the date in the article's language.
"""

from __future__ import annotations

import functools
import html
import os
import re

from tinhoi.vietnamese.dates import format_day, localize
from tinhoi.vietnamese.text import slugify

from .cards import CardText
from .files import ShareCard, is_photo
from .run import MediaRun

CARD_ATTR = "share_card"
JOB_ATTR = "_media_card_job"  # the job queued for the card, reused when it is placed
_TAGS = re.compile(r"<[^>]+>")


def _plain(text) -> str:
    return " ".join(html.unescape(_TAGS.sub("", str(text or ""))).split())


@functools.lru_cache(maxsize=4096)  # a site's few covers, met by article after article
def _cover_name(cover: str) -> str:
    """``2026/anh-hoi-nghi`` for ``images/2026/hoi-nghi.jpg``: one card per cover photo, shared
    by both languages and every article that uses it (hosts count files)."""
    folder, name = os.path.split(cover)
    parts = [slugify(p) or "x" for p in folder.split("/") if p and p != "images"]
    return "/".join([*parts, "anh-" + (slugify(os.path.splitext(name)[0]) or "bia")])


def _name(content) -> str:
    """``2026/slug-vi`` for a branded card (title, date and language are on it)."""
    slug = getattr(content, "slug", "") or "bai"
    date = getattr(content, "date", None)
    folder = f"{date:%Y}" if date is not None and hasattr(date, "year") else "trang"
    return f"{folder}/{slug}-{getattr(content, 'lang', '') or 'vi'}"


def _cover(content, run: MediaRun) -> str:
    cover = str(getattr(content, "cover", None) or "")
    if not cover or not is_photo(cover) or getattr(content, "consent", None) is False:
        return ""
    plan = run.image_plan(cover)
    return cover if plan is not None and not run.error(plan.job.key, run.probe(cover)) else ""


def _emblem(content, run: MediaRun) -> str:
    data = content._context.get("UNIT_DATA") if content._context else None
    emblem = getattr(getattr(data, "unit", None), "emblem", "") or ""
    return emblem if emblem and not run.probe(emblem).error else ""


def _text(content) -> CardText:
    settings = content.settings
    lang = getattr(content, "lang", "") or settings["DEFAULT_LANG"]
    data = content._context.get("UNIT_DATA") if content._context else None
    unit = data.unit.name(lang) if data is not None else settings.get("SITENAME", "")
    date = getattr(content, "date", None)
    day = format_day(localize(date, settings.get("TIMEZONE")), lang) if date else ""
    return CardText(_plain(getattr(content, "title", "")), unit, day)


def _branded_job(content, run: MediaRun):
    return run.card_job(style=run.card_style, text=_text(content), emblem=_emblem(content, run))


def card_job(content, run: MediaRun):
    """The card job for ``content`` as things stand (cover if usable, else branded)."""
    cover = _cover(content, run)
    if cover:
        return run.card_job(style=run.card_style, cover=cover)
    return _branded_job(content, run)


def queue_card(content, run: MediaRun) -> None:
    """Queue the card's work with the rest of the build's images (kept for ``share_card``).

    A content kept from the last build carries its job: the job follows from the content,
    the site's data, photos and settings, which the kept content's key covers."""
    job = getattr(content, JOB_ATTR, None)
    if job is None:
        job = card_job(content, run)
        setattr(content, JOB_ATTR, job)
    run.want(job)


def share_card(content, run: MediaRun) -> ShareCard | None:
    """The finished card of ``content`` (made now if needed), remembered on the object."""
    known = getattr(content, CARD_ATTR, None)
    if isinstance(known, ShareCard):
        return known
    job = getattr(content, JOB_ATTR, None) or card_job(content, run)
    alt = _plain(getattr(content, "cover_alt", "")) if job.cover else _plain(content.title)
    name = _cover_name(str(content.cover)) if job.cover else _name(content)
    card = run.card_file(job, name, alt)
    if card is None and job.cover:  # the cover failed to decode after all
        job = _branded_job(content, run)
        card = run.card_file(job, _name(content), _plain(content.title))
    setattr(content, CARD_ATTR, card)
    return card
