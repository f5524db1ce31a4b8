"""``tinhoi new-site``: a unit's site as its own small folder, built by the package.

The starter is written into a temporary folder, then built the way its Makefile builds it
(the build driver, run in the site's folder), and the real output is read: the home page,
the example article, the feed and the English site.
"""

from __future__ import annotations

import ast
import html
import os
import re
import subprocess
import sys
from pathlib import Path

import feedparser
import pytest
import yaml

from tinhoi.sitebuild.config import written_names
from tinhoi.sitebuild.package import DISTRIBUTION, version
from tinhoi.starter.__main__ import main
from tinhoi.starter.newsite import starter_files
from tinhoi.starter.unitname import unit_fields

ARTICLE = "2026/12/ra-mat-trang-tin/index.html"


def _run(site: Path, *args: str) -> subprocess.CompletedProcess:
    environment = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    environment["PYTHONPYCACHEPREFIX"] = str(site.parent / "pycache")
    return subprocess.run(
        [sys.executable, "-m", *args],
        cwd=site,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture(scope="module")
def new_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("new") / "hoi-xa-moi"
    assert main([str(site)]) == 0
    return site


@pytest.fixture(scope="module")
def built(new_site) -> Path:
    done = _run(new_site, "tinhoi.sitebuild", "html", "--strict", "--settings", "pelicanconf.py")
    assert done.returncode == 0, done.stdout + done.stderr
    return new_site / "output"


def test_the_new_site_has_its_content_settings_makefile_and_workflow(new_site):
    files = {path.relative_to(new_site).as_posix() for path in new_site.rglob("*")}
    for name in (
        "content/articles/2026/ra-mat-trang-tin.md",
        "content/data/unit.yml",
        "content/data/categories.yml",
        "pelicanconf.py",
        "publishconf.py",
        "requirements.txt",
        "Makefile",
        ".github/workflows/pages.yml",
        ".gitignore",
        "README.md",
    ):
        assert name in files, name
    assert sorted(str(path) for path in starter_files()) == sorted(
        name for name in files if (new_site / name).is_file()
    )
    # the engine that made the site is the one it pins
    pins = (new_site / "requirements.txt").read_text(encoding="utf-8")
    assert re.findall(r"^[^#\s].*$", pins, re.MULTILINE) == [f"{DISTRIBUTION}=={version()}"]
    workflow = yaml.safe_load((new_site / ".github/workflows/pages.yml").read_text("utf-8"))
    assert set(workflow["jobs"]) == {"build", "deploy"}
    makefile = (new_site / "Makefile").read_text(encoding="utf-8")
    for target in ("html", "serve", "publish", "check"):
        assert re.search(rf"^{target}:", makefile, re.MULTILINE), target
    # the installed package's commands: nothing of the engine's own repository
    assert "TINHOI := $(PY) -m tinhoi\n" in makefile and "plugins/" not in makefile
    readme = (new_site / "README.md").read_text(encoding="utf-8")
    assert f"phiên bản {version()}" in readme and "make serve" in readme


def test_the_settings_file_holds_values_only(new_site):
    tree = ast.parse((new_site / "pelicanconf.py").read_text(encoding="utf-8"))
    kinds = {type(node).__name__ for node in tree.body}
    assert kinds <= {"Expr", "Assign"}, kinds  # the docstring and NAME = value, nothing else
    names = [name for name, _ in written_names(new_site / "pelicanconf.py")]
    assert "SITEURL" in names and "PLUGINS" not in names and "I18N_SUBSITES" not in names
    # the version that made it: make check starts from there
    settings = (new_site / "pelicanconf.py").read_text(encoding="utf-8")
    assert f'\nTINHOI_VERSION = "{version()}"\n' in settings
    assert "{" + "version}" not in settings and "{" + "base_path}" not in settings


def test_the_new_site_builds_with_the_package_s_theme_and_layout(built):
    home = (built / "index.html").read_text(encoding="utf-8")
    assert "Hội LHPN xã Mẫu" in home and "/2026/12/ra-mat-trang-tin/" in home
    page = (built / ARTICLE).read_text(encoding="utf-8")
    assert "Hội LHPN xã Mẫu ra mắt trang tin điện tử" in page
    assert (built / "theme" / "css" / "main.css").is_file()
    assert (built / "en" / "index.html").is_file()
    assert (built / "chuyen-muc" / "hoat-dong-hoi" / "index.html").is_file()
    feed = feedparser.parse((built / "feeds" / "rss.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert [entry.title for entry in feed.entries] == ["Hội LHPN xã Mẫu ra mắt trang tin điện tử"]
    assert feed.entries[0].link == "http://127.0.0.1:8000/2026/12/ra-mat-trang-tin/"


def test_the_new_site_publishes_with_its_address(new_site, built):
    done = _run(new_site, "tinhoi.sitebuild", "publish", "--strict")
    assert done.returncode == 0, done.stdout + done.stderr
    feed = feedparser.parse((new_site / "output" / "feeds" / "rss.xml").read_bytes())
    assert feed.entries[0].link == "https://hoiphunu.example.vn/2026/12/ra-mat-trang-tin/"


def test_a_folder_that_is_not_empty_is_refused(tmp_path, capsys):
    (tmp_path / "ghi-chu.txt").write_text("của tôi", encoding="utf-8")
    assert main([str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert f"thư mục “{tmp_path}” đã có tệp" in err
    assert [path.name for path in tmp_path.iterdir()] == ["ghi-chu.txt"]
    assert (tmp_path / "ghi-chu.txt").read_text(encoding="utf-8") == "của tôi"


@pytest.mark.parametrize(
    ("unit", "province", "names"),
    [
        (
            "Hội LHPN phường Hạc Thành",
            "Hội LHPN tỉnh Thanh Hóa",
            {
                "unit_en": "Hạc Thành Ward Women's Union",
                "unit_short": "Hội Phụ nữ phường Hạc Thành",
                "place": "phường Hạc Thành",
                "province_en": "Thanh Hóa Provincial Women's Union",
            },
        ),
        (
            "Hội Liên hiệp Phụ nữ đặc khu Phú Quốc",
            "Hội LHPN tỉnh An Giang",
            {
                "unit_en": "Phú Quốc Special Zone Women's Union",
                "unit_short": "Hội Phụ nữ đặc khu Phú Quốc",
                "province_en": "An Giang Provincial Women's Union",
            },
        ),
        (
            "Hội LHPN xã Mẫu",
            "Hội LHPN tỉnh",
            {"unit_en": "Mẫu Commune Women's Union", "province_en": "Provincial Women's Union"},
        ),
        (
            "Hội LHPN xã Tiên Lữ",
            "Hội LHPN thành phố Hải Phòng",
            {"place_en": "Tiên Lữ Commune", "province_en": "Hải Phòng City Women's Union"},
        ),
        # another form: used as written, for the officer to complete unit.yml
        (
            "Chi hội phụ nữ thôn Đông",
            "Hội LHPN xã Đông Sơn",
            {"unit_en": "Chi hội phụ nữ thôn Đông", "province_en": "Hội LHPN xã Đông Sơn"},
        ),
    ],
)
def test_the_unit_s_names_follow_from_the_name_the_officer_gives(unit, province, names):
    fields = unit_fields(unit, province)
    assert fields["unit"] == unit and fields["province"] == province
    assert {key: fields[key] for key in names} == names


def test_the_name_given_is_read_in_nfc():
    decomposed = "Hội LHPN xã An Phú".replace("ú", "u\u0301")
    assert unit_fields(decomposed)["unit"] == "Hội LHPN xã An Phú"


@pytest.fixture(scope="module")
def named_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("named") / "phuong-hac-thanh"
    unit, province = "Hội LHPN phường Hạc Thành", "Hội LHPN tỉnh Thanh Hóa"
    assert main([str(site), "--unit", unit, "--province", province]) == 0
    return site


def test_a_new_site_with_a_unit_name_names_the_unit_in_its_content(named_site):
    unit = yaml.safe_load((named_site / "content/data/unit.yml").read_text(encoding="utf-8"))
    assert unit["name"] == "Hội LHPN phường Hạc Thành"
    assert unit["name_en"] == "Hạc Thành Ward Women's Union"
    assert unit["parent_units"][0] == "Hội LHPN tỉnh Thanh Hóa"
    assert unit["address"] == "Nhà làm việc các đoàn thể, phường Hạc Thành"
    assert unit["zalo_groups"] == [{"id": "ban-chap-hanh", "name": "BCH Hội LHPN phường Hạc Thành"}]
    settings = (named_site / "pelicanconf.py").read_text(encoding="utf-8")
    assert 'SITENAME = "Hội LHPN phường Hạc Thành"' in settings
    texts = [p.read_text(encoding="utf-8") for p in (named_site / "content").rglob("*.md")]
    assert not any(re.search(r"\{(unit|place|province)[a-z_]*\}|xã Mẫu", t) for t in texts)


def test_a_new_site_with_a_unit_name_builds_strict_and_shows_the_name(named_site):
    done = _run(named_site, "tinhoi.sitebuild", "html", "--strict", "--settings", "pelicanconf.py")
    assert done.returncode == 0, done.stdout + done.stderr
    home = (named_site / "output/index.html").read_text(encoding="utf-8")
    assert "Hội LHPN phường Hạc Thành" in home and "Hội LHPN tỉnh Thanh Hóa" in home
    page = (named_site / "output" / ARTICLE).read_text(encoding="utf-8")
    assert "Hội LHPN phường Hạc Thành ra mắt trang tin điện tử" in page
    english = html.unescape((named_site / "output/en/index.html").read_text(encoding="utf-8"))
    assert "Hạc Thành Ward Women's Union" in english


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("", "thiếu tên"),
        ('Hội "Mới"', "ký tự"),
        ("Hội: xã A", "ký tự"),
        ("- Hội", "ký tự"),
        ("Hội {unit}", "ký tự"),
    ],
)
def test_a_unit_name_that_cannot_be_written_is_refused_in_vietnamese(tmp_path, name, problem):
    site = tmp_path / "moi"
    done = _run(tmp_path, "tinhoi", "new-site", str(site), "--unit", name)
    assert done.returncode == 2 and problem in done.stderr, done.stderr
    assert not site.exists()
