"""What the theme needs computed in Python: neighbours, related articles, the home page's
lead story, archive months, document facts and the URL and size filters."""

from pelican import signals

from tinhoi.sitebuild.hooks import content_added, content_reread, early_pages_waiting

from .receivers import (
    annotate_added,
    annotate_articles,
    annotate_reread,
    install_helpers,
    prepare_related,
    tune_jinja,
)


def register():
    signals.initialized.connect(install_helpers)
    signals.generator_init.connect(tune_jinja)
    signals.article_generator_finalized.connect(annotate_articles)
    content_reread.connect(annotate_reread)
    content_added.connect(annotate_added)
    early_pages_waiting.connect(prepare_related)
