"""The union's data files (``content/data/*.yml``) as editable forms.

Branches, campaigns, models and categories are YAML lists at the top of their files
(``root: true``); the unit is one mapping. Every key the build reads has a field; keys the
editor does not know are kept when it saves.
"""

from __future__ import annotations

from tinhoi.unitdata.model import UnitData


def _s(name: str, label: str, hint: str = "", required: bool = False, widget="string") -> dict:
    field = {"name": name, "label": label, "widget": widget, "required": required}
    if hint:
        field["hint"] = hint
    return field


def _id(hint: str) -> dict:
    return {
        **_s("id", "Mã", hint, required=True),
        "pattern": ["^[a-z0-9]+(-[a-z0-9]+)*$", "Chỉ chữ thường không dấu, số và dấu gạch ngang."],
    }


def _date(name: str, label: str, hint: str = "") -> dict:
    return {
        **_s(name, label, hint, widget="datetime"),
        "type": "date",
        "format": "YYYY-MM-DD",
    }


def _number(name: str, label: str, hint: str = "") -> dict:
    return {**_s(name, label, hint, widget="number"), "value_type": "int"}


def _root_list(name: str, label: str, item: str, summary: str, fields: list[dict]) -> dict:
    return {
        "name": name,
        "label": label,
        "label_singular": item,
        "widget": "list",
        "root": True,
        "collapsed": True,
        "summary": summary,
        "fields": fields,
    }


def unit_fields(data: UnitData) -> list[dict]:
    return [
        _s("name", "Tên đơn vị", required=True),
        _s("name_en", "Tên tiếng Anh"),
        _s("short_name", "Tên ngắn"),
        {**_s("parent_units", "Hội cấp trên", widget="list"), "hint": "Mỗi cấp một ô."},
        _s("parent_units_en", "Hội cấp trên (tiếng Anh)", widget="list"),
        {
            **_s("predecessors", "Đơn vị tiền thân (đã hợp nhất vào Hội)", widget="list"),
            "summary": "{{fields.name}}",
            "fields": [
                {
                    **_id("Dùng trong bài: “Unit: mã”; địa chỉ trang lưu trữ theo mã."),
                    "name": "code",
                },
                _s("name", "Tên đơn vị", required=True),
                _s("name_en", "Tên tiếng Anh"),
                _date("from", "Thành lập ngày"),
                _date("until", "Hoạt động đến ngày", "Ngày cuối trước khi hợp nhất."),
                {
                    **_s("addresses", "Trang web, fanpage cũ", widget="list"),
                    "hint": "Mỗi địa chỉ một ô, bắt đầu bằng https://.",
                },
            ],
        },
        _s("address", "Địa chỉ"),
        _s("address_en", "Địa chỉ (tiếng Anh)"),
        _s("phone", "Điện thoại"),
        {**_s("email", "Thư điện tử"), "type": "email"},
        _s("content_responsible", "Người chịu trách nhiệm nội dung", "Họ tên và chức vụ."),
        _s("content_responsible_en", "Người chịu trách nhiệm nội dung (tiếng Anh)"),
        {**_s("fanpage", "Trang Facebook"), "type": "url"},
        {**_s("zalo", "Nhóm hoặc OA Zalo"), "type": "url"},
        {**_s("zalo_oa", "Zalo Official Account (OA)"), "type": "url"},
        {
            **_s("emblem", "Biểu trưng", widget="image"),
            "media_folder": "/content/images",
            "public_folder": "images",
        },
        _date("founded", "Ngày thành lập"),
        _number("members", "Số hội viên"),
        {
            **_s("zalo_groups", "Nhóm Zalo", widget="list"),
            "summary": "{{fields.name}}",
            "fields": [
                _id("Dùng trong mục “Nhóm Zalo nhận tin” của bài."),
                _s("name", "Tên nhóm", required=True),
                _s("name_en", "Tên tiếng Anh"),
                {
                    **_s("url", "Liên kết mời vào nhóm", "Để trống nếu nhóm không công khai."),
                    "type": "url",
                },
            ],
        },
    ]


def list_files(data: UnitData) -> list[dict]:
    """The file entries for categories, branches, campaigns and models."""
    branch_options = [{"label": b.name_vi, "value": b.id} for b in data.branches]
    return [
        {
            "name": "branches",
            "label": "Chi hội",
            "file": "content/data/branches.yml",
            "fields": [
                _root_list(
                    "branches",
                    "Chi hội",
                    "chi hội",
                    "{{fields.name}}",
                    [
                        _id("Không đổi sau khi đã dùng trong bài: địa chỉ trang chi hội theo mã."),
                        _s("name", "Tên chi hội", required=True),
                        _s("name_en", "Tên tiếng Anh"),
                        _s("area", "Địa bàn", "Thôn, khu phố."),
                        _s("area_en", "Địa bàn (tiếng Anh)"),
                        _s("head", "Chi hội trưởng"),
                        _number("members", "Số hội viên"),
                        _date("updated", "Số liệu tính đến ngày"),
                        _number("order", "Thứ tự hiển thị"),
                        _s("zalo_group", "Tên nhóm Zalo của chi hội"),
                        {
                            **_s("former_unit", "Thuộc đơn vị cũ", widget="select"),
                            "required": False,
                            "options": [
                                {"label": u.name_vi, "value": u.id} for u in data.unit.predecessors
                            ],
                        },
                    ],
                )
            ],
        },
        {
            "name": "campaigns",
            "label": "Phong trào, cuộc vận động",
            "file": "content/data/campaigns.yml",
            "fields": [
                _root_list(
                    "campaigns",
                    "Phong trào, cuộc vận động",
                    "phong trào",
                    "{{fields.name}}",
                    [
                        _id("Không đổi sau khi đã dùng trong bài."),
                        _s("name", "Tên", required=True),
                        _s("name_en", "Tên tiếng Anh"),
                        {
                            **_s("type", "Loại", widget="select"),
                            "options": [
                                {"label": "Phong trào", "value": "phong-trao"},
                                {"label": "Cuộc vận động", "value": "cuoc-van-dong"},
                                {"label": "Chương trình", "value": "chuong-trinh"},
                            ],
                        },
                        _s("level", "Cấp phát động", "Trung ương, Tỉnh hoặc Xã."),
                        _date("start", "Bắt đầu"),
                        _date("end", "Kết thúc", "Để trống nếu đang thực hiện."),
                        _s("summary", "Tóm tắt", widget="text"),
                        _s("summary_en", "Tóm tắt (tiếng Anh)", widget="text"),
                        _s("description", "Giới thiệu", widget="markdown"),
                        _s("description_en", "Giới thiệu (tiếng Anh)", widget="markdown"),
                    ],
                )
            ],
        },
        {
            "name": "models",
            "label": "Mô hình hay",
            "file": "content/data/models.yml",
            "fields": [
                _root_list(
                    "models",
                    "Mô hình hay",
                    "mô hình",
                    "{{fields.name}}",
                    [
                        _id("Không đổi sau khi đã dùng trong bài."),
                        _s("name", "Tên mô hình", required=True),
                        _s("name_en", "Tên tiếng Anh"),
                        _s("summary", "Tóm tắt", widget="text"),
                        _s("summary_en", "Tóm tắt (tiếng Anh)", widget="text"),
                        {
                            **_s("branch", "Chi hội phụ trách", widget="select"),
                            "hint": "Để trống nếu là mô hình của cả xã.",
                            "options": branch_options,
                        },
                    ],
                )
            ],
        },
        {
            "name": "categories",
            "label": "Chuyên mục",
            "file": "content/data/categories.yml",
            "fields": [
                _root_list(
                    "categories",
                    "Chuyên mục",
                    "chuyên mục",
                    "{{fields.name}}",
                    [
                        {
                            **_id("Cũng là đường dẫn tiếng Việt; không đổi sau khi đã có bài."),
                            "name": "key",
                        },
                        _s("name", "Tên chuyên mục", required=True),
                        _s("name_en", "Tên tiếng Anh"),
                        _s("slug_en", "Đường dẫn tiếng Anh"),
                        _s("description", "Giới thiệu", widget="text"),
                        _s("description_en", "Giới thiệu (tiếng Anh)", widget="text"),
                    ],
                )
            ],
        },
    ]


def data_collection(data: UnitData) -> dict:
    """One collection, "Dữ liệu của Hội", holding every data file."""
    return {
        "name": "du-lieu",
        "label": "Dữ liệu của Hội",
        "description": "Thông tin đơn vị, chi hội, phong trào, mô hình, chuyên mục.",
        "icon": "database",
        "files": [
            {
                "name": "unit",
                "label": "Thông tin đơn vị",
                "file": "content/data/unit.yml",
                "fields": unit_fields(data),
            },
            *list_files(data),
        ],
    }
