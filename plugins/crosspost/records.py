"""Turn Pelican articles and the union's data into plain records (dicts of text).

The only module that knows Pelican's objects: the plan, the kit and the sender work on
what comes out of here, so they can be read and tested without a build.
"""

from __future__ import annotations

import html
import posixpath
import re

from tinhoi.sitebuild.sites import public_base
from tinhoi.vietnamese.text import nfc

from .plan import exclusion

_TAG = re.compile(r"<[^>]+>")


def article_key(url: str) -> str:
    """The ledger key of an article: its site path without slashes, ``2026/04/slug``."""
    return url.strip("/")


def _plain(text) -> str:
    return nfc(" ".join(html.unescape(_TAG.sub(" ", str(text or ""))).split()))


def _iso(moment) -> str | None:
    return moment.isoformat() if moment else None


def article_record(article, settings: dict, status: str, config: dict) -> dict:
    """What the cross-post plugin needs to know of one article: all of it when the plan
    may post it, and only what the plan lists of it otherwise (an archive of thousands of
    articles dated before ``CROSSPOST["start"]``: their summaries are never read)."""
    metadata = article.metadata
    base = public_base(settings).rstrip("/")
    # a draft's own URL is its preview; the ledger knows it by its public address
    url = article.url if status != "draft" else settings["ARTICLE_URL"].format(**article.url_format)
    record = {
        "key": article_key(url),
        "url": posixpath.join(base + "/", url) if base else "/" + url,
        "status": status,
        "lang": article.lang,
        "date": _iso(getattr(article, "date", None)),
        "title": _plain(article.title),
        "crosspost": metadata.get("crosspost", True) is not False,
    }
    if status != "published" or exclusion(record, config):
        return record
    summary = metadata.get("summary")
    if summary is None:
        summary = getattr(article, "summary", "")
    category = getattr(article, "category", None)
    record.update(
        {
            "slug": article.slug,
            "modified": _iso(getattr(article, "modified", None)),
            "summary": _plain(summary),
            "social_text": _plain(metadata.get("social_text")),
            "tags": [nfc(str(tag)) for tag in getattr(article, "tags", []) or []],
            "branches": [
                {"id": link.id, "name": link.name}
                for link in metadata.get("branches", []) or []
                if hasattr(link, "id")
            ],
            "category": {
                "key": getattr(category, "key", str(category or "")),
                "name": getattr(category, "name", str(category or "")),
            },
            "zalo": metadata.get("zalo"),
            "cover": metadata.get("cover"),
            "source": getattr(article, "relative_source_path", ""),
            "zalo_line": metadata.get("meta_lines", {}).get("zalo", 0),
        }
    )
    return record


def generator_records(generator, config: dict) -> list[dict]:
    """Records of a generator's published, hidden and draft articles (originals only)."""
    settings = generator.settings
    records = []
    for attribute, status in (
        ("articles", "published"),
        ("hidden_articles", "hidden"),
        ("drafts", "draft"),
    ):
        for article in getattr(generator, attribute, []) or []:
            records.append(article_record(article, settings, status, config))
    return records


def zalo_groups(unit_data) -> dict[str, dict]:
    """Every Zalo group the union knows: id → {name, kind}, branches' groups included."""
    groups: dict[str, dict] = {}
    if unit_data is None:
        return groups
    for group in unit_data.unit.zalo_groups:
        groups[group.id] = {"name": group.name_vi, "kind": "group"}
    for branch in unit_data.branches:
        if branch.zalo_group:
            groups.setdefault(
                branch.id, {"name": branch.zalo_group, "kind": "branch", "branch": branch.name_vi}
            )
    return groups
