"""Thiết lập của trang, khi dựng và xem trên máy: chỉ ghi giá trị.

Điều gì không ghi ở đây thì theo mặc định của Tin Hội; `make settings` in mọi thiết lập
kèm kiểu, giá trị mặc định và ý nghĩa. Thông tin của đơn vị (tên, địa chỉ, chi hội…) nằm
trong content/data/*.yml. publishconf.py thêm địa chỉ của trang khi lên mạng.
"""

# phiên bản Tin Hội mà bài viết và thiết lập được kiểm tra lần cuối: `make check` liệt kê
# những gì một bản mới hơn đọc khác đi; sửa xong thì ghi số phiên bản mới vào đây
TINHOI_VERSION = "1.1.0"

SITENAME = "Hội LHPN xã An Phú"  # trên trang dùng tên trong content/data/unit.yml
AUTHOR = "Ban Biên tập"
SITEURL = ""
TIMEZONE = "Asia/Ho_Chi_Minh"
DEFAULT_LANG = "vi"
SUBSITE_LANGS = ["en"]  # trang tiếng Anh ở /en/; [] nếu chỉ có tiếng Việt

# Tin của Hội cấp trên: (tên nguồn, địa chỉ RSS). `make upstream` lấy tin mới.
UPSTREAM_FEEDS = []

SEARCH_INDEX = True  # ô tìm kiếm trên trang

# Đăng bài lên Facebook và Zalo: không bài nào trước ngày "start" (ngày tạo trang) được đăng.
CROSSPOST = {
    "plan": False,
    "start": "2026-12-04",
    "targets": {"*": ["facebook", "zalo:ban-chap-hanh"]},
}

# Ảnh: chỉ ghi điều muốn đổi, ví dụ MEDIA = {"formats": ["avif", "webp"]}.
MEDIA = {}

# Viết bài trên trình duyệt (/admin/): "tai-khoan/ten-kho" trên GitHub.
CMS_ENABLED = False
CMS_REPO = ""
CMS_BRANCH = "main"
