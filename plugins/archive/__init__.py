"""Bring a former unit's archive into the site (command line only: ``python -m tinhoi.archive``)."""
