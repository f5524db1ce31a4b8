"""The takedown record, ``content/data/takedowns.yml``: what was removed on request.

One entry per request, kept in the repository as the union's record of it::

    - date: "2026-12-04"
      article: 2026/11/chi-hoi-khu-pho-6-sinh-hoat-truc-tuyen-qua-zalo
      photo: images/2026/chi-hoi-6-zalo.jpg      # only when one photo is removed
      reason: Hội viên trong ảnh đề nghị gỡ

``article`` is the article's address (year/month/slug, as in ``make crosspost-done``), not
its slug alone: a recurring title ("Hội nghị sơ kết 6 tháng đầu năm") has the same slug
every year, and a later year's article must not disappear with it.

Without ``photo`` the whole article goes (both languages); with it, that photo goes from
every article and page that shows it. No name, phone or address of who asked: the law
asks for no more personal data than the purpose needs.
"""

from __future__ import annotations

import datetime as dt
import os
import posixpath
from dataclasses import dataclass
from pathlib import Path

import yaml

FILE_NAME = "takedowns.yml"
HEADER = (
    "# Gỡ bài hoặc ảnh theo yêu cầu (make takedown). Mỗi mục: ngày, bài (năm/tháng/slug),\n"
    "# ảnh nếu chỉ gỡ một ảnh, lý do ngắn. Không ghi tên, số điện thoại, địa chỉ người yêu cầu.\n"
)


@dataclass(frozen=True)
class Takedown:
    date: str  # YYYY-MM-DD
    article: str  # 2026/11/slug
    photo: str  # "" when the whole article is removed
    reason: str
    line: int = 0

    @property
    def whole_article(self) -> bool:
        return not self.photo


@dataclass(frozen=True)
class Problem:
    line: int
    message: str


def photo_path(text: str) -> str:
    """``images/2026/x.jpg`` however the officer wrote it (``{static}/``, ``/``, ``content/``)."""
    text = text.strip().replace("\\", "/")
    for prefix in ("{static}/", "{static}", "/", "content/"):
        if text.startswith(prefix):
            text = text[len(prefix) :]
    return posixpath.normpath(text) if text else ""


def _text(value) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip() if value is not None else ""


def load(path: Path) -> tuple[list[Takedown], list[Problem]]:
    """The entries of ``path`` (none when it does not exist) and what is wrong in it."""
    if not path.exists():
        return [], []
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        return [], [Problem(line, f"tệp không đúng cú pháp YAML ({error}); chưa gỡ được gì.")]
    if root is None:
        return [], []
    if not isinstance(root, yaml.SequenceNode):
        return [], [Problem(1, "tệp phải là một danh sách, mỗi mục bắt đầu bằng “- date: …”.")]
    entries, problems = [], []
    for node in root.value:
        line = node.start_mark.line + 1
        value = yaml.safe_load(yaml.serialize(node)) if isinstance(node, yaml.MappingNode) else None
        if not isinstance(value, dict):
            problems.append(Problem(line, "mục này phải có dạng “date: …, slug: …, reason: …”."))
            continue
        article = _text(value.get("article")).strip("/")
        reason = _text(value.get("reason"))
        if not article or not reason:
            missing = "article" if not article else "reason"
            problems.append(Problem(line, f"mục gỡ bài thiếu “{missing}: …”; mục này bị bỏ qua."))
            continue
        photo = photo_path(_text(value.get("photo")))
        entries.append(Takedown(_text(value.get("date")), article, photo, reason, line))
    return entries, problems


def append(path: Path, entry: Takedown) -> None:
    """Add ``entry`` at the end of ``path`` (comments and earlier entries kept), atomically."""
    old = path.read_text(encoding="utf-8") if path.exists() else HEADER
    fields = {"date": entry.date, "article": entry.article}
    if entry.photo:
        fields["photo"] = entry.photo
    fields["reason"] = entry.reason
    block = yaml.safe_dump([fields], allow_unicode=True, sort_keys=False, width=10_000)
    text = old if old.endswith("\n") or not old else old + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text + block, encoding="utf-8", newline="\n")
    os.replace(tmp, path)
