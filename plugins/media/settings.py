"""The ``MEDIA`` setting: each key declared once (type, default, meaning), checked by the schema.

A wrong key is reported in Vietnamese, naming it (``MEDIA["widths"]``), and replaced by its
default: a wrong setting never stops the officer's build. ``MediaSettings`` is the checked
table the rest of the plugin reads.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from PIL import ImageColor, features

from tinhoi.sitebuild.schema import Setting, checked_value, label, number, table, tell

FONTS = Path(__file__).resolve().parent / "fonts"
MODERN_FORMATS = ("avif", "webp")  # besides the JPEG every browser reads


def _whole(value, low: int, high: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def _widths(value) -> bool:
    return bool(value) and all(_whole(width, 16, 8000) for width in value)


def _format(name) -> bool | str:
    if not isinstance(name, str) or name.lower() not in MODERN_FORMATS:
        return f"chỉ nhận {', '.join(MODERN_FORMATS)} (JPEG luôn có sẵn)"
    if name.lower() == "avif" and not features.check("avif"):
        return "mà thư viện Pillow ở máy này không ghi được AVIF"
    return True


def _size(value) -> bool:
    return len(value) == 2 and all(_whole(side, 200, 4000) for side in value)


def _color(value) -> bool:
    try:
        ImageColor.getrgb(value)
    except ValueError:
        return False
    return True


def _folder(value: str) -> bool:
    return bool(value.strip("/")) and ".." not in value


def _colour(name: str, default: str, meaning: str) -> Setting:
    return Setting(
        name, default, meaning, str, _color, "phải là một màu, ví dụ “#b0124f” hoặc “white”"
    )


def _font(name: str, default: Path, meaning: str) -> Setting:
    return Setting(
        name, str(default), meaning, str, os.path.isfile, "phải là đường dẫn tới một tệp phông"
    )


KEYS = (
    Setting(
        "widths",
        (400, 800, 1200, 1600),
        "Các chiều rộng (điểm ảnh) của bản ảnh thu nhỏ; ảnh không bao giờ được phóng to.",
        (list, tuple),
        _widths,
        "phải là danh sách số nguyên từ 16 đến 8000",
        clean=lambda value: tuple(sorted(set(value))),
    ),
    Setting(
        "formats",
        ("webp",),
        "Định dạng hiện đại trong <picture>, tốt nhất trước; bản JPEG luôn được làm. AVIF "
        "(“avif”, “webp”) nhỏ hơn khoảng một phần năm với ảnh chụp nhưng mã hoá lâu gấp ~7 lần "
        "WebP và lớn hơn WebP với hình minh hoạ phẳng, nên mặc định tắt.",
        (list, tuple),
        item=Setting("", None, "Một định dạng.", str, _format),
        clean=lambda value: tuple(dict.fromkeys(name.lower() for name in value)),
    ),
    Setting(
        "fallback_width",
        800,
        "Chiều rộng của ảnh JPEG dự phòng (trình duyệt cũ) trong thẻ <img>.",
        **number(16, 8000),
    ),
    table(
        "quality",
        "Chất lượng nén (1–100) của từng định dạng.",
        tuple(
            Setting(name, default, f"Chất lượng ảnh {name.upper()}.", **number(1, 100))
            for name, default in (("avif", 55), ("webp", 75), ("jpeg", 80))
        ),
    ),
    Setting(
        "body_sizes",
        "(min-width: 46rem) 46rem, 100vw",
        "Thuộc tính sizes của ảnh trong thân bài (cột chữ rộng 46rem).",
        str,
        lambda value: bool(value.strip()),
        "không được để trống",
    ),
    Setting(
        "output_dir",
        "media",
        "Thư mục ảnh trong trang đã dựng, ví dụ media/2025/x-800.1a2b3c4d.webp.",
        str,
        _folder,
        "phải là một thư mục trong trang (không trống, không có “..”)",
        clean=lambda value: value.strip("/"),
    ),
    Setting(
        "cache_dir",
        "",
        "Thư mục giữ ảnh đã làm giữa các lần dựng; để trống: CACHE_PATH/media.",
        str,
    ),
    Setting(
        "workers",
        2,
        "Số tiến trình xử lý ảnh cùng lúc.",
        **number(1, 64),
    ),
    Setting(
        "warn_megapixels",
        40,
        "Ảnh lớn hơn số megapixel này vẫn được xử lý nhưng cán bộ được nhắc.",
        **number(1, 1000),
    ),
    Setting(
        "max_megapixels",
        100,
        "Ảnh lớn hơn số megapixel này bị từ chối.",
        **number(1, 1000),
    ),
    Setting(
        "linked_max_size",
        2560,
        "Ảnh mà bài liên kết tới (để tải về) được đăng đã xoá thông tin ẩn, cạnh dài nhất "
        "không quá số điểm ảnh này.",
        **number(64, 20000),
    ),
    _colour("background", "#ffffff", "Màu nền đặt sau ảnh trong suốt khi chuyển sang JPEG."),
    Setting(
        "card_size",
        (1200, 630),
        "Kích cỡ (rộng, cao) của ảnh chia sẻ (Facebook, Zalo).",
        (list, tuple),
        _size,
        "phải là hai số nguyên (rộng, cao) từ 200 đến 4000",
        clean=tuple,
    ),
    Setting("card_quality", 85, "Chất lượng JPEG của ảnh chia sẻ.", **number(1, 100)),
    _font("card_font", FONTS / "NotoSans-Regular.vi.ttf", "Phông chữ thường của ảnh chia sẻ."),
    _font("card_font_bold", FONTS / "NotoSans-Bold.vi.ttf", "Phông chữ đậm của ảnh chia sẻ."),
    table(
        "card_colors",
        "Màu của ảnh chia sẻ.",
        (
            _colour("background", "#fff7fa", "Màu nền."),
            _colour("accent", "#b0124f", "Màu nhấn (dải màu, tên đơn vị)."),
            _colour("ink", "#1d1d1f", "Màu chữ của tiêu đề."),
            _colour("muted", "#595959", "Màu chữ phụ (ngày, địa chỉ trang)."),
        ),
    ),
)
SETTINGS = (
    table(
        "MEDIA",
        "Ảnh: kích cỡ, định dạng, chất lượng, ảnh chia sẻ. Chỉ ghi khoá muốn đổi, ví dụ "
        'MEDIA = {"formats": ["avif", "webp"]}; các khoá khác giữ mặc định.',
        KEYS,
    ),
)
DEFAULTS: dict = SETTINGS[0].default


@dataclass(frozen=True)
class MediaSettings:
    """The checked ``MEDIA`` setting (see ``KEYS`` for the meaning of each field)."""

    widths: tuple[int, ...]
    formats: tuple[str, ...]
    fallback_width: int
    quality: dict = field(hash=False)
    body_sizes: str
    output_dir: str
    cache_dir: str
    workers: int
    warn_megapixels: int
    max_megapixels: int
    linked_max_size: int
    background: str
    card_size: tuple[int, int]
    card_quality: int
    card_font: str
    card_font_bold: str
    card_colors: dict = field(hash=False)

    @property
    def max_pixels(self) -> int:
        return self.max_megapixels * 1_000_000


def check_settings(raw: dict | None, cache_path: str) -> tuple[MediaSettings, list[str]]:
    """Check ``raw`` (the ``MEDIA`` setting) key by key; return the settings and the
    messages logged (one per wrong or unknown key)."""
    values, errors = checked_value(SETTINGS[0], raw)
    if values["warn_megapixels"] > values["max_megapixels"]:
        message = (
            f"{label('MEDIA', 'warn_megapixels')} = {values['warn_megapixels']} lớn hơn "
            f"{label('MEDIA', 'max_megapixels')} = {values['max_megapixels']}; "
            f"hạ xuống bằng {label('MEDIA', 'max_megapixels')}."
        )
        tell(errors, message)
        values["warn_megapixels"] = values["max_megapixels"]
    values["cache_dir"] = os.path.abspath(values["cache_dir"] or os.path.join(cache_path, "media"))
    return MediaSettings(**values), errors
