"""Template helpers for images: ``picture()`` and ``share_image()``.

This first version points at the original files; the images work replaces the inside
(derivatives, srcset, share cards) without changing what templates call.
"""

from __future__ import annotations

import os
from functools import lru_cache

from jinja2 import pass_context
from markupsafe import Markup, escape
from PIL import Image


@lru_cache(maxsize=1024)
def _size(path: str, mtime_ns: int) -> tuple[int, int] | None:
    try:
        with Image.open(path) as image:
            return image.size
    except OSError:
        return None


def image_size(content_path: str, src: str) -> tuple[int, int] | None:
    """Pixel size of ``src`` (a path under ``content/``), or None if unreadable."""
    path = os.path.join(content_path, src)
    try:
        return _size(path, os.stat(path).st_mtime_ns)
    except OSError:
        return None


@pass_context
def picture(context, src, alt="", sizes="100vw", loading="lazy", css_class=""):
    """Markup for an image of the content folder, with width and height."""
    if not src:
        return Markup("")
    url = f"{context.get('MAIN_SITEURL', '')}/{src}"
    size = image_size(context["PATH"], src)
    dims = f' width="{size[0]}" height="{size[1]}"' if size else ""
    css = f' class="{escape(css_class)}"' if css_class else ""
    return Markup(
        f'<img src="{escape(url)}" alt="{escape(alt or "")}"{dims}{css} '
        f'loading="{escape(loading)}" decoding="async">'
    )


@pass_context
def share_image(context, article):
    """The image link previews use: ``{"url", "width", "height", "type"}`` or None."""
    cover = getattr(article, "cover", None)
    if not cover:
        return None
    size = image_size(context["PATH"], cover)
    if size is None:
        return None
    base = context.get("MAIN_SITEURL", "")
    return {"url": f"{base}/{cover}", "width": size[0], "height": size[1], "type": "image/jpeg"}
