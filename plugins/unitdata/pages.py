"""Pages made from the union's data: one per branch, campaign, model and former unit, their
indexes, and the category pages that have no article yet in this language (so a language
switch or a menu link never leads to a 404)."""

from __future__ import annotations

from functools import partial

from markdown import Markdown
from pelican.generators import Generator

from .links import Category, link, save_as, url_pattern

KINDS = (
    ("branch", "branches"),
    ("campaign", "campaigns"),
    ("model", "models"),
    ("former_unit", "former_units"),
)


def _entries(data, plural: str) -> list:
    """The data entries of one kind (former units live in unit.yml's ``predecessors``)."""
    return list(data.unit.predecessors) if plural == "former_units" else getattr(data, plural)


def _refs(article, plural: str) -> list:
    """The entries of one kind an article names (``Unit:`` names one former unit)."""
    if plural == "former_units":
        unit = getattr(article, "unit", None)
        return [unit] if getattr(unit, "kind", None) == "former_unit" else []
    return getattr(article, plural, [])


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
            pages = [link(self.settings, lang, kind, info) for info in _entries(data, plural)]
            by_id = {page.id: page for page in pages}
            for article in articles:
                for ref in _refs(article, plural):
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
            former_units=self.listings["former_units"],
            branch_groups=self._branch_groups(data),
        )

    def _branch_groups(self, data) -> list[tuple]:
        """(former unit's page or None, its branches' pages): the branch lists, grouped."""
        pages = {page.id: page for page in self.listings["branches"]}
        units = {page.id: page for page in self.listings["former_units"]}
        return [
            (units.get(unit.id) if unit else None, [pages[b.id] for b in branches])
            for unit, branches in data.branch_groups()
        ]

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
