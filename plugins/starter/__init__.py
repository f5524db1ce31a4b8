"""A new unit's site from the starter templates (``tinhoi new-site <folder>``).

A command-only package, not a Pelican plugin: ``newsite.py`` writes the files of ``site/``.
"""
