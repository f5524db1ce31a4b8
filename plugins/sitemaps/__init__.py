"""sitemap.xml with hreflang alternates, and robots.txt."""

from pelican import signals

from .sitemap import record_page, start_registry, write_files


def register():
    signals.initialized.connect(start_registry)
    signals.content_written.connect(record_page)
    signals.finalized.connect(write_files)
