"""Thiết lập của bản công khai: pelicanconf.py cộng địa chỉ của trang.

SITEURL (địa chỉ trang) và BASE_PATH (thư mục trên một tên miền dùng chung) lấy từ biến
môi trường:
    SITEURL=https://hoiphunu.example.vn make publish
"""

import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))
from pelicanconf import *  # noqa: F403

SITEURL = os.environ.get("SITEURL", "https://hoiphunu.example.vn").rstrip("/")
BASE_PATH = os.environ.get("BASE_PATH", "c").strip("/")
if BASE_PATH and not SITEURL.endswith("/" + BASE_PATH):
    SITEURL = f"{SITEURL}/{BASE_PATH}"

WITH_FUTURE_DATES = False  # bài hẹn giờ chờ đến giờ mới đăng
PREVIEW_DRAFTS = False  # bản nháp không bao giờ lên mạng
CROSSPOST = {**CROSSPOST, "plan": True}  # noqa: F405
