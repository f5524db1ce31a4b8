"""The text of one post: a channel's Jinja template, fitted to the channel's limit.

When the text is too long, hashtags go first (from the end), then the text (summary or
``Social_text``) is shortened, then the title; the link is never cut. All text is NFC.
"""

from __future__ import annotations

import re

import jinja2

from tinhoi.vietnamese.graphemes import hashtags, length, truncate
from tinhoi.vietnamese.text import nfc

_BLANK_LINES = re.compile(r"\n{3,}")


def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        autoescape=False, undefined=jinja2.ChainableUndefined, keep_trailing_newline=False
    )


def _tidy(text: str) -> str:
    lines = [line.rstrip() for line in nfc(text).replace("\r\n", "\n").split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def values(record: dict, link: str, config: dict, group: dict | None = None) -> dict:
    """Template variables for ``record``; see README for the list."""
    options = config["hashtags"]
    tags = list(options.get("fixed") or []) + list(record["tags"])
    return {
        "title": record["title"],
        "text": record["social_text"] or record["summary"],
        "summary": record["summary"],
        "link": link,
        "tags": record["tags"],
        "hashtag_list": hashtags(tags, bool(options.get("ascii")), options.get("max")),
        "branches": [branch["name"] for branch in record["branches"]],
        "category": record["category"]["name"],
        "group": (group or {}).get("name", ""),
    }


def render(template: str, variables: dict) -> str:
    tags = variables["hashtag_list"]
    return _tidy(_environment().from_string(template).render(**variables, hashtags=" ".join(tags)))


def compose(template: str, variables: dict, limit: int) -> tuple[str, bool]:
    """Render and fit; return ``(text, fits)``. ``fits`` is False only when even the
    shortest form (no hashtags, no text, a one-word title) is longer than ``limit``."""
    variables = dict(variables)
    text = render(template, variables)
    while length(text) > limit and variables["hashtag_list"]:
        variables["hashtag_list"] = variables["hashtag_list"][:-1]
        text = render(template, variables)
    for field in ("text", "title"):
        for _ in range(5):  # each pass shortens by the overflow; marks may need one more
            overflow = length(text) - limit
            if overflow <= 0:
                return text, True
            current = variables[field]
            if not current:
                break
            room = max(length(current) - overflow, 0)
            variables[field] = truncate(current, room) if room > 1 else ""
            text = render(template, variables)
    return text, length(text) <= limit
