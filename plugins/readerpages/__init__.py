"""Pages every reader may need, in each language: how to follow the union's news, what
happens to personal data and photos, and the accessibility statement."""

from pelican import signals

from .pages import add_generator


def register():
    signals.get_generators.connect(add_generator)
