"""The new pages are byte-identical whether an incremental build reused them or a cold
build made them, after every kind of change they depend on."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import SAMPLE_CONTENT, run_build

ARTICLE = "articles/2025/nam-dau-hieu-nhan-biet-cuoc-goi-tin-nhan-lua-dao.md"


def files(output: Path) -> dict[str, bytes]:
    return {
        p.relative_to(output).as_posix(): p.read_bytes()
        for p in output.rglob("*")
        if p.is_file() and p.suffix in ("", ".html", ".xml") and "pagefind" not in p.parts
    }


def add_header(path: Path, line: str) -> None:
    """Add a header line after the title (the source itself stays the sample's)."""
    text = path.read_text(encoding="utf-8")
    first, rest = text.split("\n", 1)
    path.write_text(f"{first}\n{line}\n{rest}", encoding="utf-8")


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


CHANGES = {
    "unit-header": lambda c: add_header(c / ARTICLE, "Unit: xa-xuan-dong"),
    "alias-header": lambda c: add_header(c / ARTICLE, "Aliases: /tin-cu/lua-dao.html"),
    "former-unit-name": lambda c: replace(
        c / "data/unit.yml", "name: Hội LHPN xã Xuân Đồng", "name: Hội LHPN xã Xuân Đồng cũ"
    ),
    "branch-group": lambda c: replace(
        c / "data/branches.yml", "former_unit: xa-xuan-dong", "former_unit: tt-tho-xuan"
    ),
    "prefix-rule": lambda c: replace(c / "data/redirects.yml", "to: /don-vi-cu/", "to: /luu-tru/#"),
    "policies": lambda c: replace(c / "data/policies.yml", "removal_days: 3", "removal_days: 2"),
    "zalo-group": lambda c: replace(c / "data/unit.yml", "example-vannghe", "example-van-nghe"),
}


@pytest.mark.parametrize("change", CHANGES)
def test_incremental_build_matches_a_cold_one(tmp_path, change):
    content = tmp_path / "content"
    shutil.copytree(SAMPLE_CONTENT, content)
    add_header(content / ARTICLE, "Aliases: /tin-cu/nam-dau-hieu.html")
    run_build(tmp_path, content, SEARCH_INDEX=False)
    CHANGES[change](content)
    warm = run_build(tmp_path, content, SEARCH_INDEX=False)
    cold = run_build(tmp_path / "cold", content, SEARCH_INDEX=False)
    assert warm.result.ok and cold.result.ok
    warm_files, cold_files = files(warm.output), files(cold.output)
    assert sorted(warm_files) == sorted(cold_files)
    differing = [name for name in cold_files if warm_files[name] != cold_files[name]]
    assert differing == []
