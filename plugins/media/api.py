"""What other plugins use from the media plugin.

- ``share_card(article)`` → ``ShareCard`` (``url``, ``path`` under the site root,
  ``width``, ``height``, ``type`` = ``image/jpeg``, ``alt``, ``length`` in bytes): the
  1200×630 JPEG for og:image and cross-posts. Also set as ``article.share_card`` once the
  site's contents are final (``all_generators_finalized``); the file is in the output when
  the build has finished (the media plugin's ``finalized``). Make absolute URLs from
  ``path`` and the public base URL.
- ``cover_image(article)`` → ``MediaFile``: the JPEG derivative of the cover (feeds).
- ``checks``: the pure image checks (size, alt text, consent) with Vietnamese messages.
"""

from __future__ import annotations

from . import checks
from .articles import COVER_ATTR
from .files import MediaFile, ShareCard, is_photo
from .sharecards import share_card as _share_card

__all__ = ["MediaFile", "ShareCard", "checks", "cover_image", "share_card"]


def _run(content):
    settings = getattr(content, "settings", None) or {}
    return settings.get("MEDIA_RUN")


def share_card(article) -> ShareCard | None:
    """The share card of ``article`` (None when the media plugin is not loaded)."""
    run = _run(article)
    return _share_card(article, run) if run is not None else None


def cover_image(article) -> MediaFile | None:
    """The JPEG derivative of the article's cover, or None (no cover, or unusable)."""
    if hasattr(article, COVER_ATTR):  # set for every article once the site's contents are final
        return getattr(article, COVER_ATTR)
    run = _run(article)
    cover = str(getattr(article, "cover", None) or "")
    if run is None or not cover or not is_photo(cover):
        return None
    return run.fallback_file(cover)
