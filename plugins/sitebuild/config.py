"""A site's settings: the package's defaults, then the site's file, then what follows.

A site's ``pelicanconf.py`` holds values only. ``load_settings`` reads it (and a command's
overrides) over the package's values (``defaults.py``), checks the declared settings
(``core_settings.py``) with messages naming each wrong one, works out the derived
settings (the URL settings of each language, the language sub-sites, the feed domain,
where drafts go: ``derive``) and hands the lot to Pelican. Every command of the package
reads a site's settings through here; plain ``pelican -s pelicanconf.py`` does not know
the package's values and is not a way to build a site.
"""

from __future__ import annotations

import ast
import contextlib
import copy
import difflib
import logging
import sys
from pathlib import Path

from pelican.settings import DEFAULT_CONFIG, get_settings_from_file, read_settings

from . import core_settings
from .defaults import PREVIEW_ADDRESS, defaults
from .schema import check
from .settings_registry import declared
from .urls import (
    draft_settings,
    no_public_drafts,
    site_urls,
    subsite,
    unlisted_folders,
    url_settings,
    urls_of,
)

logger = logging.getLogger(__name__)

# Pelican's settings that its DEFAULT_CONFIG leaves out (documented all the same)
PELICAN_OTHERS = {
    "AUTHOR",
    "TIMEZONE",
    "FEED_DOMAIN",
    "FEED_ATOM",
    "FEED_RSS",
    "FEED_ALL_RSS",
    "CATEGORY_FEED_RSS",
    "AUTHOR_FEED_RSS",
    "TAG_FEED_ATOM",
    "TAG_FEED_RSS",
    "TRANSLATION_FEED_RSS",
    "DEFAULT_DATE",
    "ARCHIVES_URL",
    "ARCHIVES_SAVE_AS",
    "TAGS_URL",
    "TAGS_SAVE_AS",
    "CATEGORIES_URL",
    "CATEGORIES_SAVE_AS",
    "AUTHORS_URL",
    "AUTHORS_SAVE_AS",
    "INDEX_URL",
    "LINKS",
    "SOCIAL",
    "MENUITEMS",
    # Pelican fills these from SLUG_REGEX_SUBSTITUTIONS unless the site sets them
    "CATEGORY_REGEX_SUBSTITUTIONS",
    "TAG_REGEX_SUBSTITUTIONS",
    "AUTHOR_REGEX_SUBSTITUTIONS",
}
# i18n_subsites' own settings
I18N = {
    "I18N_SUBSITES",
    "I18N_TEMPLATES_LANG",
    "I18N_UNTRANSLATED_ARTICLES",
    "I18N_UNTRANSLATED_PAGES",
    "I18N_GETTEXT_LOCALEDIR",
    "I18N_GETTEXT_DOMAIN",
    "I18N_GETTEXT_NEWSTYLE",
}
# worked out by ``derive`` unless the site sets them itself
DERIVED = {
    "SITE_URLS",
    "SITEMAPS_EXCLUDE",
    "SEARCH_URL",
    "SEARCH_SAVE_AS",
    "UPSTREAM_URL",
    "UPSTREAM_SAVE_AS",
}


def known_names() -> set[str]:
    """Every setting name the build knows: Pelican's, the package's, the plugins' declared."""
    names = set(DEFAULT_CONFIG) | PELICAN_OTHERS | I18N | DERIVED | set(defaults())
    for settings in declared().values():
        names |= {setting.name for setting in settings}
    return names


def written_names(path: Path) -> list[tuple[str, int]]:
    """(name, line) of every UPPERCASE name the file assigns at its top level."""
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    except (OSError, SyntaxError, ValueError):
        return []  # Pelican reports an unreadable file itself
    found = []
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else []
        if isinstance(node, (ast.AnnAssign, ast.AugAssign)):
            targets = [node.target]
        for target in targets:
            for name in ast.walk(target):
                if isinstance(name, ast.Name) and name.id.isupper():
                    found.append((name.id, node.lineno))
    return found


def unknown_names(path: Path) -> list[str]:
    """Warn about each name of ``path`` no part of the build reads (a misspelling)."""
    known = known_names()
    messages = []
    for name, line in written_names(path):
        if name in known:
            continue
        close = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.75)
        hint = f"; có phải ý bạn là {close[0]}?" if close else ""
        message = f"{path.name}:{line}: không có thiết lập nào tên {name}, nên nó bị bỏ qua{hint}"
        logger.warning("%s", message)
        messages.append(message)
    return messages


def derive(settings: dict, given: set[str]) -> dict:
    """The settings that follow from the values, for the names the site did not set."""
    main = settings["DEFAULT_LANG"]
    langs = [lang for lang in settings["SUBSITE_LANGS"] if lang != main]
    table = site_urls(settings.get("SITE_URLS"), [main, *langs])
    siteurl = settings["SITEURL"]
    feed_domain = settings.get("FEED_DOMAIN") if "FEED_DOMAIN" in given else None
    feed_domain = feed_domain or siteurl or PREVIEW_ADDRESS
    drafts_hidden = not settings["PREVIEW_DRAFTS"]
    derived = {
        "SITE_URLS": table,
        **url_settings(urls_of(table, main)),
        **draft_settings(main, main=True),
        **(no_public_drafts(main=True) if drafts_hidden else {}),
        "FEED_DOMAIN": feed_domain,
        "SITEMAPS_EXCLUDE": unlisted_folders([main, *langs], main),
    }
    subsites = {}
    for lang in langs:
        subsites[lang] = subsite(lang, siteurl, feed_domain, table)
        if drafts_hidden:
            subsites[lang].update(no_public_drafts(main=False))
        if "WITH_FUTURE_DATES" in given:
            subsites[lang]["WITH_FUTURE_DATES"] = settings["WITH_FUTURE_DATES"]
    derived["I18N_SUBSITES"] = subsites
    derived = {name: value for name, value in derived.items() if name not in given}
    derived["SITE_URLS"] = table  # the site's entries over the package's, complete
    return derived


@contextlib.contextmanager
def _own_settings_modules(folder: Path):
    """Make ``from pelicanconf import *`` in a settings file find the file beside it.

    Pelican loads a settings file as a module named after it (``pelicanconf``), and
    publishconf.py imports pelicanconf by name: another site's, read earlier by this process
    (a province's sites, tests), would be found in ``sys.modules``, or earlier on the path.
    """
    for name in {path.stem for path in folder.glob("*.py")}:
        known = Path(getattr(sys.modules.get(name), "__file__", None) or folder / "-")
        other_site = known.name == f"{name}.py" and (known.parent / "pelicanconf.py").is_file()
        if other_site and known.parent.resolve() != folder.resolve():
            del sys.modules[name]
    sys.path.insert(0, str(folder))
    try:
        yield
    finally:
        sys.path.remove(str(folder))


def load_settings(settings_file: Path | str, overrides: dict | None = None) -> dict:
    """Pelican's settings for the site of ``settings_file`` (see the module docstring)."""
    path = Path(settings_file)
    # the file runs twice: for its values, then through Pelican (which makes its paths
    # relative to the file's folder)
    with _own_settings_modules(path.parent.resolve()):
        values = get_settings_from_file(str(path))
        unknown_names(path)
        overrides = copy.deepcopy(overrides or {})
        given = set(values) | set(overrides)
        settings = {**defaults(), **values, **overrides}
        check(settings, core_settings.SETTINGS)
        settings.update(derive(settings, given))
        return read_settings(str(path), override=settings)
