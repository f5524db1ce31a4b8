"""The plugin's settings: defaults in one place, checked once at ``initialized``."""

from __future__ import annotations

import logging

from .related import DEFAULT_WEIGHTS

logger = logging.getLogger(__name__)

DEFAULTS = {
    # how many "Tin liên quan" an article shows (0 hides the block)
    "THEMEKIT_RELATED_MAX": 4,
    # weight of one shared campaign / model / branch / tag
    "THEMEKIT_RELATED_WEIGHTS": dict(DEFAULT_WEIGHTS),
    # og:locale of each site language
    "THEMEKIT_LOCALES": {"vi": "vi_VN", "en": "en_US"},
    # a language's own name, for the language switch
    "THEMEKIT_LANGUAGE_NAMES": {"vi": "Tiếng Việt", "en": "English"},
    # the plain Facebook sharer link under each article
    "THEMEKIT_FACEBOOK_SHARE": True,
}


def _valid(key: str, value) -> bool:
    default = DEFAULTS[key]
    if isinstance(default, bool):
        return isinstance(value, bool)
    if isinstance(default, int):
        return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 50
    if key == "THEMEKIT_RELATED_WEIGHTS":
        return (
            isinstance(value, dict)
            and bool(value)
            and all(k in DEFAULT_WEIGHTS for k in value)
            and all(isinstance(v, int | float) and v > 0 for v in value.values())
        )
    return isinstance(value, dict) and all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    )


def apply_defaults(settings: dict) -> None:
    """Fill missing settings; replace a bad one by its default with a logged error."""
    for key, default in DEFAULTS.items():
        if key not in settings:
            settings[key] = default
        elif not _valid(key, settings[key]):
            logger.error(
                "themekit: setting %s=%r is not valid; using the default %r",
                key,
                settings[key],
                default,
            )
            settings[key] = default
