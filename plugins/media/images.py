"""Pure Pillow work: open a photo safely, make it upright and sRGB, resize, encode clean.

Nothing here knows Pelican. Every encoder is called on a copy whose ``info`` is empty, so
no EXIF, XMP, comment, text chunk or maker note can ride along: Pillow otherwise keeps
JPEG/GIF comments and PNG/AVIF colour profiles from ``info``.
"""

from __future__ import annotations

import hashlib
import io
import math
import warnings
from dataclasses import dataclass

from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

RASTER_EXTENSIONS = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".tif", ".tiff", ".bmp")
PHOTO_EXTENSIONS = (*RASTER_EXTENSIONS, ".heic", ".heif", ".jfif")
EXIF_ORIENTATION = 0x0112
# EXIF tags that identify a place, a device or a person
PRIVATE_EXIF_TAGS = {
    0x8825: "GPS",
    0x927C: "MakerNote",
    0xA431: "BodySerialNumber",
    0xA435: "LensSerialNumber",
    0xC62F: "CameraSerialNumber",
    0x013B: "Artist",
    0xA430: "CameraOwnerName",
    0x010F: "Make",
    0x0110: "Model",
}
SRGB = ImageCms.createProfile("sRGB")


class ImageProblem(Exception):
    """An image that cannot be used; ``code`` names the kind of problem."""

    def __init__(self, code: str, detail: str = ""):
        super().__init__(code, detail)
        self.code = code
        self.detail = detail


@dataclass(frozen=True)
class Probe:
    """What the header of an image file says, and its content hash."""

    sha: str
    format: str
    width: int  # as displayed, after the EXIF orientation
    height: int
    mode: str
    frames: int = 1
    has_alpha: bool = False
    error: str = ""  # an ImageProblem code when the file cannot be used

    @property
    def ok(self) -> bool:
        return not self.error

    @property
    def megapixels(self) -> float:
        return self.width * self.height / 1_000_000


def file_sha(path: str) -> str:
    """SHA-256 of a file's bytes (the cache key of everything made from it)."""
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _register_heif() -> bool:
    """Teach Pillow HEIC/HEIF; True when it did not know them yet.

    iPhones save HEIC, which Pillow opens once pillow-heif's opener is registered; libheif
    applies the file's rotation and resets the EXIF tag. It is registered the first time a
    file is not otherwise an image: libheif and its codecs add some 7 MB to each process
    that loads them (the build, every renderer forked from it), and most sites have none.
    """
    if "HEIF" in Image.OPEN:
        return False
    from pillow_heif import register_heif_opener

    register_heif_opener()
    return True


def open_image(path: str) -> Image.Image:
    """``Image.open(path)``, HEIC/HEIF included."""
    try:
        return Image.open(path)
    except UnidentifiedImageError:
        if not _register_heif():
            raise
    return Image.open(path)


def _open(path: str, max_pixels: int) -> Image.Image:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = open_image(path)
    except FileNotFoundError as error:
        raise ImageProblem("missing") from error
    except UnidentifiedImageError as error:
        raise ImageProblem("not_image") from error
    except Image.DecompressionBombError as error:
        raise ImageProblem("too_large") from error
    except (OSError, SyntaxError, ValueError) as error:
        raise ImageProblem("corrupt", str(error)) from error
    if image.width * image.height > max_pixels:
        image.close()
        raise ImageProblem("too_large", f"{image.width}×{image.height}")
    return image


def _orientation(image: Image.Image) -> int:
    try:
        return int(image.getexif().get(EXIF_ORIENTATION, 1))
    except Exception:  # a broken EXIF block: treat the photo as upright
        return 1


def _has_alpha(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in image.info


def _shows_transparency(image: Image.Image) -> bool:
    """True when some pixel is see-through (a screenshot's opaque alpha channel is not)."""
    if not _has_alpha(image):
        return False
    if image.mode == "P" and isinstance(image.info.get("transparency"), int):
        return image.histogram()[image.info["transparency"]] > 0
    rgba = image.convert("RGBA") if image.mode not in ("RGBA", "LA") else image
    return rgba.getchannel("A").getextrema()[0] < 255


def probe(path: str, max_pixels: int) -> Probe:
    """Read the header only (cheap); ``error`` is set instead of raising."""
    try:
        sha = file_sha(path)
    except FileNotFoundError:
        return Probe("", "", 0, 0, "", error="missing")
    try:
        image = _open(path, max_pixels)
    except ImageProblem as problem:
        return Probe(sha, "", 0, 0, "", error=problem.code)
    with image:
        width, height = image.size
        if _orientation(image) in (5, 6, 7, 8):
            width, height = height, width
        alpha = False
        if _has_alpha(image):  # decode to look (only images with an alpha channel)
            try:
                image.load()
                alpha = _shows_transparency(image)
            except (OSError, SyntaxError, ValueError, EOFError):
                return Probe(sha, "", 0, 0, "", error="corrupt")
        return Probe(
            sha=sha,
            format=image.format or "",
            width=width,
            height=height,
            mode=image.mode,
            frames=getattr(image, "n_frames", 1),
            has_alpha=alpha,
        )


def to_srgb(image: Image.Image) -> Image.Image:
    """Convert to RGB or RGBA in sRGB, through the embedded colour profile if any."""
    icc = image.info.get("icc_profile")
    alpha = _has_alpha(image)
    if image.mode == "P":
        image = image.convert("RGBA" if alpha else "RGB")
    elif image.mode in ("LA", "PA", "La", "RGBa"):
        image = image.convert("RGBA")
    elif image.mode in ("1", "I", "I;16", "F"):
        image = image.convert("L")
    if icc:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            out_mode = "RGBA" if image.mode == "RGBA" else "RGB"
            converted = ImageCms.profileToProfile(image, source, SRGB, outputMode=out_mode)
            if converted is not None:
                return converted
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # an unreadable profile: fall back to Pillow's plain conversion
    if image.mode not in ("RGB", "RGBA"):
        image = image.convert("RGB")  # CMYK (Adobe-inverted too), L, YCbCr
    return image


def load_upright(path: str, max_pixels: int, long_edge: int | None = None) -> Image.Image:
    """Decode fully (first frame), apply the EXIF orientation, convert to sRGB.

    With ``long_edge`` a JPEG is decoded at a reduced scale (DCT scaling) when the result
    is still at least that long: a 50-megapixel photo never needs all its pixels.
    """
    image = _open(path, max_pixels)
    try:
        if long_edge and image.format == "JPEG":
            scale = long_edge / max(image.size)
            if scale < 1:
                wanted = (math.ceil(image.width * scale), math.ceil(image.height * scale))
                image.draft(image.mode, wanted)
        image.seek(0)
        image.load()
    except (OSError, SyntaxError, ValueError, EOFError) as error:
        image.close()
        raise ImageProblem("corrupt", str(error)) from error
    upright = ImageOps.exif_transpose(image)
    return to_srgb(upright)


def load_palette(path: str, max_pixels: int) -> Image.Image | None:
    """A palette image (emblem, logo) as it is, when it needs no turning or colour change."""
    image = _open(path, max_pixels)
    if image.mode != "P" or image.info.get("icc_profile") or _orientation(image) != 1:
        image.close()
        return None
    try:
        image.seek(0)
        image.load()
    except (OSError, SyntaxError, ValueError, EOFError) as error:
        image.close()
        raise ImageProblem("corrupt", str(error)) from error
    return image


def flatten(image: Image.Image, background: str) -> Image.Image:
    """RGB for formats without transparency: composite onto ``background``."""
    if image.mode != "RGBA":
        return image if image.mode == "RGB" else image.convert("RGB")
    canvas = Image.new("RGB", image.size, background)
    canvas.paste(image, mask=image.getchannel("A"))
    return canvas


def resize_to_width(image: Image.Image, width: int) -> Image.Image:
    """Scale down to ``width`` keeping the aspect ratio (never up)."""
    if width >= image.width:
        return image.copy()
    height = max(1, round(image.height * width / image.width))
    return image.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)


def scaled_height(width: int, height: int, new_width: int) -> int:
    """The height ``resize_to_width`` gives (used to write markup before any work)."""
    if new_width >= width:
        return height
    return max(1, round(height * new_width / width))


def encode(image: Image.Image, fmt: str, quality: int, background: str = "#ffffff") -> bytes:
    """Encode ``image`` as ``jpeg``, ``webp``, ``avif``, ``png`` or ``gif``, no metadata."""
    clean = image.copy()
    # only the palette's transparent index survives: it is pixels, not metadata
    clean.info = (
        {"transparency": image.info["transparency"]}
        if image.mode == "P" and ("transparency" in image.info)
        else {}
    )
    out = io.BytesIO()
    if fmt == "jpeg":
        flatten(clean, background).save(
            out, "JPEG", quality=quality, optimize=True, progressive=True
        )
    elif fmt == "webp":
        clean.save(out, "WEBP", quality=quality, method=4)
    elif fmt == "avif":
        # one thread: the worker pool already uses every core
        clean.save(out, "AVIF", quality=quality, speed=8, max_threads=1)
    elif fmt == "png":
        clean.save(out, "PNG", optimize=True)
    elif fmt == "gif":
        clean.save(out, "GIF", optimize=True)
    else:
        raise ValueError(f"unknown format {fmt!r}")
    return out.getvalue()


def private_metadata(path: str) -> list[str]:
    """Names of the identifying metadata an image file carries (empty when clean)."""
    found = []
    with open_image(path) as image:
        exif = image.getexif()
        names = [name for tag, name in PRIVATE_EXIF_TAGS.items() if tag in exif]
        if exif.get_ifd(0x8825):
            names.append("GPS")
        exif_ifd = exif.get_ifd(0x8769)
        names += [name for tag, name in PRIVATE_EXIF_TAGS.items() if tag in exif_ifd]
        found += sorted(set(names))
        for key in ("xmp", "XML:com.adobe.xmp", "comment", "photoshop", "iptc"):
            if image.info.get(key):
                found.append(key)
        found += [f"text:{key}" for key in getattr(image, "text", {}) or {}]
    return found
