"""Images: template helpers now; derivatives, privacy and share cards to come."""

from pelican import signals

from .receivers import install_globals


def register():
    signals.initialized.connect(install_globals)
