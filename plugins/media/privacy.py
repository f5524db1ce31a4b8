"""The last line of privacy: no image in the output may carry identifying metadata.

Our own derivatives are clean by construction; this sweep checks every other image that
reached the output by another path (theme assets, files copied by Pelican or another
plugin) and rewrites any that carries GPS, serial numbers, maker notes, XMP or comments.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable

from .files import LINKED_FORMATS
from .images import private_metadata
from .work import LinkedJob, run_job

logger = logging.getLogger(__name__)


def sweep(
    output: str, images: Iterable[str], skip: set[str], max_pixels: int, background: str
) -> list[str]:
    """Strip every one of ``images`` (the output's, relative to it) not in ``skip``;
    return those rewritten."""
    cleaned = []
    for rel in images:
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
