"""The union's data (unit, categories, branches, campaigns, models) and its pages."""

from pelican import signals

from .collisions import check_articles, check_pages
from .receivers import add_generator, apply_defaults, load_data
from .resolve import check_article, check_page


def register():
    signals.initialized.connect(apply_defaults)
    signals.generator_init.connect(load_data)
    signals.get_generators.connect(add_generator)
    signals.article_generator_context.connect(check_article)
    signals.page_generator_context.connect(check_page)
    signals.article_generator_pretaxonomy.connect(check_articles)
    signals.page_generator_finalized.connect(check_pages)
