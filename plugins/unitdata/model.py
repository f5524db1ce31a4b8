"""The union's own data: the unit, its categories, branches, campaigns and models.

Units merge and rename (since 1/7/2025 there is no district level), so none of this is
written in code or templates: it is read from ``content/data/*.yml``, which the officer
edits. Every entry has a Vietnamese and an English name; ``name(lang)`` picks one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

from tinhoi.vietnamese.dates import format_day
from tinhoi.vietnamese.text import fold


@dataclass(frozen=True)
class Named:
    """Something with an id and a name in each language."""

    id: str
    name_vi: str
    name_en: str

    def name(self, lang: str) -> str:
        return self.name_en if lang == "en" and self.name_en else self.name_vi


@dataclass(frozen=True)
class CategoryInfo(Named):
    slug_en: str = ""
    description_vi: str = ""
    description_en: str = ""

    def slug(self, lang: str) -> str:
        return self.slug_en if lang == "en" and self.slug_en else self.id

    def description(self, lang: str) -> str:
        return self.description_en if lang == "en" else self.description_vi


@dataclass(frozen=True)
class Branch(Named):
    area_vi: str = ""
    area_en: str = ""
    head: str = ""
    members: int = 0
    updated: dt.date | None = None
    order: int = 0
    zalo_group: str = ""
    former_unit: str = ""  # code of the former unit the branch belonged to (merged units)

    def area(self, lang: str) -> str:
        return self.area_en if lang == "en" and self.area_en else self.area_vi


@dataclass(frozen=True)
class Campaign(Named):
    type: str = ""
    level: str = ""
    start: dt.date | None = None
    end: dt.date | None = None
    summary_vi: str = ""
    summary_en: str = ""
    description_vi: str = ""
    description_en: str = ""

    def summary(self, lang: str) -> str:
        return self.summary_en if lang == "en" and self.summary_en else self.summary_vi

    def description(self, lang: str) -> str:
        return self.description_en if lang == "en" and self.description_en else self.description_vi

    def ongoing(self, today: dt.date) -> bool:
        return (self.start is None or self.start <= today) and (
            self.end is None or today <= self.end
        )


@dataclass(frozen=True)
class Model(Named):
    summary_vi: str = ""
    summary_en: str = ""
    branch: str = ""

    def summary(self, lang: str) -> str:
        return self.summary_en if lang == "en" and self.summary_en else self.summary_vi


@dataclass(frozen=True)
class ZaloGroup(Named):
    url: str = ""  # the group's invitation link, for the "follow us" page and its QR code


@dataclass(frozen=True)
class FormerUnit(Named):
    """A unit merged into this one (since 1/7/2025 communes and towns merge): its news
    stays on the site as an archive under its own name."""

    start: dt.date | None = None
    end: dt.date | None = None
    addresses: tuple[str, ...] = ()  # its old website, portal section or fanpage

    def until_label(self, lang: str) -> str:
        """ "trước 7/2025" / "before July 2025": the first month it no longer existed."""
        if self.end is None:
            return ""
        after = self.end + dt.timedelta(days=1)
        if lang == "en":
            return "before " + format_day(after, "en", "month")
        return f"trước {after.month}/{after.year}"

    def period(self, lang: str) -> str:
        """ "1/1990 – 6/2025", "đến 6/2025" / "January 1990 – June 2025", "until June 2025"."""

        def month(day: dt.date) -> str:
            return format_day(day, "en", "month") if lang == "en" else f"{day.month}/{day.year}"

        if self.start and self.end:
            return f"{month(self.start)} – {month(self.end)}"
        if self.end:
            return ("until " if lang == "en" else "đến ") + month(self.end)
        if self.start:
            return ("from " if lang == "en" else "từ ") + month(self.start)
        return ""


@dataclass(frozen=True)
class Unit:
    name_vi: str
    name_en: str = ""
    short_name: str = ""
    parent_units_vi: tuple[str, ...] = ()
    parent_units_en: tuple[str, ...] = ()
    predecessors: tuple[FormerUnit, ...] = ()
    address_vi: str = ""
    address_en: str = ""
    phone: str = ""
    email: str = ""
    content_responsible_vi: str = ""
    content_responsible_en: str = ""
    fanpage: str = ""
    zalo: str = ""
    zalo_oa: str = ""  # the union's Zalo Official Account, if it has one
    emblem: str = ""
    founded: dt.date | None = None
    members: int = 0
    zalo_groups: tuple[ZaloGroup, ...] = ()

    def _pick(self, vi, en, lang):
        return en if lang == "en" and en else vi

    def name(self, lang: str) -> str:
        return self._pick(self.name_vi, self.name_en, lang)

    def parent_units(self, lang: str) -> tuple[str, ...]:
        return self._pick(self.parent_units_vi, self.parent_units_en, lang)

    def address(self, lang: str) -> str:
        return self._pick(self.address_vi, self.address_en, lang)

    def content_responsible(self, lang: str) -> str:
        return self._pick(self.content_responsible_vi, self.content_responsible_en, lang)


@dataclass(frozen=True)
class PrefixRedirect:
    """Every old address starting with ``prefix`` leads to ``target`` (redirects.yml)."""

    prefix: str
    target: str
    line: int = 0


@dataclass(frozen=True)
class Notice:
    """A sentence in both languages (a known limit of the accessibility statement)."""

    text_vi: str
    text_en: str = ""

    def text(self, lang: str) -> str:
        return self.text_en if lang == "en" and self.text_en else self.text_vi


@dataclass(frozen=True)
class Policies:
    """The facts behind the privacy and accessibility pages (policies.yml)."""

    removal_days: int = 3  # working days from a removal request to the photo being gone
    contact_email: str = ""  # empty: the unit's
    contact_phone: str = ""
    standard: str = "WCAG 2.1 AA"
    tested: dt.date | None = None
    known_limits: tuple[Notice, ...] = ()

    def email(self, unit: Unit) -> str:
        return self.contact_email or unit.email

    def phone(self, unit: Unit) -> str:
        return self.contact_phone or unit.phone


@dataclass
class UnitData:
    """Everything in ``content/data``, with look-ups that forgive spelling."""

    unit: Unit
    categories: list[CategoryInfo] = field(default_factory=list)
    branches: list[Branch] = field(default_factory=list)
    campaigns: list[Campaign] = field(default_factory=list)
    models: list[Model] = field(default_factory=list)
    redirects: list[PrefixRedirect] = field(default_factory=list)
    policies: Policies = field(default_factory=Policies)

    @cached_property
    def _category_index(self) -> dict[str, CategoryInfo]:
        index = {}
        for category in reversed(self.categories):  # the first entry wins a shared name
            for name in (category.id, category.name_vi, category.name_en, category.slug_en):
                if name:
                    index[fold(name)] = category
        return index

    def find_category(self, text: str) -> CategoryInfo | None:
        """Find a category by key, Vietnamese or English name, ignoring case and marks."""
        return self._category_index.get(fold(text))

    def branch(self, branch_id: str) -> Branch | None:
        return next((b for b in self.branches if b.id == branch_id), None)

    def campaign(self, campaign_id: str) -> Campaign | None:
        return next((c for c in self.campaigns if c.id == campaign_id), None)

    def model(self, model_id: str) -> Model | None:
        return next((m for m in self.models if m.id == model_id), None)

    def former_unit(self, code: str) -> FormerUnit | None:
        return next((u for u in self.unit.predecessors if u.id == code), None)

    def branch_groups(self) -> list[tuple[FormerUnit | None, list[Branch]]]:
        """Branches grouped by the former unit they belonged to, in the data's order.

        One group (``None``) when no branch names a former unit; branches that name none
        come last, under ``None``.
        """
        groups: dict[str, list[Branch]] = {u.id: [] for u in self.unit.predecessors}
        rest = []
        for branch in self.branches:
            groups.get(branch.former_unit, rest).append(branch)
        found = [(self.former_unit(code), items) for code, items in groups.items() if items]
        if not found:
            return [(None, self.branches)] if self.branches else []
        return found + ([(None, rest)] if rest else [])
