"""Settings declared once (sitebuild/schema.py), checked in one place, printed as documentation.

A real build with wrong values in the settings: each one is named in a Vietnamese message,
replaced by its default, and the site is still built.
"""

from __future__ import annotations

import re

import pytest
from conftest import GOOD_ARTICLE, GOOD_URL, run_build, write_source

from tinhoi.sitebuild.config import load_settings
from tinhoi.sitebuild.driver import build
from tinhoi.sitebuild.schema import Setting, check
from tinhoi.sitebuild.settings_registry import REGISTRY, declared, main
from tinhoi.starter.newsite import new_site

# the site's core settings (sitebuild) keep Pelican's names and ours: no common prefix
PREFIXES = {
    "sitebuild": "",
    "unitdata": "UNITDATA_",
    "cms": "CMS_",
    "feeds": "UPSTREAM_",
    "themekit": "THEMEKIT_",
    "media": "MEDIA",
    "crosspost": "CROSSPOST",
    "doctor": "DOCTOR_",
}
VIETNAMESE = re.compile(r"[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]")

# a wrong value of each kind, and what the message says about it
WRONG = {
    "CMS_BRANCH": (5, "phải là một chuỗi"),
    "CMS_BACKEND": ("gitlab", "chỉ nhận github, test-repo"),
    "CMS_OAUTH_BASE_URL": ("http://example.org", "phải là địa chỉ https://"),
    "CMS_DOCUMENT_CATEGORIES": (["van-ban", 3], "phải là một danh sách mã chuyên mục"),
    "THEMEKIT_RELATED_MAX": ("4", "phải là một số nguyên"),
    "THEMEKIT_FACEBOOK_SHARE": (1, "phải là True hoặc False"),
    "THEMEKIT_LOCALES": ({"vi": 1}, "phải là bảng mã ngôn ngữ → chuỗi"),
    "UPSTREAM_TIMEOUT": (-1, "phải lớn hơn 0"),
    "UPSTREAM_HOME_ITEMS": (True, "phải là một số"),
    "SITEURL": (
        "hoiphunu.example.vn",
        "phải là địa chỉ bắt đầu bằng http:// hoặc https://, hoặc để trống",
    ),
    "TIMEZONE": ("Asia/Hanoi", "phải là tên một múi giờ, ví dụ “Asia/Ho_Chi_Minh”"),
    "DEFAULT_PAGINATION": (0, "phải là số nguyên dương"),
    "SEARCH_INDEX": ("có", "phải là True hoặc False"),
    "MEDIA": (["webp"], "phải là một bảng (dict)"),
    "CROSSPOST": ("facebook", "phải là một bảng (dict)"),
    "SITE_URLS": (
        {"vi": {"category": 3}},
        "phải là bảng {ngôn ngữ: {loại trang: địa chỉ}} với các giá trị là chuỗi",
    ),
    "UNITDATA_DIR": (None, "phải là một chuỗi"),
}


def every_setting() -> list[Setting]:
    return [setting for settings in declared().values() for setting in settings]


def test_every_plugin_declares_its_settings_once_with_a_vietnamese_meaning():
    assert set(declared()) == set(REGISTRY) == set(PREFIXES)
    names = [setting.name for setting in every_setting()]
    assert len(names) == len(set(names))
    for plugin, settings in declared().items():
        assert settings, plugin
        for setting in settings:
            assert setting.name.startswith(PREFIXES[plugin]), setting.name
            assert setting.fault(setting.default) == "", setting.name  # the default is right
            assert VIETNAMESE.search(setting.description), setting.name
            assert setting.description.endswith("."), setting.name


@pytest.mark.parametrize("name", sorted(WRONG))
def test_a_wrong_value_is_named_and_replaced_by_its_default(name):
    (setting,) = [s for s in every_setting() if s.name == name]
    value, fault = WRONG[name]
    settings = {name: value}
    messages = check(settings, (setting,))
    # a table's whole default is long: the message points to its keys instead
    default = "của mọi khoá (make settings)" if setting.keys else repr(setting.default)
    assert messages == [f"{name} = {value!r} {fault}; dùng mặc định {default}."]
    assert settings[name] == setting.default
    if isinstance(setting.default, list | dict):  # a copy: a build never edits the default
        assert settings[name] is not setting.default


def test_the_defaults_fill_what_is_not_set_and_right_values_stay():
    settings = {"CMS_BRANCH": "trang", "THEMEKIT_RELATED_MAX": 0}
    assert check(settings, tuple(every_setting())) == []
    assert settings["CMS_BRANCH"] == "trang" and settings["THEMEKIT_RELATED_MAX"] == 0
    assert {s.name for s in every_setting()} <= set(settings)
    assert settings["UPSTREAM_PAGE_ITEMS"] == 40


def test_a_build_with_wrong_settings_names_each_one_and_still_builds(tmp_path, content_dir):
    write_source(content_dir / "articles", "hoi-nghi.md", GOOD_ARTICLE)
    wrong = {name: value for name, (value, _) in WRONG.items()}
    site = run_build(tmp_path, content_dir, **wrong)
    assert site.result.ok, site.messages
    errors = [r.getMessage() for r in site.records if r.levelname == "ERROR"]
    for name, (value, fault) in WRONG.items():
        assert any(m.startswith(f"{name} = {value!r} {fault}; dùng mặc định") for m in errors), name
    page = (site.output / GOOD_URL).read_text(encoding="utf-8")
    assert "facebook.com/sharer" in page  # THEMEKIT_FACEBOOK_SHARE fell back to True


def test_tinhoi_settings_prints_every_setting_with_its_meaning(capsys):
    assert main([]) == 0
    printed = capsys.readouterr().out
    for setting in every_setting():
        assert f"  {setting.name} ({setting.kind_name()}; mặc định: " in printed
        assert setting.description.split()[0] in printed
    for plugin, (_, summary) in REGISTRY.items():
        assert f"{plugin}: {summary}\n" in printed


SETTINGS_FILE = """\
SITENAME = "Hội LHPN xã Thử"
SITEURL = ""
DEFAULT_PAGINATON = 5
SEARCH_INDEX = False
CMS_BRANH = "trang"
MY_OWN_NOTE = "không phải thiết lập"
TAG_REGEX_SUBSTITUTIONS = [(r"[^\\w\\s-]", ""), (r"(?u)\\A\\s*", ""), (r"(?u)\\s*\\Z", ""),
    (r"[-\\s]+", "-")]
"""


def test_a_misspelt_setting_is_named_with_its_line_and_the_closest_name(
    tmp_path, content_dir, caplog
):
    write_source(content_dir / "articles", "hoi-nghi.md", GOOD_ARTICLE)
    settings_file = tmp_path / "pelicanconf.py"
    settings_file.write_text(SETTINGS_FILE, encoding="utf-8")
    result = build(
        settings_file,
        overrides={
            "PATH": str(content_dir),
            "OUTPUT_PATH": str(tmp_path / "output"),
            "CACHE_PATH": str(tmp_path / "cache"),
            "CROSSPOST": {"dir": str(tmp_path / "crosspost")},
        },
    )
    assert result.ok
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert (
        "pelicanconf.py:3: không có thiết lập nào tên DEFAULT_PAGINATON, nên nó bị bỏ qua; "
        "có phải ý bạn là DEFAULT_PAGINATION?"
    ) in warnings
    assert (
        "pelicanconf.py:5: không có thiết lập nào tên CMS_BRANH, nên nó bị bỏ qua; "
        "có phải ý bạn là CMS_BRANCH?"
    ) in warnings
    assert "pelicanconf.py:6: không có thiết lập nào tên MY_OWN_NOTE, nên nó bị bỏ qua" in warnings
    # the known names are not reported, and the warnings count like any other
    assert not [w for w in warnings if "SEARCH_INDEX" in w or "SITENAME" in w or "TAG_" in w]
    assert result.warnings == 3
    assert (tmp_path / "output" / GOOD_URL).is_file()


def test_a_site_s_publish_settings_take_its_own_pelicanconf_after_another_site_s(tmp_path):
    # Pelican loads a settings file as a module named after it: publishconf.py's
    # ``from pelicanconf import *`` must not find the pelicanconf of a site read earlier
    # by the same process (a province's sites, one after the other)
    for code, unit in (("a", "Hội LHPN xã Thọ Xuân"), ("b", "Hội LHPN xã Xuân Hòa")):
        new_site(tmp_path / code, unit)
    assert load_settings(tmp_path / "a" / "pelicanconf.py")["SITENAME"] == "Hội LHPN xã Thọ Xuân"
    published = load_settings(tmp_path / "b" / "publishconf.py")
    assert published["SITENAME"] == "Hội LHPN xã Xuân Hòa"
    assert published["PATH"] == str(tmp_path / "b" / "content")
