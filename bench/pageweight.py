"""Page weight of a built site, per page type: what the first screen costs on a slow link.

For each page type it counts the HTML and every same-site resource the page asks for
(stylesheets, scripts, fonts named in the stylesheets, images), raw and gzipped, and the
requests needed before the first screen can be drawn: the HTML, blocking stylesheets and
scripts, fonts, and images not marked ``loading="lazy"``. The budget is one TCP round trip:
about 14 KB of gzipped HTML + CSS + blocking JS.

    python bench/pageweight.py output/
"""

from __future__ import annotations

import argparse
import gzip
import re
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

FIRST_SCREEN_BUDGET = 14 * 1024
_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")


@dataclass
class Resource:
    kind: str
    path: Path
    blocking: bool

    @property
    def raw(self) -> int:
        return self.path.stat().st_size

    @property
    def gzipped(self) -> int:
        return len(gzip.compress(self.path.read_bytes(), 9))


@dataclass
class Weight:
    page: str
    resources: list[Resource] = field(default_factory=list)

    def total(self, kinds=None, blocking_only=False, zipped=False) -> int:
        return sum(
            (r.gzipped if zipped else r.raw)
            for r in self.resources
            if (kinds is None or r.kind in kinds) and (r.blocking or not blocking_only)
        )

    @property
    def first_screen_requests(self) -> int:
        return sum(1 for r in self.resources if r.blocking)


class _Assets(HTMLParser):
    """Resources a phone fetches: in a <picture>, one candidate of its first <source>."""

    def __init__(self):
        super().__init__()
        self.found: list[tuple[str, str, bool]] = []  # kind, url, blocking
        self._picture: list | None = None  # urls chosen for the open <picture>

    def handle_endtag(self, tag):
        if tag == "picture":
            self._picture = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "picture":
            self._picture = []
            return
        if self._picture is not None and tag in ("source", "img"):
            if not self._picture and (a.get("srcset") or a.get("src")):
                self._picture.append((a.get("srcset") or a["src"]).split(",")[0].split()[0])
            if tag == "img" and self._picture:  # the <img> says whether it loads lazily
                self.found.append(("image", self._picture[0], a.get("loading") != "lazy"))
            return
        if tag == "link" and "stylesheet" in (a.get("rel") or "") and a.get("href"):
            blocking = a.get("media") not in ("print",)
            self.found.append(("css", a["href"], blocking))
        elif tag == "link" and a.get("rel") == "preload" and a.get("as") == "font":
            self.found.append(("font", a["href"], True))
        elif tag == "script" and a.get("src"):
            blocking = "defer" not in a and "async" not in a and a.get("type") != "module"
            self.found.append(("js", a["src"], blocking))
        elif tag in ("img", "source") and (a.get("src") or a.get("srcset")):
            url = a.get("src") or a["srcset"].split(",")[0].split()[0]
            self.found.append(("image", url, tag == "img" and a.get("loading") != "lazy"))


def _local(root: Path, page: Path, url: str, siteurl: str) -> Path | None:
    if siteurl and url.startswith(siteurl):
        url = url[len(siteurl) :] or "/"
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None
    target = (
        root / parts.path.lstrip("/") if parts.path.startswith("/") else page.parent / parts.path
    )
    return target if target.is_file() else None


def weigh(root: Path, page: Path, siteurl: str = "") -> Weight:
    """Resources of ``page`` (a file under ``root``) and whether they block the first screen."""
    weight = Weight(page.relative_to(root).as_posix(), [Resource("html", page, True)])
    parser = _Assets()
    parser.feed(page.read_text(encoding="utf-8"))
    seen = set()
    for kind, url, blocking in parser.found:
        path = _local(root, page, url, siteurl)
        if path is None or path in seen:
            continue
        seen.add(path)
        weight.resources.append(Resource(kind, path, blocking))
        if kind == "css":
            for font_url in _CSS_URL.findall(path.read_text(encoding="utf-8")):
                font = _local(root, path, font_url, siteurl)
                if font is not None and font not in seen and font.suffix in (".woff2", ".woff"):
                    seen.add(font)
                    weight.resources.append(Resource("font", font, True))
    return weight


def page_types(root: Path) -> dict[str, Path]:
    """One representative page per type, found in a Tin Hội build."""

    def first(pattern: str) -> Path | None:
        return next(iter(sorted(root.glob(pattern))), None)

    candidates = {
        "home": root / "index.html",
        "article": first("20*/*/*/index.html"),
        "category": first("chuyen-muc/*/index.html"),
        "tag": first("chu-de/*/index.html"),
        "branch": first("chi-hoi/*/index.html"),
        "campaign": first("phong-trao/*/index.html"),
        "archives": root / "luu-tru/index.html",
        "home (en)": root / "en/index.html",
        "article (en)": first("en/20*/*/*/index.html"),
        "404": root / "404.html",
    }
    return {name: path for name, path in candidates.items() if path and path.is_file()}


def report(root: Path, siteurl: str = "") -> list[str]:
    kinds = ("html", "css", "js", "font", "image")
    lines = [
        f"{'page':14}"
        + "".join(f"{k:>13}" for k in kinds)
        + f"{'first screen':>16}{'requests':>10}"
    ]
    for name, path in page_types(root).items():
        weight = weigh(root, path, siteurl)
        cells = "".join(
            f"{weight.total((k,)) / 1024:6.1f}/{weight.total((k,), zipped=True) / 1024:5.1f}"
            for k in kinds
        )
        first = weight.total(("html", "css", "js"), blocking_only=True, zipped=True)
        mark = "ok" if first <= FIRST_SCREEN_BUDGET else "OVER"
        lines.append(
            f"{name:14}{cells}{first / 1024:11.1f} KB {mark:>3}{weight.first_screen_requests:>8}"
        )
    lines.append(
        "sizes in KB, raw/gzip; first screen = gzipped HTML + blocking CSS/JS "
        f"(budget {FIRST_SCREEN_BUDGET // 1024} KB)"
    )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path)
    parser.add_argument("--siteurl", default="")
    args = parser.parse_args()
    if not (args.output / "index.html").is_file():
        sys.exit(f"no index.html in {args.output}")
    print("\n".join(report(args.output, args.siteurl)))


if __name__ == "__main__":
    main()
