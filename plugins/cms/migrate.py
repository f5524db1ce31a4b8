"""Rewrite a ``Key: value`` header as YAML front matter, so the browser editor can open it.

The editor reads only headers between ``---`` fences. This turns a flat header into the
front matter the editor itself writes: lists for tags, branches, campaigns, models and
Zalo groups, ``true``/``false`` for yes/no switches, quotes only where YAML needs them.
The body is kept byte for byte. A file whose new header would not read back to the same
metadata is left alone.

A front matter the editor would misread is completed too (``ready_for_editor``): it shows a
file without ``Status`` as a draft, and saves it so; it finds a cover written from the site
root (``/images/…``), which is how it writes one, not ``images/…``. The site reads both
ways alike, so the build does not change.
"""

from __future__ import annotations

import re

import yaml

from tinhoi.unitdata.resolve import parse_flag
from tinhoi.vietnamese.frontmatter import LIST_KEYS, Header, split_header, split_list

FLAG_KEYS = ("consent", "featured", "crosspost")
CASE = {  # how keys are written (the editor's field names)
    "source_url": "Source_url",
    "cover_alt": "Cover_alt",
    "cover_caption": "Cover_caption",
    "cover_credit": "Cover_credit",
    "social_text": "Social_text",
    "doc_number": "Doc_number",
    "doc_date": "Doc_date",
    "doc_issuer": "Doc_issuer",
    "doc_type": "Doc_type",
    "original_version": "Original_version",
}


_COVER_LINE = re.compile(r"^(Cover:\s*)(['\"]?)(images/)", re.I)


class _Dumper(yaml.SafeDumper):
    """Indent list items under their key, as the editor does (``Tags:\\n  - a``)."""

    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)


def key_name(key: str) -> str:
    return CASE.get(key, key.capitalize())


def _value(key: str, text: str, categories: dict[str, str]):
    if key in LIST_KEYS:
        return split_list(text)
    if key in FLAG_KEYS:
        flag = parse_flag(text)
        return text if flag is None else flag
    if key == "category":
        return categories.get(text, text)
    return text


def front_matter(header: Header, categories: dict[str, str] | None = None) -> str:
    """The YAML front matter (fences included) holding the values of ``header``."""
    mapping = {
        key_name(key): _value(key, value, categories or {}) for key, value in header.values.items()
    }
    text = yaml.dump(mapping, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000)
    return f"---\n{text}---\n"


def _same(old: Header, new: Header, categories: dict[str, str]) -> bool:
    """Does ``new`` say what ``old`` said (flags and category written the editor's way)?"""
    if list(old.values) != list(new.values):
        return False
    for key, value in old.values.items():
        expected = str(_value(key, value, categories))
        if key in LIST_KEYS:
            expected = ", ".join(split_list(value))
        elif isinstance(_value(key, value, categories), bool):
            expected = "true" if parse_flag(value) else "false"
        if new.values[key] != expected:
            return False
    return True


def migrate_text(text: str, categories: dict[str, str] | None = None) -> str | None:
    """``text`` with its flat header as front matter; None if already YAML or unsafe."""
    categories = categories or {}
    old = split_header(text)
    if old.style == "yaml" or not old.values or old.repeated:
        return None
    body = old.body
    new_text = front_matter(old, categories) + ("\n" if body.strip() else "") + body
    new = split_header(new_text)
    if new.style != "yaml" or new.problems or not _same(old, new, categories):
        return None
    if new.body.strip() != body.strip():
        return None
    return new_text


def ready_for_editor(text: str) -> str | None:
    """``text`` (front matter) with ``Status`` written and its cover addressed from the site
    root; None when it needs neither. Only those header lines change."""
    header = split_header(text)
    if header.style != "yaml" or not header.values or header.repeated:
        return None
    lines = text.split("\n")
    changed = False
    if "cover" in header.lines:
        index = header.lines["cover"] - 1
        fixed = _COVER_LINE.sub(r"\1\2/\3", lines[index], count=1)
        changed = fixed != lines[index]
        lines[index] = fixed
    if "status" not in header.values:
        lines.insert(header.body_line - 2, "Status: published")  # before the closing fence
        changed = True
    return "\n".join(lines) if changed else None
