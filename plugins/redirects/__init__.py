"""Old addresses that keep working: ``Aliases:`` redirect pages and ``_redirects``."""

from pelican import signals

from .collect import collect_articles, collect_pages
from .pages import add_generator


def register():
    signals.article_generator_pretaxonomy.connect(collect_articles)
    signals.page_generator_finalized.connect(collect_pages)
    signals.get_generators.connect(add_generator)
