"""The bundled sample site's photos: every derivative a page names exists, nothing private
leaves, no original and no duplicate is published."""

from __future__ import annotations

import photosite as site

from tinhoi.media.images import RASTER_EXTENSIONS, private_metadata


def test_every_srcset_and_src_of_every_page_exists(sample_site):
    output = sample_site.output
    checked = 0
    for page in output.rglob("*.html"):
        tags = site.Tags(page.read_text(encoding="utf-8"))
        for attrs in tags.find("source") + tags.find("img"):
            urls = [url for url, _w in site.srcset_urls(attrs.get("srcset", "") or "")]
            urls += [attrs["src"]] if attrs.get("src", "").startswith("/") else []
            for url in urls:
                assert (output / url.lstrip("/")).is_file(), f"{page}: {url}"
                checked += 1
    assert checked > 500  # covers on articles, thumbnails in lists, the lead story


def test_sample_output_holds_no_original_and_nothing_private(sample_site):
    output = sample_site.output
    images = [p for p in output.rglob("*") if p.suffix.lower() in RASTER_EXTENSIONS]
    originals = [p for p in images if p.relative_to(output).parts[0] == "images"]
    assert [p.name for p in originals] == ["emblem.png"]  # linked by the masthead on purpose
    assert not [p for p in images if p.relative_to(output).parts[0] == "en"]
    for path in images:
        assert private_metadata(str(path)) == [], path


def test_every_article_page_has_a_share_card_as_og_image(sample_site):
    output = sample_site.output
    pages = [*output.glob("20*/*/*/index.html"), *(output / "en").glob("20*/*/*/index.html")]
    assert len(pages) > 20
    for page in pages:
        [image] = site.Tags(page.read_text(encoding="utf-8")).find("meta", property="og:image")
        assert "/media/og/" in image["content"] and image["content"].endswith(".jpg")
        card = output / "media" / "og" / image["content"].split("/media/og/", 1)[1]
        assert card.is_file(), page
