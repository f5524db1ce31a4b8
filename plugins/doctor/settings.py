"""The doctor's thresholds (``DOCTOR_*``), declared once and checked when ``make check`` reads
the site."""

from __future__ import annotations

from tinhoi.sitebuild.schema import Setting, defaults, positive

SETTINGS = (
    Setting(
        "DOCTOR_SUMMARY_MAX_CHARS",
        200,
        "make check nhắc khi tóm tắt (Summary) dài hơn số ký tự này: Zalo và Facebook cắt "
        "bớt khi xem trước.",
        **positive(),
    ),
    Setting(
        "DOCTOR_IMAGE_MAX_BYTES",
        2_000_000,
        "make check nhắc khi một ảnh lớn hơn số byte này: ảnh lớn làm nặng kho và tệp zip.",
        **positive(),
    ),
    Setting(
        "DOCTOR_IMAGE_MAX_SIDE",
        4000,
        "make check nhắc khi cạnh dài nhất của một ảnh lớn hơn số điểm ảnh này.",
        **positive(),
    ),
)
DEFAULTS = defaults(SETTINGS)
