"""Pages made from the union's data: one per branch, campaign and model, their indexes,
and the category pages that have no article yet in this language (so a language switch
or a menu link never leads to a 404)."""

from __future__ import annotations

from functools import partial

from markdown import Markdown
from pelican.generators import Generator

from .links import Category, link, save_as, url_pattern

KINDS = (("branch", "branches"), ("campaign", "campaigns"), ("model", "models"))


def _render_markdown(settings: dict, text: str) -> str:
    config = dict(settings.get("MARKDOWN", {}))
    config["extensions"] = [
        e for e in config.get("extensions", []) if e != "markdown.extensions.meta"
    ]
    return Markdown(**config).convert(text) if text else ""


class UnitPagesGenerator(Generator):
    """Adds the unit's data to the context and writes its pages."""

    def generate_context(self):
        data = self.context.get("UNIT_DATA")
        lang = self.settings["DEFAULT_LANG"]
        articles = self.context.get("articles", [])
        self.listings = {}
        if data is None:
            return
        for kind, plural in KINDS:
            pages = [link(self.settings, lang, kind, info) for info in getattr(data, plural)]
            by_id = {page.id: page for page in pages}
            for article in articles:
                for ref in getattr(article, plural, []):
                    if ref.id in by_id:
                        by_id[ref.id].articles.append(article)
            self.listings[plural] = pages
        render = partial(_render_markdown, self.settings)
        for page in self.listings["campaigns"]:
            page.description_html = render(page.info.description(lang))

        categories = []
        used = {
            getattr(cat, "key", cat.slug): (cat, arts)
            for cat, arts in self.context.get("categories", [])
        }
        for info in data.categories:
            cat, arts = used.get(info.id, (None, []))
            if cat is None:
                cat = Category(info.id, info.name(lang), info.slug(lang), self.settings)
            cat.info = info
            cat.count = len(arts)
            categories.append(cat)
        self.empty_categories = [cat for cat in categories if cat.count == 0]

        self.context.update(
            unit=data.unit,
            unit_categories=categories,
            branches=self.listings["branches"],
            campaigns=self.listings["campaigns"],
            unit_models=self.listings["models"],
        )

    def generate_output(self, writer):
        write = partial(writer.write_file, relative_urls=self.settings["RELATIVE_URLS"])
        lang = self.settings["DEFAULT_LANG"]
        for kind, plural in KINDS:
            template = self.get_template(kind)
            for page in self.listings.get(plural, []):
                write(
                    page.save_as,
                    template,
                    self.context,
                    url=page.url,
                    template_name=kind,
                    articles=page.articles,
                    **{kind: page},
                )
            index_url = url_pattern(self.settings, lang, plural)
            write(
                save_as(index_url),
                self.get_template(plural),
                self.context,
                url=index_url,
                template_name=plural,
            )
        category_template = self.get_template("category")
        for cat in getattr(self, "empty_categories", []):
            write(
                cat.save_as,
                category_template,
                self.context,
                url=cat.url,
                category=cat,
                articles=[],
                dates=[],
                template_name="category",
                page_name=cat.page_name,
            )
