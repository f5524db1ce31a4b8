"""Write the reader pages of this language site: follow (nhận tin), privacy, accessibility.

Everything a page shows is handed to the writer as its own arguments or read from the
data in the context, so an incremental build redoes it exactly when that changes.
"""

from __future__ import annotations

from pelican.generators import Generator

from tinhoi.unitdata.links import save_as, url_pattern

from .channels import feeds, other_language_feeds, social

PAGES = ("follow", "privacy", "accessibility")


class ReaderPagesGenerator(Generator):
    """One page per kind in ``PAGES``, at the address ``SITE_URLS`` gives it."""

    def generate_context(self):
        """Nothing to add: the pages read the union's data from the shared context."""

    def generate_output(self, writer):
        data = self.context.get("UNIT_DATA")
        if data is None:
            return
        lang = self.settings["DEFAULT_LANG"]
        # categories.yml order; only those with articles in this language have a feed
        categories = [c for c in self.context.get("unit_categories", []) if c.count]
        arguments = {
            "follow": {
                "feeds": feeds(self.settings, categories),
                "other_feeds": other_language_feeds(
                    self.settings, self.context.get("lang_siteurls", {})
                ),
                "social": social(data.unit, lang),
            },
            "privacy": {"policies": data.policies},
            "accessibility": {"policies": data.policies},
        }
        for kind in PAGES:
            url = url_pattern(self.settings, lang, kind)
            writer.write_file(
                save_as(url),
                self.get_template(kind),
                self.context,
                url=url,
                template_name=kind,
                relative_urls=self.settings["RELATIVE_URLS"],
                **arguments[kind],
            )


def add_generator(pelican):
    """``get_generators``: the reader pages of each language site."""
    return ReaderPagesGenerator
