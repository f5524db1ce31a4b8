"""Pelican signal receivers of the sitebuild plugin."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from .catalogs import compile_catalogs


def remember_main_site(pelican) -> None:
    """Record the main site's language and URL before i18n_subsites copies the settings."""
    settings = pelican.settings
    if "MAIN_LANG" in settings:
        return  # a sub-site: its settings are a copy of the main ones
    settings["MAIN_LANG"] = settings["DEFAULT_LANG"]
    settings["MAIN_SITEURL"] = settings["SITEURL"]
    settings["MAIN_FEED_DOMAIN"] = settings.get("FEED_DOMAIN") or settings["SITEURL"]
    # "/" or "/hoi-phu-nu/": where the site lives on its domain (search result links)
    settings["SITE_PATH"] = urlsplit(settings["SITEURL"]).path.rstrip("/") + "/"
    source = Path(settings["THEME"]) / "translations"
    target = Path(settings["CACHE_PATH"]) / "locale"
    compile_catalogs(source, target)
    settings["I18N_GETTEXT_LOCALEDIR"] = str(target)
