"""The unitdata plugin's settings, declared once (checked when Pelican starts)."""

from __future__ import annotations

from tinhoi.sitebuild.schema import Setting

from .loading import DATA_DIR

SETTINGS = (
    Setting(
        "UNITDATA_DIR",
        DATA_DIR,
        "Thư mục các tệp dữ liệu của đơn vị (unit.yml, categories.yml…) trong content/.",
        str,
    ),
    Setting(
        "UNITDATA_DEFAULT_CATEGORY",
        "hoat-dong-hoi",
        "Chuyên mục (khoá trong categories.yml) của bài không ghi Category:.",
        str,
    ),
    Setting(
        "UNITDATA_ABOUT_PAGE",
        "gioi-thieu",
        "Trang (slug) giới thiệu đơn vị; trang này cũng kể đơn vị được hợp nhất từ đâu.",
        str,
    ),
)
