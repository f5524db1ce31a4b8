"""The pure image functions: safe opening, upright sRGB pixels, clean encodes, crops."""

from __future__ import annotations

import io

import imagemaker as make
import pytest
from PIL import Image

from tinhoi.media import checks
from tinhoi.media.cards import attention_box
from tinhoi.media.files import widths_for
from tinhoi.media.images import (
    encode,
    load_upright,
    private_metadata,
    probe,
    resize_to_width,
    scaled_height,
)

MAX = 100_000_000


def test_a_phone_photo_carries_what_we_must_remove(tmp_path):
    path = make.phone_jpeg(tmp_path / "p.jpg")
    found = private_metadata(str(path))
    for name in ("GPS", "BodySerialNumber", "MakerNote", "Artist", "xmp", "comment"):
        assert name in found


@pytest.mark.parametrize("fmt", ["jpeg", "webp", "avif", "png", "gif"])
def test_encoded_files_carry_no_metadata(tmp_path, fmt):
    source = make.phone_jpeg(tmp_path / "p.jpg", size=(320, 240))
    with Image.open(source) as image:
        image.load()  # info holds exif, icc, xmp, comment: the encoder must drop them all
        data = encode(image, fmt, 80)
    target = tmp_path / f"out.{fmt}"
    target.write_bytes(data)
    assert private_metadata(str(target)) == []
    with Image.open(target) as written:
        assert not written.getexif()
        assert "icc_profile" not in written.info


def test_orientation_tag_is_applied(tmp_path):
    path = make.phone_jpeg(tmp_path / "turned.jpg", size=(800, 600), orientation=6)
    assert (probe(str(path), MAX).width, probe(str(path), MAX).height) == (800, 600)
    image = load_upright(str(path), MAX)
    assert image.size == (800, 600)
    red, green, blue = image.getpixel((400, 10))  # the red band is back on top
    assert red > 150 and green < 90 and blue < 90


def test_colour_profile_is_converted_not_dropped(tmp_path):
    # pure red under a profile that swaps red and green is green on screen
    image = load_upright(str(make.profiled_jpeg(tmp_path / "p.jpg")), MAX)
    red, green, _blue = image.getpixel((10, 10))
    assert green > 200 and red < 40


def test_cmyk_becomes_rgb(tmp_path):
    image = load_upright(str(make.cmyk_jpeg(tmp_path / "c.jpg")), MAX)
    assert image.mode == "RGB"
    red, green, blue = image.getpixel((450, 10))
    assert red > 150 and green < 90 and blue < 90  # not inverted, not washed out


def test_a_huge_jpeg_is_decoded_at_reduced_scale(tmp_path):
    path = make.huge_jpeg(tmp_path / "h.jpg")
    info = probe(str(path), MAX)
    assert info.megapixels > 50
    image = load_upright(str(path), MAX, long_edge=1600)
    assert 1600 <= image.width < 4100  # DCT scaling, never the full 8200 px


@pytest.mark.parametrize(
    ("maker", "code"),
    [
        (make.truncated_jpeg, "corrupt"),
        (make.not_an_image, "not_image"),
        (lambda p: p, "missing"),
        (make.huge_jpeg, "too_large"),
    ],
    ids=["truncated", "not-an-image", "missing", "over-the-limit"],
)
def test_unusable_files_raise_one_clear_code(tmp_path, maker, code):
    from tinhoi.media.images import ImageProblem

    path = maker(tmp_path / "x.jpg")
    with pytest.raises(ImageProblem) as raised:
        load_upright(str(path), 40_000_000)
    assert raised.value.code == code


def test_probe_reads_headers_without_raising(tmp_path):
    assert probe(str(make.not_an_image(tmp_path / "x.jpg")), MAX).error == "not_image"
    assert probe(str(tmp_path / "none.jpg"), MAX).error == "missing"
    gif = probe(str(make.animated_gif(tmp_path / "a.gif")), MAX)
    assert gif.frames == 3 and not gif.error
    assert probe(str(make.transparent_png(tmp_path / "t.png")), MAX).has_alpha


def test_an_opaque_alpha_channel_is_not_transparency(tmp_path):
    screenshot = tmp_path / "zalo.png"
    Image.new("RGBA", (360, 640), (250, 250, 250, 255)).save(screenshot)
    assert not probe(str(screenshot), MAX).has_alpha
    assert checks.check_image_file(str(screenshot)) == []


def test_transparency_becomes_white_in_jpeg_and_stays_in_webp(tmp_path):
    image = load_upright(str(make.transparent_png(tmp_path / "t.png")), MAX)
    jpeg = Image.open(io.BytesIO(encode(image, "jpeg", 85)))
    assert jpeg.mode == "RGB" and min(jpeg.getpixel((2, 2))) > 245
    webp = Image.open(io.BytesIO(encode(image, "webp", 85)))
    assert webp.mode == "RGBA" and webp.getpixel((2, 2))[3] == 0


@pytest.mark.parametrize(
    ("width", "expected"),
    [
        (4000, [400, 800, 1200, 1600]),
        (1200, [400, 800, 1200]),
        (1000, [400, 800, 1000]),
        (300, [300]),
    ],
)
def test_derivative_widths_never_enlarge(width, expected):
    assert widths_for(width, (400, 800, 1200, 1600)) == expected


def test_resize_matches_the_planned_height():
    image = Image.new("RGB", (4000, 3000))
    for width in (400, 800, 1333):
        assert resize_to_width(image, width).size == (width, scaled_height(4000, 3000, width))


@pytest.mark.parametrize(
    ("where", "size"),
    [
        ("top", (1600, 1200)),
        ("bottom", (1600, 1200)),
        ("left", (2400, 800)),
        ("right", (2400, 800)),
    ],
)
def test_attention_crop_keeps_the_busy_part(where, size):
    width, height = size
    image = Image.new("RGB", size, (120, 160, 210))  # plain sky...
    busy = Image.effect_noise((width // 3, height // 3), 90).convert("RGB")  # ...and people
    x = {"left": 0, "right": width - busy.width}.get(where, (width - busy.width) // 2)
    y = {"top": 0, "bottom": height - busy.height}.get(where, (height - busy.height) // 2)
    image.paste(busy, (x, y))
    left, top, right, bottom = attention_box(image, 1200 / 630)
    assert abs((right - left) / (bottom - top) - 1200 / 630) < 0.01
    assert left <= x and x + busy.width <= right
    assert top <= y and y + busy.height <= bottom


def test_checks_explain_each_problem_in_vietnamese(tmp_path):
    messages = {
        "cmyk": checks.check_image_file(str(make.cmyk_jpeg(tmp_path / "c.jpg")), "c.jpg"),
        "gif": checks.check_image_file(str(make.animated_gif(tmp_path / "a.gif")), "a.gif"),
        "png": checks.check_image_file(str(make.transparent_png(tmp_path / "t.png")), "t.png"),
        "big": checks.check_image_file(str(make.huge_jpeg(tmp_path / "h.jpg")), "h.jpg"),
    }
    assert "CMYK" in messages["cmyk"][0].message
    assert "ảnh động" in messages["gif"][0].message
    assert "trong suốt" in messages["png"][0].message
    assert "rất lớn" in messages["big"][0].message and "8200×6100" in messages["big"][0].message
    assert all(len(found) == 1 for found in messages.values())
    assert checks.alt_problem("x.jpg", "  ") and not checks.alt_problem("x.jpg", "Chị Lan")
    assert checks.consent_problem(["x.jpg"], False) and not checks.consent_problem(["x.jpg"], None)
