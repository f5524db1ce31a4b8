"""What Pelican's feeds lack: the feed language, unique ids, the unit's name as title,
absolute links in previews, HTML-safe summaries and the cover image as an enclosure."""

from __future__ import annotations

import html
from urllib.parse import urljoin

from feedgenerator import Enclosure, get_tag_uri

from tinhoi.media.api import cover_image
from tinhoi.sitebuild.sites import main_feed_domain


def _absolute(base: str, url: str) -> str:
    return urljoin(base.rstrip("/") + "/", url)


def _cover_enclosure(settings: dict, article) -> Enclosure | None:
    # the published JPEG of the cover (the original photo is not in the output)
    image = cover_image(article)
    if image is None or not image.length:
        return None
    main = main_feed_domain(settings) or settings.get("FEED_DOMAIN") or ""
    return Enclosure(_absolute(main, image.path), str(image.length), image.type)


# a private cache in the context: "_" keeps it out of page fingerprints (sitebuild)
ARTICLES_BY_LINK = "_feeds_articles_by_link"


def _articles_by_link(context) -> dict:
    """Articles by the link Pelican's writer gives their feed items, built once per site."""
    articles = context.get("articles", [])
    cached = context.get(ARTICLES_BY_LINK)
    if cached is None or cached[0] is not articles:
        # the writer joins SITEURL + "/" and the article URL
        base = context["SITEURL"].rstrip("/") + "/"
        cached = (articles, {urljoin(base, a.url): a for a in articles})
        context[ARTICLES_BY_LINK] = cached
    return cached[1]


def enrich_feed(context, feed) -> None:
    """``feed_generated``: complete the feed before it is written."""
    settings = context
    lang = settings["DEFAULT_LANG"]
    feed_domain = settings.get("FEED_DOMAIN") or settings.get("SITEURL") or ""
    feed.feed["language"] = lang
    feed.feed["id"] = feed.feed.get("feed_url") or feed.feed["link"]
    data = settings.get("UNIT_DATA")
    if data is not None:
        name = data.unit.name(lang)
        title = feed.feed["title"]
        site = settings.get("SITENAME", "")
        feed.feed["title"] = name + title[len(site) :] if title.startswith(site) else name
    if not feed.feed["link"].startswith(("http://", "https://")):
        feed.feed["link"] = _absolute(feed_domain, "")

    by_link = _articles_by_link(settings)
    # a scheduled article (the preview shows it) is not news yet
    feed.items[:] = [
        item for item in feed.items if not getattr(by_link.get(item["link"]), "scheduled", False)
    ]
    for item in feed.items:
        article = by_link.get(item["link"])
        if not item["link"].startswith(("http://", "https://")):  # a preview build
            item["link"] = _absolute(feed_domain, item["link"])
            item["unique_id"] = get_tag_uri(item["link"], item["pubdate"])
        if item.get("description") and article is not None:
            # our summaries are plain text; feeds carry HTML
            item["description"] = html.escape(article.summary)
        if article is not None:
            enclosure = _cover_enclosure(settings, article)
            if enclosure is not None:
                item["enclosures"] = [enclosure]
