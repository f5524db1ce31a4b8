"""The last line of privacy: no image in the output may carry identifying metadata.

Our own derivatives are clean by construction; this sweep checks every other image that
reached the output by another path (theme assets, files copied by Pelican or another
plugin) and rewrites any that carries GPS, serial numbers, maker notes, XMP or comments.
"""

from __future__ import annotations

import logging
import os

from .files import LINKED_FORMATS
from .images import RASTER_EXTENSIONS, private_metadata
from .work import LinkedJob, run_job

logger = logging.getLogger(__name__)


def images_in(folder: str):
    """Every raster image file under ``folder`` (paths relative to it, with ``/``)."""
    for dirpath, _dirs, files in os.walk(folder):
        for name in files:
            if os.path.splitext(name)[1].lower() in RASTER_EXTENSIONS:
                path = os.path.join(dirpath, name)
                yield os.path.relpath(path, folder).replace(os.sep, "/")


def sweep(output: str, skip: set[str], max_pixels: int, background: str) -> list[str]:
    """Strip every image under ``output`` not in ``skip``; return those rewritten."""
    cleaned = []
    for rel in images_in(output):
        if rel in skip:
            continue
        path = os.path.join(output, rel)
        try:
            found = private_metadata(path)
        except Exception:  # not readable as an image: nothing Pillow could strip either
            continue
        if not found:
            continue
        fmt = LINKED_FORMATS.get(os.path.splitext(rel)[1].lower(), "png")
        # the job writes through a temporary file and a rename: a hard-linked source
        # (STATIC_CREATE_LINKS) is never modified
        result = run_job(LinkedJob(rel, path, max_pixels, 100_000, fmt, 90, path, background))
        if result.error:
            os.unlink(path)
            logger.warning(
                "media: removed %s from the output: it carries %s and cannot be rewritten (%s)",
                rel,
                ", ".join(found),
                result.error,
            )
        else:
            logger.info("media: stripped %s from %s", ", ".join(found), rel)
        cleaned.append(rel)
    return cleaned
