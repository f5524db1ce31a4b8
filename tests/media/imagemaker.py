"""Real image files for the tests, made with Pillow: phone-like photos with GPS, serial
numbers and an orientation tag, CMYK, colour profiles, huge, transparent, animated, broken.
"""

from __future__ import annotations

import io
import random
import struct
from pathlib import Path

from PIL import ExifTags, Image, ImageCms, ImageDraw, ImageFilter

RED, GREEN, BLUE = (220, 30, 30), (30, 180, 60), (40, 60, 200)


def photo(size: tuple[int, int] = (1600, 1200), seed: int = 1) -> Image.Image:
    """A photo-like picture: a sky gradient, a busy band of people-sized shapes, noise.

    The top tenth is red so tests can tell which way is up.
    """
    width, height = size
    rnd = random.Random(seed)
    image = Image.linear_gradient("L").resize(size).convert("RGB")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, width, height // 10), fill=RED)
    for _ in range(60):
        x, y = rnd.randrange(width), rnd.randrange(height // 3, height)
        r = rnd.randrange(8, max(9, width // 25))
        draw.ellipse((x - r, y - r, x + r, y + r), fill=tuple(rnd.randrange(256) for _ in "rgb"))
    noise = Image.effect_noise(size, 12).convert("RGB")
    return Image.blend(image.filter(ImageFilter.GaussianBlur(1)), noise, 0.08)


def private_exif(orientation: int = 1) -> Image.Exif:
    """EXIF as a phone writes it: make, model, serial, owner, maker note and GPS position."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Samsung"
    exif[ExifTags.Base.Model] = "SM-A155F"
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.Artist] = "Nguyen Thi Lan"
    sub = exif.get_ifd(ExifTags.IFD.Exif)
    sub[ExifTags.Base.BodySerialNumber] = "R58T90ABCDE"
    sub[ExifTags.Base.MakerNote] = b"SAMSUNG-MAKERNOTE-0123456789"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (19.0, 54.0, 12.5)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (105.0, 20.0, 48.0)
    return exif


def phone_jpeg(path: Path, size=(1600, 1200), orientation: int = 1, seed: int = 1) -> Path:
    """A JPEG with GPS EXIF; with ``orientation`` 6 the pixels are stored turned (as a
    phone held upright does) and the tag says how to turn them back."""
    image = photo(size, seed)
    if orientation == 6:
        image = image.transpose(Image.Transpose.ROTATE_90)  # stored turned left
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(
        path,
        "JPEG",
        quality=90,
        exif=private_exif(orientation),
        comment=b"GPS 19.9035N 105.3467E",
        xmp=b"<x:xmpmeta><gps>19.9</gps></x:xmpmeta>",
    )
    return path


def cmyk_jpeg(path: Path, size=(900, 600)) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    photo(size).convert("CMYK").save(path, "JPEG", quality=90)
    return path


def swapped_profile() -> bytes:
    """An RGB colour profile whose red and green primaries are swapped.

    Pure red pixels tagged with it are *green* in sRGB: a converter that honours the
    profile turns them green, one that drops it leaves them red.
    """
    data = bytearray(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    count = struct.unpack(">I", data[128:132])[0]
    tags = {}
    for i in range(count):
        sig, offset, size = struct.unpack(">4sII", data[132 + 12 * i : 144 + 12 * i])
        tags[sig] = (offset, size)
    (r_off, r_size), (g_off, _g_size) = tags[b"rXYZ"], tags[b"gXYZ"]
    red, green = bytes(data[r_off : r_off + r_size]), bytes(data[g_off : g_off + r_size])
    data[r_off : r_off + r_size], data[g_off : g_off + r_size] = green, red
    return bytes(data)


def profiled_jpeg(path: Path, size=(800, 600)) -> Path:
    """A pure red JPEG tagged with ``swapped_profile()``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, (255, 0, 0)).save(
        path, "JPEG", quality=95, icc_profile=swapped_profile()
    )
    return path


def huge_jpeg(path: Path, size=(8200, 6100)) -> Path:
    """A 50-megapixel JPEG (flat, so the file stays small)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    image = Image.new("RGB", size, (90, 140, 200))
    ImageDraw.Draw(image).rectangle((0, 0, size[0], size[1] // 10), fill=RED)
    image.save(path, "JPEG", quality=50)
    return path


def transparent_png(path: Path, size=(600, 400)) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    image = Image.new("RGBA", size, (0, 0, 0, 0))
    ImageDraw.Draw(image).ellipse((50, 50, size[0] - 50, size[1] - 50), fill=(*BLUE, 255))
    image.save(path, "PNG")
    return path


def animated_gif(path: Path, size=(300, 200), frames: int = 3) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    images = [Image.new("RGB", size, color) for color in (RED, GREEN, BLUE)[:frames]]
    images[0].save(path, "GIF", save_all=True, append_images=images[1:], duration=200, loop=0)
    return path


def phone_heic(path: Path, size=(1600, 1200), orientation: int = 1, seed: int = 1) -> Path:
    """An iPhone-style HEIC with GPS EXIF; with ``orientation`` 6 the pixels are stored
    turned and the file says how to turn them back (pillow-heif writes it as a rotation)."""
    import pillow_heif  # not registered with Pillow here: the build must do that itself

    image = photo(size, seed)
    if orientation == 6:
        image = image.transpose(Image.Transpose.ROTATE_90)
    path.parent.mkdir(parents=True, exist_ok=True)
    heif = pillow_heif.from_pillow(image)
    heif.save(path, quality=80, exif=private_exif(orientation).tobytes())
    return path


def truncated_jpeg(path: Path) -> Path:
    """The first third of a real JPEG: the header reads, the pixels do not."""
    buffer = io.BytesIO()
    photo((800, 600)).save(buffer, "JPEG", quality=90)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue()[: len(buffer.getvalue()) // 3])
    return path


def not_an_image(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"%PDF-1.4\n% a scanned document saved with the wrong name\n")
    return path
