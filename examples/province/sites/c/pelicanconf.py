"""Settings of the site of Hội LHPN phường Cẩm Thành (c), one of the province's sites.

The unit's own facts live in content/data/*.yml. publishconf.py adds what the public site
needs (absolute URLs, under the folder BASE_PATH=c of the province's address).
"""

from tinhoi.sitebuild.package import theme_folder

# the version of Tin Hội this site's content and settings were last checked against:
# `make check SITE=c` lists what a newer version reads differently (then raise it)
TINHOI_VERSION = "1.1.0"

SITENAME = "Hội Liên hiệp Phụ nữ"  # replaced in templates by the name in content/data/unit.yml
AUTHOR = "Ban Biên tập"
SITEURL = ""
PATH = "content"
OUTPUT_PATH = "output"
CACHE_PATH = "cache"
THEME = str(theme_folder())  # the theme of the installed package
TIMEZONE = "Asia/Ho_Chi_Minh"
DEFAULT_LANG = "vi"
DEFAULT_DATE = None
DEFAULT_CATEGORY = ""
USE_FOLDER_AS_CATEGORY = False
DELETE_OUTPUT_DIRECTORY = False

ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images", "files"]
READERS = {"rst": None, "html": None, "htm": None}  # the officer writes Markdown only
MARKDOWN = {
    "extensions": ["markdown.extensions.extra", "markdown.extensions.sane_lists"],
    "output_format": "html",
}
FORMATTED_FIELDS = []  # the summary (sa-pô) is plain text: no second Markdown pass
# "Ngày 20/10" → ngay-20-10 (Pelican's default drops the slash: ngay-2010)
SLUG_REGEX_SUBSTITUTIONS = [
    (r"[^\w\s-]+", " "),
    (r"(?u)\A\s*", ""),
    (r"(?u)\s*\Z", ""),
    (r"[-\s]+", "-"),
]

# ----------------------------------------------------------------- URLs
# One table for both languages: pretty URLs, Vietnamese paths at /, English under /en/.
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


def url_settings(lang):
    """Pelican's *_URL / *_SAVE_AS settings for one language, from SITE_URLS."""
    urls = SITE_URLS[lang]
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
    number = urls["page_number"]
    later = "{base_name}/" + number + "/{number}/"
    settings["PAGINATION_PATTERNS"] = ((1, "{url}", "{save_as}"), (2, later, later + "index.html"))
    return settings


globals().update(url_settings("vi"))
ARTICLE_TRANSLATION_ID = ("slug", "date")  # recurring titles never collide (dated URLs)
PAGE_TRANSLATION_ID = "slug"
DRAFT_URL = "ban-nhap/{slug}/"
DRAFT_SAVE_AS = "ban-nhap/{slug}/index.html"
DRAFT_LANG_URL = "ban-nhap/{slug}-{lang}/"
DRAFT_LANG_SAVE_AS = "ban-nhap/{slug}-{lang}/index.html"
DRAFT_PAGE_URL = "ban-nhap/trang/{slug}/"
DRAFT_PAGE_SAVE_AS = "ban-nhap/trang/{slug}/index.html"
DRAFT_PAGE_LANG_URL = DRAFT_PAGE_LANG_SAVE_AS = ""
AUTHOR_SAVE_AS = AUTHORS_SAVE_AS = ""  # the author is a byline, not a page
CATEGORIES_SAVE_AS = ""  # the menu lists the categories
MONTH_ARCHIVE_URL = "{date:%Y}/{date:%m}/"
MONTH_ARCHIVE_SAVE_AS = "{date:%Y}/{date:%m}/index.html"
# 404 is written to 404.html; search and upstream news (tin cấp trên) follow SITE_URLS
DIRECT_TEMPLATES = ["index", "archives", "tags", "404", "search", "upstream"]
INDEX_URL = ""  # "Trang trước" from page 2 leads to "/", not "/index.html"
DEFAULT_PAGINATION = 10
PAGINATED_TEMPLATES = {
    "index": None,
    "category": None,
    "tag": None,
    "branch": None,
    "campaign": None,
    "model": None,
}

# ----------------------------------------------------------------- feeds
# One site = one language: its feeds hold its own articles only (i18n_subsites bug "b").
FEED_DOMAIN = "http://127.0.0.1:8000"  # the preview server; publishconf uses SITEURL
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
FEED_ATOM = "feeds/atom.xml"
FEED_RSS = "feeds/rss.xml"
CATEGORY_FEED_ATOM = "feeds/{slug}.atom.xml"
CATEGORY_FEED_RSS = "feeds/{slug}.rss.xml"
TRANSLATION_FEED_ATOM = None
TRANSLATION_FEED_RSS = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TAG_FEED_ATOM = None
TAG_FEED_RSS = None
FEED_MAX_ITEMS = 30
RSS_FEED_SUMMARY_ONLY = True

# ----------------------------------------------------------------- upstream news
# News from the union above, shown on the home page and at /tin-cap-tren/. `make upstream`
# fetches them into content/data/upstream.json (kept in git); `make html`/`make publish`
# refresh it when the last check (cache/upstream-status.json) is older than
# UPSTREAM_MAX_AGE_HOURS, and rewrite it only when new news arrived; the build only reads
# it. Replace these sample sources with the RSS addresses of your parent unions.
UPSTREAM_FEEDS = []  # e.g. [("Hội LHPN tỉnh", "https://…/rss.xml")]
UPSTREAM_MAX_AGE_HOURS = 6
UPSTREAM_HOME_ITEMS = 5

# ----------------------------------------------------------------- after the build
# Run on the finished build before it replaces output/ (plugins/sitebuild/poststeps.py).
SEARCH_INDEX = True  # Pagefind index of article bodies, both languages, at /pagefind/
PRECOMPRESS = False  # .gz/.br copies of text files; make deploy DEPLOY=rsync writes them

# ----------------------------------------------------------------- plugins
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

# Cross-posting to Facebook and Zalo (plugins/crosspost, README "Đăng lên Facebook và Zalo").
# The plan, Zalo kit and report are written by make publish only (publishconf.py).
CROSSPOST = {
    "plan": False,
    "start": "2026-12-01",  # nothing dated earlier is ever posted
    "targets": {"*": ["facebook", "zalo:ban-chap-hanh"]},
}

# Photos (plugins/media): every default and its meaning is in plugins/media/settings.py.
# For example MEDIA = {"formats": ["avif", "webp"]} adds AVIF (smaller, slower to build).
MEDIA = {}

JINJA_ENVIRONMENT = {
    "extensions": ["jinja2.ext.i18n"],
    "autoescape": True,
    "trim_blocks": True,
    "lstrip_blocks": True,
    # templates do not change during a build: skip a stat() per include (tens of thousands)
    "auto_reload": False,
}
# Template msgids are English; both vi and en are real catalogs (theme/translations).
I18N_TEMPLATES_LANG = "msgid"
I18N_UNTRANSLATED_ARTICLES = "remove"  # untranslated content stays in its own language
I18N_UNTRANSLATED_PAGES = "remove"


def subsite(lang, siteurl):
    """Overrides for the sub-site of ``lang`` under ``siteurl + '/' + lang``."""
    return {
        **url_settings(lang),
        "SITEURL": f"{siteurl}/{lang}",
        "FEED_DOMAIN": f"{siteurl or FEED_DOMAIN}/{lang}",
        "DRAFT_URL": "drafts/{slug}/",
        "DRAFT_SAVE_AS": "drafts/{slug}/index.html",
        "DRAFT_PAGE_URL": "drafts/pages/{slug}/",
        "DRAFT_PAGE_SAVE_AS": "drafts/pages/{slug}/index.html",
    }


I18N_SUBSITES = {"en": subsite("en", SITEURL)}

SITEMAPS_EXCLUDE = ("ban-nhap/", "en/drafts/", "admin/")  # previews and the editor: not indexed

# ----------------------------------------------------------------- writing in the browser
# /admin/ is an editor (Sveltia CMS) that commits articles to the site's GitHub repository
# (plugins/cms, README "Viết bài trên trình duyệt"). `make cms-install` fetches the pinned
# script once; the build copies it to /admin/ and writes admin/config.yml from the data.
CMS_ENABLED = False  # the editor commits to one site per repository
CMS_REPO = ""  # "tai-khoan/ten-kho" on GitHub; empty: GITHUB_REPOSITORY (set by GitHub Actions)
CMS_BRANCH = "main"
CMS_OAUTH_BASE_URL = ""  # an OAuth helper for the "Sign in with GitHub" button; empty: token

CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
