"""The package's values of Pelican's settings: what every unit's site shares.

A site's settings file (pelicanconf.py) holds only its own values; whatever it leaves out
comes from here, and what follows from the values (the URL settings of each language, the
English sub-site, the feed domain, where drafts go) is worked out by ``config.derive``.
"""

from __future__ import annotations

import copy

from tinhoi.vietnamese.translation_id import ARTICLE_TRANSLATION_ID, PAGE_TRANSLATION_ID

from .package import theme_folder
from .urls import MONTH_ARCHIVE_URL

PREVIEW_ADDRESS = "http://127.0.0.1:8000"  # the preview server; feeds of `make html` name it

# Always explicit: with PLUGINS unset Pelican loads every installed plugin. Ours run
# before i18n_subsites, which must see the checked and de-duplicated content.
PLUGINS = [
    "tinhoi.sitebuild",
    "tinhoi.vietnamese",
    "tinhoi.unitdata",
    "tinhoi.redirects",
    "tinhoi.readerpages",
    "tinhoi.takedown",  # before media: a photo removed on request is never processed
    "tinhoi.media",
    "tinhoi.themekit",
    "i18n_subsites",
    "tinhoi.feeds",
    "tinhoi.sitemaps",
    "tinhoi.crosspost",
    "tinhoi.cms",
]

_DEFAULTS = {
    "SITENAME": "Hội Liên hiệp Phụ nữ",  # templates use the name in content/data/unit.yml
    "AUTHOR": "Ban Biên tập",
    "SITEURL": "",
    "PATH": "content",
    "OUTPUT_PATH": "output",
    "CACHE_PATH": "cache",
    "TIMEZONE": "Asia/Ho_Chi_Minh",
    "DEFAULT_LANG": "vi",
    "DEFAULT_DATE": None,
    # Pelican formats each content's date with it (``locale_date``), which the theme never
    # shows (its dates are the Vietnamese filters'): the ISO day needs no locale lookup
    "DEFAULT_DATE_FORMAT": "%Y-%m-%d",
    "DEFAULT_CATEGORY": "",
    "USE_FOLDER_AS_CATEGORY": False,
    "DELETE_OUTPUT_DIRECTORY": False,
    "ARTICLE_PATHS": ["articles"],
    "PAGE_PATHS": ["pages"],
    "STATIC_PATHS": ["images", "files"],
    "READERS": {"rst": None, "html": None, "htm": None},  # the officer writes Markdown only
    "MARKDOWN": {
        "extensions": ["markdown.extensions.extra", "markdown.extensions.sane_lists"],
        "output_format": "html",
    },
    "FORMATTED_FIELDS": [],  # the summary (sa-pô) is plain text: no second Markdown pass
    # "Ngày 20/10" → ngay-20-10 (Pelican's default drops the slash: ngay-2010)
    "SLUG_REGEX_SUBSTITUTIONS": [
        (r"[^\w\s-]+", " "),
        (r"(?u)\A\s*", ""),
        (r"(?u)\s*\Z", ""),
        (r"[-\s]+", "-"),
    ],
    "ARTICLE_TRANSLATION_ID": ARTICLE_TRANSLATION_ID,
    "PAGE_TRANSLATION_ID": PAGE_TRANSLATION_ID,
    "AUTHOR_SAVE_AS": "",  # the author is a byline, not a page
    "AUTHORS_SAVE_AS": "",
    "CATEGORIES_SAVE_AS": "",  # the menu lists the categories
    "MONTH_ARCHIVE_URL": MONTH_ARCHIVE_URL,
    "MONTH_ARCHIVE_SAVE_AS": MONTH_ARCHIVE_URL + "index.html",
    # 404 is written to 404.html; search and upstream news (tin cấp trên) follow SITE_URLS
    "DIRECT_TEMPLATES": ["index", "archives", "tags", "404", "search", "upstream"],
    "INDEX_URL": "",  # "Trang trước" from page 2 leads to "/", not "/index.html"
    "DEFAULT_PAGINATION": 10,
    "PAGINATED_TEMPLATES": {
        "index": None,
        "category": None,
        "tag": None,
        "branch": None,
        "campaign": None,
        "model": None,
    },
    # One site = one language: its feeds hold its own articles only (i18n_subsites bug "b").
    "FEED_ALL_ATOM": None,
    "FEED_ALL_RSS": None,
    "FEED_ATOM": "feeds/atom.xml",
    "FEED_RSS": "feeds/rss.xml",
    "CATEGORY_FEED_ATOM": "feeds/{slug}.atom.xml",
    "CATEGORY_FEED_RSS": "feeds/{slug}.rss.xml",
    "TRANSLATION_FEED_ATOM": None,
    "TRANSLATION_FEED_RSS": None,
    "AUTHOR_FEED_ATOM": None,
    "AUTHOR_FEED_RSS": None,
    "TAG_FEED_ATOM": None,
    "TAG_FEED_RSS": None,
    "FEED_MAX_ITEMS": 30,
    "RSS_FEED_SUMMARY_ONLY": True,
    "PLUGINS": PLUGINS,
    "JINJA_ENVIRONMENT": {
        "extensions": ["jinja2.ext.i18n"],
        "autoescape": True,
        "trim_blocks": True,
        "lstrip_blocks": True,
        # templates do not change during a build: skip a stat() per include (tens of thousands)
        "auto_reload": False,
    },
    # Template msgids are English; both vi and en are real catalogs (theme/translations).
    "I18N_TEMPLATES_LANG": "msgid",
    "I18N_UNTRANSLATED_ARTICLES": "remove",  # untranslated content stays in its own language
    "I18N_UNTRANSLATED_PAGES": "remove",
    "CACHE_CONTENT": False,
    "LOAD_CONTENT_CACHE": False,
}


def defaults() -> dict:
    """The package's values (fresh copies: a build that changes them changes no other)."""
    values = copy.deepcopy(_DEFAULTS)
    values["THEME"] = str(theme_folder())  # the theme installed with the package
    return values
