"""Imported articles as files in our format, and what the content folder already holds.

Articles get YAML front matter written by the browser editor's writer (``cms.migrate``),
so they open in the editor like any other. The key of an old article is its id in the
source (``Source_id``) or its old address (``Source_url``): an article whose key is
already in the content folder is not imported again.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from tinhoi.authoring.files import read_header, write_new
from tinhoi.authoring.skeleton import format_date
from tinhoi.cms.migrate import front_matter
from tinhoi.vietnamese.frontmatter import Header
from tinhoi.vietnamese.text import nfc


def source_key(address: str) -> str:
    """One spelling of an old address or id: scheme, ``www.`` and a final ``/`` ignored."""
    address = address.strip()
    parts = urlsplit(address)
    if parts.scheme not in ("http", "https"):
        return address
    key = parts.netloc.lower().removeprefix("www.") + (parts.path.rstrip("/") or "/")
    return f"{key}?{parts.query}" if parts.query else key


def alias_of(link: str) -> str:
    """The old address's path (``/web/…/bai.html``): what a redirect page is made for."""
    path = nfc(unquote(urlsplit(link).path))
    return path if path.strip("/") else ""


@dataclass
class Existing:
    """Keys, slugs and files already in the content folder (updated as articles are planned)."""

    keys: set[str] = field(default_factory=set)
    slugs: set[str] = field(default_factory=set)

    @classmethod
    def scan(cls, content: Path) -> Existing:
        found = cls()
        for path in sorted((content / "articles").rglob("*.md")):
            values = read_header(path).values
            for name in ("source_url", "source_id"):
                if values.get(name):
                    found.keys.add(source_key(values[name]))
            found.slugs.add(values.get("slug") or path.name.split(".")[0])
        return found

    def known(self, *addresses: str) -> bool:
        return any(source_key(a) in self.keys for a in addresses if a)

    def free_slug(self, slug: str) -> str:
        """``slug``, or ``slug-2``, ``-3``… when an article already has it."""
        candidate, number = slug, 1
        while candidate in self.slugs:
            number += 1
            candidate = f"{slug}-{number}"
        return candidate

    def claim(self, slug: str, *addresses: str) -> None:
        self.slugs.add(slug)
        self.keys.update(source_key(a) for a in addresses if a)


@dataclass
class Planned:
    """One article ready to be written."""

    path: Path  # relative to the content folder
    fields: list[tuple[str, str]]
    body: str

    def text(self) -> str:
        header = Header(values={key: value for key, value in self.fields if value})
        return nfc(front_matter(header) + "\n" + self.body.strip("\n") + "\n")


def article_fields(
    *,
    title: str,
    date,
    slug: str,
    lang: str,
    category: str,
    tags: list[str],
    unit: str,
    alias: str,
    author: str,
    summary: str,
    cover: str,
    cover_alt: str,
    source: str,
    link: str,
    key: str,
) -> list[tuple[str, str]]:
    """The header of an imported article, in the order our sources use."""
    clean_tags = [" ".join(t.replace(",", " ").split()) for t in tags]
    return [
        ("title", title),
        ("date", format_date(date)),
        ("slug", slug),
        ("lang", lang),
        ("category", category),
        ("tags", ", ".join(dict.fromkeys(t for t in clean_tags if t))),
        ("unit", unit),
        ("aliases", alias),
        ("author", author),
        ("summary", summary),
        ("cover", cover),
        ("cover_alt", cover_alt if cover else ""),
        ("source", source),
        ("source_url", link),
        ("source_id", key if source_key(key) != source_key(link) else ""),
    ]


def write_all(content: Path, pictures: dict[str, bytes], articles: list[Planned]) -> None:
    """Write the planned pictures, then the articles (each atomically, never overwriting)."""
    for relative, data in pictures.items():
        path = content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
    for article in articles:
        write_new(content / article.path, article.text())
