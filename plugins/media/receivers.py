"""Pelican signal receivers of the media plugin."""

from __future__ import annotations

from .markup import picture, share_image


def install_globals(pelican) -> None:
    """Expose ``picture()`` and ``share_image()`` to every template."""
    jinja_globals = dict(pelican.settings.get("JINJA_GLOBALS", {}))
    jinja_globals.setdefault("picture", picture)
    jinja_globals.setdefault("share_image", share_image)
    pelican.settings["JINJA_GLOBALS"] = jinja_globals
