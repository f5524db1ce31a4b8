"""The Vietnamese report printed at the end of an import."""

from __future__ import annotations

from .run import Result


def report(result: Result) -> str:
    """What was imported, what was skipped and why, which pictures were left out."""
    imported = [o for o in result.outcomes if o.path]
    skipped = [o for o in result.outcomes if o.skipped]
    lines = [
        f"Nguồn: {result.source.name} ({len(result.outcomes)} mục).",
        f"Đã nhập {len(imported)} bài, {result.pictures} ảnh; bỏ qua {len(skipped)} mục.",
    ]
    if imported:
        lines.append("")
        lines.append("Bài đã nhập:")
        for outcome in imported:
            lines.append(f"  + content/{outcome.path}  ({outcome.title})")
            for problem in outcome.problems:
                lines.append(f"      thiếu ảnh: {problem}")
            if outcome.no_alt:
                lines.append(
                    f"      {outcome.no_alt} ảnh chưa có mô tả riêng: hãy viết lại mô tả "
                    "trong ngoặc vuông ![…] cho người khiếm thị."
                )
    if skipped:
        lines.append("")
        lines.append("Bỏ qua:")
        for outcome in skipped:
            lines.append(f"  - {outcome.title} [{outcome.origin}]: {outcome.skipped}")
    if imported:
        lines.append("")
        lines.append(
            "Tiếp theo: chạy make check, xem lại ảnh có người (Luật Bảo vệ dữ liệu cá nhân: "
            "ghi Consent: yes khi người trong ảnh đồng ý), rồi make html."
        )
    return "\n".join(lines)
