"""Pelican signal receivers of the themekit plugin."""

from __future__ import annotations

import logging
from itertools import chain

from pelican.contents import Article

from tinhoi.sitebuild.package import version
from tinhoi.sitebuild.sites import report
from tinhoi.sitebuild.state import current_build
from tinhoi.sitebuild.urls import MONTH_ARCHIVE_URL

from .config import apply_defaults
from .documents import file_size, issue_date
from .helpers import FILTERS, GLOBALS
from .home import archive_months, lead_article
from .jsonld import news_article_jsonld
from .neighbors import neighbors
from .partials import partial_cache
from .related import RelatedArticles, RelatedIndex, related_instead
from .schedule import mark_scheduled

logger = logging.getLogger(__name__)
WARNING = "warning"
# the theme's globals: the helpers', the JSON-LD builder (which uses the helpers) and the
# version for <meta name="generator">
THEME_GLOBALS = {**GLOBALS, "news_article_jsonld": news_article_jsonld, "tinhoi_version": version()}
_LISTS = (
    "articles",
    "translations",
    "drafts",
    "drafts_translations",
    "hidden_articles",
    "hidden_translations",
)


def install_helpers(pelican) -> None:
    """Check the settings and give the templates the theme's filters and globals."""
    settings = pelican.settings
    apply_defaults(settings)
    for key, extra in (("JINJA_FILTERS", FILTERS), ("JINJA_GLOBALS", THEME_GLOBALS)):
        merged = dict(settings.get(key, {}))
        for name, function in extra.items():
            merged.setdefault(name, function)
        settings[key] = merged


def tune_jinja(generator) -> None:
    """``generator_init``: JSON-LD keeps Vietnamese letters as they are (half the bytes),
    and the environment gets the build's cache of fragments (``partials.py``).

    ``tojson`` still escapes ``<``, ``>``, ``&`` and ``'``, so a title cannot end the script.
    """
    env = getattr(generator, "env", None)
    if env is not None:
        env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
        env.globals["partial_cached"] = _build_partials()


def _build_partials():
    """One cache of fragments for all the build's generators: their environments have the
    same templates, filters and globals, and a fragment's key names its language site. An
    article's card rendered for its tag's page is then pasted into its branch's page too
    (outside a build: a cache per environment)."""
    build = current_build()
    if build is None:
        return partial_cache()
    part = build.parts.setdefault("themekit", {})
    if "partials" not in part:
        part["partials"] = partial_cache()
    return part["partials"]


def _document_facts(generator, article) -> None:
    settings = generator.settings
    meta_lines = article.metadata.get("meta_lines", {})
    raw_date = getattr(article, "doc_date", None)
    article.doc_issued = issue_date(raw_date) if raw_date else None
    if raw_date and article.doc_issued is None:
        report(
            logger,
            settings,
            article.source_path,
            meta_lines.get("doc_date", 0),
            WARNING,
            f"“Doc_date: {raw_date}” không phải ngày theo mẫu 2026-11-05.",
        )
    attachment = getattr(article, "attachment", None)
    article.attachment_size = file_size(settings["PATH"], attachment) if attachment else None
    if attachment and article.attachment_size is None:
        report(
            logger,
            settings,
            article.source_path,
            meta_lines.get("attachment", 0),
            WARNING,
            f"không thấy tệp đính kèm “{attachment}” trong thư mục content/.",
        )


def _related_index(articles, settings: dict) -> RelatedIndex:
    return RelatedIndex(
        articles, settings["THEMEKIT_RELATED_WEIGHTS"], settings["THEMEKIT_RELATED_MAX"]
    )


def site_index(generator) -> RelatedIndex:
    """The related-articles index of the site's articles, as the last build made it
    (``annotate_articles``): the early pages' lists come from it."""
    index = getattr(generator, "related_index", None)
    if index is None or index.articles is not generator.articles:
        index = _related_index(generator.articles, generator.settings)
    return index


def prepare_related(build, generators, **_) -> None:
    """``early_pages_waiting``: build the index of each site's articles before a save
    asks for it (on ten thousand articles it takes a quarter of a second)."""
    for generator in generators:
        index = getattr(generator, "related_index", None)
        if isinstance(index, RelatedIndex):
            index.prepare()


def _annotate(generator, article, near: dict, related: RelatedIndex, among=None) -> None:
    """An article's neighbours (``near``), related articles (among ``among``, when not the
    index's own articles) and document facts."""
    article.older_article, article.newer_article = near.get(id(article), (None, None))
    article.related_articles = RelatedArticles(related, article, among)
    _document_facts(generator, article)


def annotate_articles(generator) -> None:
    """``article_generator_finalized``: neighbours, related articles, documents, home."""
    settings = generator.settings
    articles = generator.articles
    near = neighbors(articles)
    related = generator.related_index = _related_index(articles, settings)
    everything = list(chain.from_iterable(getattr(generator, name, []) for name in _LISTS))
    mark_scheduled(everything)
    for article in everything:
        _annotate(generator, article, near, related)
    generator.context["lead_article"] = lead_article(articles)
    generator.context["archive_months"] = archive_months(
        articles, settings.get("MONTH_ARCHIVE_URL") or MONTH_ARCHIVE_URL
    )


def annotate_reread(article, old, generator, **_) -> bool:
    """``content_reread``: the document facts follow from the header (``Doc_date``,
    ``Attachment``); neighbours and the schedule from the article's place, which an early
    page keeps; related articles from its tags, campaigns, models and branches, which it
    may not (worked out again when they changed). Pages get none of these. The fragments
    cached for the last build may show what the save changed (a page's title in the menu):
    the early page starts a cache of its own."""
    if isinstance(article, Article):
        _document_facts(generator, article)
        related = related_instead(site_index(generator), old, article)
        if related is not None:
            article.related_articles = related
    generator.env.globals["partial_cached"] = partial_cache()
    return True


def annotate_added(content, generator, contents, **_) -> bool:
    """``content_added``: a new article's neighbours, related articles, schedule and
    document facts, worked out as ``annotate_articles`` does, among ``contents`` (the
    site's articles, with the new one in its place when it is published). A new page gets
    none of these; the menu its page shows lists it (a cache of its own, as below)."""
    if isinstance(content, Article):
        mark_scheduled([content])
        _annotate(generator, content, neighbors(contents), site_index(generator), contents)
    generator.env.globals["partial_cached"] = partial_cache()
    return True
