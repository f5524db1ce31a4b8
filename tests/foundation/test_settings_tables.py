"""Table settings (``MEDIA``, ``CROSSPOST``): each key declared once and checked alone.

A wrong key is named as the officer writes it (``MEDIA["widths"]``), in Vietnamese, and only
that key falls back to its default; a key no part reads is named with the closest known one;
``tinhoi settings`` documents every key.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import GOOD_ARTICLE, GOOD_URL, run_build, write_source

import tinhoi
from tinhoi.crosspost.settings import DEFAULTS as CROSSPOST_DEFAULTS
from tinhoi.crosspost.settings import checked, merged
from tinhoi.doctor.model import load_site
from tinhoi.media.settings import DEFAULTS as MEDIA_DEFAULTS
from tinhoi.media.settings import check_settings
from tinhoi.sitebuild.schema import Setting, check
from tinhoi.sitebuild.settings_registry import declared, main

TABLES = {setting.name: setting for settings in declared().values() for setting in settings}
MEDIA = TABLES["MEDIA"]
CROSSPOST = TABLES["CROSSPOST"]

INTEGER = "phải là một số nguyên"
FLAG = "phải là True hoặc False"
COLOUR = "phải là một màu, ví dụ “#b0124f” hoặc “white”"
FONT = "phải là đường dẫn tới một tệp phông"

# (table, key path) → (a wrong value, what the message says is wrong)
WRONG = {
    ("MEDIA", "widths"): ([0, 9000], "phải là danh sách số nguyên từ 16 đến 8000"),
    ("MEDIA", "formats"): ("webp", "phải là một danh sách"),
    ("MEDIA", "fallback_width"): ("800", INTEGER),
    ("MEDIA", "quality", "avif"): (0, "phải là số nguyên từ 1 đến 100"),
    ("MEDIA", "quality", "webp"): (500, "phải là số nguyên từ 1 đến 100"),
    ("MEDIA", "quality", "jpeg"): (True, INTEGER),
    ("MEDIA", "body_sizes"): ("  ", "không được để trống"),
    ("MEDIA", "output_dir"): (
        "../ra-ngoai",
        "phải là một thư mục trong trang (không trống, không có “..”)",
    ),
    ("MEDIA", "cache_dir"): (5, "phải là một chuỗi"),
    ("MEDIA", "workers"): (0, "phải là số nguyên từ 1 đến 64"),
    ("MEDIA", "warn_megapixels"): (2000, "phải là số nguyên từ 1 đến 1000"),
    ("MEDIA", "max_megapixels"): (0, "phải là số nguyên từ 1 đến 1000"),
    ("MEDIA", "linked_max_size"): (10, "phải là số nguyên từ 64 đến 20000"),
    ("MEDIA", "background"): ("xanh lá", COLOUR),
    ("MEDIA", "card_size"): ((10, 10), "phải là hai số nguyên (rộng, cao) từ 200 đến 4000"),
    ("MEDIA", "card_quality"): (101, "phải là số nguyên từ 1 đến 100"),
    ("MEDIA", "card_font"): ("khong-co.ttf", FONT),
    ("MEDIA", "card_font_bold"): ("", FONT),
    ("MEDIA", "card_colors", "background"): ("xanh lá", COLOUR),
    ("MEDIA", "card_colors", "accent"): (42, "phải là một chuỗi"),
    ("MEDIA", "card_colors", "ink"): ("#12345", COLOUR),
    ("MEDIA", "card_colors", "muted"): ("rgb(1,2)", COLOUR),
    ("CROSSPOST", "plan"): ("yes", FLAG),
    ("CROSSPOST", "dir"): ("", "không được để trống"),
    ("CROSSPOST", "start"): ("2026-13-01", "phải là một ngày dạng 2026-12-01"),
    ("CROSSPOST", "channels", "facebook"): (1, FLAG),
    ("CROSSPOST", "channels", "zalo_kit"): ("có", FLAG),
    ("CROSSPOST", "channels", "zalo_oa"): (None, FLAG),
    ("CROSSPOST", "channels", "zalo_bot"): (0, FLAG),
    ("CROSSPOST", "targets"): (["facebook"], "phải là một bảng (dict)"),
    ("CROSSPOST", "targets", "*"): (
        "twitter",
        "phải là danh sách “facebook” hoặc “zalo:<mã nhóm>”",
    ),
    ("CROSSPOST", "branch_groups"): ("true", FLAG),
    ("CROSSPOST", "zalo_oa_groups"): ([], "phải là một bảng (dict)"),
    ("CROSSPOST", "zalo_bot_chats"): ("nhom", "phải là một bảng (dict)"),
    ("CROSSPOST", "templates", "facebook"): (
        "{{ title }}\n{% if %}",
        "có lỗi ở dòng 2 của mẫu: Expected an expression, got 'end of statement block'",
    ),
    ("CROSSPOST", "templates", "zalo"): (
        "{{ title",
        "có lỗi ở dòng 1 của mẫu: unexpected end of template, expected 'end of print statement'",
    ),
    ("CROSSPOST", "limits", "facebook"): (99, "phải là số nguyên ≥ 100"),
    ("CROSSPOST", "limits", "zalo"): (2000.5, INTEGER),
    ("CROSSPOST", "hashtags", "fixed"): ("HộiPhụNữ", "phải là một danh sách"),
    ("CROSSPOST", "hashtags", "max"): (-1, "phải là số nguyên ≥ 0 hoặc None"),
    ("CROSSPOST", "hashtags", "ascii"): ("no", FLAG),
    ("CROSSPOST", "max_posts_per_run"): (1.5, INTEGER),
    ("CROSSPOST", "timeout"): (-1, "phải là số ≥ 0"),
    ("CROSSPOST", "retries"): (True, INTEGER),
    ("CROSSPOST", "backoff"): ("2", "phải là một số"),
    ("CROSSPOST", "backoff_max"): (-0.5, "phải là số ≥ 0"),
    ("CROSSPOST", "usage_limit"): (None, "phải là một số"),
    ("CROSSPOST", "lock_wait"): (-1, "phải là số ≥ 0"),
    ("CROSSPOST", "live_check"): (1, FLAG),
    ("CROSSPOST", "facebook_scrape"): ("on", FLAG),
    ("CROSSPOST", "facebook_update"): ("off", FLAG),
    ("CROSSPOST", "facebook_delete"): (0, FLAG),
}


def written(path: tuple) -> str:
    """``MEDIA["quality"]["webp"]``: the path as the officer writes it."""
    return path[0] + "".join(f'["{key}"]' for key in path[1:])


def declaration(path: tuple) -> Setting:
    setting = TABLES[path[0]]
    for key in path[1:]:
        if setting.each is not None:
            setting = setting.each
            continue
        (setting,) = [known for known in setting.keys if known.name == key]
    return setting


def nested(path: tuple, value) -> dict:
    """``{"quality": {"webp": value}}`` for the path ("MEDIA", "quality", "webp")."""
    for key in reversed(path[1:]):
        value = {key: value}
    return value


def leaves(setting: Setting, path: tuple) -> list[tuple]:
    """Every key path of a table, the tables themselves included."""
    found = []
    for key in setting.keys:
        found.append((*path, key.name))
        found += leaves(key, (*path, key.name))
    if setting.each is not None:
        found.append((*path, "*"))
    return found


EVERY_KEY = leaves(MEDIA, ("MEDIA",)) + leaves(CROSSPOST, ("CROSSPOST",))


def test_every_key_is_declared_with_a_right_default_and_a_vietnamese_meaning():
    # a new key needs a wrong value here, so that its message is tested
    tables = [path for path in EVERY_KEY if declaration(path).keys]
    assert sorted(WRONG) == sorted(set(EVERY_KEY) - set(tables))
    for path in EVERY_KEY:
        setting = declaration(path)
        assert setting.fault(setting.default) == "", path
        if setting.clean is not None:
            assert setting.clean(setting.default) == setting.default, path
        assert setting.description.endswith("."), path
    assert MEDIA.default == MEDIA_DEFAULTS and CROSSPOST.default == CROSSPOST_DEFAULTS


@pytest.mark.parametrize("path", sorted(WRONG), ids=written)
def test_a_wrong_key_is_named_and_only_it_falls_back_to_its_default(path):
    value, fault = WRONG[path]
    setting = declaration(path)
    right = {"workers": 3} if path[0] == "MEDIA" else {"retries": 5}
    if path[1] in right:
        right = {"card_quality": 90} if path[0] == "MEDIA" else {"lock_wait": 1.5}
    settings = {path[0]: {**right, **nested(path, value)}}
    messages = check(settings, (TABLES[path[0]],))
    default = "của mọi khoá (make settings)" if setting.keys else repr(setting.default)
    assert messages == [f"{written(path)} = {value!r} {fault}; dùng mặc định {default}."]
    table = settings[path[0]]
    found = table
    for key in path[1:]:
        found = found[key]
    assert found == setting.default
    assert {**table, **right} == table  # the other keys are kept
    # every key not written has its default, the table's default is left as it was
    assert set(table) == set(TABLES[path[0]].default)
    assert TABLES[path[0]].default == (MEDIA_DEFAULTS if path[0] == "MEDIA" else CROSSPOST_DEFAULTS)


@pytest.mark.parametrize(
    ("user", "message"),
    [
        (
            {"MEDIA": {"widht": [400]}},
            'không có thiết lập nào tên MEDIA["widht"], nên nó bị bỏ qua; '
            'có phải ý bạn là MEDIA["widths"]?',
        ),
        (
            {"MEDIA": {"colors": {}}},
            'không có thiết lập nào tên MEDIA["colors"], nên nó bị bỏ qua; '
            'có phải ý bạn là MEDIA["card_colors"]?',
        ),
        (
            {"MEDIA": {"quality": {"png": 80}}},
            'không có thiết lập nào tên MEDIA["quality"]["png"], nên nó bị bỏ qua',
        ),
        (
            {"CROSSPOST": {"chanels": {"facebook": False}}},
            'không có thiết lập nào tên CROSSPOST["chanels"], nên nó bị bỏ qua; '
            'có phải ý bạn là CROSSPOST["channels"]?',
        ),
        (
            {"CROSSPOST": {"channels": {"zalo-oa": True}}},
            'không có thiết lập nào tên CROSSPOST["channels"]["zalo-oa"], nên nó bị bỏ qua; '
            'có phải ý bạn là CROSSPOST["channels"]["zalo_oa"]?',
        ),
        (
            {"CROSSPOST": {"bogus": 1}},
            'không có thiết lập nào tên CROSSPOST["bogus"], nên nó bị bỏ qua',
        ),
    ],
)
def test_an_unknown_key_is_named_with_the_closest_known_one(user, message, caplog):
    (name,) = user
    settings = dict(user)
    assert check(settings, (TABLES[name],)) == [message]
    assert [r.getMessage() for r in caplog.records if r.levelname == "WARNING"] == [message]
    assert settings[name] == TABLES[name].default  # the unknown key is dropped


def test_right_values_are_kept_in_their_checked_form(tmp_path):
    media, messages = check_settings(
        {
            "widths": [1200, 400, 400],
            "formats": ["WEBP"],
            "output_dir": "/anh/",
            "card_size": [1000, 500],
            "quality": {"webp": 60},
            "card_colors": {"accent": "navy"},
        },
        str(tmp_path),
    )
    assert messages == []
    assert media.widths == (400, 1200) and media.formats == ("webp",)
    assert media.output_dir == "anh" and media.card_size == (1000, 500)
    assert media.quality == {"avif": 55, "webp": 60, "jpeg": 80}
    assert media.card_colors["accent"] == "navy" and media.card_colors["ink"] == "#1d1d1f"
    assert media.cache_dir == str(tmp_path / "media")
    config, messages = checked(
        {"start": dt.datetime(2026, 12, 1, 8, 30), "targets": {"tin-tuc": "zalo:a"}}
    )
    assert messages == []
    assert config["start"] == "2026-12-01"
    assert config["targets"] == {"tin-tuc": ["zalo:a"]}  # the site's table replaces the default
    assert config == {**merged({"targets": {"tin-tuc": ["zalo:a"]}}), "start": "2026-12-01"}


def test_a_wrong_target_is_left_out_and_the_category_keeps_its_other_targets():
    config, messages = checked({"targets": {"*": ["facebook"], "tin-tuc": ["zalo:a", "x"]}})
    assert config["targets"] == {"*": ["facebook"], "tin-tuc": ["zalo:a"]}
    assert messages == [
        'CROSSPOST["targets"]["tin-tuc"][1] = \'x\' phải là “facebook” hoặc '
        "“zalo:<mã nhóm>”; bỏ qua mục này."
    ]


def test_a_wrong_image_format_is_left_out_and_the_others_are_kept():
    media, messages = check_settings({"formats": ["png", "WebP"]}, "")
    assert media.formats == ("webp",)
    assert messages == [
        "MEDIA[\"formats\"][0] = 'png' chỉ nhận avif, webp (JPEG luôn có sẵn); bỏ qua mục này."
    ]


def test_warning_above_refusing_is_lowered_with_a_message(tmp_path):
    media, messages = check_settings({"warn_megapixels": 200, "max_megapixels": 50}, "")
    assert (media.warn_megapixels, media.max_megapixels) == (50, 50)
    assert messages == [
        'MEDIA["warn_megapixels"] = 200 lớn hơn MEDIA["max_megapixels"] = 50; '
        'hạ xuống bằng MEDIA["max_megapixels"].'
    ]


def test_tinhoi_settings_documents_every_key(capsys):
    assert main([]) == 0
    printed = capsys.readouterr().out
    for path in EVERY_KEY:
        setting = declaration(path)
        shown = written(path).replace('["*"]', '["…"]')
        assert f"{shown} ({setting.kind_name()}; mặc định: " in printed, shown
        assert setting.description[:40] in printed.replace("\n", " ").replace("  ", " "), shown
    done = subprocess.run(
        [sys.executable, "-m", "tinhoi", "settings"], capture_output=True, text=True, check=True
    )
    assert 'MEDIA["card_colors"]["accent"] (một chuỗi; mặc định: \'#b0124f\')' in done.stdout
    assert 'CROSSPOST["start"] (một chuỗi hoặc một ngày hoặc None; mặc định: None)' in done.stdout
    # the package's own files by where they are in the package, not on the machine
    assert "mặc định: '<tinhoi>/media/fonts/NotoSans-Regular.vi.ttf'" in done.stdout
    assert str(Path(tinhoi.__file__).parent) not in done.stdout


def test_a_build_names_wrong_and_unknown_keys_and_still_builds(tmp_path, content_dir):
    write_source(content_dir / "articles", "hoi-nghi.md", GOOD_ARTICLE)
    site = run_build(
        tmp_path,
        content_dir,
        MEDIA={"cache_dir": str(tmp_path / "anh"), "widths": "lớn", "widht": [400]},
        CROSSPOST={"dir": str(tmp_path / "dang"), "plan": True, "start": "hôm qua"},
    )
    assert site.result.ok, site.messages
    by_level = {(r.levelname, r.getMessage()) for r in site.records}
    assert (
        "ERROR",
        "MEDIA[\"widths\"] = 'lớn' phải là một danh sách; dùng mặc định (400, 800, 1200, 1600).",
    ) in by_level
    assert (
        "WARNING",
        'không có thiết lập nào tên MEDIA["widht"], nên nó bị bỏ qua; '
        'có phải ý bạn là MEDIA["widths"]?',
    ) in by_level
    assert (
        "ERROR",
        "CROSSPOST[\"start\"] = 'hôm qua' phải là một ngày dạng 2026-12-01; dùng mặc định None.",
    ) in by_level
    assert (tmp_path / "output" / GOOD_URL).is_file()
    assert (tmp_path / "anh").is_dir()  # the right keys beside the wrong ones are kept
    plan = (tmp_path / "dang").iterdir()
    assert list(plan)  # plan on: the plan was written, posting nothing before a start date


def test_the_doctor_checks_its_thresholds(content_dir, caplog):
    site, _ = load_site({"PATH": str(content_dir), "DOCTOR_IMAGE_MAX_SIDE": "4000"})
    assert site.setting("DOCTOR_IMAGE_MAX_SIDE") == 4000
    assert site.setting("DOCTOR_SUMMARY_MAX_CHARS") == 200
    assert (
        "DOCTOR_IMAGE_MAX_SIDE = '4000' phải là một số nguyên; dùng mặc định 4000."
        in caplog.messages
    )
