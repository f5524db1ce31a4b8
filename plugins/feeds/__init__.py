"""Our additions to Pelican's feeds, and the upstream news read from its cache file."""

from pelican import signals

from .enrich import enrich_feed
from .receivers import add_upstream_news, check_settings


def register():
    signals.initialized.connect(check_settings)
    signals.generator_init.connect(add_upstream_news)
    signals.feed_generated.connect(enrich_feed)
