"""The site's own settings (pelicanconf.py): declared once, checked by ``config.load_settings``.

Pelican's own settings keep Pelican's meaning and the package's values (``defaults.py``);
these are the ones a unit sets or the package adds. A plugin's own settings are declared in
its package (``settings_registry.REGISTRY``).
"""

from __future__ import annotations

import re
from zoneinfo import available_timezones

from .schema import Setting, positive
from .urls import SITE_URLS


def _address(value: str) -> bool:
    return value == "" or re.match(r"^https?://[^\s/]+(/\S*)?$", value) is not None


def _lang(value: str) -> bool:
    return re.match(r"^[a-z]{2,3}$", value) is not None


def _url_table(value: dict) -> bool:
    return all(
        isinstance(lang, str)
        and isinstance(urls, dict)
        and all(
            isinstance(kind, str) and isinstance(pattern, str) for kind, pattern in urls.items()
        )
        for lang, urls in value.items()
    )


def parse_version(text: str) -> tuple[int, int, int] | None:
    """``"1.1.0"`` → (1, 1, 0); None for anything that is not X.Y.Z."""
    found = re.fullmatch(r"\s*v?(\d+)\.(\d+)\.(\d+)\s*", str(text))
    return tuple(int(part) for part in found.groups()) if found else None


# read by the doctor (reading_changes.py): what a newer version reads differently
TINHOI_VERSION = Setting(
    "TINHOI_VERSION",
    # a site that records none was made before sites recorded one: 1.0.0 or older
    "1.0.0",
    "Phiên bản Tin Hội mà bài viết và thiết lập của trang được kiểm tra lần cuối; "
    "make check liệt kê những gì bản mới hơn đọc khác đi, sửa xong thì ghi phiên bản mới.",
    str,
    lambda value: parse_version(value) is not None,
    "phải là số phiên bản dạng X.Y.Z, ví dụ “1.1.0”",
)


SITE = (
    TINHOI_VERSION,
    Setting(
        "SITEURL",
        "",
        "Địa chỉ của trang khi lên mạng, không có “/” ở cuối (https://hoiphunu.example.vn). "
        "Để trống khi xem trên máy; publishconf.py lấy từ biến môi trường SITEURL.",
        str,
        _address,
        "phải là địa chỉ bắt đầu bằng http:// hoặc https://, hoặc để trống",
    ),
    Setting(
        "TIMEZONE",
        "Asia/Ho_Chi_Minh",
        "Múi giờ của ngày giờ ghi trong bài (Date:) và của lịch đăng bài.",
        str,
        lambda value: value in available_timezones(),
        "phải là tên một múi giờ, ví dụ “Asia/Ho_Chi_Minh”",
    ),
    Setting(
        "DEFAULT_LANG",
        "vi",
        "Ngôn ngữ của trang chính (ở “/”); mã hai chữ cái.",
        str,
        _lang,
        "phải là mã ngôn ngữ hai chữ cái thường, ví dụ “vi”",
    ),
    Setting(
        "SUBSITE_LANGS",
        ["en"],
        "Các ngôn ngữ có trang con riêng (ở “/en/”…). [] nếu trang chỉ có tiếng Việt.",
        (list, tuple),
        lambda value: all(isinstance(lang, str) and _lang(lang) for lang in value),
        'phải là danh sách mã ngôn ngữ hai chữ cái, ví dụ ["en"]',
    ),
    Setting(
        "SITE_URLS",
        {},
        "Đổi địa chỉ của một loại trang trong một ngôn ngữ, ví dụ "
        '{"vi": {"category": "muc/{slug}/"}}. Điều gì không ghi thì theo bảng của Tin Hội '
        f"(các loại: {', '.join(SITE_URLS['vi'])}).",
        dict,
        _url_table,
        "phải là bảng {ngôn ngữ: {loại trang: địa chỉ}} với các giá trị là chuỗi",
    ),
    Setting(
        "DEFAULT_PAGINATION",
        10,
        "Số bài trên mỗi trang danh sách (trang chủ, chuyên mục, chủ đề…).",
        **positive(),
    ),
    Setting(
        "BASE_PATH",
        "",
        "Thư mục của trang trên một tên miền dùng chung (hoi-phu-nu: trang ở SITEURL/hoi-phu-nu/). "
        "publishconf.py lấy từ biến môi trường BASE_PATH.",
        str,
    ),
    Setting(
        "PREVIEW_DRAFTS",
        True,
        "Dựng bản nháp để xem trước (ở /ban-nhap/). publishconf.py đặt False: bản công khai "
        "không bao giờ có bản nháp.",
        bool,
    ),
)

# after the build, on the finished site (poststeps.py)
POST_BUILD = (
    Setting(
        "SEARCH_INDEX",
        True,
        "Tạo chỉ mục tìm kiếm (Pagefind) cho trang /tim-kiem/, cả hai ngôn ngữ.",
        bool,
    ),
    Setting(
        "SEARCH_TIMEOUT",
        300,
        "Số giây tối đa cho việc tạo chỉ mục tìm kiếm.",
        **positive(whole=False),
    ),
    Setting(
        "PRECOMPRESS",
        False,
        "Viết thêm bản nén .gz/.br cạnh các tệp chữ (make deploy DEPLOY=rsync tự làm).",
        bool,
    ),
    Setting(
        "PRECOMPRESS_MIN_BYTES",
        512,
        "Tệp nhỏ hơn số byte này thì không nén.",
        **positive(),
    ),
    Setting(
        "PRECOMPRESS_SUFFIXES",
        (".html", ".css", ".js", ".mjs", ".json", ".xml", ".txt", ".svg"),
        "Đuôi các tệp được nén.",
        (tuple, list),
    ),
    Setting(
        "PRECOMPRESS_BROTLI_QUALITY",
        6,
        "Mức nén brotli (6 nhanh như gzip 9 mà nhỏ hơn 5 %).",
        **positive(),
    ),
    Setting(
        "SITEBUILD_PARALLEL",
        True,
        "Xử lý ảnh và tạo chỉ mục song song với việc dựng trang.",
        bool,
    ),
    Setting(
        "SITEBUILD_KEEP_CONTENTS",
        False,
        "Giữ các bài đã đọc từ lần dựng trước (bộ nhớ khi xem trước, cache/ khi dựng một lần) "
        "để lần sau chỉ đọc lại bài đã sửa. Tắt: chưa nhanh hơn đủ so với bộ nhớ nó tốn.",
        bool,
    ),
    Setting(
        "SITEBUILD_EARLY_PAGES",
        True,
        "Xem trước (make devserver): hiện ngay trang bài vừa sửa, trong khi cả trang được dựng "
        "lại. Tốn thêm bộ nhớ cỡ một lần dựng (khoảng 40 MB với 1.000 bài, 450 MB với 10.000 "
        "bài); tắt (False) nếu máy ít bộ nhớ.",
        bool,
    ),
)

SETTINGS = SITE + POST_BUILD
