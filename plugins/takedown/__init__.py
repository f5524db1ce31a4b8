"""Removal on request: what ``content/data/takedowns.yml`` lists leaves the next build.

Listed in ``PLUGINS`` before ``media``, so a removed photo is never processed or published.
"""

from pelican import signals

from .receivers import add_generator, load_records, strip_content, withhold


def register():
    signals.generator_init.connect(load_records)
    signals.article_generator_context.connect(withhold)
    signals.page_generator_context.connect(withhold)
    signals.content_object_init.connect(strip_content)
    signals.get_generators.connect(add_generator)
