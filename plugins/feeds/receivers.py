"""Pelican signal receivers of the feeds plugin (upstream news in the template context)."""

from __future__ import annotations

import logging

from tinhoi.sitebuild.sites import report

from . import upstream_cache
from .upstream_config import apply_defaults, upstream_config

logger = logging.getLogger(__name__)


def check_settings(pelican) -> None:
    """``initialized``: fill in and check the ``UPSTREAM_*`` settings."""
    apply_defaults(pelican.settings)


def add_upstream_news(generator) -> None:
    """``generator_init``: read the cached upstream news once per site (never the network)."""
    context = generator.context
    if "upstream_items" in context:
        return
    config = upstream_config(generator.settings)
    try:
        items = upstream_cache.latest(upstream_cache.load(config.cache))
    except upstream_cache.CacheError as error:
        report(
            logger,
            generator.settings,
            str(config.cache),
            0,
            "warning",
            f"không đọc được tin cấp trên đã lưu ({error}); chạy lại make upstream.",
        )
        items = []
    context["upstream_items"] = items[: config.page_items]
    context["upstream_home_items"] = items[: config.home_items]
