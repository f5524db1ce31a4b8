"""The root page of a province's gh-pages branch: a list of its published sites.

Pages serves the branch's root too; without a page there it answers 404. Every site's job
writes it again from the sites its commit holds (the other folders of the branch and its
own), so a new site appears on it with its first publication and a site rebuilt alone keeps
the others listed. Each site is named by the SITENAME of its settings in the checkout.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from tinhoi.sitebuild.config import load_settings
from tinhoi.sitebuild.package import version
from tinhoi.vietnamese.text import vi_sorted

from .layout import SETTINGS, SITES

logger = logging.getLogger(__name__)
TEMPLATES = Path(__file__).resolve().parent / "templates" / "branch"
HOME = "index.html"


@dataclass(frozen=True)
class Listed:
    code: str  # the site's folder on the branch
    name: str


def site_name(root: Path, code: str) -> str:
    """The SITENAME of ``sites/<code>/pelicanconf.py``; the code when it cannot be read."""
    settings = Path(SITES) / code / SETTINGS
    try:
        return load_settings(Path(root) / settings)["SITENAME"]
    # a unit's settings are Python: whatever they raise, the page still lists the site
    except Exception as failed:
        logger.warning(
            "province: %s cannot be read (%s); the root page lists the site as %s",
            settings.as_posix(),
            failed,
            code,
        )
        return code


def render_home(root: Path, codes: list[str]) -> str:
    """The page listing the sites ``codes`` (folders of the branch), by name in Vietnamese
    order."""
    sites = vi_sorted((Listed(code, site_name(root, code)) for code in codes), key=lambda s: s.name)
    environment = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return environment.get_template(HOME).render(sites=sites, version=version())
