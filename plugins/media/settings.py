"""The ``MEDIA`` setting: every default in one place, checked once at start-up.

A bad value is logged (for the developer, in English) and replaced by its default: a
wrong setting never stops the officer's build.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from PIL import ImageColor, features

FONTS = Path(__file__).resolve().parent / "fonts"
MODERN_FORMATS = ("avif", "webp")  # besides the JPEG every browser reads

DEFAULTS: dict = {
    # derivative widths in pixels; a photo is never enlarged
    "widths": (400, 800, 1200, 1600),
    # modern formats offered in <picture>, best first; the JPEG fallback is always made.
    # AVIF ("avif", "webp") saves about a fifth on photos but costs ~7× WebP's encode time
    # and is larger than WebP on flat illustrations: off by default (bench/images.py)
    "formats": ("webp",),
    "fallback_width": 800,
    "quality": {"avif": 55, "webp": 75, "jpeg": 80},
    # `sizes` of images in an article body (the text column is 46rem wide)
    "body_sizes": "(min-width: 46rem) 46rem, 100vw",
    "output_dir": "media",  # under the site root: media/2025/x-800.1a2b3c4d.webp
    "cache_dir": "",  # "" → CACHE_PATH/media
    "workers": 2,
    # larger photos are processed but the officer is told; much larger ones are refused
    "warn_megapixels": 40,
    "max_megapixels": 100,
    # a photo the officer links to on purpose is published stripped, at most this long edge
    "linked_max_size": 2560,
    "background": "#ffffff",  # behind transparent images when made JPEG
    "card_size": (1200, 630),
    "card_quality": 85,
    "card_font": str(FONTS / "NotoSans-Regular.vi.ttf"),
    "card_font_bold": str(FONTS / "NotoSans-Bold.vi.ttf"),
    "card_colors": {
        "background": "#fff7fa",
        "accent": "#b0124f",
        "ink": "#1d1d1f",
        "muted": "#595959",
    },
}


@dataclass(frozen=True)
class MediaSettings:
    """The checked ``MEDIA`` setting (see ``DEFAULTS`` for the meaning of each field)."""

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


def _positive_ints(value, low: int, high: int) -> tuple[int, ...] | None:
    try:
        numbers = tuple(sorted({int(v) for v in value}))
    except (TypeError, ValueError):
        return None
    if not numbers or any(not low <= n <= high for n in numbers):
        return None
    return numbers


def _int_in(value, low: int, high: int) -> int | None:
    if isinstance(value, bool):
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if low <= number <= high else None


def _color(value) -> str | None:
    try:
        ImageColor.getrgb(str(value))
    except ValueError:
        return None
    return str(value)


def _check_formats(value, errors: list[str]) -> tuple[str, ...] | None:
    if isinstance(value, str) or not isinstance(value, (list, tuple)):
        return None
    formats = []
    for name in value:
        name = str(name).lower()
        if name not in MODERN_FORMATS:
            return None
        if name == "avif" and not features.check("avif"):
            errors.append("MEDIA['formats']: this Pillow cannot write AVIF; AVIF is left out")
            continue
        if name not in formats:
            formats.append(name)
    return tuple(formats)


def _check_quality(value) -> dict | None:
    if not isinstance(value, dict):
        return None
    merged = dict(DEFAULTS["quality"])
    for name, number in value.items():
        checked = _int_in(number, 1, 100)
        if name not in merged or checked is None:
            return None
        merged[name] = checked
    return merged


def _check_colors(value) -> dict | None:
    if not isinstance(value, dict):
        return None
    merged = dict(DEFAULTS["card_colors"])
    for name, color in value.items():
        if name not in merged or _color(color) is None:
            return None
        merged[name] = str(color)
    return merged


def _check_font(value) -> str | None:
    path = str(value or "")
    return path if path and os.path.isfile(path) else None


def _check_size(value) -> tuple[int, int] | None:
    try:
        width, height = (int(v) for v in value)
    except (TypeError, ValueError):
        return None
    if not (200 <= width <= 4000 and 200 <= height <= 4000):
        return None
    return width, height


CHECKS = {
    "widths": lambda v, e: _positive_ints(v, 16, 8000),
    "formats": _check_formats,
    "fallback_width": lambda v, e: _int_in(v, 16, 8000),
    "quality": lambda v, e: _check_quality(v),
    "body_sizes": lambda v, e: v if isinstance(v, str) and v.strip() else None,
    "output_dir": lambda v, e: (
        v.strip("/") if isinstance(v, str) and v.strip("/") and ".." not in v else None
    ),
    "cache_dir": lambda v, e: v if isinstance(v, str) else None,
    "workers": lambda v, e: _int_in(v, 1, 64),
    "warn_megapixels": lambda v, e: _int_in(v, 1, 1000),
    "max_megapixels": lambda v, e: _int_in(v, 1, 1000),
    "linked_max_size": lambda v, e: _int_in(v, 64, 20000),
    "background": lambda v, e: _color(v),
    "card_size": lambda v, e: _check_size(v),
    "card_quality": lambda v, e: _int_in(v, 1, 100),
    "card_font": lambda v, e: _check_font(v),
    "card_font_bold": lambda v, e: _check_font(v),
    "card_colors": lambda v, e: _check_colors(v),
}


def check_settings(raw: dict | None, cache_path: str) -> tuple[MediaSettings, list[str]]:
    """Merge ``raw`` over ``DEFAULTS``; return the settings and one message per bad value."""
    errors: list[str] = []
    if raw is not None and not isinstance(raw, dict):
        errors.append(f"MEDIA must be a dict, not {type(raw).__name__}; using the defaults")
        raw = {}
    raw = raw or {}
    for key in sorted(set(raw) - set(DEFAULTS)):
        errors.append(f"MEDIA[{key!r}] is not a setting of the media plugin; ignored")
    values = {}
    for key, default in DEFAULTS.items():
        if key not in raw:
            values[key] = CHECKS[key](default, []) or default
            continue
        checked = CHECKS[key](raw[key], errors)
        if checked is None:
            errors.append(f"MEDIA[{key!r}] = {raw[key]!r} is not valid; using {default!r}")
            checked = CHECKS[key](default, []) or default
        values[key] = checked
    if values["warn_megapixels"] > values["max_megapixels"]:
        errors.append("MEDIA['warn_megapixels'] is above MEDIA['max_megapixels']; lowered")
        values["warn_megapixels"] = values["max_megapixels"]
    if not values["cache_dir"]:
        values["cache_dir"] = os.path.join(cache_path, "media")
    values["cache_dir"] = os.path.abspath(values["cache_dir"])
    return MediaSettings(**values), errors
