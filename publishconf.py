"""Settings of the public site: pelicanconf.py plus its address.

SITEURL (the address of the site) and BASE_PATH (a folder on a shared domain) come from
the environment:
    SITEURL=https://hoiphunu.example.vn make publish
    SITEURL=https://tinh.example.vn BASE_PATH=hoi-phu-nu make publish   # …/hoi-phu-nu/
The feeds' domain, the English site's address and the rest follow from SITEURL.
"""

import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))
from pelicanconf import *  # noqa: F403

SITEURL = os.environ.get("SITEURL", "https://hoiphunu.example.vn").rstrip("/")
BASE_PATH = os.environ.get("BASE_PATH", "").strip("/")
if BASE_PATH and not SITEURL.endswith("/" + BASE_PATH):
    SITEURL = f"{SITEURL}/{BASE_PATH}"

# an article dated in the future waits for its time (Pelican makes it a draft until then;
# the hourly scheduled run of the workflow publishes and cross-posts it when it is due)
WITH_FUTURE_DATES = False
PREVIEW_DRAFTS = False  # drafts are previews for the officer, never public

# make publish plans the Facebook posts and writes the Zalo kit (crosspost/, not deployed)
CROSSPOST = {**CROSSPOST, "plan": True}  # noqa: F405
