"""iPhone photos (HEIC/HEIF) through a real build: published upright, as web formats,
without EXIF or GPS, as cover, in the body and linked as the original."""

from __future__ import annotations

import subprocess
import sys

import imagemaker as make
import photosite as site
import pillow_heif
import pytest
from conftest import run_build, write_source
from PIL import Image

from tinhoi.media.images import RASTER_EXTENSIONS, private_metadata

URL = "2026/11/ngay-hoi-phu-nu/index.html"
ARTICLE = """\
    Title: Ngày hội phụ nữ khu phố 3
    Date: 2026-11-22 08:00 +07:00
    Slug: ngay-hoi-phu-nu
    Lang: vi
    Category: hoat-dong-hoi
    Summary: Ngày hội phụ nữ khu phố 3.
    Cover: images/iphone/{cover}
    Cover_alt: Hội viên dự ngày hội
    Consent: yes

    ![Chị Hoa nhận giấy khen](images/iphone/{body})

    Xem [ảnh gốc](images/iphone/{linked}).
"""


@pytest.mark.parametrize("suffix", [".heic", ".HEIF"])
def test_iphone_photos_are_published_upright_and_clean(tmp_path, content_dir, suffix):
    names = {key: f"{key}{suffix}" for key in ("cover", "body", "linked")}
    make.phone_heic(content_dir / "images/iphone" / names["cover"], size=(1200, 900))
    make.phone_heic(content_dir / "images/iphone" / names["body"], orientation=6, seed=2)
    make.phone_heic(content_dir / "images/iphone" / names["linked"], size=(1000, 750), seed=3)
    source = pillow_heif.open_heif(content_dir / "images/iphone" / names["body"])
    assert b"SM-A155F" in source.info["exif"]  # the phone's EXIF goes in

    write_source(content_dir / "articles", "ngay-hoi.md", ARTICLE.format(**names))
    built = run_build(tmp_path, content_dir)

    assert built.result.ok and built.messages == []
    page = site.Tags((built.output / URL).read_text(encoding="utf-8"))
    [body] = page.find("img", alt="Chị Hoa nhận giấy khen")
    assert (body["width"], body["height"]) == ("1600", "1200")  # the phone held upright
    with Image.open(built.output / body["src"].lstrip("/")) as derived:
        assert derived.format == "JPEG"
        red, green, blue = derived.convert("RGB").getpixel((derived.width // 2, 5))
    assert red > 150 and green < 100 and blue < 100  # the red top band is on top
    [cover] = page.find("img", alt="Hội viên dự ngày hội")
    assert cover["src"].endswith(".jpg")
    [link] = [a for a in page.find("a") if "iphone/linked" in a.get("href", "")]
    assert link["href"] == "/images/iphone/linked.jpg"  # browsers cannot show HEIC

    images = [p for p in built.output.rglob("*") if p.suffix.lower() in RASTER_EXTENSIONS]
    assert len(images) >= 11  # 2 photos × 5 files, the linked copy
    assert not [p for p in built.output.rglob("*") if p.suffix.lower() in (".heic", ".heif")]
    for path in images:
        assert private_metadata(str(path)) == [], path
        with Image.open(path) as image:
            assert not image.getexif().get_ifd(0x8825), path


@pytest.mark.parametrize("name", ["photo.heic", "named-as-a-jpeg.jpg"])
def test_the_heif_decoder_is_loaded_only_for_a_file_that_needs_it(tmp_path, name):
    # libheif weighs some 7 MB in the build and in every process forked from it
    make.phone_heic(tmp_path / name, size=(640, 480))
    make.photo((320, 200)).save(tmp_path / "plain.jpg", "JPEG")
    script = (
        "import sys\n"
        "import tinhoi.media, tinhoi.media.work, tinhoi.takedown\n"
        "from tinhoi.media.images import open_image\n"
        "with open_image(sys.argv[1] + '/plain.jpg') as image: print(image.size)\n"
        "print('pillow_heif' in sys.modules)\n"
        "with open_image(sys.argv[1] + '/' + sys.argv[2]) as image: print(image.size)\n"
        "print('pillow_heif' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path), name],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.split("\n")[:4] == ["(320, 200)", "False", "(640, 480)", "True"]
