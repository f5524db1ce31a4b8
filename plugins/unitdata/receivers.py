"""Pelican signal receivers of the unitdata plugin."""

from __future__ import annotations

import logging

from tinhoi.sitebuild.schema import check
from tinhoi.sitebuild.sites import ERROR, report, site_langs
from tinhoi.sitebuild.urls import site_urls

from .alternates import alternates
from .loading import site_unit_data
from .pages import UnitPagesGenerator
from .settings import SETTINGS

logger = logging.getLogger(__name__)


def apply_defaults(pelican) -> None:
    """Merge the defaults, complete ``SITE_URLS`` and expose ``alternates()`` to templates."""
    settings = pelican.settings
    check(settings, SETTINGS)
    # a kind the site's table leaves out has the package's address (sitebuild.urls)
    settings["SITE_URLS"] = site_urls(settings.get("SITE_URLS"), site_langs(settings))
    jinja_globals = dict(settings.get("JINJA_GLOBALS", {}))
    jinja_globals.setdefault("alternates", alternates)
    settings["JINJA_GLOBALS"] = jinja_globals


def load_data(generator) -> None:
    """Load ``content/data`` once per site run, into the shared context."""
    context = generator.context
    if "UNIT_DATA" in context:
        return
    settings = generator.settings
    data, problems = site_unit_data(settings)
    for problem in problems:
        report(logger, settings, str(problem.path), problem.line, ERROR, problem.message)
    context["UNIT_DATA"] = data


def add_generator(pelican):
    return UnitPagesGenerator
