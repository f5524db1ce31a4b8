"""An old article's HTML as Markdown in our format, its pictures planned in the store."""

from __future__ import annotations

from dataclasses import dataclass, field

from bs4 import BeautifulSoup
from markdownify import MarkdownConverter

from tinhoi.vietnamese.text import nfc

from .images import PictureError, Store, load
from .model import Entry

SUMMARY_MAX = 200
IMAGE_ENDINGS = (".jpg", ".jpeg", ".png", ".gif", ".webp")


@dataclass
class Converted:
    body: str
    cover: str = ""  # images/<year>/… or ""
    cover_alt: str = ""
    problems: list[str] = field(default_factory=list)  # pictures left out, and why
    no_alt: int = 0  # pictures whose description had to be guessed


class _Converter(MarkdownConverter):
    """Markdown the way our articles are written: ``##`` headings, ``-`` bullets."""

    def __init__(self):
        super().__init__(heading_style="ATX", bullets="-", strip=["span", "font"])


def _caption(img) -> str:
    figure = img.find_parent("figure")
    caption = figure.find("figcaption") if figure else None
    return nfc(caption.get_text(" ", strip=True)) if caption else ""


def _useless_alt(alt: str, src: str) -> bool:
    """A file name where a description belongs ("pn2.png"): as good as none."""
    name = src.rsplit("/", 1)[-1].lower()
    return alt.lower() in (name, name.rsplit(".", 1)[0]) or alt.lower().endswith(IMAGE_ENDINGS)


def _place(entry: Entry, src: str, stem: str, year: int, store: Store) -> str:
    data, extension = load(src, entry.base)
    return store.add(year, stem, data, extension)


def _pictures(soup, entry: Entry, slug: str, year: int, store: Store, result: Converted):
    for number, img in enumerate(soup.find_all("img"), 1):
        src = img.get("data-src") or img.get("src") or ""
        link = img.find_parent("a")
        try:
            relative = _place(entry, src, f"{slug}-{number}", year, store)
        except PictureError as error:
            result.problems.append(str(error))
            (link or img).decompose()
            continue
        alt = nfc(img.get("alt", "")).strip()
        if _useless_alt(alt, src):
            alt = ""
        alt = alt or _caption(img)
        if not alt:
            alt = f"Ảnh trong bài “{entry.title}”"
            result.no_alt += 1
        if link is not None:  # a link to the full-size copy on the old site
            link.unwrap()
        img.attrs = {"src": "{static}/" + relative, "alt": alt}


def summary_of(html: str) -> str:
    """The first sentence(s) of ``html`` as plain text, at most SUMMARY_MAX characters."""
    text = " ".join(nfc(BeautifulSoup(html, "html.parser").get_text(" ")).split())
    if len(text) <= SUMMARY_MAX:
        return text
    cut = text[: SUMMARY_MAX - 1].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def convert(entry: Entry, slug: str, year: int, store: Store) -> Converted:
    """The Markdown body of ``entry``; its pictures (and cover) planned in ``store``."""
    result = Converted(body="")
    if entry.cover:
        try:
            result.cover = _place(entry, entry.cover, f"{slug}-anh-bia", year, store)
            result.cover_alt = entry.cover_alt or f"Ảnh bìa bài “{entry.title}”"
            result.no_alt += not entry.cover_alt
        except PictureError as error:
            result.problems.append(f"ảnh bìa: {error}")
    soup = BeautifulSoup(entry.html, "html.parser")
    _pictures(soup, entry, slug, year, store, result)
    markdown = _Converter().convert_soup(soup)
    lines = [line.rstrip() for line in nfc(markdown).split("\n")]
    body = "\n".join(lines)
    while "\n\n\n" in body:
        body = body.replace("\n\n\n", "\n\n")
    result.body = body.strip()
    return result
