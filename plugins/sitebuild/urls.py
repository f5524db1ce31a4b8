"""The site's URL layout, in one place: every part that needs an address asks here.

``SITE_URLS`` is the table of addresses per language (pretty URLs; Vietnamese paths at
``/``, English under ``/en/``). A site may override any entry in its settings file; the rest
comes from this table. From it are derived Pelican's ``*_URL`` / ``*_SAVE_AS`` settings
(``url_settings``), a language sub-site's overrides (``subsite``), the drafts' addresses,
the later pages of a list (``/trang/2/``), where articles lie (``/<year>/<month>/<slug>/``,
which the search index and the checks read) and the fixed pages every language has.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator, Mapping

SITE_URLS = {
    "vi": {
        "index": "",
        "article": "{date:%Y}/{date:%m}/{slug}/",
        "page": "{slug}/",
        "category": "chuyen-muc/{slug}/",
        "tag": "chu-de/{slug}/",
        "branch": "chi-hoi/{id}/",
        "branches": "chi-hoi/",
        "campaign": "phong-trao/{id}/",
        "campaigns": "phong-trao/",
        "model": "mo-hinh/{id}/",
        "models": "mo-hinh/",
        "former_unit": "don-vi-cu/{id}/",
        "former_units": "don-vi-cu/",
        "follow": "nhan-tin/",
        "privacy": "quyen-rieng-tu/",
        "accessibility": "tiep-can/",
        "archives": "luu-tru/",
        "tags": "chu-de/",
        "search": "tim-kiem/",
        "upstream": "tin-cap-tren/",
        "page_number": "trang",
    },
    "en": {
        "index": "",
        "article": "{date:%Y}/{date:%m}/{slug}/",
        "page": "{slug}/",
        "category": "category/{slug}/",
        "tag": "tag/{slug}/",
        "branch": "branches/{id}/",
        "branches": "branches/",
        "campaign": "campaigns/{id}/",
        "campaigns": "campaigns/",
        "model": "models/{id}/",
        "models": "models/",
        "former_unit": "former-units/{id}/",
        "former_units": "former-units/",
        "follow": "follow/",
        "privacy": "privacy/",
        "accessibility": "accessibility/",
        "archives": "archives/",
        "tags": "tags/",
        "search": "search/",
        "upstream": "upstream-news/",
        "page_number": "page",
    },
}
FALLBACK_LANG = "en"  # a language without its own row gets the English paths

# the site's pages of a fixed address (SITE_URLS keys), in every language
FIXED_PAGES = (
    "index",
    "archives",
    "branches",
    "campaigns",
    "models",
    "former_units",
    "search",
    "upstream",
    "follow",
    "privacy",
    "accessibility",
)
# one page per entry of the data files: (SITE_URLS kind, UnitData attribute)
DATA_PAGES = (("branch", "branches"), ("campaign", "campaigns"), ("model", "models"))

MONTH_ARCHIVE_URL = "{date:%Y}/{date:%m}/"
# drafts are previews for the officer: under their own folder of each language site
DRAFT_FOLDERS = {"vi": "ban-nhap/", "en": "drafts/"}
DRAFT_PAGE_FOLDERS = {"vi": "ban-nhap/trang/", "en": "drafts/pages/"}
FEED_FOLDER = "feeds/"
# previews and the editor: not in the sitemap
ADMIN_FOLDER = "admin/"


def save_as(url: str) -> str:
    """Pretty URLs: ``chi-hoi/x/`` is written to ``chi-hoi/x/index.html``."""
    return url + "index.html" if url.endswith("/") or not url else url


def language_prefix(lang: str, main_lang: str) -> str:
    """Where a language's pages start in the site: ``""`` (main language), ``"en/"``."""
    return "" if lang == main_lang else f"{lang}/"


def site_urls(overrides: Mapping | None = None, langs=()) -> dict[str, dict[str, str]]:
    """The package's table with a site's ``overrides`` on top, for ``langs`` too."""
    table = copy.deepcopy(SITE_URLS)
    for lang in langs:
        table.setdefault(lang, copy.deepcopy(SITE_URLS[FALLBACK_LANG]))
    for lang, urls in (overrides or {}).items():
        base = SITE_URLS.get(lang, SITE_URLS[FALLBACK_LANG])
        table[lang] = {**copy.deepcopy(base), **urls}
    return table


def urls_of(table: Mapping, lang: str) -> Mapping[str, str]:
    """``lang``'s row of ``table``, the package's for a language the table lacks."""
    return table.get(lang) or SITE_URLS.get(lang) or SITE_URLS[FALLBACK_LANG]


def later_pages(number: str) -> tuple:
    """Pelican's ``PAGINATION_PATTERNS``: page 2 of a list at ``<list>/trang/2/``."""
    later = "{base_name}/" + number + "/{number}/"
    return ((1, "{url}", "{save_as}"), (2, later, later + "index.html"))


def later_page_pattern(table: Mapping) -> re.Pattern | None:
    """Matches the later pages of any list of any language (``…/trang/2/``)."""
    numbers = {urls["page_number"] for urls in table.values() if urls.get("page_number")}
    if not numbers:
        return None
    return re.compile(rf"(^|/)({'|'.join(map(re.escape, sorted(numbers)))})/\d+/")


def url_settings(urls: Mapping[str, str]) -> dict:
    """Pelican's *_URL / *_SAVE_AS settings for one language's row of ``SITE_URLS``."""
    settings = {}
    for kind in ("article", "page", "category", "tag"):
        prefix = kind.upper()
        settings[f"{prefix}_URL"] = urls[kind]
        settings[f"{prefix}_SAVE_AS"] = urls[kind] + "index.html"
    # a translation never lives in the other language's tree (i18n_subsites moves it)
    settings["ARTICLE_LANG_URL"] = urls["article"].replace("{slug}", "{slug}-{lang}")
    settings["ARTICLE_LANG_SAVE_AS"] = settings["ARTICLE_LANG_URL"] + "index.html"
    settings["PAGE_LANG_URL"] = urls["page"].replace("{slug}", "{slug}-{lang}")
    settings["PAGE_LANG_SAVE_AS"] = settings["PAGE_LANG_URL"] + "index.html"
    for kind in ("archives", "tags", "search", "upstream"):
        settings[f"{kind.upper()}_URL"] = urls[kind]
        settings[f"{kind.upper()}_SAVE_AS"] = urls[kind] + "index.html"
    settings["PAGINATION_PATTERNS"] = later_pages(urls["page_number"])
    return settings


def draft_settings(lang: str, main: bool) -> dict:
    """Where drafts of ``lang`` are previewed (never public: ``public_drafts``)."""
    drafts = DRAFT_FOLDERS.get(lang, DRAFT_FOLDERS[FALLBACK_LANG])
    pages = DRAFT_PAGE_FOLDERS.get(lang, DRAFT_PAGE_FOLDERS[FALLBACK_LANG])
    settings = {
        "DRAFT_URL": drafts + "{slug}/",
        "DRAFT_SAVE_AS": drafts + "{slug}/index.html",
        "DRAFT_PAGE_URL": pages + "{slug}/",
        "DRAFT_PAGE_SAVE_AS": pages + "{slug}/index.html",
    }
    if main:  # the sub-site moves its translations out: only the main site needs these
        settings["DRAFT_LANG_URL"] = drafts + "{slug}-{lang}/"
        settings["DRAFT_LANG_SAVE_AS"] = drafts + "{slug}-{lang}/index.html"
        settings["DRAFT_PAGE_LANG_URL"] = settings["DRAFT_PAGE_LANG_SAVE_AS"] = ""
    return settings


def no_public_drafts(main: bool) -> dict:
    """``make publish``: drafts are written nowhere."""
    names = ["DRAFT_SAVE_AS", "DRAFT_PAGE_SAVE_AS"]
    if main:
        names += ["DRAFT_LANG_SAVE_AS", "DRAFT_PAGE_LANG_SAVE_AS"]
    return dict.fromkeys(names, "")


def subsite(lang: str, siteurl: str, feed_domain: str, table: Mapping) -> dict:
    """Overrides for the sub-site of ``lang`` under ``siteurl + '/' + lang``."""
    return {
        **url_settings(urls_of(table, lang)),
        "SITEURL": f"{siteurl}/{lang}",
        "FEED_DOMAIN": f"{siteurl or feed_domain}/{lang}",
        **draft_settings(lang, main=False),
    }


def unlisted_folders(langs, main_lang: str) -> tuple[str, ...]:
    """Folders of the site no search engine should list: drafts and the editor."""
    return (
        *(language_prefix(lang, main_lang) + DRAFT_FOLDERS.get(lang, "drafts/") for lang in langs),
        ADMIN_FOLDER,
    )


def feed_folders(langs, main_lang: str) -> tuple[str, ...]:
    """The feeds' folder of each language site (``feeds/``, ``en/feeds/``)."""
    return tuple(language_prefix(lang, main_lang) + FEED_FOLDER for lang in langs)


def _placeholders(pattern: str, each: str) -> str:
    """``pattern`` with every ``{…}`` field replaced by ``each`` (the rest escaped)."""
    parts = re.split(r"\{[^}]*\}", pattern)
    return each.join(re.escape(part) for part in parts)


def articles_under_year(article_url: str) -> tuple[str, re.Pattern]:
    """(glob, regex) of the article pages inside a year's folder (``<month>/<slug>/``).

    The search index splits articles by year: the article address must start with the
    year (``{date:%Y}/``), which the package's layout does.
    """
    rest = article_url.split("/", 1)[1] if article_url.startswith("{date:%Y}/") else article_url
    page = save_as(rest)
    glob = re.sub(r"\{[^}]*\}", "*", page)
    return glob, re.compile(f"^{_placeholders(page, '[^/]+')}$")


YEAR_FOLDER = re.compile(r"^\d{4}$")
# the article pages inside a year's folder of the package's layout: ``11/slug/index.html``
ARTICLE_IN_YEAR_GLOB, ARTICLE_IN_YEAR = articles_under_year(SITE_URLS["vi"]["article"])


def month_archive(date) -> str:
    """The month archive holding an article of ``date`` (``2026/11/``)."""
    return MONTH_ARCHIVE_URL.format(date=date)


def listing_paths(table: Mapping, data, langs, main_lang: str) -> Iterator[str]:
    """Site-relative addresses of the pages besides articles and pages (lists, data).

    ``data``: the loaded ``content/data`` (``UnitData``), or None (the fixed pages only).
    """
    for lang in langs:
        urls = urls_of(table, lang)
        prefix = language_prefix(lang, main_lang)
        yield from (prefix + urls[kind] for kind in (*FIXED_PAGES, "tags") if kind in urls)
        if data is None:
            continue
        for kind, attribute in DATA_PAGES:
            for info in getattr(data, attribute):
                yield prefix + urls[kind].format(id=info.id, slug=info.id)
        if "former_unit" in urls:
            for info in data.unit.predecessors:
                yield prefix + urls["former_unit"].format(id=info.id, slug=info.id)
        for info in data.categories:
            yield prefix + urls["category"].format(slug=info.slug(lang))
