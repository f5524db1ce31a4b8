"""Facts about the site being built that several plugins need.

With i18n_subsites every signal fires once per language site; whatever must happen once
(files outside a language tree) happens in the main site or once the build is finished
(``hooks.build_finished``); messages for the officer are told once per build. Which
site that is, and its language, are facts of the build (``state.Build``), asked here in one
place; outside any build (a unit test of one function) a site is its own main site.
"""

from __future__ import annotations

import logging
import os

from .state import current_build

ERROR = "error"


def main_lang(settings: dict) -> str:
    """The language served at ``/``: the build's, else the site's own language."""
    build = current_build()
    return (build.main_lang if build is not None else None) or settings["DEFAULT_LANG"]


def is_main_site(settings: dict) -> bool:
    """True for the main-language site, False for a translated sub-site."""
    build = current_build()
    return build is None or build.is_main(settings)


def main_siteurl(settings: dict) -> str:
    """The main site's ``SITEURL`` (the theme, photos and files live under it)."""
    build = current_build()
    return build.main_siteurl if build is not None and build.langs else settings["SITEURL"]


def main_feed_domain(settings: dict) -> str:
    """The main site's absolute base for feeds: its ``FEED_DOMAIN``, else its ``SITEURL``."""
    build = current_build()
    if build is not None and build.langs:
        return build.main_feed_domain
    return settings.get("FEED_DOMAIN") or settings.get("SITEURL") or ""


def site_langs(settings: dict) -> list[str]:
    """All languages of the site, the main one first."""
    main = main_lang(settings)
    return [main] + [lang for lang in settings.get("I18N_SUBSITES", {}) if lang != main]


def officer_label(path: str | os.PathLike, site_folder: str | os.PathLike) -> str:
    """``path`` as the officer names it: from the folder the command runs in when it lies
    there (``sites/b/content/…`` from a province's root, ``content/…`` from the site's own
    folder), else from the site's folder (``content/…``)."""
    here = os.getcwd()
    # not resolved: a link in the content is named by its own name, as the officer sees it
    absolute = os.path.abspath(path)
    base = here if os.path.commonpath([absolute, here]) == here else site_folder
    return os.path.relpath(absolute, os.path.abspath(base)).replace(os.sep, "/")


def source_label(settings: dict, path: str) -> str:
    """Show ``path`` the way the officer sees it: ``content/articles/…/x.md``."""
    return officer_label(path, os.path.dirname(os.path.abspath(settings["PATH"])))


def report(
    logger: logging.Logger, settings: dict, path: str, line: int, severity: str, message: str
) -> None:
    """Log one problem of an officer's file as ``file:line: message``, once per build.

    Every language site reads the translated files again (and a sub-site may check what
    the main site checked): the build remembers what it told, so no plugin need ask which
    site it is in before reporting.
    """
    where = source_label(settings, path) + (f":{line}" if line else "")
    build = current_build()
    if build is not None:
        if (where, severity, message) in build.reported:
            return
        build.reported.add((where, severity, message))
    log = logger.error if severity == ERROR else logger.warning
    log("%s: %s", where, message)


def public_base(settings: dict) -> str:
    """This site's absolute base URL: ``SITEURL``, or in a preview the feed domain."""
    siteurl = settings.get("SITEURL") or ""
    if siteurl.startswith(("http://", "https://")):
        return siteurl
    return settings.get("FEED_DOMAIN") or siteurl
