"""The pictures of imported articles: fetched or copied, checked, named, kept in memory.

Nothing is written until the whole source has been read (see ``write.py``), so a source
that fails half-way leaves no stray pictures behind. Only real images (Pillow opens
them) in the formats the build handles are kept; EXIF is stripped by the build as
always, not here, so the original stays the officer's copy.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from PIL import Image, UnidentifiedImageError

from tinhoi.feeds.upstream_fetch import FetchError

from .fetch import IMAGE_MAX_BYTES, download, reason

EXTENSIONS = {"JPEG": ".jpg", "PNG": ".png", "GIF": ".gif", "WEBP": ".webp"}


class PictureError(Exception):
    """One picture could not be used (message in Vietnamese)."""


def is_remote(address: str) -> bool:
    return urlsplit(address).scheme in ("http", "https")


def locate(src: str, base: str) -> str:
    """Where ``src`` (as written in the page) really is: an address or a local path."""
    src = src.strip()
    if is_remote(src):
        return src
    if is_remote(base):
        return urljoin(base, src)
    if src.startswith("file://"):
        return unquote(urlsplit(src).path)
    return str(Path(base) / unquote(urlsplit(src).path))


def load(src: str, base: str) -> tuple[bytes, str]:
    """The bytes and file extension of the picture ``src``; raises PictureError."""
    if src.startswith("data:"):
        raise PictureError("ảnh nhúng thẳng trong trang (data:), bỏ qua")
    where = locate(src, base)
    if is_remote(where):
        try:
            data = download(where, IMAGE_MAX_BYTES)
        except FetchError as error:
            raise PictureError(f"không tải được {where} ({reason(error)})") from None
    else:
        path = Path(where)
        if not path.is_file():
            raise PictureError(f"không thấy tệp {path.name}")
        data = path.read_bytes()
    try:
        with Image.open(io.BytesIO(data)) as image:
            kind = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise PictureError(f"{where} không phải là ảnh") from None
    if kind not in EXTENSIONS:
        raise PictureError(f"{where}: định dạng {kind} không dùng được")
    return data, EXTENSIONS[kind]


@dataclass
class Store:
    """Pictures planned in this run under ``content/images/<year>/``, by their path."""

    content: Path
    planned: dict[str, bytes] = field(default_factory=dict)
    by_digest: dict[bytes, str] = field(default_factory=dict)  # one file per picture

    def add(self, year: int, stem: str, data: bytes, extension: str) -> str:
        """Plan ``data`` as a new file and return its path relative to the content folder.

        A file already there with the same bytes is reused; another name is found
        otherwise, so the officer's own pictures are never overwritten.
        """
        digest = hashlib.sha256(data).digest()
        if digest in self.by_digest:
            return self.by_digest[digest]
        number = 1
        while True:
            suffix = "" if number == 1 else f"-{number}"
            relative = f"images/{year}/{stem}{suffix}{extension}"
            existing = self.planned.get(relative)
            path = self.content / relative
            if existing is None and path.exists():
                existing = path.read_bytes()
            if existing is None:
                self.planned[relative] = data
                self.by_digest[digest] = relative
                return relative
            if hashlib.sha256(existing).digest() == digest:
                self.by_digest[digest] = relative
                return relative
            number += 1
