"""Split a Markdown source into its metadata header and body, keeping line numbers.

The header follows Python-Markdown's ``meta`` extension (what Pelican reads): ``Key: value``
lines up to the first blank line, indented continuation lines, optional ``---`` fences.
Knowing each key's line lets every message point the officer at the right place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_KEY = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)$")
_MORE = re.compile(r"^[ ]{4,}(?P<value>.*)$")
_BEGIN = re.compile(r"^-{3}(\s.*)?$")
_END = re.compile(r"^(-{3}|\.{3})(\s.*)?$")


@dataclass
class Header:
    """Metadata values by lower-case key, the line of each key, and the body."""

    values: dict[str, str] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    repeated: list[tuple[str, int]] = field(default_factory=list)
    body: str = ""
    body_line: int = 1


def split_header(text: str) -> Header:
    """Parse the metadata header of ``text``; the first definition of a key wins."""
    header = Header()
    lines = text.split("\n")
    index = 0
    if lines and _BEGIN.match(lines[0]):
        index = 1
    key = None
    while index < len(lines):
        line = lines[index]
        if index > 0 and _END.match(line) and _BEGIN.match(lines[0]):
            index += 1
            break
        if not line.strip():
            index += 1
            break
        match = _KEY.match(line)
        if match:
            key = match.group("key").lower()
            if key in header.values:
                header.repeated.append((key, index + 1))
                key = None
            else:
                header.values[key] = match.group("value").strip()
                header.lines[key] = index + 1
        elif key is not None and _MORE.match(line):
            header.values[key] = f"{header.values[key]} {line.strip()}".strip()
        elif key is None and header.repeated and _MORE.match(line):
            pass  # continuation of an ignored repeated key
        else:
            break  # not metadata: the body starts here
        index += 1
    header.body = "\n".join(lines[index:])
    header.body_line = index + 1
    return header
