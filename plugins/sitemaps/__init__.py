"""sitemap.xml with hreflang alternates, and robots.txt."""

from pelican import signals

from .sitemap import write_files


def register():
    signals.finalized.connect(write_files)
