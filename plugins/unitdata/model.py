"""The union's own data: the unit, its categories, branches, campaigns and models.

Units merge and rename (since 1/7/2025 there is no district level), so none of this is
written in code or templates: it is read from ``content/data/*.yml``, which the officer
edits. Every entry has a Vietnamese and an English name; ``name(lang)`` picks one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from vietnamese.text import fold, nfc

ERROR = "error"


class DataProblem(Exception):
    """A data file cannot be used; ``line`` is 1-based, 0 when unknown."""

    def __init__(self, path: Path, line: int, message: str):
        super().__init__(message)
        self.path, self.line, self.message = path, line, message


def _text(value) -> str:
    return nfc(str(value)).strip() if value is not None else ""


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
        return (self.start is None or self.start <= today) and (self.end is None or today <= self.end)


@dataclass(frozen=True)
class Model(Named):
    summary_vi: str = ""
    summary_en: str = ""
    branch: str = ""

    def summary(self, lang: str) -> str:
        return self.summary_en if lang == "en" and self.summary_en else self.summary_vi


@dataclass(frozen=True)
class ZaloGroup(Named):
    pass


@dataclass(frozen=True)
class Unit:
    name_vi: str
    name_en: str = ""
    short_name: str = ""
    parent_units_vi: tuple[str, ...] = ()
    parent_units_en: tuple[str, ...] = ()
    predecessors: tuple[str, ...] = ()
    address_vi: str = ""
    address_en: str = ""
    phone: str = ""
    email: str = ""
    content_responsible_vi: str = ""
    content_responsible_en: str = ""
    fanpage: str = ""
    zalo: str = ""
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


@dataclass
class UnitData:
    """Everything in ``content/data``, with look-ups that forgive spelling."""

    unit: Unit
    categories: list[CategoryInfo] = field(default_factory=list)
    branches: list[Branch] = field(default_factory=list)
    campaigns: list[Campaign] = field(default_factory=list)
    models: list[Model] = field(default_factory=list)

    def find_category(self, text: str) -> CategoryInfo | None:
        """Find a category by key, Vietnamese or English name, ignoring case and marks."""
        wanted = fold(text)
        for category in self.categories:
            names = (category.id, category.name_vi, category.name_en, category.slug_en)
            if wanted in {fold(name) for name in names if name}:
                return category
        return None

    def branch(self, branch_id: str) -> Branch | None:
        return next((b for b in self.branches if b.id == branch_id), None)

    def campaign(self, campaign_id: str) -> Campaign | None:
        return next((c for c in self.campaigns if c.id == campaign_id), None)

    def model(self, model_id: str) -> Model | None:
        return next((m for m in self.models if m.id == model_id), None)


# ---------------------------------------------------------------- loading


class _LineLoader(yaml.SafeLoader):
    """SafeLoader that remembers the line of every mapping (``__line__``)."""


def _construct_mapping(loader, node):
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _load_yaml(path: Path):
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)
    except UnicodeDecodeError:
        raise DataProblem(path, 0, "tệp không phải UTF-8; hãy lưu lại với bảng mã UTF-8.") from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        raise DataProblem(
            path,
            mark.line + 1 if mark else 0,
            f"sai cú pháp YAML ({error.problem}). Kiểm tra dấu hai chấm, thụt lề và dấu ngoặc kép.",
        ) from None


def _entries(path: Path) -> list[dict]:
    if not path.exists():
        return []
    data = _load_yaml(path)
    if data is None:
        return []
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise DataProblem(path, 1, "tệp phải là một danh sách, mỗi mục bắt đầu bằng “- id: …”.")
    return data


def _integer(path: Path, entry: dict, key: str) -> int:
    value = entry.get(key, 0)
    if value in (None, ""):
        return 0
    if isinstance(value, bool) or not isinstance(value, int):
        raise DataProblem(
            path,
            entry["__line__"],
            f"“{key}: {value}” phải là số nguyên, viết liền không dấu chấm (ví dụ 1535).",
        )
    return value


def _date(path: Path, entry: dict, key: str) -> dt.date | None:
    value = entry.get(key)
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise DataProblem(
            path, entry["__line__"], f"“{key}: {value}” không phải ngày theo mẫu 2026-11-28."
        ) from None


def _require_ids(path: Path, entries: list[dict], key: str = "id") -> None:
    seen = set()
    for entry in entries:
        value = _text(entry.get(key))
        if not value:
            raise DataProblem(path, entry["__line__"], f"mục thiếu “{key}”.")
        if value in seen:
            raise DataProblem(path, entry["__line__"], f"mã “{value}” bị trùng.")
        if not entry.get("name"):
            raise DataProblem(path, entry["__line__"], f"mục “{value}” thiếu “name”.")
        seen.add(value)


def _words(value) -> tuple[str, ...]:
    if not value:
        return ()
    if isinstance(value, str):
        return (_text(value),)
    return tuple(_text(item) for item in value)


def load_unit_data(data_dir: Path) -> UnitData:
    """Read ``data_dir``; raise DataProblem naming the file and line of the first error."""
    unit_path = data_dir / "unit.yml"
    raw_unit = _load_yaml(unit_path) if unit_path.exists() else None
    if not isinstance(raw_unit, dict) or not raw_unit.get("name"):
        raise DataProblem(unit_path, 1, "thiếu tên đơn vị (“name: Hội LHPN xã …”).")
    groups = raw_unit.get("zalo_groups") or []
    _require_ids(unit_path, groups)
    unit = Unit(
        name_vi=_text(raw_unit["name"]),
        name_en=_text(raw_unit.get("name_en")),
        short_name=_text(raw_unit.get("short_name")),
        parent_units_vi=_words(raw_unit.get("parent_units")),
        parent_units_en=_words(raw_unit.get("parent_units_en")),
        predecessors=_words(raw_unit.get("predecessors")),
        address_vi=_text(raw_unit.get("address")),
        address_en=_text(raw_unit.get("address_en")),
        phone=_text(raw_unit.get("phone")),
        email=_text(raw_unit.get("email")),
        content_responsible_vi=_text(raw_unit.get("content_responsible")),
        content_responsible_en=_text(raw_unit.get("content_responsible_en")),
        fanpage=_text(raw_unit.get("fanpage")),
        zalo=_text(raw_unit.get("zalo")),
        emblem=_text(raw_unit.get("emblem")),
        founded=_date(unit_path, raw_unit, "founded"),
        members=_integer(unit_path, raw_unit, "members"),
        zalo_groups=tuple(
            ZaloGroup(_text(g["id"]), _text(g["name"]), _text(g.get("name_en"))) for g in groups
        ),
    )

    path = data_dir / "categories.yml"
    entries = _entries(path)
    _require_ids(path, entries, "key")
    categories = [
        CategoryInfo(
            id=_text(e["key"]),
            name_vi=_text(e["name"]),
            name_en=_text(e.get("name_en")),
            slug_en=_text(e.get("slug_en")),
            description_vi=_text(e.get("description")),
            description_en=_text(e.get("description_en")),
        )
        for e in entries
    ]

    path = data_dir / "branches.yml"
    entries = _entries(path)
    _require_ids(path, entries)
    branches = [
        Branch(
            id=_text(e["id"]),
            name_vi=_text(e["name"]),
            name_en=_text(e.get("name_en")),
            area_vi=_text(e.get("area")),
            area_en=_text(e.get("area_en")),
            head=_text(e.get("head")),
            members=_integer(path, e, "members"),
            updated=_date(path, e, "updated"),
            order=_integer(path, e, "order"),
            zalo_group=_text(e.get("zalo_group")),
        )
        for e in entries
    ]
    branches.sort(key=lambda b: b.order)

    path = data_dir / "campaigns.yml"
    entries = _entries(path)
    _require_ids(path, entries)
    campaigns = [
        Campaign(
            id=_text(e["id"]),
            name_vi=_text(e["name"]),
            name_en=_text(e.get("name_en")),
            type=_text(e.get("type")),
            level=_text(e.get("level")),
            start=_date(path, e, "start"),
            end=_date(path, e, "end"),
            summary_vi=_text(e.get("summary")),
            summary_en=_text(e.get("summary_en")),
            description_vi=_text(e.get("description")),
            description_en=_text(e.get("description_en")),
        )
        for e in entries
    ]

    path = data_dir / "models.yml"
    entries = _entries(path)
    _require_ids(path, entries)
    models = [
        Model(
            id=_text(e["id"]),
            name_vi=_text(e["name"]),
            name_en=_text(e.get("name_en")),
            summary_vi=_text(e.get("summary")),
            summary_en=_text(e.get("summary_en")),
            branch=_text(e.get("branch")),
        )
        for e in entries
    ]
    return UnitData(unit, categories, branches, campaigns, models)
