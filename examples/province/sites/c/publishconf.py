"""Settings of the public site of c: pelicanconf.py plus absolute URLs.

The province's workflow builds every site under one address, each in its own folder:
    SITEURL=https://tinh.example.vn BASE_PATH=c make publish SITE=c
"""

import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))
from pelicanconf import *  # noqa: F403

SITEURL = os.environ.get("SITEURL", "https://hoiphunu.example.vn").rstrip("/")
BASE_PATH = os.environ.get("BASE_PATH", "c").strip("/")
if BASE_PATH and not SITEURL.endswith("/" + BASE_PATH):
    SITEURL = f"{SITEURL}/{BASE_PATH}"
FEED_DOMAIN = SITEURL
RELATIVE_URLS = False
I18N_SUBSITES = {"en": subsite("en", SITEURL)}  # noqa: F405

# an article dated in the future waits for its time (Pelican makes it a draft until then;
# the hourly scheduled run of the workflow publishes and cross-posts it when it is due)
WITH_FUTURE_DATES = False
I18N_SUBSITES["en"]["WITH_FUTURE_DATES"] = False

# drafts are previews for the officer, never public
DRAFT_SAVE_AS = DRAFT_LANG_SAVE_AS = DRAFT_PAGE_SAVE_AS = DRAFT_PAGE_LANG_SAVE_AS = ""
I18N_SUBSITES["en"].update(DRAFT_SAVE_AS="", DRAFT_PAGE_SAVE_AS="")

# make publish plans the Facebook posts and writes the Zalo kit (crosspost/, not deployed)
CROSSPOST = {**CROSSPOST, "plan": True}  # noqa: F405
