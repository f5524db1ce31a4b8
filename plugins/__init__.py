"""Tin Hội: the plugins, the theme (package data ``tinhoi/theme``) and the ``tinhoi`` command.

Each plugin is a sub-package (``tinhoi.sitebuild``, ``tinhoi.media``, …) that only registers
its receivers; nothing is imported here, so loading one plugin loads only what it needs.
"""
