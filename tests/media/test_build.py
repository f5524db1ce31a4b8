"""Photos through a real build: markup, derived files, privacy, share cards, the cache."""

from __future__ import annotations

import shutil

import photosite as site
import pytest
from conftest import SAMPLE_CONTENT, run_build
from html_tools import broken_links
from PIL import Image

from tinhoi.media.images import RASTER_EXTENSIONS, private_metadata


def _content(root):
    content = root / "content"
    shutil.copytree(SAMPLE_CONTENT / "data", content / "data")
    shutil.copy2(SAMPLE_CONTENT / "images" / "emblem.png", content / "images" / "emblem.png")
    return content


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The photo site, built twice with one cache: (first, second, stats, snapshot)."""
    root = tmp_path_factory.mktemp("photos")
    (root / "content" / "images").mkdir(parents=True)
    content = _content(root)
    theme = site.write_photo_site(content, root)
    media = {"cache_dir": str(root / "cache" / "media")}
    with site.media_stats() as stats:
        first = run_build(root, content, THEME=str(theme), MEDIA=media)
        snapshot = {
            path.relative_to(first.output): (path.stat().st_mtime_ns, path.stat().st_ino)
            for path in (first.output / "media").rglob("*")
            if path.is_file()
        }
        second = run_build(root, content, THEME=str(theme), MEDIA=media)
    return first, second, stats, snapshot


def _page(built_site, url=site.ARTICLE_URL) -> site.Tags:
    return site.Tags((built_site.output / url).read_text(encoding="utf-8"))


def test_the_build_is_clean(built):
    first, second, _stats, _snap = built
    assert first.result.ok and second.result.ok
    assert first.messages == [] and second.messages == []
    assert broken_links(first.output) == []


@pytest.mark.parametrize(
    ("alt", "loading", "size", "widths"),
    [
        ("Toàn cảnh hội trường", "eager", ("1600", "1200"), [400, 800, 1200, 1600]),
        ("Chị Lan phát biểu tại hội nghị", "lazy", ("1600", "1200"), [400, 800, 1200, 1600]),
    ],
    ids=["cover", "body"],
)
def test_photos_become_responsive_pictures(built, alt, loading, size, widths):
    first = built[0]
    page = _page(first)
    [img] = page.find("img", alt=alt)
    assert (img["width"], img["height"]) == size
    assert img["loading"] == loading and img["decoding"] == "async"
    assert img["src"].endswith(".jpg") and img["src"].startswith("/media/2026/")
    assert ("fetchpriority" in img) == (loading == "eager")
    index = page.tags.index(("img", img))
    sources = [a for t, a in page.tags[:index][-3:] if t == "source"]
    [webp] = [s for s in sources if s["type"] == "image/webp"]
    candidates = site.srcset_urls(webp["srcset"])
    assert [w for _url, w in candidates] == widths
    for url, width in [*candidates, (img["src"], 800)]:
        with Image.open(first.output / url.lstrip("/")) as derived:
            assert derived.size == (width, width * 3 // 4)
            assert derived.format == ("JPEG" if url.endswith(".jpg") else "WEBP")


def test_turned_phone_photo_comes_out_upright(built):
    first = built[0]
    [img] = _page(first).find("img", alt="Chị Lan phát biểu tại hội nghị")
    with Image.open(first.output / img["src"].lstrip("/")) as derived:
        red, green, blue = derived.convert("RGB").getpixel((derived.width // 2, 5))
    assert red > 150 and green < 100 and blue < 100  # the red top band is on top


def test_originals_stay_out_and_nothing_is_copied_twice(built):
    output = built[0].output
    for rel in (site.COVER, site.BODY, site.UNUSED):
        assert not (output / rel).exists()
    assert (output / site.LINKED).is_file()  # linked on purpose: published, stripped
    with Image.open(output / site.LINKED) as linked:
        assert max(linked.size) == 2560  # MEDIA["linked_max_size"]
    images_in_en = [p for p in (output / "en").rglob("*") if p.suffix in RASTER_EXTENSIONS]
    assert images_in_en == []
    [link] = [a for a in _page(built[0]).find("a") if a.get("href", "").endswith(".jpg")]
    assert link["href"] == "/" + site.LINKED


def test_no_image_in_the_output_carries_private_metadata(built):
    output = built[0].output
    images = [p for p in output.rglob("*") if p.suffix.lower() in RASTER_EXTENSIONS]
    assert len(images) >= 15  # 2 photos × 5 files, 2 cards, the link, emblem, theme image
    assert (output / "theme" / site.THEME_ASSET) in images  # came through Pelican's copy
    for path in images:
        assert private_metadata(str(path)) == [], path
        with Image.open(path) as image:
            assert not image.getexif().get_ifd(0x8825), path  # no GPS block at all


def test_the_emblem_keeps_its_transparency(built):
    with Image.open(built[0].output / "images" / "emblem.png") as emblem:
        assert emblem.mode == "P" and "transparency" in emblem.info


@pytest.mark.parametrize(
    ("url", "lang"),
    [(site.ARTICLE_URL, "vi"), ("en/" + site.ARTICLE_URL, "en"), (site.PLAIN_URL, "vi")],
    ids=["cover-vi", "cover-en", "branded"],
)
def test_every_article_has_a_share_card(built, url, lang):
    output = built[0].output
    [meta] = _page(built[0], url).find("meta", **{"data-test": "share-image"})
    assert (meta["data-width"], meta["data-height"], meta["data-type"]) == (
        "1200",
        "630",
        "image/jpeg",
    )
    card = output / meta["content"].lstrip("/")
    with Image.open(card) as image:
        assert image.size == (1200, 630) and image.format == "JPEG"
    assert card.stat().st_size < 200_000
    assert private_metadata(str(card)) == []


def test_both_languages_share_one_cover_card(built):
    vi = _page(built[0]).find("meta", **{"data-test": "share-image"})[0]["content"]
    en = _page(built[0], "en/" + site.ARTICLE_URL).find("meta", **{"data-test": "share-image"})
    assert en[0]["content"] == vi


def test_a_rebuild_with_nothing_changed_touches_no_derived_file(built):
    _first, second, stats, snapshot = built
    assert stats[0]["made"] > 0 and stats[1]["made"] == 0
    after = {
        path.relative_to(second.output): (path.stat().st_mtime_ns, path.stat().st_ino)
        for path in (second.output / "media").rglob("*")
        if path.is_file()
    }
    assert after == snapshot  # same files, same mtimes, the same cache inodes


def test_a_changed_photo_or_setting_makes_new_files(tmp_path, content_dir):
    theme = site.write_photo_site(content_dir, tmp_path)
    media = {"cache_dir": str(tmp_path / "media-cache"), "widths": [300, 600]}
    with site.media_stats() as stats:
        first = run_build(tmp_path, content_dir, THEME=str(theme), MEDIA=media)
        [before] = _page(first).find("img", alt="Toàn cảnh hội trường")
        site.make.phone_jpeg(content_dir / site.COVER, size=(2000, 1500), seed=9)
        second = run_build(tmp_path, content_dir, THEME=str(theme), MEDIA=media)
        # same file name, new pixels: the page is rendered again and points to new files
        [after] = _page(second).find("img", alt="Toàn cảnh hội trường")
        assert after["src"] != before["src"] and (second.output / after["src"][1:]).is_file()
        assert broken_links(second.output) == []
        third = run_build(
            tmp_path, content_dir, THEME=str(theme), MEDIA={**media, "quality": {"webp": 60}}
        )
    assert first.result.ok and second.result.ok and third.result.ok
    assert stats[1]["made"] == 2  # the new cover and its share card
    assert stats[2]["made"] == 2  # both photos again (cards and links do not use WebP)
    [img] = _page(third).find("img", alt="Toàn cảnh hội trường")
    assert img["width"] == "600"


def test_bad_settings_are_logged_and_the_defaults_used(tmp_path, content_dir):
    site.write_photo_site(content_dir, tmp_path)
    bad = {"widths": "big", "quality": {"webp": 500}, "card_size": (10, 10), "colour": "red"}
    built_site = run_build(tmp_path, content_dir, MEDIA=bad)
    assert built_site.result.ok
    errors = built_site.messages_about("MEDIA[")
    assert len(errors) == 4
    assert "MEDIA[\"widths\"] = 'big' phải là một danh sách; dùng mặc định" in errors[0]
    assert any('MEDIA["quality"]["webp"] = 500' in m for m in errors)
    assert any('MEDIA["colour"]' in m for m in errors)
    [img] = _page(built_site).find("img", alt="Toàn cảnh hội trường")
    assert img["width"] == "1600"  # the default widths
