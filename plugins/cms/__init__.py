"""The browser editor at /admin/: its page, the pinned script and a generated configuration."""

from pelican import signals

from .receivers import check, write_admin


def register():
    signals.initialized.connect(check)
    signals.finalized.connect(write_admin)
