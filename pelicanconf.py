"""Settings of the site, for building and previewing on this computer: values only.

Whatever is not here has Tin Hội's value; `make settings` lists every setting with its
type, default and meaning. The union's own facts (name, address, branches, campaigns…)
are not here either: they live in content/data/*.yml. publishconf.py adds what the
public site needs (its address).
"""

# the version of Tin Hội this site's content and settings were last checked against: after
# an update, `make check` lists what the new version reads differently (then raise this)
TINHOI_VERSION = "1.1.0"
SITENAME = "Hội Liên hiệp Phụ nữ"  # replaced in templates by the name in content/data/unit.yml
AUTHOR = "Ban Biên tập"
SITEURL = ""
TIMEZONE = "Asia/Ho_Chi_Minh"
DEFAULT_LANG = "vi"
SUBSITE_LANGS = ["en"]  # the English site at /en/
DEFAULT_PAGINATION = 10

# News from the union above, shown on the home page and at /tin-cap-tren/. `make upstream`
# fetches them into content/data/upstream.json (kept in git); `make html`/`make publish`
# refresh it when the last check (cache/upstream-status.json) is older than
# UPSTREAM_MAX_AGE_HOURS, and rewrite it only when new news arrived; the build only reads
# it. Replace these sample sources with the RSS addresses of your parent unions.
UPSTREAM_FEEDS = [
    ("Hội LHPN tỉnh (tin mẫu)", "https://hoiphunu-tinh.example.vn/rss/tin-tuc.rss"),
    ("Báo Phụ nữ (tin mẫu)", "https://baophunu.example.vn/rss/hoi-phu-nu.rss"),
]
UPSTREAM_MAX_AGE_HOURS = 6
UPSTREAM_HOME_ITEMS = 5

# Run on the finished build before it replaces output/
SEARCH_INDEX = True  # Pagefind index of article bodies, both languages, at /pagefind/
PRECOMPRESS = False  # .gz/.br copies of text files; make deploy DEPLOY=rsync writes them

# Cross-posting to Facebook and Zalo (README "Đăng lên Facebook và Zalo").
# The plan, Zalo kit and report are written by make publish only (publishconf.py).
CROSSPOST = {
    "plan": False,
    "start": "2026-12-01",  # nothing dated earlier is ever posted
    "targets": {"*": ["facebook", "zalo:ban-chap-hanh"]},
}

# Photos: every default and its meaning is in `make settings` and tinhoi/media/settings.py.
# For example MEDIA = {"formats": ["avif", "webp"]} adds AVIF (smaller, slower to build).
MEDIA = {}

# /admin/ is an editor (Sveltia CMS) that commits articles to the site's GitHub repository
# (README "Viết bài trên trình duyệt"). `make cms-install` fetches the pinned script once.
CMS_ENABLED = True
CMS_REPO = ""  # "tai-khoan/ten-kho" on GitHub; empty: GITHUB_REPOSITORY (set by GitHub Actions)
CMS_BRANCH = "main"
CMS_OAUTH_BASE_URL = ""  # an OAuth helper for the "Sign in with GitHub" button; empty: token
