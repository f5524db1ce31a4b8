"""Read ``content/data/*.yml`` leniently: a mistake costs one value, never the data.

Every problem is returned with its file and line, in Vietnamese, for the officer.
"""

from __future__ import annotations

from pathlib import Path

from tinhoi.sitebuild.fingerprints import files_digest
from tinhoi.sitebuild.state import current_build

from .model import Branch, Campaign, CategoryInfo, Model, Unit, UnitData, ZaloGroup
from .records import former_unit_ref, former_units, read_policies, read_redirects
from .yamlfile import DataProblem, Reader, text, words

__all__ = ["DATA_DIR", "DataProblem", "data_dir", "load_unit_data", "site_unit_data"]

DATA_DIR = "data"  # the data files' folder under PATH (content/), unless UNITDATA_DIR says


def data_dir(settings: dict, content: Path | str | None = None) -> Path:
    """The folder of the data files: ``content/data`` (``content``: the site's PATH)."""
    return Path(content if content is not None else settings["PATH"]) / (
        settings.get("UNITDATA_DIR") or DATA_DIR
    )


def _unit(reader: Reader) -> Unit:
    raw = reader.load()
    if not isinstance(raw, dict) or not raw.get("name"):
        reader.problem(1, "thiếu tên đơn vị (“name: Hội LHPN xã …”).")
        raw = raw if isinstance(raw, dict) else {}
    groups = []
    for group in raw.get("zalo_groups") or []:
        if isinstance(group, dict) and group.get("id") and group.get("name"):
            groups.append(
                ZaloGroup(
                    text(group["id"]),
                    text(group["name"]),
                    text(group.get("name_en")),
                    url=reader.address(group, "url"),
                )
            )
        else:
            reader.problem(
                getattr(group, "get", lambda *_: 0)("__line__", 0),
                "nhóm Zalo cần có “id” và “name”.",
            )
    return Unit(
        name_vi=text(raw.get("name")),
        name_en=text(raw.get("name_en")),
        short_name=text(raw.get("short_name")),
        parent_units_vi=words(raw.get("parent_units")),
        parent_units_en=words(raw.get("parent_units_en")),
        predecessors=former_units(
            reader, raw.get("predecessors"), raw.get("__keys__", {}).get("predecessors", 1)
        ),
        address_vi=text(raw.get("address")),
        address_en=text(raw.get("address_en")),
        phone=text(raw.get("phone")),
        email=text(raw.get("email")),
        content_responsible_vi=text(raw.get("content_responsible")),
        content_responsible_en=text(raw.get("content_responsible_en")),
        fanpage=text(raw.get("fanpage")),
        zalo=text(raw.get("zalo")),
        zalo_oa=text(raw.get("zalo_oa")),
        emblem=text(raw.get("emblem")),
        founded=reader.date(raw, "founded"),
        members=reader.integer(raw, "members"),
        zalo_groups=tuple(groups),
    )


def load_unit_data(data_dir: Path) -> tuple[UnitData, list[DataProblem]]:
    """Read every data file of ``data_dir``; return the data and the problems found."""
    problems: list[DataProblem] = []
    unit = _unit(Reader(data_dir / "unit.yml", problems))

    reader = Reader(data_dir / "categories.yml", problems)
    categories = [
        CategoryInfo(
            id=text(e["key"]),
            name_vi=text(e["name"]),
            name_en=text(e.get("name_en")),
            slug_en=text(e.get("slug_en")),
            description_vi=text(e.get("description")),
            description_en=text(e.get("description_en")),
        )
        for e in reader.entries("key")
    ]

    reader = Reader(data_dir / "branches.yml", problems)
    branches = sorted(
        (
            Branch(
                id=text(e["id"]),
                name_vi=text(e["name"]),
                name_en=text(e.get("name_en")),
                area_vi=text(e.get("area")),
                area_en=text(e.get("area_en")),
                head=text(e.get("head")),
                members=reader.integer(e, "members"),
                updated=reader.date(e, "updated"),
                order=reader.integer(e, "order"),
                zalo_group=text(e.get("zalo_group")),
                former_unit=former_unit_ref(reader, e, unit),
            )
            for e in reader.entries()
        ),
        key=lambda branch: branch.order,
    )

    reader = Reader(data_dir / "campaigns.yml", problems)
    campaigns = [
        Campaign(
            id=text(e["id"]),
            name_vi=text(e["name"]),
            name_en=text(e.get("name_en")),
            type=text(e.get("type")),
            level=text(e.get("level")),
            start=reader.date(e, "start"),
            end=reader.date(e, "end"),
            summary_vi=text(e.get("summary")),
            summary_en=text(e.get("summary_en")),
            description_vi=text(e.get("description")),
            description_en=text(e.get("description_en")),
        )
        for e in reader.entries()
    ]

    reader = Reader(data_dir / "models.yml", problems)
    models = [
        Model(
            id=text(e["id"]),
            name_vi=text(e["name"]),
            name_en=text(e.get("name_en")),
            summary_vi=text(e.get("summary")),
            summary_en=text(e.get("summary_en")),
            branch=text(e.get("branch")),
        )
        for e in reader.entries()
    ]
    redirects = read_redirects(Reader(data_dir / "redirects.yml", problems))
    policies = read_policies(Reader(data_dir / "policies.yml", problems))
    data = UnitData(unit, categories, branches, campaigns, models, redirects, policies)
    return data, problems


def site_unit_data(settings: dict) -> tuple[UnitData, list[DataProblem]]:
    """``load_unit_data`` of the site's data folder, read once per build (both language
    sites and the editor's config ask), and by the live preview once per change of its
    files. The data is never changed once read, so the same objects can be shared."""
    folder = data_dir(settings)
    build = current_build()
    if build is None:
        return load_unit_data(folder)
    owner = build.kept if build.kept is not None else build.parts
    key = (str(folder), files_digest([folder]))
    known = owner.get("unitdata")
    if known is None or known[0] != key:
        known = owner["unitdata"] = (key, load_unit_data(folder))
    return known[1]
