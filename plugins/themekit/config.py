"""The plugin's settings: declared once (sitebuild.schema), checked once at ``initialized``."""

from __future__ import annotations

from tinhoi.sitebuild.schema import Setting, check, defaults

from .related import DEFAULT_WEIGHTS


def _weights(value: dict) -> bool:
    return (
        bool(value)
        and all(key in DEFAULT_WEIGHTS for key in value)
        and all(
            isinstance(v, int | float) and not isinstance(v, bool) and v > 0 for v in value.values()
        )
    )


def _names(value: dict) -> bool:
    return all(isinstance(k, str) and isinstance(v, str) for k, v in value.items())


SETTINGS = (
    Setting(
        "THEMEKIT_RELATED_MAX",
        4,
        "Số “Tin liên quan” dưới mỗi bài (0: không hiện khối này).",
        int,
        lambda value: 0 <= value <= 50,
        "phải từ 0 đến 50",
    ),
    Setting(
        "THEMEKIT_RELATED_WEIGHTS",
        dict(DEFAULT_WEIGHTS),
        "Trọng số khi chọn tin liên quan: một phong trào, mô hình, chi hội hay chủ đề chung.",
        dict,
        _weights,
        f"chỉ nhận các khoá {', '.join(DEFAULT_WEIGHTS)} với trọng số dương",
    ),
    Setting(
        "THEMEKIT_LOCALES",
        {"vi": "vi_VN", "en": "en_US"},
        "og:locale của từng ngôn ngữ (khi chia sẻ lên mạng xã hội).",
        dict,
        _names,
        "phải là bảng mã ngôn ngữ → chuỗi",
    ),
    Setting(
        "THEMEKIT_LANGUAGE_NAMES",
        {"vi": "Tiếng Việt", "en": "English"},
        "Tên của từng ngôn ngữ trên nút chuyển ngôn ngữ.",
        dict,
        _names,
        "phải là bảng mã ngôn ngữ → chuỗi",
    ),
    Setting(
        "THEMEKIT_FACEBOOK_SHARE",
        True,
        "Hiện liên kết chia sẻ lên Facebook (đường dẫn thường, không tải tập lệnh) dưới mỗi bài.",
        bool,
    ),
)
DEFAULTS = defaults(SETTINGS)


def apply_defaults(settings: dict) -> None:
    """Fill missing settings; replace a bad one by its default with a logged error."""
    check(settings, SETTINGS)
