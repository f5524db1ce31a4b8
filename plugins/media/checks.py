"""Image checks with messages for the officer (pure; the content doctor reuses them).

Each function returns ``Problem``s whose message is Vietnamese, names the image, and says
what to do. The caller adds the article's file and line.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from .images import Probe, probe
from .settings import DEFAULTS

ERROR = "error"
WARNING = "warning"
DROPPED = " Ảnh bị bỏ qua."


@dataclass(frozen=True)
class Problem:
    severity: str  # ERROR: the image is left out; WARNING: it is used, with a caveat
    message: str


def _mp(value: float) -> str:
    return f"{value:.1f}".replace(".", ",").removesuffix(",0")


def unusable(src: str, code: str, detail: str = "", max_megapixels: int = 0) -> Problem:
    """Why the image ``src`` cannot be published (``code`` from ``images.ImageProblem``)."""
    if code == "missing":
        text = (
            f"không tìm thấy ảnh “{src}” (đường dẫn tính từ thư mục content/; kiểm tra tên "
            "tệp, chữ hoa chữ thường và đuôi .jpg)."
        )
    elif code == "not_image" and os.path.splitext(src)[1].lower() in (".heic", ".heif"):
        text = (
            f"ảnh HEIC “{src}” bị hỏng hoặc không phải là ảnh. Hãy chép lại ảnh từ điện thoại, "
            "hoặc chụp dạng JPG (trên iPhone: Cài đặt › Camera › Định dạng › Tương thích nhất)."
        )
    elif code == "not_image":
        text = (
            f"tệp “{src}” không phải là ảnh, hoặc là loại ảnh trang không đọc được. Hãy mở "
            "bằng trình xem ảnh rồi lưu lại thành JPG hoặc PNG."
        )
    elif code == "too_large":
        size = f" ({detail})" if detail else ""
        text = (
            f"ảnh “{src}” quá lớn{size}, vượt giới hạn {max_megapixels} triệu điểm ảnh. "
            "Hãy thu nhỏ ảnh rồi đưa lại."
        )
    else:
        text = (
            f"ảnh “{src}” bị hỏng hoặc chưa chép hết (tệp bị cắt cụt). Hãy chép lại ảnh "
            "từ điện thoại hoặc máy ảnh."
        )
    return Problem(ERROR, text + DROPPED)


def image_problems(
    src: str, info: Probe, warn_megapixels: int, max_megapixels: int, widest: int = 1600
) -> list[Problem]:
    """What the header of ``src`` tells: an unusable file, or caveats about a usable one."""
    if info.error:
        return [unusable(src, info.error, "", max_megapixels)]
    problems = []
    if info.megapixels > warn_megapixels:
        problems.append(
            Problem(
                WARNING,
                (
                    f"ảnh “{src}” rất lớn ({info.width}×{info.height}, "
                    f"{_mp(info.megapixels)} triệu điểm ảnh); trang chỉ cần tối đa {widest} "
                    "điểm ảnh chiều ngang. Ảnh vẫn được thu nhỏ, nhưng nên thu nhỏ trước khi "
                    "đưa vào cho nhẹ và dựng trang nhanh hơn."
                ),
            )
        )
    if info.mode == "CMYK":
        problems.append(
            Problem(
                WARNING,
                (
                    f"ảnh “{src}” dùng hệ màu CMYK của máy in; đã đổi sang màu màn hình "
                    "(sRGB) nên màu có thể hơi khác. Nên xuất lại ảnh ở chế độ RGB."
                ),
            )
        )
    if info.frames > 1:
        problems.append(
            Problem(
                WARNING,
                (
                    f"ảnh “{src}” là ảnh động ({info.frames} khung hình); trang chỉ dùng "
                    "khung hình đầu tiên. Muốn đăng hình động, hãy đăng video."
                ),
            )
        )
    elif info.has_alpha:
        problems.append(
            Problem(
                WARNING,
                (
                    f"ảnh “{src}” có nền trong suốt; bản JPEG cho trình duyệt cũ và ảnh chia "
                    "sẻ dùng nền trắng. Nếu là ảnh chụp, nên lưu thành JPG."
                ),
            )
        )
    return problems


def alt_problem(src: str, alt: str | None, cover: bool = False) -> Problem | None:
    """A missing description (alt text) of ``src``."""
    if alt and alt.strip():
        return None
    if cover:
        return Problem(
            WARNING,
            (
                f"ảnh bìa “{src}” chưa có mô tả: thêm dòng “Cover_alt: …” kể ảnh cho thấy gì "
                "(người khiếm thị nghe mô tả này; nó cũng hiện ra khi ảnh không tải được)."
            ),
        )
    return Problem(
        WARNING,
        (
            f"ảnh “{src}” chưa có mô tả: viết mô tả trong ngoặc vuông, ví dụ "
            "![Chị Lan trao quà cho hội viên](…) (người khiếm thị nghe mô tả này; nó cũng hiện "
            "ra khi ảnh không tải được)."
        ),
    )


def consent_problem(images: list[str], consent: bool | None) -> Problem | None:
    """``Consent`` other than yes on an article with photos: the photos are not published.

    ``consent`` is None when the article has no ``Consent:`` line (nothing is said then:
    a photo of a field needs no consent), False for ``no`` or an unclear value.
    """
    if consent is not False or not images:
        return None
    names = ", ".join(f"“{src}”" for src in images)
    return Problem(
        WARNING,
        (
            f"người trong ảnh chưa đồng ý (dòng Consent không ghi “yes”) nên {len(images)} ảnh "
            f"không được đăng: {names}. Khi mọi người đã đồng ý, sửa thành “Consent: yes”."
        ),
    )


def image_size(content_path: str, src: str) -> tuple[int, int] | None:
    """Size of ``src`` (a path under ``content_path``) as shown, EXIF orientation applied;
    None when it is not a usable image."""
    info = probe(os.path.join(content_path, src), DEFAULTS["max_megapixels"] * 1_000_000)
    return None if info.error else (info.width, info.height)


def check_image_file(path: str, src: str | None = None) -> list[Problem]:
    """Every file-level problem of the image at ``path``, with the default limits."""
    info = probe(path, DEFAULTS["max_megapixels"] * 1_000_000)
    return image_problems(
        src or path,
        info,
        DEFAULTS["warn_megapixels"],
        DEFAULTS["max_megapixels"],
        max(DEFAULTS["widths"]),
    )
