"""What the media plugin makes, described before it is made: files, plans, names."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from .images import PHOTO_EXTENSIONS
from .work import ImageJob

EXT = {"jpeg": "jpg", "webp": "webp", "avif": "avif", "png": "png", "gif": "gif"}
LINKED_FORMATS = {".jpg": "jpeg", ".jpeg": "jpeg", ".png": "png", ".gif": "gif", ".webp": "webp"}


@dataclass(frozen=True)
class MediaFile:
    """A finished file of the site: ``url`` for templates, ``path`` under the site root."""

    url: str
    path: str
    width: int
    height: int
    type: str
    cache_file: str = field(default="", repr=False, compare=False)

    @property
    def length(self) -> int:
        """Size in bytes (0 until the file is made)."""
        try:
            return os.path.getsize(self.cache_file)
        except OSError:
            return 0

    def __getitem__(self, name: str):  # templates written for the first dict version
        return getattr(self, name)


@dataclass(frozen=True)
class ShareCard(MediaFile):
    """The article's 1200×630 JPEG for og:image and cross-posts."""

    alt: str = ""


@dataclass(frozen=True)
class Variant:
    fmt: str
    width: int
    height: int
    path: str  # under the site root
    cache_file: str


@dataclass(frozen=True)
class ImagePlan:
    src: str
    size: tuple[int, int]  # of the widest derivative: the img's width and height
    sources: tuple[Variant, ...]  # modern formats, every width
    fallback: Variant  # the JPEG
    job: ImageJob


def is_photo(path: str) -> bool:
    return os.path.splitext(path)[1].lower() in PHOTO_EXTENSIONS


def widths_for(width: int, widths: tuple[int, ...]) -> list[int]:
    """The widths to make for a photo ``width`` px wide: never larger than the photo."""
    return sorted({w for w in widths if w < width} | {min(width, max(widths))})
