"""What other plugins use from the media plugin.

- ``share_card(article)`` → ``ShareCard`` (``url``, ``path`` under the site root,
  ``width``, ``height``, ``type`` = ``image/jpeg``, ``alt``, ``length`` in bytes): the
  1200×630 JPEG for og:image and cross-posts. Also set as ``article.share_card`` once the
  site's contents are final (``all_generators_finalized``); the file is in the output when
  the build has finished (the media plugin's ``finalized``). Make absolute URLs from
  ``path`` and the public base URL.
- ``cover_image(article)`` → ``MediaFile``: the JPEG derivative of the cover (feeds).
- ``checks``: the pure image checks (size, alt text, consent) with Vietnamese messages.
- ``forget_photo(settings, rel)``: delete every cache file made from the photo ``rel``
  (removal on request: nothing of it may stay on the disk once no page shows it).
"""

from __future__ import annotations

import os

from . import checks
from .articles import COVER_ATTR
from .files import MediaFile, ShareCard, is_photo
from .run import current_run
from .sharecards import share_card as _share_card

__all__ = [
    "MediaFile",
    "ShareCard",
    "checks",
    "cover_image",
    "current_run",
    "forget_photo",
    "share_card",
]


def share_card(article) -> ShareCard | None:
    """The share card of ``article`` (None when the media plugin is not loaded)."""
    run = current_run()
    return _share_card(article, run) if run is not None else None


def cover_image(article) -> MediaFile | None:
    """The JPEG derivative of the article's cover, or None (no cover, or unusable)."""
    if hasattr(article, COVER_ATTR):  # set for every article once the site's contents are final
        return getattr(article, COVER_ATTR)
    run = current_run()
    cover = str(getattr(article, "cover", None) or "")
    if run is None or not cover or not is_photo(cover):
        return None
    return run.fallback_file(cover)


def forget_photo(settings: dict, rel: str) -> list[str]:
    """Delete the cached sizes and formats of ``rel``, its stripped copy and the share card
    cropped from it; return the files deleted. Other contents that still show the photo
    get them made again."""
    run = current_run()
    if run is None or not is_photo(rel) or run.probe(rel).error:
        return []
    plan = run.image_plan(rel)
    files = [v.cache_file for v in (*plan.sources, plan.fallback)] if plan else []
    linked = run.linked_job(rel)
    if linked is not None:
        files.append(linked.path)
    files.append(run.card_job(style=run.card_style, cover=rel).path)
    deleted = []
    for path in files:
        try:
            os.unlink(path)
        except FileNotFoundError:
            continue
        deleted.append(path)
    return deleted
