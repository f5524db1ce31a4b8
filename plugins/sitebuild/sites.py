"""Facts about the site being built that several plugins need.

With i18n_subsites every signal fires once per language site; whatever must happen once
(messages for the officer, files outside a language tree) happens in the main site.
"""

from __future__ import annotations

import logging
import os

ERROR = "error"


def main_lang(settings: dict) -> str:
    """The language served at ``/`` (``MAIN_LANG``, else the site's own language)."""
    return settings.get("MAIN_LANG") or settings["DEFAULT_LANG"]


def is_main_site(settings: dict) -> bool:
    """True for the main-language site, False for a translated sub-site."""
    return settings["DEFAULT_LANG"] == main_lang(settings)


def site_langs(settings: dict) -> list[str]:
    """All languages of the site, the main one first."""
    main = main_lang(settings)
    return [main] + [lang for lang in settings.get("I18N_SUBSITES", {}) if lang != main]


def source_label(settings: dict, path: str) -> str:
    """Show ``path`` the way the officer sees it: ``content/articles/…/x.md``."""
    root = os.path.dirname(os.path.abspath(settings["PATH"]))
    label = os.path.relpath(os.path.abspath(path), root)
    return label.replace(os.sep, "/")


def report(
    logger: logging.Logger, settings: dict, path: str, line: int, severity: str, message: str
) -> None:
    """Log one problem of an officer's file as ``file:line: message`` (main site only)."""
    if not is_main_site(settings):
        return
    where = source_label(settings, path) + (f":{line}" if line else "")
    log = logger.error if severity == ERROR else logger.warning
    log("%s: %s", where, message)


def public_base(settings: dict) -> str:
    """This site's absolute base URL: ``SITEURL``, or in a preview the feed domain."""
    siteurl = settings.get("SITEURL") or ""
    if siteurl.startswith(("http://", "https://")):
        return siteurl
    return settings.get("FEED_DOMAIN") or siteurl
