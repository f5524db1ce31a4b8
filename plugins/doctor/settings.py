"""The doctor's thresholds (``DOCTOR_*``), declared once and checked when ``make check`` reads
the site."""

from __future__ import annotations

from tinhoi.sitebuild.schema import Setting, defaults


def _positive(value) -> bool:
    return value > 0


SETTINGS = (
    Setting(
        "DOCTOR_SUMMARY_MAX_CHARS",
        200,
        "make check nhắc khi tóm tắt (Summary) dài hơn số ký tự này: Zalo và Facebook cắt "
        "bớt khi xem trước.",
        int,
        _positive,
        "phải là số nguyên dương",
    ),
    Setting(
        "DOCTOR_IMAGE_MAX_BYTES",
        2_000_000,
        "make check nhắc khi một ảnh lớn hơn số byte này: ảnh lớn làm nặng kho và tệp zip.",
        int,
        _positive,
        "phải là số nguyên dương",
    ),
    Setting(
        "DOCTOR_IMAGE_MAX_SIDE",
        4000,
        "make check nhắc khi cạnh dài nhất của một ảnh lớn hơn số điểm ảnh này.",
        int,
        _positive,
        "phải là số nguyên dương",
    ),
)
DEFAULTS = defaults(SETTINGS)
