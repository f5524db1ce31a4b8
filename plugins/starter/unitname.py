"""A unit's names as the starter writes them into a new site's content.

The officer gives the union's name as it is written ("Hội LHPN xã An Phú") and the name of
the union above it ("Hội LHPN tỉnh Thanh Hóa"). The English name, the short name and the
place follow from the usual form of those names after the 2025 merger (a xã, phường or
đặc khu under a tỉnh or thành phố); a name of another form is used as given, for the
officer to write the rest in content/data/unit.yml.
"""

from __future__ import annotations

import re

from tinhoi.vietnamese.text import nfc

DEFAULT_UNIT = "Hội LHPN xã Mẫu"
DEFAULT_PROVINCE = "Hội LHPN tỉnh"
_UNION = r"Hội (?:LHPN|Liên hiệp Phụ nữ|Phụ nữ)"
# the kind of place → its English word, after the place's name
LOCAL_KINDS = {"xã": "Commune", "phường": "Ward", "đặc khu": "Special Zone"}
PROVINCE_KINDS = {"tỉnh": "Provincial", "thành phố": "City"}
_LOCAL = re.compile(rf"{_UNION} ({'|'.join(LOCAL_KINDS)})(?: (.+))?")
_PROVINCE = re.compile(rf"{_UNION} ({'|'.join(PROVINCE_KINDS)})(?: (.+))?")
# written unquoted in Markdown headers and quoted in YAML: nothing that would end either
# (nor the braces of the starter's fields)
_FORBIDDEN = re.compile(r'["\\:#\n\r@{}]')
UNION_EN = "Women's Union"


def name_problem(name: str) -> str | None:
    """A Vietnamese message when ``name`` cannot be written into the starter, else None."""
    if not name.strip():
        return 'thiếu tên đơn vị (ví dụ: "Hội LHPN xã An Phú").'
    if _FORBIDDEN.search(name) or not name.strip()[0].isalnum():
        return (
            f'tên “{name}” có ký tự không dùng được (" \\ : # @ {{ }}, xuống dòng, '
            "hoặc không bắt đầu bằng chữ)."
        )
    return None


def _english(kind: str, place: str | None) -> str:
    return f"{place} {kind}" if place else kind


def unit_fields(unit: str = DEFAULT_UNIT, province: str = DEFAULT_PROVINCE) -> dict[str, str]:
    """The starter's fields naming the unit: ``unit``, ``unit_en``, ``unit_short``, ``place``,
    ``place_en``, ``province``, ``province_en``."""
    unit, province = " ".join(nfc(unit).split()), " ".join(nfc(province).split())
    fields = {
        "unit": unit,
        "unit_en": unit,
        "unit_short": unit,
        "place": unit,
        "place_en": unit,
        "province": province,
        "province_en": province,
    }
    local = _LOCAL.fullmatch(unit)
    if local:
        kind, place = local.groups()
        fields["place"] = f"{kind} {place}" if place else kind
        fields["place_en"] = _english(LOCAL_KINDS[kind], place)
        fields["unit_en"] = f"{fields['place_en']} {UNION_EN}"
        fields["unit_short"] = f"Hội Phụ nữ {fields['place']}"
    upper = _PROVINCE.fullmatch(province)
    if upper:
        kind, place = upper.groups()
        fields["province_en"] = f"{_english(PROVINCE_KINDS[kind], place)} {UNION_EN}"
    return fields
