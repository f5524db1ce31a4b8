"""QR codes as inline SVG, made at build time (a phone's camera opens the address)."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=256)  # the same few addresses on both language sites
def qr_svg(address: str) -> str:
    """The SVG element of ``address``'s QR code (one path, sized by the stylesheet)."""
    # imported here: a build that keeps the follow page draws no code
    import qrcode
    from qrcode.constants import ERROR_CORRECT_M
    from qrcode.image.svg import SvgPathImage

    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=4, image_factory=SvgPathImage)
    code.add_data(address)
    image = code.make_image()
    image.path.attrib.pop("id", None)  # a page shows several codes: ids must stay unique
    return image.to_string(encoding="unicode")
