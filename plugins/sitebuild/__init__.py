"""The build driver (``python -m sitebuild``) and what every language site shares."""

from pelican import signals

from .receivers import freeze_urls, remember_main_site


def register():
    signals.initialized.connect(remember_main_site)
    signals.article_generator_pretaxonomy.connect(freeze_urls)
    signals.page_generator_finalized.connect(freeze_urls)
