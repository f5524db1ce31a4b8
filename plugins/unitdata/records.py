"""The records added for merged unions: former units (unit.yml ``predecessors``) and a
branch's former unit, prefix redirects (redirects.yml) and the reader pages' policies
(policies.yml)."""

from __future__ import annotations

from tinhoi.vietnamese.text import slugify

from .model import FormerUnit, Notice, Policies, PrefixRedirect, Unit
from .yamlfile import Reader, text


def former_units(reader: Reader, raw, line: int) -> tuple[FormerUnit, ...]:
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
                f"đơn vị tiền thân “{text(entry)}” phải ghi thành mục có “code”, “name”, "
                "“name_en”, “from”, “until”, “addresses”; mục bị bỏ qua.",
            )
            continue
        at = entry["__line__"]
        code, name = text(entry.get("code")), text(entry.get("name"))
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
                name_en=text(entry.get("name_en")),
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


def read_redirects(reader: Reader) -> list[PrefixRedirect]:
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
        source, target = text(entry.get("from")), text(entry.get("to"))
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


def read_policies(reader: Reader) -> Policies:
    """``policies.yml``: the facts of the privacy and accessibility pages."""
    raw = reader.load()
    raw = raw if isinstance(raw, dict) else {}
    limits = []
    for entry in raw.get("known_limits") or []:
        if isinstance(entry, dict) and entry.get("text"):
            limits.append(Notice(text(entry["text"]), text(entry.get("text_en"))))
        else:
            reader.problem(
                getattr(entry, "get", lambda *_: 1)("__line__", 1),
                "mỗi hạn chế cần “text:” (và “text_en:” cho trang tiếng Anh).",
            )
    days = reader.integer(raw, "removal_days") if "removal_days" in raw else Policies.removal_days
    return Policies(
        removal_days=days,
        contact_email=text(raw.get("contact_email")),
        contact_phone=text(raw.get("contact_phone")),
        standard=text(raw.get("standard")) or Policies.standard,
        tested=reader.date(raw, "tested"),
        known_limits=tuple(limits),
    )


def former_unit_ref(reader: Reader, entry: dict, unit: Unit) -> str:
    code = text(entry.get("former_unit"))
    if code and code not in {u.id for u in unit.predecessors}:
        known = ", ".join(u.id for u in unit.predecessors) or "(chưa có)"
        reader.problem(
            entry["__line__"],
            f"“former_unit: {code}” không có trong “predecessors” của unit.yml "
            f"(các mã có: {known}).",
        )
        return ""
    return code
