"""Find sources by slug and write new ones without ever overwriting the officer's work."""

from __future__ import annotations

import os
from pathlib import Path

from tinhoi.vietnamese.encoding import decode_source
from tinhoi.vietnamese.frontmatter import Header, split_header

SOURCE_DIRS = ("articles", "pages")


class AuthoringError(Exception):
    """A request the officer must change (message in Vietnamese)."""


def read_header(path: Path) -> Header:
    """The metadata and body of ``path``, decoded the way the build decodes it."""
    return split_header(decode_source(path.read_bytes()).text)


def is_translation(path: Path) -> bool:
    return path.name.endswith(".en.md")


def find_original(content: Path, slug: str) -> Path:
    """The main-language source whose ``Slug:`` (or file name) is ``slug``."""
    found = []
    for folder in SOURCE_DIRS:
        for path in sorted((content / folder).rglob("*.md")):
            if is_translation(path):
                continue
            if path.stem == slug or read_header(path).values.get("slug") == slug:
                found.append(path)
    if not found:
        raise AuthoringError(
            f"không tìm thấy bài nào có “Slug: {slug}” trong content/articles hoặc "
            "content/pages. Hãy chép đúng dòng Slug của bài tiếng Việt."
        )
    if len(found) > 1:
        names = ", ".join(str(path.relative_to(content.parent)) for path in found)
        raise AuthoringError(f"có nhiều bài cùng “Slug: {slug}”: {names}.")
    return found[0]


def write_new(path: Path, text: str) -> None:
    """Create ``path`` with ``text``; refuse if it exists (atomic, never overwrites)."""
    if path.exists():
        raise AuthoringError(f"tệp {path} đã có; không ghi đè. Hãy mở tệp đó để sửa.")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8", newline="\n")
    try:
        os.link(tmp, path)  # fails if the file appeared meanwhile
    except FileExistsError:
        raise AuthoringError(f"tệp {path} đã có; không ghi đè.") from None
    finally:
        tmp.unlink(missing_ok=True)


def replace_value(path: Path, key: str, value: str, after: str = "lang") -> None:
    """Set ``key`` in the header of ``path`` in place, keeping every other line."""
    text = path.read_text(encoding="utf-8")
    header = split_header(text)
    lines = text.split("\n")
    label = key.capitalize() if key != "original_version" else "Original_version"
    if key in header.lines:
        lines[header.lines[key] - 1] = f"{label}: {value}"
    elif header.style == "yaml":  # front matter: just before the closing fence
        lines.insert(header.body_line - 2, f"{label}: {value}")
    else:
        at = header.lines.get(after, len(header.values))
        lines.insert(at, f"{label}: {value}")
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text("\n".join(lines), encoding="utf-8", newline="\n")
    os.replace(tmp, path)
