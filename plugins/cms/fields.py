"""The editor's fields for articles and pages: one per metadata key, Vietnamese labels.

Field names are the keys as the project writes them (``Title``, ``Cover_alt``…), so a file
saved by the editor reads like one written by hand. ``Slug`` is written by the editor
itself (the i18n ``canonical_slug``); keys it has no field for (``Original_version`` of
``make translate``) are kept when it saves. ``i18n`` says what the English
version shares: ``duplicate`` values (date, branches, cover…) are copied from the
Vietnamese version, ``True`` ones are translated.
"""

from __future__ import annotations

from tinhoi.unitdata.model import UnitData

DATE_FORMAT = "YYYY-MM-DD HH:mm Z"  # 2026-11-20 08:30 +07:00, the house format
DOCUMENT_KEYS = ("Doc_number", "Doc_date", "Doc_issuer", "Doc_type", "Attachment")


def _options(items, lang: str = "vi") -> list[dict]:
    return [{"label": item.name(lang), "value": item.id} for item in items]


def zalo_options(data: UnitData) -> list[dict]:
    """The Zalo groups cross-posting knows (the unit's, then each branch's), and "none"."""
    options = _options(data.unit.zalo_groups)
    options += [
        {"label": f"{b.zalo_group} ({b.name_vi})", "value": b.id}
        for b in data.branches
        if b.zalo_group
    ]
    return [*options, {"label": "Không gửi nhóm Zalo nào (chỉ chọn mục này)", "value": "no"}]


def _picker(name: str, label: str, items, hint: str) -> dict:
    return {
        "name": name,
        "label": label,
        "widget": "select",
        "multiple": True,
        "required": False,
        "options": _options(items),
        "dropdown_threshold": 12,
        "hint": hint,
        "i18n": "duplicate",
    }


def _text(name, label, hint="", i18n=True, required=False, widget="string") -> dict:
    field = {"name": name, "label": label, "widget": widget, "required": required, "i18n": i18n}
    if hint:
        field["hint"] = hint
    return field


def _flag(name, label, hint, default=False) -> dict:
    return {
        "name": name,
        "label": label,
        "widget": "boolean",
        "default": default,
        "required": False,
        "hint": hint,
        "i18n": "duplicate",
    }


def date_field(name: str, label: str, required: bool, hint: str) -> dict:
    return {
        "name": name,
        "label": label,
        "widget": "datetime",
        "format": DATE_FORMAT,  # with the computer's offset: +07:00 in Vietnam
        # no input_timezone: with a zone other than the computer's, 0.221.1 hangs the form
        "required": required,
        "hint": hint,
        "i18n": "duplicate" if name == "Date" else True,
        **({"default": "{{now}}"} if required else {}),
    }


def common_head() -> list[dict]:
    """Title, language and draft switch: what every article and page starts with."""
    return [
        _text("Title", "Tiêu đề", "Ngắn gọn, nói rõ việc gì, ở đâu.", required=True),
        {
            "name": "Lang",
            "label": "Ngôn ngữ",
            "widget": "hidden",
            "default": "{{locale}}",
            "i18n": True,
        },
        {
            "name": "Status",
            "label": "Trạng thái",
            "widget": "select",
            "options": [
                {"label": "Bản nháp (chưa hiện trên trang)", "value": "draft"},
                {"label": "Đăng lên trang", "value": "published"},
            ],
            "default": "draft",
            "hint": "Để “Bản nháp” cho tới khi bài đã được duyệt.",
            "i18n": True,
        },
    ]


def summary_field(main_lang: str) -> dict:
    return {
        **_text(
            "Summary",
            "Sa-pô (tóm tắt)",
            "Một hai câu, dưới 200 ký tự: hiện khi chia sẻ lên Zalo, Facebook.",
            widget="text",
        ),
        "required": [main_lang],
    }


def body_field(main_lang: str) -> dict:
    return {
        "name": "body",
        "label": "Nội dung",
        "widget": "markdown",
        "required": [main_lang],
        "hint": "Ảnh trong bài: nút hình ảnh trên thanh công cụ; nhớ viết mô tả ảnh.",
        "i18n": True,
    }


def article_fields(data: UnitData, category: str, documents: bool, main_lang: str) -> list[dict]:
    """Every article metadata key as a field; document keys only where ``documents``."""
    fields = common_head()
    fields.insert(
        1,
        date_field("Date", "Ngày đăng", True, "Giờ Việt Nam. Bài và bản dịch dùng chung ngày."),
    )
    fields += [
        {
            "name": "Category",
            "label": "Chuyên mục",
            "widget": "select",
            "options": [{"label": c.name_vi, "value": c.id} for c in data.categories],
            "default": category,
            "dropdown_threshold": 12,
            "i18n": "duplicate",
        },
        {
            "name": "Tags",
            "label": "Chủ đề",
            "widget": "list",
            "required": False,
            "hint": "Mỗi chủ đề một ô, viết thống nhất giữa các bài (ví dụ luôn là “Thanh Hóa”).",
            "i18n": True,
        },
        _picker("Branches", "Chi hội", data.branches, "Các chi hội có trong bài."),
        _picker(
            "Campaigns", "Phong trào, cuộc vận động", data.campaigns, "Bài thuộc phong trào nào."
        ),
        _picker("Models", "Mô hình", data.models, "Mô hình hay được nói tới trong bài."),
        {
            **_picker(
                "Unit",
                "Tin của đơn vị cũ",
                data.unit.predecessors,
                "Chỉ với tin đăng trước khi hợp nhất, dưới tên đơn vị cũ.",
            ),
            "multiple": False,
        },
        {
            "name": "Aliases",
            "label": "Địa chỉ cũ của bài",
            "widget": "list",
            "required": False,
            "hint": "Đường dẫn bài trên trang cũ, bắt đầu bằng “/”: vẫn mở được, tự chuyển về đây.",
            "i18n": True,
        },
        summary_field(main_lang),
        {
            "name": "Cover",
            "label": "Ảnh đại diện",
            "widget": "image",
            "required": False,
            "media_folder": "/content/images",
            "public_folder": "images",
            "hint": "Ảnh ngang, rộng ít nhất 1200 điểm ảnh.",
            "i18n": "duplicate",
        },
        _text("Cover_alt", "Mô tả ảnh", "Cho người không nhìn thấy: ai, đang làm gì, ở đâu."),
        _text("Cover_caption", "Chú thích ảnh"),
        _text(
            "Cover_credit",
            "Người chụp ảnh",
            "Chỉ ghi tên; trang tự thêm chữ “Ảnh:”.",
            i18n="duplicate",
        ),
        _flag(
            "Consent",
            "Người trong ảnh, trong bài đã đồng ý",
            "Luật Bảo vệ dữ liệu cá nhân: chỉ bật khi những người có mặt trong ảnh "
            "hoặc được nêu tên đã đồng ý.",
        ),
        _text("Author", "Người viết", "In ở cuối bài.", i18n="duplicate"),
        _text("Source", "Nguồn", "Khi đưa lại tin của nơi khác: tên cơ quan, tờ báo."),
        {**_text("Source_url", "Địa chỉ bài gốc", i18n="duplicate"), "type": "url"},
        _flag("Featured", "Bài nổi bật trên trang chủ", "Bài mới nhất được bật sẽ lên đầu."),
        _text(
            "Social_text",
            "Lời giới thiệu khi đăng Facebook, Zalo",
            "Để trống thì dùng sa-pô.",
            widget="text",
        ),
        _flag("Crosspost", "Đăng lên Facebook, Zalo", "Tắt nếu không muốn tự đăng bài này.", True),
        {
            **_picker("Zalo", "Nhóm Zalo nhận tin", (), "Để trống: các nhóm theo cài đặt chung."),
            "options": zalo_options(data),
        },
    ]
    if documents:
        fields += [
            _text("Doc_number", "Số, ký hiệu văn bản", "Ví dụ: 15/KH-HPN", i18n="duplicate"),
            {
                **date_field("Doc_date", "Ngày ban hành", False, ""),
                "type": "date",
                "format": "YYYY-MM-DD",
                "i18n": "duplicate",
            },
            _text("Doc_issuer", "Cơ quan ban hành"),
            _text("Doc_type", "Loại văn bản", "Kế hoạch, Hướng dẫn, Thông báo, Công văn…"),
            {
                "name": "Attachment",
                "label": "Tệp văn bản",
                "widget": "file",
                "required": False,
                "media_folder": "/content/files",
                "public_folder": "files",
                "hint": "Tệp PDF để bạn đọc tải về.",
                "i18n": "duplicate",
            },
        ]
    fields += [
        date_field("Modified", "Ngày sửa", False, "Chỉ điền khi sửa điều quan trọng."),
        body_field(main_lang),
    ]
    for field in fields:
        if "hint" in field and not field["hint"]:
            del field["hint"]
    return fields


def page_fields(main_lang: str) -> list[dict]:
    """Static pages (Giới thiệu, Liên hệ…): title, draft switch, summary, text."""
    return [*common_head(), summary_field(main_lang), body_field(main_lang)]
