"""Write a redirect page at each old address, and ``_redirects`` for the hosts that read it.

Both are rendered from the theme's templates by the build's writer, so an unchanged
redirect is reused by an incremental build like any page (its alias is in its kwargs).
"""

from __future__ import annotations

from pelican.generators import Generator

from tinhoi.sitebuild.sites import is_main_site
from tinhoi.sitebuild.urls import listing_paths, month_archive

from .aliases import REDIRECTS_FILE, Alias
from .collect import checked_aliases, site_path


def site_pages(settings: dict, context: dict) -> set[str]:
    """The addresses the build writes besides articles and pages (data, lists, archives)."""
    base = site_path(settings)
    table = settings.get("SITE_URLS", {})
    listed = listing_paths(table, context.get("UNIT_DATA"), table, settings["DEFAULT_LANG"])
    pages = {f"{base}/{path}" for path in listed}
    for tag, _articles in context.get("tags", []):
        pages.add(f"{base}/{tag.url}")
    for article in context.get("articles", []):
        pages.add(f"{base}/{month_archive(article.date)}")
    return pages


class RedirectsGenerator(Generator):
    """The redirect pages of ``Aliases:`` and the ``_redirects`` file (main site only)."""

    def generate_context(self):
        self.aliases: list[Alias] = []
        self.prefixes = []
        if not is_main_site(self.settings):
            return
        self.aliases = checked_aliases(
            self.settings, self.context, site_pages(self.settings, self.context)
        )
        data = self.context.get("UNIT_DATA")
        self.prefixes = list(data.redirects) if data is not None else []

    def generate_output(self, writer):
        if not self.aliases and not self.prefixes:
            return
        template = self.get_template("redirect")
        for alias in sorted(self.aliases, key=lambda alias: alias.path):
            writer.write_file(
                alias.save_as, template, self.context, template_name="redirect", redirect=alias
            )
        writer.write_file(
            REDIRECTS_FILE,
            self.env.get_template("redirects.txt"),
            self.context,
            template_name="redirects",
            aliases=sorted(self.aliases, key=lambda alias: alias.path),
            prefixes=self.prefixes,
        )


def add_generator(pelican):
    """``get_generators``: the redirects are written after every other page is known."""
    return RedirectsGenerator
