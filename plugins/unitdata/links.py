"""Objects the templates link to: a category, branch, campaign or model in one language."""

from __future__ import annotations

from dataclasses import dataclass, field

from pelican import urlwrappers

from tinhoi.sitebuild.urls import save_as, urls_of

from .model import Named

__all__ = ["Category", "UnitLink", "link", "save_as", "url_pattern"]


class Category(urlwrappers.Category):
    """A Pelican category named and slugged from ``categories.yml`` for one language.

    The class keeps Pelican's name: URLWrapper finds ``CATEGORY_URL`` by class name.
    """

    def __init__(self, key: str, name: str, slug: str, settings: dict):
        super().__init__(name, settings)
        self.key = key
        self.slug = slug


def url_pattern(settings: dict, lang: str, kind: str) -> str:
    """The URL pattern of ``kind`` (``branch``, ``category``…) in ``lang``."""
    return urls_of(settings["SITE_URLS"], lang)[kind]


@dataclass
class UnitLink:
    """One data entry as a page of the current site: ``name``, ``url``, ``articles``."""

    kind: str
    info: Named
    name: str
    url: str
    articles: list = field(default_factory=list)
    description_html: str = ""

    @property
    def id(self) -> str:
        return self.info.id

    @property
    def save_as(self) -> str:
        return save_as(self.url)

    def __str__(self) -> str:
        return self.name


def link(settings: dict, lang: str, kind: str, info: Named) -> UnitLink:
    """Build the link to ``info``'s page in the ``lang`` site."""
    url = url_pattern(settings, lang, kind).format(id=info.id, slug=info.id)
    return UnitLink(kind=kind, info=info, name=info.name(lang), url=url)
