"""Settings of the public site: pelicanconf.py plus absolute URLs.

SITEURL can be overridden from the environment for previews and sub-paths:
    SITEURL=https://hoiphunu.example.vn/hoi-phu-nu make publish
"""

import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))
from pelicanconf import *  # noqa: F403

SITEURL = os.environ.get("SITEURL", "https://hoiphunu.example.vn").rstrip("/")
FEED_DOMAIN = SITEURL
RELATIVE_URLS = False
I18N_SUBSITES = {"en": subsite("en", SITEURL)}  # noqa: F405

# drafts are previews for the officer, never public
DRAFT_SAVE_AS = DRAFT_LANG_SAVE_AS = DRAFT_PAGE_SAVE_AS = DRAFT_PAGE_LANG_SAVE_AS = ""
I18N_SUBSITES["en"].update(DRAFT_SAVE_AS="", DRAFT_PAGE_SAVE_AS="")

# make publish plans the Facebook posts and writes the Zalo kit (crosspost/, not deployed)
CROSSPOST = {**CROSSPOST, "plan": True}  # noqa: F405
