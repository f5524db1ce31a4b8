"""Our additions to Pelican's feeds."""

from pelican import signals

from .enrich import enrich_feed


def register():
    signals.feed_generated.connect(enrich_feed)
