"""The build driver (``python -m sitebuild``) and what every language site shares."""

from pelican import signals

from .receivers import remember_main_site


def register():
    signals.initialized.connect(remember_main_site)
