"""The browser editor at /admin/: its page, the pinned script and a generated configuration."""

from pelican import signals

from tinhoi.sitebuild.hooks import build_finished

from .receivers import check, write_admin


def register():
    signals.initialized.connect(check)
    build_finished.connect(write_admin)
