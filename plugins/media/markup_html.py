"""Find image references in an article's HTML and write ``<picture>`` markup (pure text).

The Markdown reader emits plain ``<img …>`` and ``<a href=…>`` tags, so a regular
expression finds the tags and the standard HTML parser reads their attributes: no
HTML tree, no extra dependency, one pass per article.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from html.parser import HTMLParser

IMG_TAG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
A_TAG = re.compile(r"<a\b[^>]*>", re.IGNORECASE)
LINK_PREFIXES = ("{static}", "{attach}", "{filename}", "|static|", "|attach|", "|filename|")
MIME = {"avif": "image/avif", "webp": "image/webp", "jpeg": "image/jpeg"}


class _Attrs(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.attrs: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        self.attrs = {name: value if value is not None else "" for name, value in attrs}

    handle_startendtag = handle_starttag


def tag_attrs(tag: str) -> dict[str, str]:
    """Attributes of one start tag, entities decoded."""
    parser = _Attrs()
    parser.feed(tag)
    parser.close()
    return parser.attrs


def _normalise(parts: list[str]) -> str:
    resolved: list[str] = []
    for part in parts:
        if part in ("", "."):
            continue
        if part == "..":
            if resolved:
                resolved.pop()
            continue
        resolved.append(part)
    return "/".join(resolved)


def local_paths(url: str, content_dir: str) -> list[str]:
    """Paths under ``content/`` that ``url`` may mean, most likely first; [] if external.

    ``{static}/images/x.jpg`` and ``/images/x.jpg`` are from the content root; ``x.jpg``
    and ``../images/x.jpg`` from the article's folder (``content_dir``) as in Pelican, then
    from the root (officers write ``images/2025/x.jpg`` as in ``Cover:``).
    """
    url = url.strip()
    for prefix in LINK_PREFIXES:
        if url.startswith(prefix):
            url = url[len(prefix) :]
            break
    else:
        if re.match(r"^([a-z][a-z0-9+.-]*:|//|#)", url, re.IGNORECASE):
            return []
    url = url.split("#", 1)[0].split("?", 1)[0].replace("%20", " ")
    if not url:
        return []
    if url.startswith("/"):
        return [_normalise(url.split("/"))]
    relative = _normalise(content_dir.split("/") + url.split("/"))
    from_root = _normalise(url.split("/"))
    return [relative] if relative == from_root else [relative, from_root]


@dataclass(frozen=True)
class Source:
    """One ``<source>``: a MIME type and its srcset candidates (url, width)."""

    fmt: str
    candidates: tuple[tuple[str, int], ...]


def srcset(candidates) -> str:
    return ", ".join(f"{url} {width}w" for url, width in candidates)


def picture_html(
    sources: list[Source],
    fallback: str,
    size: tuple[int, int],
    alt: str,
    sizes: str,
    loading: str = "lazy",
    css_class: str = "",
    extra: dict[str, str] | None = None,
) -> str:
    """``<picture>`` with one ``<source>`` per modern format and a JPEG ``<img>``."""
    parts = ["<picture>"]
    for source in sources:
        parts.append(
            f'<source type="{MIME[source.fmt]}" srcset="{escape(srcset(source.candidates))}"'
            f' sizes="{escape(sizes)}">'
        )
    attrs = [
        f'src="{escape(fallback)}"',
        f'alt="{escape(alt)}"',
        f'width="{size[0]}"',
        f'height="{size[1]}"',
    ]
    if css_class:
        attrs.append(f'class="{escape(css_class)}"')
    for name, value in (extra or {}).items():
        attrs.append(f'{escape(name)}="{escape(value)}"')
    attrs.append(f'loading="{escape(loading)}"')
    if loading == "eager":
        attrs.append('fetchpriority="high"')
    attrs.append('decoding="async"')
    parts.append(f"<img {' '.join(attrs)}>")
    parts.append("</picture>")
    return "".join(parts)


def replace_tags(
    html: str,
    on_img: Callable[[str, dict[str, str]], str],
    on_link: Callable[[str, dict[str, str]], str],
    link_filter: re.Pattern | None = None,
) -> str:
    """Replace every ``<img>`` by ``on_img(tag, attrs)`` and every ``<a>`` by ``on_link``
    (only the ``<a>`` tags ``link_filter`` finds something in, when given).

    ``html`` itself comes back when nothing changed: a body is often the biggest object
    of an article, and an equal copy would be kept beside the one the source gave.
    """
    replaced = IMG_TAG.sub(lambda m: on_img(m.group(0), tag_attrs(m.group(0))), html)
    if link_filter is None:
        replaced = A_TAG.sub(lambda m: on_link(m.group(0), tag_attrs(m.group(0))), replaced)
    else:
        replaced = A_TAG.sub(
            lambda m: (
                on_link(m.group(0), tag_attrs(m.group(0)))
                if link_filter.search(m.group(0))
                else m.group(0)
            ),
            replaced,
        )
    return html if replaced == html else replaced


def with_href(tag: str, href: str | None) -> str:
    """``tag`` (an ``<a …>``) with its href replaced, or removed when ``href`` is None."""
    pattern = re.compile(r"""\shref\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""", re.IGNORECASE)
    new = "" if href is None else f' href="{escape(href)}"'
    return pattern.sub(lambda m: new, tag, count=1)


def line_of(text: str, needle: str) -> int:
    """1-based line of the first ``needle`` in ``text`` (0 when absent)."""
    at = text.find(needle)
    return text.count("\n", 0, at) + 1 if at >= 0 else 0
