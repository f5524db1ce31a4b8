"""Read ``content/data/*.yml`` leniently: a mistake costs one value, never the data.

Every problem is returned with its file and line, in Vietnamese, for the officer.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import yaml
from vietnamese.text import nfc, slugify

from .model import (
    Branch,
    Campaign,
    CategoryInfo,
    FormerUnit,
    Model,
    Notice,
    Policies,
    PrefixRedirect,
    Unit,
    UnitData,
    ZaloGroup,
)


@dataclass(frozen=True)
class DataProblem:
    path: Path
    line: int
    message: str


class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml: 5 times faster
    """SafeLoader that remembers the line of every mapping (``__line__``)."""


def _construct_mapping(loader, node):
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    # the line of each key too: a value that is not a mapping has no line of its own
    mapping["__keys__"] = {
        key.value: key.start_mark.line + 1 for key, _ in node.value if hasattr(key, "value")
    }
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _text(value) -> str:
    return nfc(str(value)).strip() if value is not None else ""


def _words(value) -> tuple[str, ...]:
    if not value:
        return ()
    if isinstance(value, str):
        return (_text(value),)
    return tuple(_text(item) for item in value)


class _Reader:
    """Reads one data file, collecting problems instead of stopping at the first."""

    def __init__(self, path: Path, problems: list[DataProblem]):
        self.path = path
        self.problems = problems

    def problem(self, line: int, message: str) -> None:
        self.problems.append(DataProblem(self.path, line, message))

    def load(self):
        if not self.path.exists():
            return None
        try:
            return yaml.load(self.path.read_text(encoding="utf-8"), Loader=_LineLoader)
        except UnicodeDecodeError:
            self.problem(0, "tệp không phải UTF-8; hãy lưu lại với bảng mã UTF-8.")
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark
            self.problem(
                mark.line + 1 if mark else 0,
                f"sai cú pháp YAML ({error.problem}); tệp bị bỏ qua. "
                "Kiểm tra dấu hai chấm, thụt lề và dấu ngoặc kép.",
            )
        return None

    def entries(self, id_key: str = "id") -> list[dict]:
        data = self.load()
        if data is None:
            return []
        if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
            self.problem(1, f"tệp phải là một danh sách, mỗi mục bắt đầu bằng “- {id_key}: …”.")
            return []
        kept, seen = [], set()
        for entry in data:
            key = _text(entry.get(id_key))
            if not key or not entry.get("name"):
                missing = id_key if not key else "name"
                self.problem(entry["__line__"], f"mục thiếu “{missing}”; mục bị bỏ qua.")
            elif key in seen:
                self.problem(entry["__line__"], f"mã “{key}” bị trùng; mục sau bị bỏ qua.")
            else:
                seen.add(key)
                kept.append(entry)
        return kept

    def integer(self, entry: dict, key: str) -> int:
        value = entry.get(key)
        if value in (None, ""):
            return 0
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem(
                entry.get("__line__", 0),
                f"“{key}: {value}” phải là số nguyên, viết liền không dấu chấm (ví dụ 1535).",
            )
            return 0
        return value

    def address(self, entry: dict, key: str) -> str:
        """A web address (``https://…``); anything else is reported and dropped."""
        value = _text(entry.get(key))
        if value and not value.startswith(("https://", "http://")):
            self.problem(
                entry.get("__line__", 0),
                f"“{key}: {value}” không phải địa chỉ web; hãy ghi đủ, bắt đầu bằng https://.",
            )
            return ""
        return value

    def date(self, entry: dict, key: str) -> dt.date | None:
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
            self.problem(
                entry.get("__line__", 0), f"“{key}: {value}” không phải ngày theo mẫu 2026-11-28."
            )
            return None


def _unit(reader: _Reader) -> Unit:
    raw = reader.load()
    if not isinstance(raw, dict) or not raw.get("name"):
        reader.problem(1, "thiếu tên đơn vị (“name: Hội LHPN xã …”).")
        raw = raw if isinstance(raw, dict) else {}
    groups = []
    for group in raw.get("zalo_groups") or []:
        if isinstance(group, dict) and group.get("id") and group.get("name"):
            groups.append(
                ZaloGroup(
                    _text(group["id"]),
                    _text(group["name"]),
                    _text(group.get("name_en")),
                    url=reader.address(group, "url"),
                )
            )
        else:
            reader.problem(
                getattr(group, "get", lambda *_: 0)("__line__", 0),
                "nhóm Zalo cần có “id” và “name”.",
            )
    return Unit(
        name_vi=_text(raw.get("name")),
        name_en=_text(raw.get("name_en")),
        short_name=_text(raw.get("short_name")),
        parent_units_vi=_words(raw.get("parent_units")),
        parent_units_en=_words(raw.get("parent_units_en")),
        predecessors=_former_units(
            reader, raw.get("predecessors"), raw.get("__keys__", {}).get("predecessors", 1)
        ),
        address_vi=_text(raw.get("address")),
        address_en=_text(raw.get("address_en")),
        phone=_text(raw.get("phone")),
        email=_text(raw.get("email")),
        content_responsible_vi=_text(raw.get("content_responsible")),
        content_responsible_en=_text(raw.get("content_responsible_en")),
        fanpage=_text(raw.get("fanpage")),
        zalo=_text(raw.get("zalo")),
        zalo_oa=_text(raw.get("zalo_oa")),
        emblem=_text(raw.get("emblem")),
        founded=reader.date(raw, "founded"),
        members=reader.integer(raw, "members"),
        zalo_groups=tuple(groups),
    )


def _former_units(reader: _Reader, raw, line: int) -> tuple[FormerUnit, ...]:
    """``predecessors:`` in unit.yml: one record per unit merged into this one."""
    if not raw:
        return ()
    if not isinstance(raw, list):
        raw = [raw]
    units, seen = [], set()
    for entry in raw:
        if not isinstance(entry, dict):
            reader.problem(
                line,
                f"đơn vị tiền thân “{_text(entry)}” phải ghi thành mục có “code”, “name”, "
                "“name_en”, “from”, “until”, “addresses”; mục bị bỏ qua.",
            )
            continue
        at = entry["__line__"]
        code, name = _text(entry.get("code")), _text(entry.get("name"))
        if not code or not name:
            missing = "code" if not code else "name"
            reader.problem(at, f"đơn vị tiền thân thiếu “{missing}”; mục bị bỏ qua.")
            continue
        if code != slugify(code):
            reader.problem(
                at,
                f"mã “{code}” chỉ được có chữ thường không dấu, số và gạch nối (ví dụ "
                f"“{slugify(code)}”); mục bị bỏ qua.",
            )
            continue
        if code in seen:
            reader.problem(at, f"mã “{code}” bị trùng; mục sau bị bỏ qua.")
            continue
        seen.add(code)
        addresses = entry.get("addresses") or []
        addresses = [addresses] if isinstance(addresses, str) else addresses
        units.append(
            FormerUnit(
                id=code,
                name_vi=name,
                name_en=_text(entry.get("name_en")),
                start=reader.date(entry, "from"),
                end=reader.date(entry, "until"),
                addresses=tuple(
                    url
                    for url in (reader.address({"a": a, "__line__": at}, "a") for a in addresses)
                    if url
                ),
            )
        )
    return tuple(units)


def _redirects(reader: _Reader) -> list[PrefixRedirect]:
    """``redirects.yml``: every old address under ``from`` leads to ``to``."""
    data = reader.load()
    if data is None:
        return []
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        reader.problem(1, "tệp phải là một danh sách, mỗi mục “- from: /… ” và “to: /…”.")
        return []
    rules = []
    for entry in data:
        line = entry["__line__"]
        source, target = _text(entry.get("from")), _text(entry.get("to"))
        if not source.startswith("/") or source == "/" or not target:
            reader.problem(
                line,
                "mục cần “from:” là phần đầu địa chỉ cũ bắt đầu bằng “/” (không phải chỉ “/”) "
                "và “to:” là trang mới; mục bị bỏ qua.",
            )
            continue
        if not target.startswith(("/", "https://", "http://")):
            reader.problem(line, f"“to: {target}” phải bắt đầu bằng “/” hoặc https://.")
            continue
        rules.append(PrefixRedirect(source, target, line))
    return rules


def _policies(reader: _Reader) -> Policies:
    """``policies.yml``: the facts of the privacy and accessibility pages."""
    raw = reader.load()
    raw = raw if isinstance(raw, dict) else {}
    limits = []
    for entry in raw.get("known_limits") or []:
        if isinstance(entry, dict) and entry.get("text"):
            limits.append(Notice(_text(entry["text"]), _text(entry.get("text_en"))))
        else:
            reader.problem(
                getattr(entry, "get", lambda *_: 1)("__line__", 1),
                "mỗi hạn chế cần “text:” (và “text_en:” cho trang tiếng Anh).",
            )
    days = reader.integer(raw, "removal_days") if "removal_days" in raw else Policies.removal_days
    return Policies(
        removal_days=days,
        contact_email=_text(raw.get("contact_email")),
        contact_phone=_text(raw.get("contact_phone")),
        standard=_text(raw.get("standard")) or Policies.standard,
        tested=reader.date(raw, "tested"),
        known_limits=tuple(limits),
    )


def load_unit_data(data_dir: Path) -> tuple[UnitData, list[DataProblem]]:
    """Read every data file of ``data_dir``; return the data and the problems found."""
    problems: list[DataProblem] = []
    unit = _unit(_Reader(data_dir / "unit.yml", problems))

    reader = _Reader(data_dir / "categories.yml", problems)
    categories = [
        CategoryInfo(
            id=_text(e["key"]),
            name_vi=_text(e["name"]),
            name_en=_text(e.get("name_en")),
            slug_en=_text(e.get("slug_en")),
            description_vi=_text(e.get("description")),
            description_en=_text(e.get("description_en")),
        )
        for e in reader.entries("key")
    ]

    reader = _Reader(data_dir / "branches.yml", problems)
    branches = sorted(
        (
            Branch(
                id=_text(e["id"]),
                name_vi=_text(e["name"]),
                name_en=_text(e.get("name_en")),
                area_vi=_text(e.get("area")),
                area_en=_text(e.get("area_en")),
                head=_text(e.get("head")),
                members=reader.integer(e, "members"),
                updated=reader.date(e, "updated"),
                order=reader.integer(e, "order"),
                zalo_group=_text(e.get("zalo_group")),
                former_unit=_former_unit_ref(reader, e, unit),
            )
            for e in reader.entries()
        ),
        key=lambda branch: branch.order,
    )

    reader = _Reader(data_dir / "campaigns.yml", problems)
    campaigns = [
        Campaign(
            id=_text(e["id"]),
            name_vi=_text(e["name"]),
            name_en=_text(e.get("name_en")),
            type=_text(e.get("type")),
            level=_text(e.get("level")),
            start=reader.date(e, "start"),
            end=reader.date(e, "end"),
            summary_vi=_text(e.get("summary")),
            summary_en=_text(e.get("summary_en")),
            description_vi=_text(e.get("description")),
            description_en=_text(e.get("description_en")),
        )
        for e in reader.entries()
    ]

    reader = _Reader(data_dir / "models.yml", problems)
    models = [
        Model(
            id=_text(e["id"]),
            name_vi=_text(e["name"]),
            name_en=_text(e.get("name_en")),
            summary_vi=_text(e.get("summary")),
            summary_en=_text(e.get("summary_en")),
            branch=_text(e.get("branch")),
        )
        for e in reader.entries()
    ]
    redirects = _redirects(_Reader(data_dir / "redirects.yml", problems))
    policies = _policies(_Reader(data_dir / "policies.yml", problems))
    data = UnitData(unit, categories, branches, campaigns, models, redirects, policies)
    return data, problems


def _former_unit_ref(reader: _Reader, entry: dict, unit: Unit) -> str:
    code = _text(entry.get("former_unit"))
    if code and code not in {u.id for u in unit.predecessors}:
        known = ", ".join(u.id for u in unit.predecessors) or "(chưa có)"
        reader.problem(
            entry["__line__"],
            f"“former_unit: {code}” không có trong “predecessors” của unit.yml "
            f"(các mã có: {known}).",
        )
        return ""
    return code
