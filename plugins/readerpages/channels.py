"""Where a reader can follow the union: feeds, fanpage, Zalo; built from the data files."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from tinhoi.sitebuild.sites import public_base

from .qr import qr_svg


@dataclass(frozen=True)
class Channel:
    """One way to follow: its kind (``feed``, ``fanpage``, ``zalo_oa``, ``zalo_group``,
    ``category_feed``, ``other_language``), a name, its address and whether the page shows
    its QR code."""

    kind: str
    name: str
    url: str
    format: str = ""  # RSS or Atom for feeds
    with_qr: bool = False

    @property
    def qr(self) -> str:
        """The QR code (SVG) of the address, made only when a page is rendered: the page's
        key covers the address and the code that draws it, and most builds keep the page."""
        return qr_svg(self.url) if self.with_qr else ""


def _absolute(settings: dict, path: str) -> str:
    return urljoin(public_base(settings).rstrip("/") + "/", path)


def feeds(settings: dict, categories) -> list[Channel]:
    """This language's feeds: all news (with a QR code), then one per category."""
    found = []
    for setting, label in (("FEED_RSS", "RSS"), ("FEED_ATOM", "Atom")):
        path = settings.get(setting)
        if path:
            url = _absolute(settings, path)
            # one code is enough for "all news"
            found.append(Channel("feed", "", url, label, with_qr=not found))
    pattern = settings.get("CATEGORY_FEED_RSS") or settings.get("CATEGORY_FEED_ATOM")
    label = "RSS" if settings.get("CATEGORY_FEED_RSS") else "Atom"
    if pattern:
        for category in categories:
            found.append(
                Channel(
                    "category_feed",
                    category.name,
                    _absolute(settings, pattern.format(slug=category.slug)),
                    label,
                )
            )
    return found


def other_language_feeds(settings: dict, lang_siteurls: dict) -> list[Channel]:
    """The all-news feed of each other language, as a path on the host (``/en/feeds/…``);
    the template makes it absolute like every link it shares."""
    path = settings.get("FEED_RSS")
    if not path:
        return []
    here = settings["DEFAULT_LANG"]
    return [
        Channel("other_language", lang, f"{urlsplit(siteurl).path.rstrip('/')}/{path}", "RSS")
        for lang, siteurl in (lang_siteurls or {}).items()
        if lang != here
    ]


def social(unit, lang: str) -> list[Channel]:
    """The fanpage, the Zalo Official Account and the public Zalo groups, each with a QR."""
    found = []
    if unit.fanpage:
        found.append(Channel("fanpage", "Facebook", unit.fanpage, with_qr=True))
    if unit.zalo_oa:
        found.append(Channel("zalo_oa", "Zalo OA", unit.zalo_oa, with_qr=True))
    if unit.zalo and unit.zalo != unit.zalo_oa:
        found.append(Channel("zalo_group", unit.name(lang), unit.zalo, with_qr=True))
    for group in unit.zalo_groups:
        if group.url:
            found.append(Channel("zalo_group", group.name(lang), group.url, with_qr=True))
    return found
