"""Template helpers ``picture()`` and ``share_image()`` (the theme's only way to images).

Their names and positional arguments are a contract with the theme; new options are
keyword arguments with defaults.
"""

from __future__ import annotations

import logging

from jinja2 import pass_context
from markupsafe import Markup, escape

from .checks import image_size
from .files import is_photo
from .markup_html import local_paths
from .run import current_run
from .sharecards import share_card

logger = logging.getLogger(__name__)
__all__ = ["image_size", "picture", "share_image"]  # image_size: the content doctor uses it


@pass_context
def picture(context, src, alt="", sizes="100vw", loading="lazy", css_class="", **attrs):
    """``<picture>`` for a photo of the content folder (``Cover:`` path or ``{static}``).

    Responsive WebP/AVIF sources, a JPEG fallback, ``width``/``height`` and
    ``decoding="async"``; ``loading="eager"`` also sets ``fetchpriority="high"`` (the
    article's cover). Extra keyword arguments become attributes of the ``<img>``. A photo
    that cannot be published gives an empty string (the officer has been told why).
    """
    if not src:
        return Markup("")
    run = current_run()
    paths = local_paths(str(src), "")
    if run is None or not paths or not is_photo(paths[0]):
        base = context.get("MAIN_SITEURL", "")
        url = str(src) if not paths else f"{base}/{paths[0]}"
        css = f' class="{escape(css_class)}"' if css_class else ""
        return Markup(
            f'<img src="{escape(url)}" alt="{escape(alt or "")}"{css} '
            f'loading="{escape(loading)}" decoding="async">'
        )
    extra = {str(k).replace("_", "-"): str(v) for k, v in attrs.items()}
    markup = run.picture(paths[0], str(alt or ""), str(sizes), str(loading), str(css_class), extra)
    if markup is not None and not run.uses.get(paths[0]):
        run.remember_template_use(paths[0])  # a theme image, not an officer's photo
    if markup is None:
        if ("picture", paths[0]) not in run.reported:
            run.reported.add(("picture", paths[0]))
            if not run.uses.get(paths[0]):  # not an officer's photo: tell the developer
                logger.warning("media: picture(%r): the image cannot be used", str(src))
        return Markup("")
    return Markup(markup)


@pass_context
def share_image(context, article):
    """The article's share card (1200×630 JPEG): ``url``, ``path``, ``width``, ``height``,
    ``type``, ``alt``; None only without the media plugin."""
    run = current_run()
    if run is None or article is None:
        return None
    return share_card(article, run)
