"""Split a Markdown source into its metadata header and body, keeping line numbers.

Two header styles are read:

- Python-Markdown's ``meta`` style (what Pelican reads, what ``make newpost`` writes):
  ``Key: value`` lines up to the first blank line, indented continuation lines.
- YAML front matter between ``---`` fences (what the browser CMS writes): quoted strings,
  lists, block scalars. Lists become the comma-joined text the flat style would have held,
  so every consumer sees one shape. A fenced header that is not valid YAML is read the
  flat way, with a warning.

Either way values are strings as written (no YAML booleans, numbers or dates: ``0123``
stays ``0123``), keys are lower-case, and each key's line is kept so every message
points the officer at the right place.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field

import yaml

from .encoding import WARNING, Problem
from .text import nfc

_KEY = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)$")
_MORE = re.compile(r"^[ ]{4,}(?P<value>.*)$")
_BEGIN = re.compile(r"^-{3}(\s.*)?$")
_END = re.compile(r"^(-{3}|\.{3})(\s.*)?$")
_NULL = "tag:yaml.org,2002:null"
# keys whose list items must not contain the separator the flat style splits on
LIST_KEYS = ("tags", "branches", "campaigns", "models", "zalo", "aliases")


def _header_key(key: str) -> str:
    """One text object for each key, whichever file's header it is read from. Every
    content holds its header by key twice (the values, and the lines for messages): a copy
    of "title", "date"… per article was 770 of the 13,300 bytes an article's object holds
    (1,000 articles); an edit build at 10,000 articles peaks 11 MB lower."""
    return sys.intern(key)


def split_list(value) -> list[str]:
    """The items of a list header (``LIST_KEYS``): the one rule the build, the doctor, the
    editor's migration and the cross-post plan share. A YAML list arrives joined with
    commas (``_value``); the flat style separates items with commas or semicolons."""
    if isinstance(value, (list, tuple)):
        return [str(item).strip() for item in value if str(item).strip()]
    return [part.strip() for part in str(value or "").replace(";", ",").split(",") if part.strip()]


@dataclass
class Header:
    """Metadata values by lower-case key, the line of each key, and the body."""

    values: dict[str, str] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    repeated: list[tuple[str, int]] = field(default_factory=list)
    body: str = ""
    body_line: int = 1
    problems: list[Problem] = field(default_factory=list)
    style: str = "flat"  # "flat" (Key: value lines) or "yaml" (front matter)


def split_header(text: str) -> Header:
    """Parse the metadata header of ``text``; the first definition of a key wins."""
    lines = text.split("\n")
    if lines and _BEGIN.match(lines[0]):
        end = _closing_fence(lines)
        if end is not None:
            header = _split_yaml(lines, end)
            if header is not None:
                return header
            flat = _split_flat(lines)
            flat.problems.append(_yaml_problem(lines, end))
            return flat
    return _split_flat(lines)


def _closing_fence(lines: list[str]) -> int | None:
    for index in range(1, len(lines)):
        if _END.match(lines[index]):
            return index
    return None


def _split_flat(lines: list[str]) -> Header:
    header = Header()
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
            key = _header_key(match.group("key").lower())
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


def _compose(lines: list[str], end: int) -> yaml.Node | None:
    """The YAML node tree of the fenced header; raises ``yaml.YAMLError``."""
    return yaml.compose("\n".join(lines[1:end]), Loader=yaml.SafeLoader)


def _yaml_problem(lines: list[str], end: int) -> Problem:
    try:
        root = _compose(lines, end)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 2 if mark else 1
        detail = error.problem or "lỗi cú pháp"
        return Problem(
            WARNING,
            line,
            f"phần đầu bài (giữa hai dòng ---) không đúng cú pháp YAML ({detail}); "
            "đã đọc theo kiểu “Khoá: giá trị” từng dòng. Giá trị có dấu hai chấm hoặc "
            "dấu # hãy đặt trong ngoặc kép.",
        )
    except yaml.YAMLError:
        return Problem(WARNING, 1, "phần đầu bài (giữa hai dòng ---) không đúng cú pháp YAML.")
    line = root.start_mark.line + 2 if root is not None else 1
    return Problem(
        WARNING,
        line,
        "phần đầu bài (giữa hai dòng ---) phải là các dòng “Khoá: giá trị”; "
        "đã đọc theo kiểu từng dòng.",
    )


def _scalar(node: yaml.ScalarNode) -> str:
    return "" if node.tag == _NULL else nfc(node.value).strip()


def _split_yaml(lines: list[str], end: int) -> Header | None:
    """Header from YAML front matter; None when it is not a YAML mapping."""
    try:
        root = _compose(lines, end)
    except yaml.YAMLError:
        return None
    header = Header(style="yaml")
    header.body = "\n".join(lines[end + 1 :])
    header.body_line = end + 2
    if root is None:
        return header
    if not isinstance(root, yaml.MappingNode):
        return None
    for key_node, value_node in root.value:
        if not isinstance(key_node, yaml.ScalarNode):
            continue
        key = _header_key(nfc(key_node.value).strip().lower())
        line = key_node.start_mark.line + 2  # +1: 1-based, +1: the opening fence
        if key in header.values:
            header.repeated.append((key, line))
            continue
        value = _value(key, value_node, header)
        if value is None:
            continue
        header.values[key] = value
        header.lines[key] = line
    return header


def _value(key: str, node: yaml.Node, header: Header) -> str | None:
    """The text of one value: a scalar as written, a list joined with commas."""
    label = key.capitalize()
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node)
    if isinstance(node, yaml.SequenceNode):
        items = []
        for item in node.value:
            if not isinstance(item, yaml.ScalarNode):
                header.problems.append(
                    Problem(
                        WARNING,
                        item.start_mark.line + 2,
                        f"mục {label}: mỗi phần tử của danh sách chỉ là một giá trị; "
                        "phần tử này bị bỏ qua.",
                    )
                )
                continue
            text = _scalar(item)
            if key in LIST_KEYS and ("," in text or ";" in text):
                header.problems.append(
                    Problem(
                        WARNING,
                        item.start_mark.line + 2,
                        f"mục {label}: “{text}” có dấu phẩy hoặc chấm phẩy nên được hiểu là "
                        "nhiều mục; "
                        "hãy viết mỗi mục trên một dòng riêng.",
                    )
                )
            if text:
                items.append(text)
        return ", ".join(items)
    header.problems.append(
        Problem(
            WARNING,
            node.start_mark.line + 2,
            f"mục {label} là một nhóm con; chỉ viết một giá trị hoặc một danh sách. "
            "Mục này bị bỏ qua.",
        )
    )
    return None
