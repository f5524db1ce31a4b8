"""Pelican signal receivers of the unitdata plugin."""

from __future__ import annotations

import logging
from pathlib import Path

from tinhoi.sitebuild.sites import ERROR, report, site_langs

from .alternates import alternates
from .loading import load_unit_data
from .pages import UnitPagesGenerator

logger = logging.getLogger(__name__)

DEFAULTS = {
    "UNITDATA_DIR": "data",  # under PATH (content/)
    "UNITDATA_DEFAULT_CATEGORY": "hoat-dong-hoi",
    # the page (by slug, both languages) that also tells how the union was formed
    "UNITDATA_ABOUT_PAGE": "gioi-thieu",
}
# kinds added after the first sites were set up: a settings file without them gets these
OPTIONAL_URLS = {
    "vi": {
        "former_unit": "don-vi-cu/{id}/",
        "former_units": "don-vi-cu/",
        "follow": "nhan-tin/",
        "privacy": "quyen-rieng-tu/",
        "accessibility": "tiep-can/",
    },
    "en": {
        "former_unit": "former-units/{id}/",
        "former_units": "former-units/",
        "follow": "follow/",
        "privacy": "privacy/",
        "accessibility": "accessibility/",
    },
}
URL_KINDS = (
    "index",
    "category",
    "tag",
    "branch",
    "branches",
    "campaign",
    "campaigns",
    "model",
    "models",
    "archives",
)


def apply_defaults(pelican) -> None:
    """Merge the defaults, check ``SITE_URLS`` and expose ``alternates()`` to templates."""
    settings = pelican.settings
    for key, value in DEFAULTS.items():
        settings.setdefault(key, value)
    urls = settings.setdefault("SITE_URLS", {})
    for lang in site_langs(settings):
        missing = [kind for kind in URL_KINDS if kind not in urls.get(lang, {})]
        if missing:
            logger.error("unitdata: SITE_URLS[%r] lacks %s", lang, ", ".join(missing))
            urls.setdefault(lang, {}).update({kind: f"{lang}-{kind}/" for kind in missing})
        for kind, pattern in OPTIONAL_URLS.get(lang, OPTIONAL_URLS["en"]).items():
            urls.setdefault(lang, {}).setdefault(kind, pattern)
    jinja_globals = dict(settings.get("JINJA_GLOBALS", {}))
    jinja_globals.setdefault("alternates", alternates)
    settings["JINJA_GLOBALS"] = jinja_globals


def load_data(generator) -> None:
    """Load ``content/data`` once per site run, into the shared context."""
    context = generator.context
    if "UNIT_DATA" in context:
        return
    settings = generator.settings
    data, problems = load_unit_data(Path(settings["PATH"]) / settings["UNITDATA_DIR"])
    for problem in problems:
        report(logger, settings, str(problem.path), problem.line, ERROR, problem.message)
    context["UNIT_DATA"] = data


def add_generator(pelican):
    return UnitPagesGenerator
