"""What the doctor reads: every source with its header and line numbers, and the site's data.

Sources are decoded exactly as the build decodes them (``vietnamese.encoding``) and split
with the same header parser, so line numbers and encoding messages are the build's.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from pelican.utils import get_date

from tinhoi.sitebuild.schema import check
from tinhoi.sitebuild.sites import officer_label
from tinhoi.unitdata.loading import data_dir, load_unit_data
from tinhoi.unitdata.model import UnitData
from tinhoi.unitdata.resolve import parse_flag
from tinhoi.vietnamese.encoding import DecodedSource, decode_source
from tinhoi.vietnamese.frontmatter import Header, split_header
from tinhoi.vietnamese.text import fold, language_code, source_language

from .settings import DEFAULTS, SETTINGS

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    """One problem: severity, the file as the officer sees it, its line, the message."""

    severity: str
    label: str
    line: int
    message: str

    def __str__(self) -> str:
        where = f"{self.label}:{self.line}" if self.line else self.label
        word = "LỖI" if self.severity == ERROR else "CẢNH BÁO"
        return f"{word}: {where}: {self.message}"


@dataclass
class Source:
    """One Markdown source of the site."""

    path: Path
    label: str  # content/articles/2026/x.md (sites/b/content/… from a province's root)
    kind: str  # "article" or "page"
    decoded: DecodedSource
    header: Header

    def value(self, key: str) -> str:
        return self.header.values.get(key, "").strip()

    def line(self, key: str) -> int:
        return self.header.lines.get(key, 0)

    def body_lines(self):
        """(line number, text) of every body line."""
        for offset, text in enumerate(self.header.body.split("\n")):
            yield self.header.body_line + offset, text

    @property
    def lang(self) -> str:
        written = language_code(self.value("lang"))
        return written or source_language(self.path.name, None, "vi")

    @property
    def is_draft(self) -> bool:
        return fold(self.value("status")) in ("draft", "nhap", "ban nhap")

    @property
    def slug(self) -> str:
        return self.value("slug")

    def date(self, key: str = "date") -> dt.datetime | None:
        text = self.value(key)
        if not text:
            return None
        try:
            return get_date(text)
        except (ValueError, OverflowError):
            return None

    @property
    def consent(self) -> bool | None:
        """As the build reads it: None without a ``Consent:`` line, else yes → True, anything
        else (no, or unclear) → False."""
        if not self.value("consent"):
            return None
        return bool(parse_flag(self.value("consent")))


@dataclass
class Site:
    """Everything the rules look at: the sources, the data, the settings."""

    content: Path
    settings: dict
    data: UnitData
    sources: list[Source] = field(default_factory=list)
    now: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))

    memo: dict = field(default_factory=dict)

    def cached(self, name: str, compute):
        """``compute(self)`` once per run (e.g. every address of the site)."""
        if name not in self.memo:
            self.memo[name] = compute(self)
        return self.memo[name]

    def setting(self, key: str):
        return self.settings.get(key, DEFAULTS[key])  # a Site made without load_site

    def label(self, path: Path) -> str:
        return officer_label(path, self.content.parent)


def load_site(settings: dict, now: dt.datetime | None = None) -> tuple[Site, list[Finding]]:
    """Read every source and the data files; data problems come back as findings."""
    settings = dict(settings)
    check(settings, SETTINGS)  # the thresholds; a wrong one is logged and replaced
    content = Path(settings["PATH"])
    data, problems = load_unit_data(data_dir(settings, content))
    site = Site(content, settings, data, now=now or dt.datetime.now(dt.UTC))
    findings = [
        Finding(ERROR, site.label(problem.path), problem.line, problem.message)
        for problem in problems
    ]
    for kind, folder in (("article", "articles"), ("page", "pages")):
        for path in sorted((content / folder).rglob("*.md")):
            decoded = decode_source(path.read_bytes())
            site.sources.append(
                Source(path, site.label(path), kind, decoded, split_header(decoded.text))
            )
    return site, findings
