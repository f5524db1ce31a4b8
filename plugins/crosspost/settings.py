"""The ``CROSSPOST`` setting: each key declared once (type, default, meaning), checked by the
schema once at ``initialized``: a wrong key is named (``CROSSPOST["start"]``) and replaced by
its default.

Everything here is configuration the union may publish in git. Secrets and endpoints
never are: they come from the environment when ``make crosspost`` runs (see env.py).
"""

from __future__ import annotations

import copy
import datetime as dt
import logging
import os

import jinja2

from tinhoi.sitebuild.schema import Setting, checked_value, number, table
from tinhoi.sitebuild.state import current_build

logger = logging.getLogger(__name__)
PART = "crosspost"  # the build's part: the checked config and the articles to plan

FACEBOOK_TEMPLATE = "{{ title }}\n\n{{ text }}\n\n{{ hashtags }}"
ZALO_TEMPLATE = "📢 {{ title }}\n\n{{ text }}\n\n👉 Xem bài: {{ link }}\n\n{{ hashtags }}"


def _flag(name: str, default: bool, meaning: str) -> Setting:
    return Setting(name, default, meaning, bool)


def _date(value) -> bool:
    if value is None or isinstance(value, dt.date):
        return True
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _day(value) -> str | None:
    """The checked ``start``: YYYY-MM-DD, or None."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    return None if value is None else dt.date.fromisoformat(value).isoformat()


def _target(item) -> bool:
    return item == "facebook" or (isinstance(item, str) and item.startswith("zalo:"))


def _template(source: str) -> bool | str:
    try:
        jinja2.Environment(autoescape=False).from_string(source)
    except jinja2.TemplateSyntaxError as error:
        return f"có lỗi ở dòng {error.lineno} của mẫu: {str(error.message).rstrip('.')}"
    return True


def _hashtag_max(value) -> bool:
    return value is None or (not isinstance(value, bool) and value >= 0)


KEYS = (
    _flag(
        "plan",
        False,
        "Viết kế hoạch đăng, bộ bài Zalo và báo cáo khi dựng xong (publishconf.py bật).",
    ),
    Setting(
        "dir",
        "crosspost",
        "Thư mục của kế hoạch, bộ bài Zalo, báo cáo, sổ ghi và nhật ký; tính từ thư mục dự án "
        "(thư mục chứa content/).",
        str,
        bool,
        "không được để trống",
    ),
    Setting(
        "start",
        None,
        "Không bao giờ đăng bài có ngày trước ngày này (dạng 2026-12-01): lần chạy đầu trên "
        "một trang cũ không đăng tràn ngập. None: chưa đăng bài nào cho đến khi đặt.",
        (str, dt.date, type(None)),
        _date,
        "phải là một ngày dạng 2026-12-01",
        clean=_day,
    ),
    table(
        "channels",
        "Các kênh được dùng.",
        (
            _flag("facebook", True, "Đăng lên Trang Facebook của đơn vị."),
            _flag("zalo_kit", True, "Soạn bộ bài Zalo để cán bộ dán vào nhóm."),
            _flag("zalo_oa", False, "Gửi vào nhóm Zalo qua Official Account (zalo_oa_groups)."),
            _flag("zalo_bot", False, "Gửi vào nhóm Zalo qua Zalo Bot (zalo_bot_chats)."),
        ),
    ),
    Setting(
        "targets",
        {"*": ["facebook", "zalo:ban-chap-hanh"]},
        "Nơi đăng mặc định theo mã chuyên mục (“*”: mọi chuyên mục khác): “facebook” hoặc "
        "“zalo:<mã nhóm>” (một nhóm trong unit.yml, hoặc mã một chi hội: nhóm của chi hội đó). "
        "Ghi bảng này thì nó thay cả bảng mặc định.",
        dict,
        each=Setting(
            "*",
            [],
            "Nơi đăng bài của chuyên mục này; một nơi ghi sai thì bị bỏ qua, các nơi khác vẫn "
            "đăng.",
            (str, list, tuple),
            lambda items: not isinstance(items, str) or _target(items),
            "phải là danh sách “facebook” hoặc “zalo:<mã nhóm>”",
            item=Setting(
                "",
                None,
                "Một nơi đăng.",
                str,
                _target,
                "phải là “facebook” hoặc “zalo:<mã nhóm>”",
            ),
            clean=lambda items: [items] if isinstance(items, str) else list(items),
        ),
    ),
    _flag(
        "branch_groups",
        True,
        "Bài có Branches: cũng được gửi vào nhóm của các chi hội đó, trừ khi bài tự ghi "
        "nhóm (Zalo:).",
    ),
    Setting(
        "zalo_oa_groups",
        {},
        "Nhóm Zalo gửi được qua Official Account: mã nhóm → mã nhóm OA (Group Message Framework).",
        dict,
    ),
    Setting(
        "zalo_bot_chats",
        {},
        "Nhóm Zalo gửi được qua Zalo Bot: mã nhóm → mã cuộc trò chuyện của bot.",
        dict,
    ),
    table(
        "templates",
        "Mẫu tin (Jinja) của từng kênh; các biến xem README.",
        (
            Setting("facebook", FACEBOOK_TEMPLATE, "Mẫu bài Facebook.", str, _template),
            Setting("zalo", ZALO_TEMPLATE, "Mẫu tin Zalo.", str, _template),
        ),
    ),
    table(
        "limits",
        "Số ký tự tối đa của một tin; dài hơn thì bỏ bớt hashtag, rồi rút gọn đoạn văn.",
        (
            Setting("facebook", 5000, "Của Facebook.", **number(100)),
            Setting("zalo", 2000, "Của Zalo.", **number(100)),
        ),
    ),
    table(
        "hashtags",
        "Hashtag của tin: những cái luôn có, rồi từ chủ đề (Tags) của bài.",
        (
            Setting(
                "fixed",
                ["HộiPhụNữ"],
                "Hashtag luôn có, đặt trước.",
                (list, tuple),
                lambda value: all(isinstance(tag, str) for tag in value),
                "phải là một danh sách chuỗi",
            ),
            Setting(
                "max",
                5,
                "Số hashtag tối đa; None: không giới hạn.",
                (int, type(None)),
                _hashtag_max,
                "phải là số nguyên ≥ 0 hoặc None",
            ),
            _flag("ascii", False, "Bỏ dấu trong hashtag (#HoiPhuNu thay vì #HộiPhụNữ)."),
        ),
    ),
    Setting(
        "max_posts_per_run",
        5,
        "Số bài mới đăng tối đa trong một lần chạy.",
        **number(0),
    ),
    Setting(
        "timeout", 15.0, "Số giây chờ kết nối và chờ mỗi câu trả lời.", **number(0, whole=False)
    ),
    Setting(
        "retries",
        3,
        "Số lần thử một lỗi tạm thời trong một lần chạy.",
        **number(0),
    ),
    Setting(
        "backoff",
        2.0,
        "Số giây chờ trước lần thử thứ hai, gấp đôi sau mỗi lần (có lệch ngẫu nhiên).",
        **number(0, whole=False),
    ),
    Setting("backoff_max", 30.0, "Số giây chờ tối đa giữa hai lần thử.", **number(0, whole=False)),
    Setting(
        "usage_limit",
        85,
        "Phần trăm hạn mức gọi API (theo tiêu đề báo mức dùng) mà vượt thì dừng đăng.",
        **number(0, whole=False),
    ),
    Setting(
        "lock_wait",
        0.0,
        "Số giây lần chạy thứ hai chờ lần chạy thứ nhất xong.",
        **number(0, whole=False),
    ),
    _flag("live_check", True, "Địa chỉ bài phải trả lời 200 trước khi gửi gì đi."),
    _flag(
        "facebook_scrape",
        True,
        "Nhờ Facebook đọc lại thẻ OG của trang trước khi đăng.",
    ),
    _flag(
        "facebook_update",
        True,
        "Sửa chữ của bài Facebook khi tiêu đề hay tóm tắt của bài đổi.",
    ),
    _flag(
        "facebook_delete",
        False,
        "Xoá bài Facebook khi bài viết không còn hoặc thành bản nháp.",
    ),
)
SETTINGS = (
    table(
        "CROSSPOST",
        "Đăng bài lên Facebook và Zalo. Chỉ ghi khoá muốn đổi, ví dụ ngày bắt đầu (start) và "
        "nơi đăng theo chuyên mục (targets); bảng con (channels, templates, limits, hashtags) "
        "cũng chỉ ghi khoá muốn đổi.",
        KEYS,
    ),
)
DEFAULTS: dict = SETTINGS[0].default


def merged(user: dict | None) -> dict:
    """``DEFAULTS`` updated by ``user``; nested dicts are merged one level deep."""
    config = copy.deepcopy(DEFAULTS)
    for key, value in (user if isinstance(user, dict) else {}).items():
        if isinstance(config.get(key), dict) and isinstance(value, dict) and key != "targets":
            config[key] = {**config[key], **value}
        else:
            config[key] = copy.deepcopy(value)
    return config


def checked(user) -> tuple[dict, list[str]]:
    """The ``CROSSPOST`` setting checked key by key (``KEYS``), and the messages logged."""
    return checked_value(SETTINGS[0], user)


def configure(pelican) -> None:
    """``initialized``: merge ``CROSSPOST`` with the defaults and check it, once per build
    (the build keeps it: ``PART``); a language sub-site uses the main site's."""
    settings = pelican.settings
    build = current_build()
    if build is None or PART in build.parts:
        return
    config, _ = checked(settings.get("CROSSPOST"))  # logs each fault
    if config["plan"] and config["start"] is None:
        logger.warning('crosspost: chưa đặt CROSSPOST["start"] (ngày bắt đầu), chưa đăng bài nào')
    root = os.path.dirname(os.path.abspath(settings["PATH"]))
    config["dir"] = os.path.join(root, str(config["dir"]))
    build.parts[PART] = {"config": config, "records": None}
